import { test, expect } from './fixtures';
import { crawlSite } from './crawl';

/* The same site built with SITE_BASE=/sub/, as a GitLab Pages project site serves it. */

test('every link, asset and fragment of the /sub/ build resolves under /sub/', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const { pages, broken } = await crawlSite(request, baseURL!);
  expect(pages.length).toBeGreaterThan(10);
  expect(broken).toEqual([]);
});

test('search results work under /sub/', async ({ page, request }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('kustomize');
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((nodes) => nodes.map((n) => (n as HTMLAnchorElement).href));
  for (const href of hrefs) {
    expect(new URL(href).pathname.startsWith('/sub/')).toBe(true);
    expect((await request.get(href)).ok()).toBe(true);
  }
  await links.first().click();
  await expect(page.locator('h1')).toBeVisible();
});

test('pages under /sub/ load their styles and scripts', async ({ page }) => {
  await page.goto('./');
  const background = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(background).toContain('system-ui');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
