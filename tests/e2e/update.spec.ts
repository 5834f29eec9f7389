import { test, expect } from './fixtures.ts';
import { cspViolations, recordCspViolations, waitForServiceWorker } from './offline-helpers.ts';

/*
 * A new deploy replaces the old one cleanly. The "update" project serves dist-sub (v1)
 * and dist-sub-v2 (the same site built with another FIELDNOTES_TITLE) under /sub/, and
 * switches between them the way a deploy would (scripts/serve-static.mjs).
 */

const V1 = 'Fieldnotes';
/** FIELDNOTES_TITLE of the dist-sub-v2 build (package.json, build:test). */
const V2 = 'Fieldnotes v2';

test('a new build is offered with an accessible prompt, and served whole after Reload', async ({ page, context, request, baseURL }) => {
  test.setTimeout(90_000);
  const deploy = (variant: number) => request.post(new URL(`/__serve-static/variant/${variant}`, baseURL).href);
  expect((await deploy(0)).status()).toBe(204);
  await recordCspViolations(page);

  await page.goto('./');
  await waitForServiceWorker(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(V1);
  const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');

  expect((await deploy(1)).status()).toBe(204);
  // Any navigation makes the browser look for a new worker; the old one still serves v1 whole.
  await page.goto('./tools/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(V1);
  expect(await page.locator('link[rel="stylesheet"]').first().getAttribute('href')).toBe(stylesheet);

  const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  const reload = prompt.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeVisible();
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(V2);
  await expect(prompt).toBeHidden();

  // The new build is what is cached now: with the network cut, v2 is served.
  await context.setOffline(true);
  await page.goto('./tools/');
  await expect(page.getByRole('banner').getByRole('link', { name: V2 })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
  await context.setOffline(false);
  await deploy(0);
});
