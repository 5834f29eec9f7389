import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as unguarded } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { cspViolations, outDirOf, recordCspViolations, sitePages, waitForServiceWorker } from './offline-helpers.ts';

/*
 * The policy holds on every page: no Content-Security-Policy violation, no console error and
 * no request to another origin (the last two through the fixtures), with the service worker,
 * the search's WebAssembly and the tool worker all running under it.
 */

test.beforeEach(async ({ page }) => {
  await recordCspViolations(page);
});

const metaPolicy = (html: string) => /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');

test('every page carries the policy first in its head, the same as _headers', async ({ request }, testInfo) => {
  const outDir = outDirOf(testInfo.project.name);
  const headers = readFileSync(path.join(outDir, '_headers'), 'utf8');
  const headerPolicy = /Content-Security-Policy: (.*)/.exec(headers)?.[1];
  expect(headerPolicy).toContain("frame-ancestors 'none'");
  for (const page of sitePages(outDir)) {
    const html = readFileSync(path.join(outDir, page.endsWith('.html') ? page : `${page}index.html`), 'utf8');
    const policy = metaPolicy(html);
    expect(policy, page).toBeDefined();
    // Before the theme snippet, right after <meta charset>.
    expect(html.indexOf('<meta http-equiv="content-security-policy"'), page).toBeLessThan(html.indexOf('<script'));
    expect(policy, page).not.toContain('frame-ancestors');
    expect(`${policy}; frame-ancestors 'none'`, page).toBe(headerPolicy);
  }
  // The served pages carry the header form too (serve-static applies _headers, as hosts do).
  const response = await request.get('./');
  expect(response.headers()['content-security-policy']).toBe(headerPolicy);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  expect(response.headers()['permissions-policy']).toContain('camera=()');
});

test('no page violates the policy, logs an error or reaches another origin', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  for (const path of sitePages(outDirOf(testInfo.project.name))) {
    await page.goto(`./${path}`);
    await page.waitForLoadState('load');
    for (const v of await cspViolations(page)) problems.push(`${path}: ${v}`);
  }
  expect(problems).toEqual([]);
});

test('the search (pagefind WebAssembly and worker) and the service worker run under the policy', async ({ page }) => {
  await page.goto('./');
  await waitForServiceWorker(page);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('kubernetes');
  await expect(page.getByRole('status').filter({ hasText: /results? for/ })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
});

test('a large input runs in the tool worker under the policy', async ({ page }) => {
  await page.goto('./tools/base64/');
  await page.getByRole('radio', { name: 'Encode' }).check();
  await page.getByRole('textbox', { name: 'Base64 or text' }).fill('x'.repeat(1_200_000));
  await expect(page.locator('.tool-output__size').first()).toContainText('MB', { timeout: 30_000 });
  expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/\/_astro\/tool-worker[^/]*\.js$/));
  expect(await cspViolations(page)).toEqual([]);
});

// Without the console guard: the violation this test provokes is logged as an error.
unguarded('an inline script injected into a page is blocked, so the checks above can fail', async ({ page }) => {
  await recordCspViolations(page);
  await page.goto('./');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
  });
  await expect.poll(() => cspViolations(page)).toContainEqual(expect.stringContaining('script-src-elem blocked inline'));
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
