import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { declaredPosts } from './content-index.ts';
import { waitForServiceWorker } from './offline-helpers.ts';

/*
 * A site over its precache budget: the "budget" project serves dist-budget, built with
 * FIELDNOTES_PRECACHE_BUDGET=0, so only the shell and the search code are precached. Pages
 * must then be cached as they are read, and be there offline afterwards.
 */

test('pages over the budget are cached on first visit and open offline afterwards', async ({ page, context }) => {
  const precached = [...readFileSync('dist-budget/sw.js', 'utf8').matchAll(/"url":"([^"]*)"/g)].map((m) => m[1] ?? '');
  const deferred = declaredPosts()
    .map((p) => p.id)
    .filter((id) => !precached.includes(`${id}/index.html`));
  expect(precached).toContain('index.html');
  expect(precached.some((url) => url.startsWith('_astro/'))).toBe(true);
  expect(deferred.length, 'posts left out of the precache').toBeGreaterThanOrEqual(2);
  const [read, unread] = deferred as [string, string];

  await page.goto('./');
  await waitForServiceWorker(page);
  await page.goto(`./${read}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await context.setOffline(true);
  const response = await page.goto(`./${read}/`);
  expect(response?.ok()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // A page never read was never cached: offline, it cannot open.
  await expect(page.goto(`./${unread}/`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
});
