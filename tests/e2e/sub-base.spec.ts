import { decode } from 'cborg';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
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
