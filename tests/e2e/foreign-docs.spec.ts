import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { crawlSite } from './crawl.ts';
import { htmlProblems } from './built-pages.ts';

/*
 * tests/fixtures/foreign-docs is Markdown written for another tool: no front matter,
 * nested folders, spaces and non-ASCII in names, a `.markdown` file, an image beside the
 * text, a badge from another site, a table and HTML blocks. Built with FIELDNOTES_CONTENT, it
 * must become a complete site. It is built with FIELDNOTES_PAGE_SIZE=2, so that its home page
 * pages through its posts.
 */

const fixturePosts = readdirSync('tests/fixtures/foreign-docs', { recursive: true }).filter((name) => /\.(md|markdown)$/.test(String(name))).length;

test('every page, link, image and fragment resolves', async ({ request, baseURL }) => {
  const { pages, broken } = await crawlSite(request, baseURL!);
  expect(broken).toEqual([]);
  for (const id of ['readme/', 'getting-started/install-guide/', 'r%C3%A9f%C3%A9rence/api/', 'r%C3%A9f%C3%A9rence/changelog/', 'r%C3%A9f%C3%A9rence/deep-folder/%C3%BCn%C3%AFcode-notes/']) {
    expect(pages).toContain(new URL(id, baseURL).href);
  }
});

test('every page is valid HTML, aligned table columns included', async ({ page }) => {
  expect(await htmlProblems('dist-foreign')).toEqual([]);
  await page.goto('./readme/');
  // The README's Price column is aligned right in Markdown (`----:`); the site's table styles keep it.
  await expect(page.getByRole('cell', { name: '12.00' })).toHaveCSS('text-align', 'right');
  await expect(page.getByRole('columnheader', { name: 'Price' })).toHaveCSS('text-align', 'right');
  await expect(page.getByRole('cell', { name: 'Gizmo' })).toHaveCSS('text-align', 'left');
});

test('a file of the folder that a page links to is published, and the link opens it', async ({ page, request }) => {
  await page.goto('./getting-started/install-guide/');
  const link = page.getByRole('link', { name: 'example configuration' });
  const href = await link.getAttribute('href');
  // At its path in the folder, spaces and case kept: the name is the file's, as a download saves it.
  expect(href).toBe('/Getting%20Started/example%20config.yaml');
  const response = await request.get(new URL(href!, page.url()).href);
  expect(response.status()).toBe(200);
  expect(await response.body()).toEqual(readFileSync('tests/fixtures/foreign-docs/Getting Started/example config.yaml'));
});

/** Every post card of the home page and the pages after it: [title, description]. */
async function listedPosts(page: Page): Promise<string[][]> {
  await page.goto('./');
  const listed: string[][] = [];
  for (;;) {
    for (const card of await page.locator('.post-card').all()) {
      const description = card.locator('.post-card__description');
      listed.push([await card.locator('.post-card__title').innerText(), (await description.count()) > 0 ? await description.innerText() : '']);
    }
    const older = page.getByRole('link', { name: /Older posts/ });
    if ((await older.count()) === 0) return listed;
    // Wait for the next page: a click does not, and the cards read next would be this page's.
    const next = new URL((await older.getAttribute('href'))!, page.url()).href;
    await older.click();
    await page.waitForURL(next);
  }
}

test('titles and descriptions come from the text when there is no front matter', async ({ page }) => {
  // h1 → title; first paragraph → description; neither → the file name.
  const listed = await listedPosts(page);
  expect(listed).toContainEqual(['Installing Acme Widgets', 'Install the package, then configure it. Time needed: ten minutes.']);
  expect(listed.map(([title]) => title)).toEqual(expect.arrayContaining(['API', 'Unicode notes']));
  await page.goto('./getting-started/install-guide/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Installing Acme Widgets');
});

/**
 * The image's natural width once the browser is done with it: 0 if it failed to load.
 * Visible is not loaded (Astro's images are lazy and decode async), so wait for complete.
 */
async function loadedWidth(image: Locator): Promise<number> {
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).complete)).toBe(true);
  return image.evaluate((img) => (img as HTMLImageElement).naturalWidth);
}

test('tables, HTML blocks, images and relative links survive', async ({ page }) => {
  await page.goto('./readme/');
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Sprocket' })).toBeVisible();
  await expect(page.locator('.legacy-note strong')).toHaveText('HTML block');
  await page.getByRole('link', { name: 'Install guide' }).click();
  await expect(page).toHaveURL(/\/getting-started\/install-guide\/$/);
  const image = page.getByRole('img', { name: 'Architecture diagram of the widget pipeline' });
  await expect(image).toBeVisible();
  expect(await loadedWidth(image)).toBeGreaterThan(0);
});

