import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures.ts';
import { declaredPosts } from './content-index.ts';
import { bytesOf, cspViolations, outDirOf, recordCspViolations, sitePages, waitForServiceWorker } from './offline-helpers.ts';

/*
 * One visit with the network on, then the network cut: every page, the search and the
 * tools must keep working from the service worker's cache. Runs for the root build
 * ("offline") and the /sub/ build ("offline-sub").
 */

test.beforeEach(async ({ page }) => {
  await recordCspViolations(page);
});

test('after one visit, every page opens with the network cut', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  const pages = sitePages(outDirOf(testInfo.project.name));
  const posts = declaredPosts().map((p) => `${p.id}/`);
  expect(posts.length).toBeGreaterThan(0);
  for (const post of posts) expect(pages).toContain(post);
  expect(pages.filter((p) => /^tags\/[^/]+\/$/.test(p)).length).toBeGreaterThan(0);
  expect(pages.filter((p) => /^tools\/[^/]+\/$/.test(p)).length).toBeGreaterThan(0);

  await page.goto('./');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  for (const path of pages) {
    const response = await page.goto(`./${path}`);
    expect(response?.ok(), `${path} offline`).toBe(true);
    await expect(page.getByRole('heading', { level: 1 }).first(), `${path} offline`).toBeVisible();
  }
  // A tool page also loads its tool's code offline.
  const tool = pages.find((p) => /^tools\/[^/]+\/$/.test(p))!;
  await page.goto(`./${tool}`);
  await expect(page.locator('fn-tool form')).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
});

test('the search finds words never searched before with the network cut', async ({ page, context }) => {
  const post = declaredPosts().find((p) => p.title && /[A-Za-z]{6,}/.test(p.title));
  test.skip(!post, 'no post with a searchable title');
  const word = /[A-Za-z]{6,}/.exec(post!.title!)![0];

  await page.goto('./');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(word);
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((links) => links.map((l) => new URL((l as HTMLAnchorElement).href).pathname));
  expect(hrefs.some((href) => href.endsWith(`/${post!.id}/`)), `${word} → ${hrefs.join(', ')}`).toBe(true);
  await results.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await cspViolations(page)).toEqual([]);
});

test('a tool works with the network cut: decode, download, and the single-file copy', async ({ page, context }, testInfo) => {
  await page.goto('./');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.goto('./tools/base64/');
  await page.getByRole('radio', { name: 'Decode' }).check();
  await page.getByRole('textbox', { name: 'Base64 or text' }).fill(Buffer.from('offline, still decoding\n').toString('base64'));
  const output = page.locator('.tool-output').first();
  await expect(output.locator('textarea')).toHaveValue('offline, still decoding\n');
  const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
  expect((await bytesOf(download)).toString('utf8')).toBe('offline, still decoding\n');

  // The one-file copy of the tool is offered, and can be saved offline too.
  const link = page.getByRole('link', { name: 'Download this tool' });
  await expect(link).toHaveAttribute('download', 'fieldnotes-base64.html');
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const expected = readFileSync(path.join(outDirOf(testInfo.project.name), 'tools/base64/fieldnotes-base64.html'));
  expect((await bytesOf(saved)).equals(expected)).toBe(true);
  expect(await cspViolations(page)).toEqual([]);
});

test('the site is installable: manifest scoped to the base path, icons served', async ({ page, request, baseURL }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href!, baseURL);
  const response = await request.get(manifestUrl.href);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await response.json()) as { start_url: string; scope: string; icons: Array<{ src: string; sizes: string }> };
  const basePath = new URL(baseURL!).pathname;
  expect(manifest.start_url).toBe(basePath);
  expect(manifest.scope).toBe(basePath);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await request.get(new URL(icon.src, manifestUrl).href)).ok(), icon.src).toBe(true);
  // The worker is registered for the base path only.
  await waitForServiceWorker(page);
  expect(await page.evaluate(async () => new URL((await navigator.serviceWorker.ready).scope).pathname)).toBe(basePath);
});

test("a first visit's install waits while the reader searches, and finishes once search closes", async ({ page, context }) => {
  // The worker's script is held back until search is open, so the test knows the install
  // starts while the reader is searching; the worker then has to learn it from the page.
  let releaseWorker!: () => void;
  const workerReleased = new Promise<void>((resolve) => (releaseWorker = resolve));
  await context.route(/\/sw\.js$/, async (route) => {
    await workerReleased;
    await route.continue();
  });
  const fromWorker: Array<{ url: string; at: number }> = [];
  context.on('request', (request) => {
    // The worker's own script is reported as the worker's request too.
    if (request.serviceWorker() && !/\/sw\.js$/.test(request.url())) fromWorker.push({ url: request.url(), at: Date.now() });
  });

  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).click();
  const searchbox = page.getByRole('searchbox', { name: 'Search' });
  releaseWorker();
  await expect.poll(() => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.installing))).toBe(true);
  // Keep typing for three seconds: a key at most every 700 ms keeps the hold (2 s) alive.
  const typingEnds = Date.now() + 3000;
  for (const letter of 'configuration') {
    if (Date.now() > typingEnds) break;
    await searchbox.press(letter);
    await page.waitForTimeout(400);
  }
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
  expect(fromWorker.map((r) => r.url), 'downloads by the installing worker while search is in use').toEqual([]);

  await page.keyboard.press('Escape');
  const closedAt = Date.now();
  await waitForServiceWorker(page);
  expect(fromWorker.length, 'the precache downloads once search closes').toBeGreaterThan(0);
  expect(fromWorker[0]!.at).toBeGreaterThanOrEqual(closedAt);
});
