import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toolIds } from '../../src/tools/registry.ts';
import { test, expect } from './fixtures.ts';
import { bytesOf, cspViolations, recordCspViolations } from './offline-helpers.ts';

/*
 * Each tool saved as one HTML file must work opened from disk (file://) with the network
 * cut, and give the same results as its page on the site.
 */

const fileOf = (id: string) => pathToFileURL(path.resolve('dist', 'tools', id, `fieldnotes-${id}.html`)).href;
const MANIFEST = readFileSync('tests/fixtures/manifests/generic-literals.yaml', 'utf8');

/** The text of every output panel, by label. */
async function outputs(page: Page): Promise<Record<string, string>> {
  await expect(page.locator('.tool-output').first()).toBeVisible();
  return page.locator('.tool-output').evaluateAll((panels) =>
    Object.fromEntries(panels.map((p) => [p.querySelector('.tool-output__label')?.textContent ?? '', p.querySelector('textarea')?.value ?? ''])),
  );
}

test.beforeEach(async ({ page }) => {
  await recordCspViolations(page);
});

test('the base64 file decodes and downloads from disk with the network cut, like the page', async ({ page, context }) => {
  const input = Buffer.from('{"user":"ci-bot","token":"s3cr3t"}').toString('base64');
  await page.goto('./tools/base64/');
  await page.getByRole('radio', { name: 'Decode' }).check();
  await page.getByRole('textbox', { name: 'Base64 or text' }).fill(input);
  const online = await outputs(page);

  await context.setOffline(true);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(fileOf('base64'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Base64 decoder and encoder');
  await page.getByRole('radio', { name: 'Decode' }).check();
  await page.getByRole('textbox', { name: 'Base64 or text' }).fill(input);
  expect(await outputs(page)).toEqual(online);
  const output = page.locator('.tool-output').first();
  const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
  expect(await bytesOf(download)).toEqual(Buffer.from(input, 'base64'));
  expect(requests.filter((url) => url !== fileOf('base64') && !url.startsWith('blob:'))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('the base64 file handles inputs too large for the page thread without a worker', async ({ page, context }) => {
  await context.setOffline(true);
  await page.goto(fileOf('base64'));
  await page.getByRole('radio', { name: 'Encode' }).check();
  await page.getByRole('textbox', { name: 'Base64 or text' }).fill('y'.repeat(1_100_000));
  await expect(page.locator('.tool-output__size').first()).toContainText('MB', { timeout: 30_000 });
  expect(page.workers()).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('the secret-to-kustomize file converts from disk like the page, zip included', async ({ page, context }) => {
  await page.goto('./tools/secret-to-kustomize/');
  await page.getByRole('textbox', { name: /manifests/i }).fill(MANIFEST);
  const online = await outputs(page);
  expect(Object.keys(online)).toContain('kustomization.yaml');

  await context.setOffline(true);
  await page.goto(fileOf('secret-to-kustomize'));
  await page.getByRole('textbox', { name: /manifests/i }).fill(MANIFEST);
  expect(await outputs(page)).toEqual(online);
  const zip = page.getByRole('button', { name: 'Download all (.zip)' });
  if ((await zip.count()) > 0) {
    const [download] = await Promise.all([page.waitForEvent('download'), zip.click()]);
    expect((await bytesOf(download)).subarray(0, 2).toString('latin1')).toBe('PK');
  }
  expect(await cspViolations(page)).toEqual([]);
});

test('every tool has a one-file copy that starts from disk', async ({ page, context }) => {
  await context.setOffline(true);
  for (const id of toolIds) {
    await page.goto(fileOf(id));
    await expect(page.locator(`fn-tool[data-tool="${id}"] form`), id).toBeVisible();
  }
  expect(await cspViolations(page)).toEqual([]);
});
