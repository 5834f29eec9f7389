import AxeBuilder from '@axe-core/playwright';
import type { Route } from '@playwright/test';
import { test, expect, horizontalOverflow } from './fixtures.ts';
import { declaredPosts } from './content-index.ts';

const posts = declaredPosts();
const KUSTOMIZE_GUIDE = 'kustomize-docker-registry-secret';

async function expectNoAxeViolations(page: import('@playwright/test').Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the home page lists every published post, newest first, with its metadata', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const cards = page.locator('.post-card');
  await expect(cards).toHaveCount(posts.length);
  for (const post of posts) {
    if (post.title) await expect(page.getByRole('link', { name: post.title, exact: true }).first()).toBeVisible();
  }
  // The first <time> of each card is its publication date; "Updated" dates sit in a span.
  const dates = await page.locator('.post-card .post-meta > time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
  expect(dates).toEqual([...dates].sort().reverse());
  await expect(cards.first().getByText(/min read/)).toBeVisible();
});

for (const post of posts) {
  test(`post ${post.id} renders its title, table of contents and highlighted code`, async ({ page }) => {
    await page.goto(`./${post.id}/`);
    if (post.title) await expect(page.getByRole('heading', { level: 1, name: post.title })).toBeVisible();
    const toc = page.getByRole('navigation', { name: 'On this page' });
    // Headings inside an embedded tool (its output labels) are not part of the outline.
    const headings = await page.locator('.prose :is(h2, h3)[id]:not(fn-tool *)').count();
    if (headings > 0) {
      await expect(toc).toBeAttached();
      await expect(toc.getByRole('link')).toHaveCount(headings);
    }
    const code = page.locator('pre.astro-code');
    if ((await code.count()) > 0) {
      // Highlighted code carries both themes' colours as CSS variables on its tokens.
      expect(await code.locator('span[style*="--shiki-dark"]').count()).toBeGreaterThan(0);
      await expect(code.first().getByRole('button', { name: /^Copy/ }).or(page.locator('figure.code-block').first().getByRole('button', { name: /^Copy/ }))).toBeVisible();
    }
  });
}