test('raw HTML gets what Markdown gets: images beside the page, page links, rel on other sites', async ({ page }) => {
  await page.goto('./getting-started/install-guide/');
  const image = page.getByRole('img', { name: 'The same diagram, sized in HTML' });
  await expect(image).toBeVisible();
  expect(await loadedWidth(image)).toBeGreaterThan(0);
  await expect(page.getByRole('link', { name: "the vendor's site" })).toHaveAttribute('rel', 'noopener noreferrer');
  await page.getByRole('link', { name: 'endpoints' }).click();
  await expect(page).toHaveURL(/\/r%C3%A9f%C3%A9rence\/api\/#endpoints$/);
});

test('media beside the page are published: an <audio> plays, a <picture> source loads', async ({ page, request }) => {
  await page.goto('./getting-started/install-guide/');
  // Written as HTML, and as a Markdown image (GitLab's syntax for a player).
  for (const label of ['The install chime', 'The chime, in Markdown']) {
    const audio = page.locator(`audio[aria-label="${label}"]`);
    await expect(audio).toHaveAttribute('src', '/Getting%20Started/chime.wav');
    // The browser read the file's header: it is there, and it is the WAV the folder holds.
    await expect.poll(() => audio.evaluate((a) => (a as HTMLAudioElement).duration)).toBeCloseTo(0.25, 2);
  }
  const response = await request.get(new URL('/Getting%20Started/chime.wav', page.url()).href);
  expect(await response.body()).toEqual(readFileSync('tests/fixtures/foreign-docs/Getting Started/chime.wav'));
  const pictured = page.getByRole('img', { name: 'The diagram, chosen by a picture element' });
  expect(await loadedWidth(pictured)).toBeGreaterThan(0);
  expect(await pictured.evaluate((img) => new URL((img as HTMLImageElement).currentSrc).pathname)).toBe('/Getting%20Started/diagram.svg');
});

test('an image whose file is missing shows its alt text, and the build goes on', async ({ page }) => {
  await page.goto('./r%C3%A9f%C3%A9rence/changelog/');
  await expect(page.getByText('The release dashboard, a screenshot never committed')).toBeVisible();
  await expect(page.locator('.prose img')).toHaveCount(0);
});

test('a badge from another site becomes its alt text inside its link', async ({ page }) => {
  await page.goto('./readme/');
  await expect(page.getByRole('link', { name: 'Build status' })).toHaveAttribute('href', 'https://ci.example.com/acme/');
  await expect(page.locator('img[src*="ci.example.com"]')).toHaveCount(0);
});

test('the home page shows the newest posts and pages through the rest, newest first', async ({ page }) => {
  await page.goto('./');
  const titles: string[] = [];
  const dates: string[] = [];
  for (let number = 1; ; number++) {
    const cards = page.locator('.post-card');
    expect(await cards.count()).toBeLessThanOrEqual(2);
    titles.push(...(await cards.locator('.post-card__title').allInnerTexts()));
    dates.push(...(await cards.locator('.post-meta > time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''))));
    const older = page.getByRole('link', { name: /Older posts/ });
    if ((await older.count()) === 0) break;
    await older.click();
    await expect(page).toHaveURL(new RegExp(`/page/${number + 1}/$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Page ${number + 1} of ${Math.ceil(fixturePosts / 2)}`);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  }
  expect(titles).toHaveLength(fixturePosts);
  expect(new Set(titles).size).toBe(fixturePosts);
  expect(dates).toEqual([...dates].sort().reverse());
  await page.getByRole('link', { name: /Newer posts/ }).click();
  await expect(page).toHaveURL(new RegExp(`/page/${Math.ceil(fixturePosts / 2) - 1}/$|/$`));
});

test('a tag with more posts than a page holds pages through them', async ({ page }) => {
  // Three posts are tagged Reference; the build holds two per page (FIELDNOTES_PAGE_SIZE=2).
  await page.goto('./tags/reference/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “Reference”, page 1 of 2');
  const titles = await page.locator('.post-card__title').allInnerTexts();
  expect(titles).toHaveLength(2);
  await page.getByRole('link', { name: /Older posts/ }).click();
  await expect(page).toHaveURL(/\/tags\/reference\/page\/2\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “Reference”, page 2 of 2');
  titles.push(...(await page.locator('.post-card__title').allInnerTexts()));
  expect(titles.sort()).toEqual(['Error codes', 'Glossary', 'Unicode notes']);
  await expect(page.getByRole('link', { name: /Older posts/ })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  await page.getByRole('link', { name: /Newer posts/ }).click();
  await expect(page).toHaveURL(/\/tags\/reference\/$/);
});

test('tags with non-ASCII names get pages', async ({ page }) => {
  await page.goto('./tags/');
  await page.getByRole('link', { name: 'Ünïcode' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ünïcode');
  await expect(page.getByRole('link', { name: 'Unicode notes' })).toBeVisible();
});

test('Copy puts what a reader would type on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./getting-started/copying-code/');
  const copied: string[] = [];
  for (const button of await page.getByRole('button', { name: 'Copy code' }).all()) {
    await button.click();
    await expect(button).toHaveText('Copied');
    copied.push(await page.evaluate(() => navigator.clipboard.readText()));
  }
  expect(copied).toEqual([
    // console: the commands and their continuation line, without prompts or output
    'kubectl apply -k overlays/prod \\\n    --dry-run=client\necho done',
    // [!code --] line left out, the notation comment and the space before it gone
    'image: widget:1.1',
    // diff: whole, markers included
    ' context\n-old\n+new',
  ]);
});

test('a common word\'s other results start loading when the pointer reaches "More results"', async ({ page }) => {
  const indexRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/pagefind/index/')) indexRequests.push(request.url());
  });
  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('the');
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(links).toHaveCount(5);
  // The first five came from the build: pagefind has not searched.
  expect(indexRequests).toEqual([]);
  const more = page.getByRole('button', { name: 'More results' });
  await more.hover();
  await expect.poll(() => indexRequests.length).toBeGreaterThan(0);
  await more.click();
  await expect(links.nth(5)).toBeVisible();
});

/*
 * dist-foreign is built with FIELDNOTES_COMMON_WORD_MIN_PAGES=3 (build:test), so "the" is a
 * common word: its first five come from the build, and pagefind is asked on "More results".
 * The same again with an empty list of common words, as a site under 1,500 pages has it:
 * pagefind answers from the start.
 */
for (const source of ['the build', 'pagefind'] as const) {
test(`search shows five results, then the rest in rank order on "More results", by keyboard too (first ones from ${source})`, async ({ page }) => {
  if (source === 'pagefind') await page.route('**/common-words/index.json', (route) => route.fulfill({ json: { folder: 'none', words: [] } }));
  const searched: string[] = []; // requests for a common word's results
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/common-words\/[^/]+\//.test(pathname)) searched.push(pathname);
  });
  await page.goto('./');
  // The oracle: pagefind's own ranking for the word, read in the page.
  const ranked = await page.evaluate(async () => {
    const pagefind = (await import(/* @vite-ignore */ `${location.pathname}pagefind/pagefind.js`)) as {
      options(o: object): Promise<void>;
      search(term: string): Promise<{ results: Array<{ data(): Promise<{ url: string }> }> }>;
    };
    await pagefind.options({ baseUrl: location.pathname, noWorker: true });
    const found = await pagefind.search('the');
    return Promise.all(found.results.map(async (r) => (await r.data()).url));
  });
  expect(ranked.length, 'the fixture needs more pages with "the" than the dialog shows first').toBeGreaterThan(5);

  await page.keyboard.press('/');
  const input = page.getByRole('searchbox', { name: 'Search' });
  await input.fill('the');
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  const hrefs = () => links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  await expect(page.locator('.search__status')).toHaveText(`${ranked.length} results for “the”.`);
  await expect(links).toHaveCount(5);
  expect(await hrefs()).toEqual(ranked.slice(0, 5));
  const more = page.getByRole('button', { name: 'More results' });
  await expect(more).toBeVisible();
  // The build's results were asked for only when there are any.
  expect(searched).toEqual(source === 'the build' ? [expect.stringMatching(/^\/common-words\/[\w-]+\/the\.json$/)] : []);

  // The arrows walk the results and then reach the button; Enter on it shows the next ones
  // and takes the focus to the first of them.
  await input.press('ArrowDown');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(links).toHaveCount(Math.min(ranked.length, 15));
  await expect(links.nth(5)).toBeFocused();
  expect(await hrefs()).toEqual(ranked.slice(0, 15));
  if (ranked.length <= 15) await expect(more).toBeHidden();

  // A new query starts again from five, and the button shows only once they are in.
  await input.fill('');
  await input.fill('the');
  await expect(links).toHaveCount(5);
  await expect(more).toBeVisible();
  expect(await new AxeBuilder({ page }).include('.search__dialog').analyze().then((r) => r.violations)).toEqual([]);
});
}
