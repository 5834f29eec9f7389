import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { COMMON_WORDS_DIR, COMMON_WORDS_INDEX, commonWordResultsPath, readCommonWordIndex, readCommonWordResults, type CommonWordIndex } from '../lib/common-word-results.ts';
import { PAGEFIND_OPTIONS } from '../lib/pagefind-options.ts';
import { writeCommonWordResultsFiles } from './common-word-results.ts';
import { patchPagefindScript } from './pagefind-script-patch.ts';
import { filesOf, indexedPage, linkedOutput, loadPagefind, pagefindIndexOf } from './search-index-test-files.ts';
import { tempFolder } from '../lib/temp-folder-for-test.ts';

afterAll(() => pagefind.close());
afterEach(() => vi.unstubAllGlobals());

// "registry" is on all seven pages, "cluster" on four, "canary" on one.
const SITE = Object.fromEntries(
  [
    'Rolling out a canary deployment behind the ingress; configure the registry and the cluster.',
    'Rotating the registry credential in the cluster with kustomize and a secretGenerator.',
    'Restoring a database snapshot after an incident; the registry mirror was down.',
    'Pushing images to the registry from a pipeline, then pulling them in the cluster.',
    'A registry token expires; renew it before the release.',
    'Scanning every image in the registry for known vulnerabilities.',
    'The cluster pulls from a registry mirror when the registry is slow.',
  ].map((text, i) => [`page-${i}/index.html`, indexedPage(`Page ${i}`, text)]),
);

/** The site as the build leaves it before this step: pagefind's index with the script change, in siteDir/pagefind. */
async function builtSite(site: Record<string, string> = SITE): Promise<string> {
  const output = await linkedOutput(await pagefindIndexOf(site));
  await patchPagefindScript(output);
  return path.dirname(output);
}

function listOf(siteDir: string): CommonWordIndex {
  return readCommonWordIndex(JSON.parse(readFileSync(path.join(siteDir, COMMON_WORDS_INDEX), 'utf8')));
}

describe('writeCommonWordResultsFiles', () => {
  it("writes, for each word on enough pages, pagefind's own first five results and its total", async () => {
    const siteDir = await builtSite();
    // The build's copy of pagefind has a fetch of its own: a global fetch that fails must not matter.
    vi.stubGlobal('fetch', () => Promise.reject(new Error('the global fetch was used')));
    const written = await writeCommonWordResultsFiles({ siteDir, base: '/docs/', minPages: 4 });
    vi.unstubAllGlobals();

    const list = listOf(siteDir);
    expect(list.words.has('registry')).toBe(true);
    expect(list.words.has('cluster')).toBe(true);
    expect(list.words.has('canary')).toBe(false);
    expect(written.words).toBe(list.words.size);
    const stored = (word: string) => readCommonWordResults(JSON.parse(readFileSync(path.join(siteDir, commonWordResultsPath(list, word)), 'utf8')));

    const own = await loadPagefind(path.join(siteDir, 'pagefind'));
    await own.options({ ...PAGEFIND_OPTIONS, baseUrl: '/docs/' });
    for (const word of list.words) {
      const found = await own.search(word);
      const expected = await Promise.all(found.results.slice(0, 5).map(async (r) => r.data()));
      expect(stored(word), word).toEqual({
        total: found.results.length,
        results: expected.map(({ url, excerpt, meta }) => ({ url, excerpt, meta: { title: meta['title'] } })),
      });
      expect(stored(word)!.total).toBeGreaterThanOrEqual(4);
    }
    expect(stored('registry')).toMatchObject({
      total: 7,
      results: expect.arrayContaining([expect.objectContaining({ url: expect.stringMatching(/^\/docs\/page-\d\/$/) })]),
    });
  });

  it('writes an empty list when the site has fewer pages than a word must be on, and no results', async () => {
    const siteDir = await builtSite();
    expect(await writeCommonWordResultsFiles({ siteDir, base: '/', minPages: 8 })).toEqual({ words: 0, bytes: 0, fragments: 7, fragmentsRead: 0 });
    expect(listOf(siteDir).words.size).toBe(0);
    expect(readdirSync(path.join(siteDir, COMMON_WORDS_DIR))).toEqual(['index.json']);
  });

  it("keeps each page's words for the next build, reads only the pages that changed, and writes what a build without them writes", async () => {
    const wordsCacheFile = path.join(await tempFolder(), 'page-words.json');
    const first = await builtSite();
    const written = await writeCommonWordResultsFiles({ siteDir: first, base: '/', minPages: 4, wordsCacheFile });
    expect(written.fragmentsRead).toBe(7);
    expect(written.words).toBeGreaterThan(0);
    const results = filesOf(path.join(first, COMMON_WORDS_DIR));
    expect(await writeCommonWordResultsFiles({ siteDir: first, base: '/', minPages: 4, wordsCacheFile })).toEqual({ ...written, fragmentsRead: 0 });
    expect(filesOf(path.join(first, COMMON_WORDS_DIR))).toEqual(results);

    // One page changed: "cluster" is now on five pages (worked out by hand), page 4's fragment is new.
    const changed = { ...SITE, 'page-4/index.html': indexedPage('Page 4', 'A registry token expires in the cluster; renew it before the release.') };
    const [withKept, afresh] = [await builtSite(changed), await builtSite(changed)];
    const kept = await writeCommonWordResultsFiles({ siteDir: withKept, base: '/', minPages: 5, wordsCacheFile });
    expect(kept.fragmentsRead).toBe(1);
    expect(await writeCommonWordResultsFiles({ siteDir: afresh, base: '/', minPages: 5 })).toEqual({ ...kept, fragmentsRead: 7 });
    expect(filesOf(path.join(withKept, COMMON_WORDS_DIR))).toEqual(filesOf(path.join(afresh, COMMON_WORDS_DIR)));
    const list = listOf(withKept);
    expect(list.words.has('cluster')).toBe(true);
    expect(readCommonWordResults(JSON.parse(readFileSync(path.join(withKept, commonWordResultsPath(list, 'cluster')), 'utf8')))?.total).toBe(5);

    // Only the pages of the last index are kept, and a file that cannot be read is no error: every page is read.
    expect(Object.keys(JSON.parse(readFileSync(wordsCacheFile, 'utf8')).fragments)).toHaveLength(7);
    writeFileSync(wordsCacheFile, '{"key": "');
    expect((await writeCommonWordResultsFiles({ siteDir: withKept, base: '/', minPages: 5, wordsCacheFile })).fragmentsRead).toBe(7);
  });
});