test('search finds the kustomize guide from the home page, and Enter opens it', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the site' });
  await expect(dialog).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).fill('secretGenerator');
  const results = dialog.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toHaveAttribute('href', new RegExp(`/${KUSTOMIZE_GUIDE}/`));
  await expect(results.first().locator('mark').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${KUSTOMIZE_GUIDE}/`));
});

test('search shows results in rank order as their fragments arrive, however late the first', async ({ page }) => {
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  const search = async () => {
    await page.goto('./');
    await page.keyboard.press('/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('and');
  };
  await search();
  await expect(links.first()).toBeVisible();
  // The status comes with the first result; the rest follow as their fragments arrive, up
  // to the 5 the dialog shows first (search-session.ts). Wait for all of them before taking the order.
  const status = page.locator('.search__status');
  await expect(status).toContainText('results for');
  const total = Number(/^(\d+) results/.exec((await status.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(2);
  await expect(links).toHaveCount(Math.min(total, 5));
  const ranked = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));

  // Again, holding every result's fragment and releasing the top-ranked one last.
  const held: Route[] = [];
  await page.route('**/pagefind/fragment/**', (route) => void held.push(route));
  await search();
  await expect.poll(() => held.length).toBe(ranked.length);
  const rest = held.slice(1).reverse();
  await Promise.all([...rest.map((route) => page.waitForResponse(route.request().url())), ...rest.map((route) => route.continue())]);
  await expect(links).toHaveCount(0); // nothing shows ahead of the top result
  await held[0]!.continue();
  await expect(links).toHaveCount(ranked.length);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(ranked);

  // And once more, holding back only the last: the others show without waiting for it.
  held.length = 0;
  await search();
  await expect.poll(() => held.length).toBe(ranked.length);
  for (const route of held.slice(0, -1)) await route.continue();
  await expect(links).toHaveCount(ranked.length - 1);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(ranked.slice(0, -1));
  await held.at(-1)!.continue();
  await expect(links).toHaveCount(ranked.length);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(ranked);
});

test('a page loads no search code until a search is likely, and all of it once the pointer is on the button', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const searchCode = (paths: string[]) => paths.filter((p) => /\/pagefind\/|search-session|\/search\.[^/]*\.css$/.test(p));
  await page.goto('./');
  await page.waitForLoadState('networkidle');
  expect(searchCode(fetched)).toEqual([]);
  await page.getByRole('button', { name: 'Search' }).hover();
  await expect
    .poll(() => searchCode(fetched).map((p) => p.split('/').pop()!.replace(/\.[\w-]{8}\.(js|css)$/, '.$1')))
    .toEqual(expect.arrayContaining(['search.css', 'search-session.js', 'pagefind.js', 'pagefind-entry.json', 'wasm.en.pagefind']));
});

test('getting search ready fetches no index, filter or result file until a query is typed', async ({ page }) => {
  // The session waits for pagefind with calls of its own (search-session.ts); they must be
  // ones that fetch nothing, or every reader who only opens search would pay for them.
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const indexFiles = () => fetched.filter((p) => /\/pagefind\/(?:index|filter|fragment)\//.test(p));
  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).hover();
  await expect.poll(() => fetched.some((p) => p.endsWith('.pf_meta'))).toBe(true);
  await page.waitForLoadState('networkidle');
  await page.keyboard.press('/');
  await page.waitForTimeout(500); // what the session does once pagefind is ready has time to fetch
  expect(indexFiles()).toEqual([]);
  await page.getByRole('searchbox', { name: 'Search' }).fill('twine');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
  expect(indexFiles().some((p) => p.includes('/pagefind/index/'))).toBe(true);
});

test("pagefind's large files are ungzipped by the browser, not by pagefind's JavaScript inflater", async ({ page }) => {
  const gzipSizes: number[] = [];
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.includes('/pagefind/')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    if (body[0] === 0x1f && body[1] === 0x8b) gzipSizes.push(body.length);
  });
  await page.addInitScript(() => {
    const Native = globalThis.DecompressionStream;
    const made: string[] = [];
    Object.assign(globalThis, { decompressionStreamsMade: made });
    globalThis.DecompressionStream = class extends Native {
      constructor(format: CompressionFormat) {
        super(format);
        made.push(format);
      }
    };
  });
  await page.goto('./');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search' }).fill('twine');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
  const made = await page.evaluate(() => (globalThis as unknown as { decompressionStreamsMade: string[] }).decompressionStreamsMade);
  await page.waitForLoadState('networkidle');
  // pagefind-native-decompression.ts: gzip files of 8 KB or more (here the WebAssembly at least)
  const large = gzipSizes.filter((size) => size >= 8192).length;
  expect(large).toBeGreaterThanOrEqual(1);
  expect(made).toEqual(Array.from({ length: large }, () => 'gzip'));
});

test('search that could not load says so, and the next keystroke tries again', async ({ page, guards }) => {
  // The first metadata request fails only once the query is typed: a start that failed before
  // any query is retried by that query, and the reader never sees the failure.
  let metaRequests = 0;
  let typed!: () => void;
  const queryTyped = new Promise<void>((resolve) => (typed = resolve));
  await page.route(/\.pf_meta$/, async (route) => {
    if (metaRequests++ > 0) return route.continue();
    await queryTyped;
    return route.abort();
  });
  await page.goto('./');
  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search' });
  await input.fill('twine');
  typed();
  const status = page.locator('.search__status');
  await expect(status).toHaveText('Search is unavailable right now. Type again to retry.');
  await input.fill('twin');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
  await expect(status).toContainText('for “twin”');
  expect(metaRequests).toBe(2);
  // The dropped request and pagefind's reports of it are what this test causes; nothing else may log.
  const expected = /ERR_FAILED|Failed to load the meta index|Pagefind: WASM Error|Failed to fetch/;
  expect(guards.consoleErrors.filter((text) => !expected.test(text))).toEqual([]);
  guards.consoleErrors.length = 0;
});

test('what is typed before the search code has loaded is searched once it has', async ({ page }) => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/search-session\.[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('./');
  await page.keyboard.press('/');
  await page.getByRole('searchbox', { name: 'Search' }).fill('twine');
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(links).toHaveCount(0);
  release();
  await expect(links.first()).toBeVisible();
  await expect(page.locator('.search__status')).toContainText('for “twine”');
});

test('search opens with Ctrl+K, is usable by keyboard, and closes with Escape', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('Control+k');
  const input = page.getByRole('searchbox', { name: 'Search' });
  await expect(input).toBeFocused();
  await input.fill('twine');
  const first = page.getByRole('list', { name: 'Search results' }).getByRole('link').first();
  await expect(first).toBeVisible();
  await input.press('ArrowDown');
  await expect(first).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Search the site' })).toBeHidden();
});

test('the theme choice survives a reload and is applied before the first paint', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Record the theme at the earliest moment the body exists, before any module script runs.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body) {
        (window as unknown as { firstTheme: string | undefined }).firstTheme = document.documentElement.dataset['theme'];
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  expect(await page.evaluate(() => (window as unknown as { firstTheme: string | undefined }).firstTheme)).toBe('dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await page.getByLabel('Theme').selectOption('light');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the system theme follows the operating system', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ colorScheme: 'dark', baseURL: baseURL ?? '' });
  const page = await context.newPage();
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await context.close();
});

test.describe('at 320 px wide', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  for (const path of ['./', `./${KUSTOMIZE_GUIDE}/`, './tags/', './tools/', './404.html']) {
    test(`${path} has no horizontal scroll`, async ({ page }) => {
      await page.goto(path);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  }
  test('the table of contents is collapsed and opens on request', async ({ page }) => {
    await page.goto(`./${KUSTOMIZE_GUIDE}/`);
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const firstLink = toc.getByRole('link').first();
    await expect(firstLink).toBeHidden();
    await toc.getByText('On this page').click();
    await expect(firstLink).toBeVisible();
  });
});

test.describe('accessibility (axe)', () => {
  for (const [name, path] of [['home', './'], ['a post', `./${KUSTOMIZE_GUIDE}/`], ['the tag index', './tags/'], ['a tag page', './tags/kubernetes/'], ['the 404 page', './404.html'], ['the tools index', './tools/']] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${name} has no violations in ${theme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(path);
        await expectNoAxeViolations(page);
      });
    }
  }
  test('the open search dialog with results has no violations', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('kustomize');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('the 404 page is served for unknown addresses and helps the reader on', async ({ page }) => {
  const response = await page.goto('./no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'home page' })).toBeVisible();
});

test('feeds, sitemap and robots.txt are served', async ({ request }) => {
  const rss = await (await request.get('./rss.xml')).text();
  expect(rss).toContain('<rss');
  for (const post of posts) expect(rss).toContain(`/${post.id}/</link>`);
  expect((await request.get('./sitemap-index.xml')).ok()).toBe(true);
  expect(await (await request.get('./robots.txt')).text()).toContain('Sitemap:');
});

test('a guide without tools loads no tool code', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  const plain = posts.find((p) => p.id === 'swat-matrix-team') ?? posts[0];
  await page.goto(`./${plain?.id}/`);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((s) => /tool|yaml|fflate|base64/i.test(s))).toEqual([]);
  expect(await page.evaluate(() => customElements.get('fn-tool') === undefined)).toBe(true);
});
