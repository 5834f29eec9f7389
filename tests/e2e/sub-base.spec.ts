import { decode } from 'cborg';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { test, expect } from './fixtures.ts';
import { crawlSite } from './crawl.ts';

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

/** A pagefind data file of the /sub/ build, decoded: gzip, the signature, then CBOR. */
function pagefindFile(name: string): unknown {
  return decode(gunzipSync(readFileSync(path.join('dist-sub', 'pagefind', name))).subarray('pagefind_dcd'.length));
}

test('search over an index cut into many small chunks finds every page the index lists for a word', async ({ page }) => {
  test.setTimeout(120_000);
  // dist-sub is built with FIELDNOTES_SEARCH_CHUNK_BYTES=1000 (build:test), so that its words
  // are spread over many chunks.
  const entry = JSON.parse(readFileSync('dist-sub/pagefind/pagefind-entry.json', 'utf8')) as { languages: Record<string, { hash: string }> };
  const [language] = Object.values(entry.languages);
  const [, pages, chunks] = pagefindFile(`pagefind.${language!.hash}.pf_meta`) as [string, Array<[string]>, Array<[string, string, string]>];
  expect(chunks.length).toBeGreaterThan(20);
  // The index's own word lists are the oracle: [word, [[page, positions, …], …], …], each
  // page given as the difference from the one before it.
  const words = chunks.flatMap(([, , hash]) => (pagefindFile(`index/${hash}.pf_index`) as [Array<[string, Array<[number]>]>])[0]);
  const plainWords = words.filter(([word]) => /^[a-z]{5,}$/.test(word));
  const step = Math.max(1, Math.floor(plainWords.length / 30));
  const sample = plainWords.filter((_, i) => i % step === 0);
  expect(sample.length).toBeGreaterThanOrEqual(30);

  await page.goto('./');
  for (const [word, postings] of sample) {
    // A new module instance per word starts with no chunk loaded, as a reader's first query does.
    const found = await page.evaluate(
      async ({ word, fresh }) => {
        const pagefind = await import(/* @vite-ignore */ `/sub/pagefind/pagefind.js?instance=${fresh}`);
        await pagefind.options({ baseUrl: '/sub/', noWorker: true });
        const { results } = await pagefind.search(word);
        return results.map((result: { id: string }) => result.id);
      },
      { word, fresh: word },
    );
    let pageNumber = 0;
    const listed = postings.map(([delta]) => pages[(pageNumber += delta)]![0]);
    expect(found, `pages found for "${word}"`).toEqual(expect.arrayContaining(listed));
  }
});

test('pages under /sub/ load their styles and scripts', async ({ page }) => {
  await page.goto('./');
  const background = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(background).toContain('system-ui');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test("a common word's first results come from the build, the same as pagefind's, under /sub/", async ({ page }) => {
  // dist-sub is built with FIELDNOTES_COMMON_WORD_MIN_PAGES=3 (build:test): on this small site,
  // words on 3 or more pages get their first results worked out by the build.
  const list = JSON.parse(readFileSync('dist-sub/common-words/index.json', 'utf8')) as { folder: string; words: string[] };
  const totals = list.words.map((word) => {
    const { total } = JSON.parse(readFileSync(path.join('dist-sub/common-words', list.folder, `${word}.json`), 'utf8')) as { total: number };
    return { word, total };
  });
  expect(totals.length).toBeGreaterThan(10);
  const { word, total } = totals.reduce((best, next) => (next.total > best.total ? next : best));

  const requested: string[] = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).click();
  // In capitals: pagefind lowercases a query, and so does the lookup.
  await page.getByRole('searchbox', { name: 'Search' }).fill(word.toUpperCase());
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(page.locator('.search__status')).toHaveText(`${total} results for “${word.toUpperCase()}”.`);
  await expect(links).toHaveCount(Math.min(total, 5));
  expect(requested.filter((p) => p.startsWith(`/sub/common-words/${list.folder}/`))).toEqual([`/sub/common-words/${list.folder}/${word}.json`]);
  // No index chunk or fragment: pagefind did not search.
  expect(requested.filter((p) => /^\/sub\/pagefind\/(?:index|fragment)\//.test(p))).toEqual([]);

  const shown = await links.evaluateAll((as) =>
    as.map((a) => [a.getAttribute('href'), a.querySelector('.search__result-title')?.textContent, a.querySelector('.search__result-excerpt')?.innerHTML]),
  );
  // pagefind itself, a fresh instance with the dialog's options.
  const expected = await page.evaluate(async (term) => {
    const oracle = '/sub/pagefind/pagefind.js?instance=oracle';
    const pagefind = await import(/* @vite-ignore */ oracle);
    await pagefind.options({ baseUrl: '/sub/', excerptLength: 24, noWorker: true });
    const found = await pagefind.search(term);
    const data = (await Promise.all(found.results.slice(0, 5).map((r: { data: () => Promise<unknown> }) => r.data()))) as Array<{
      url: string;
      meta: { title?: string };
      excerpt: string;
    }>;
    return { count: found.results.length as number, results: data.map((d) => [d.url, d.meta.title ?? d.url, d.excerpt]) };
  }, word);
  expect(expected.count).toBe(total);
  expect(shown).toEqual(expected.results);
  for (const [href] of shown) expect(href!.startsWith('/sub/')).toBe(true);
});

test("a common word whose results cannot load is searched by pagefind instead", async ({ page, guards }) => {
  const list = JSON.parse(readFileSync('dist-sub/common-words/index.json', 'utf8')) as { folder: string; words: string[] };
  const word = list.words.find((w) => w.length >= 5)!;
  let dropped = 0;
  await page.route(`**/common-words/${list.folder}/*.json`, (route) => {
    dropped++;
    return route.abort();
  });
  await page.goto('./');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill(word);
  const links = page.getByRole('list', { name: 'Search results' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  expect(dropped).toBe(1);
  // pagefind's own results, the same the build's file has: its count and its addresses.
  const stored = JSON.parse(readFileSync(path.join('dist-sub/common-words', list.folder, `${word}.json`), 'utf8')) as {
    total: number;
    results: Array<{ url: string }>;
  };
  await expect(page.locator('.search__status')).toHaveText(`${stored.total} ${stored.total === 1 ? 'result' : 'results'} for “${word}”.`);
  await expect(links).toHaveCount(stored.results.length);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(stored.results.map((r) => r.url));
  // The dropped request's own report is what this test causes; nothing else may log.
  expect(guards.consoleErrors.filter((text) => !/ERR_FAILED/.test(text))).toEqual([]);
  guards.consoleErrors.length = 0;
});
