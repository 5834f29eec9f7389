import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { indexedPage, linkedOutput, loadPagefind, pagefindIndexOf, type PagefindApi } from './search-index-test-files.ts';
import { NATIVE_MIN_BYTES } from '../lib/pagefind-native-decompression.ts';
import { patchPagefindScript } from './pagefind-script-patch.ts';

afterAll(() => pagefind.close());
afterEach(() => vi.unstubAllGlobals());

const SITE = {
  'one/index.html': indexedPage('One', 'Rolling out a canary deployment behind the ingress; configure the registry.'),
  'two/index.html': indexedPage('Two', 'Rotating the registry credential in the cluster with kustomize and a secretGenerator.'),
  'three/index.html': indexedPage('Three', 'Restoring a database snapshot after an incident; the registry mirror was down.'),
};

/** pagefind's output for SITE, as the build writes it (the cache folder), and an output folder of hard links to it. */
async function indexedSite(): Promise<{ cache: string; output: string }> {
  const cache = await pagefindIndexOf(SITE);
  return { cache, output: await linkedOutput(cache) };
}

/** What a reader sees for `term`: every result's id, score, address and excerpt, in order. */
async function resultsFor(api: PagefindApi, term: string): Promise<string[]> {
  const found = await api.search(term);
  return Promise.all(found.results.map(async (result) => {
    const data = await result.data();
    return `${result.id} ${result.score.toFixed(6)} ${data.url} ${data.excerpt}`;
  }));
}

/** Counts the DecompressionStreams made from now on. */
function countDecompressionStreams(): { count: number } {
  const counter = { count: 0 };
  const Native = globalThis.DecompressionStream;
  vi.stubGlobal('DecompressionStream', class extends Native {
    constructor(format: CompressionFormat) {
      super(format);
      counter.count++;
    }
  });
  return counter;
}

describe('patchPagefindScript', () => {
  it("finds what pagefind's own script finds, ungzipping natively", async () => {
    const { cache, output } = await indexedSite();
    expect(await patchPagefindScript(output)).toEqual({ calls: 5 });
    const terms = ['registry', 'kustomize', 'rest', 'canary deployment', 'nothing-like-this'];

    const original = await loadPagefind(cache);
    const unpatchedStreams = countDecompressionStreams();
    const expected = [];
    for (const term of terms) expected.push(await resultsFor(original, term));
    expect(unpatchedStreams.count).toBe(0);
    expect(expected[0]).toHaveLength(3);

    vi.unstubAllGlobals();
    const fetchedSizes: number[] = [];
    const patched = await loadPagefind(output, fetchedSizes);
    const streams = countDecompressionStreams();
    for (const [i, term] of terms.entries()) expect(await resultsFor(patched, term)).toEqual(expected[i]);
    // Every gzip file of NATIVE_MIN_BYTES or more, and only those: here pagefind's WebAssembly.
    const large = fetchedSizes.filter((size) => size >= NATIVE_MIN_BYTES).length;
    expect(large).toBeGreaterThanOrEqual(1);
    expect(fetchedSizes.filter((size) => size > 0).length).toBeGreaterThan(large);
    expect(streams.count).toBe(large);
  });

  it("replaces the output's file and leaves the cache's (its hard link) as pagefind wrote it", async () => {
    const { cache, output } = await indexedSite();
    const written = await readFile(path.join(cache, 'pagefind.js'), 'utf8');
    await patchPagefindScript(output);
    expect(await readFile(path.join(cache, 'pagefind.js'), 'utf8')).toBe(written);
    expect(await readFile(path.join(output, 'pagefind.js'), 'utf8')).not.toBe(written);
    expect((await stat(path.join(output, 'pagefind.js'))).ino).not.toBe((await stat(path.join(cache, 'pagefind.js'))).ino);
  });

  it('leaves the file as it was when the result would not parse or the script has another shape', async () => {
    const { output } = await indexedSite();
    const file = path.join(output, 'pagefind.js');
    const written = await readFile(file, 'utf8');
    // a call site in a method that is not async: await would not parse there
    const syncCaller = written.replace('async loadMeta(', 'loadMetaSync(){}async loadMetaOld(').replace(/async (_loadGenericChunk\()/, '$1');
    await writeFile(file, syncCaller);
    await expect(patchPagefindScript(output)).rejects.toThrow(/would not parse/);
    expect(await readFile(file, 'utf8')).toBe(syncCaller);

    await writeFile(file, written.replace('decompress(data,file="unknown file"){', 'inflate(data,file){'));
    await expect(patchPagefindScript(output)).rejects.toThrow(/define decompress\(data, file\) once/);
  });
});
