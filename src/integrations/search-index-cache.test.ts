import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { filesOf, indexedPage } from './search-index-test-files.ts';
import { linkTree, openSearchIndexCache, pruneSearchIndex, sealSearchIndexCache, textStrings, writeSearchIndexThroughCache } from './search-index-cache.ts';

afterAll(() => pagefind.close());

const SITE = {
  'one/index.html': indexedPage('One', 'Rolling out a canary deployment behind the ingress.'),
  'two/index.html': indexedPage('Two', 'Rotating the registry credential in the cluster.'),
  'three/index.html': indexedPage('Three', 'Restoring a database snapshot after an incident.'),
};

/** Indexes `site` with pagefind and writes the index into `outputPath`, over whatever is there. */
async function writeIndex(site: string, outputPath: string): Promise<void> {
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('pagefind did not start');
  await index.addDirectory({ path: site });
  const written = await index.writeFiles({ outputPath });
  expect(written.errors).toEqual([]);
}

describe('textStrings', () => {
  it('finds short and long CBOR text strings made of name characters', () => {
    // An array of three: text(10) "en_6453fa3", the integer 1324 (0x19 0x05 0x2c), and
    // text(24) "abcdefghijklmnopqrstuvwx" in the one-byte-length form (0x78 0x18).
    const long = 'abcdefghijklmnopqrstuvwx';
    const bytes = Uint8Array.from([0x83, 0x6a, ...Buffer.from('en_6453fa3'), 0x19, 0x05, 0x2c, 0x78, 0x18, ...Buffer.from(long)]);
    const found = textStrings(bytes);
    expect(found.has('en_6453fa3')).toBe(true);
    expect(found.has(long)).toBe(true);
  });

  it('skips strings with other characters and lengths that run past the end', () => {
    const bytes = Uint8Array.from([0x65, ...Buffer.from('a b.c'), 0x6a, ...Buffer.from('en_6')]);
    expect(textStrings(bytes).has('a b.c')).toBe(false);
    expect([...textStrings(bytes)].some((s) => s.startsWith('en_6'))).toBe(false);
  });
});

describe('pruneSearchIndex', () => {
  it('leaves exactly the files of a fresh index after writing over an older one', async () => {
    const site = await tempFolder(SITE);
    const cache = await tempFolder();
    await writeIndex(site, cache);

    await writeFile(path.join(site, 'two/index.html'), indexedPage('Two', 'Rotating the registry token and the pull secret.'));
    await writeIndex(site, cache);
    const fresh = await tempFolder();
    await writeIndex(site, fresh);
    const expected = filesOf(fresh);
    // pagefind kept the old fragment beside the new one: the folder holds more than a fresh index.
    const unpruned = filesOf(cache).size;
    expect(unpruned).toBeGreaterThan(expected.size);

    const { removed } = await pruneSearchIndex(cache);
    const pruned = filesOf(cache);
    expect(removed).toBe(unpruned - pruned.size);
    expect([...pruned.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected].filter(([name, bytes]) => !bytes.equals(pruned.get(name)!)).map(([name]) => name)).toEqual([]);
  });

  it('refuses a folder that lacks a fragment the index names', async () => {
    const site = await tempFolder(SITE);
    const dir = await tempFolder();
    await writeIndex(site, dir);
    const fragment = readdirSync(path.join(dir, 'fragment'))[0]!;
    await rm(path.join(dir, 'fragment', fragment));
    await expect(pruneSearchIndex(dir)).rejects.toThrow('the index names 3 pages, but 2 of its fragments were found');
  });
});

describe('openSearchIndexCache', () => {
  it('keeps the last index only when it was sealed under the same fingerprint', async () => {
    const dir = path.join(await tempFolder(), 'search-index');
    const kept = path.join(dir, 'fragment', 'en_1234567.pf_fragment');
    const fillAndSeal = async (fingerprint: string) => {
      await mkdir(path.dirname(kept), { recursive: true });
      await writeFile(kept, 'x');
      await writeFile(path.join(dir, 'pagefind-entry.json'), '{}');
      await sealSearchIndexCache(dir, fingerprint);
    };
    expect(await openSearchIndexCache(dir, 'v1')).toBe(false);
    await mkdir(path.dirname(kept), { recursive: true });
    await writeFile(kept, 'x');

    // Not sealed: the write may have stopped halfway.
    expect(await openSearchIndexCache(dir, 'v1')).toBe(false);
    expect(existsSync(kept)).toBe(false);

    await fillAndSeal('v1');
    expect(await openSearchIndexCache(dir, 'v1')).toBe(true);
    expect(existsSync(kept)).toBe(true);
    // The files pagefind rewrites in place are unlinked, so that it writes new ones.
    expect(existsSync(path.join(dir, 'pagefind-entry.json'))).toBe(false);
    // Opened means unsealed until the next seal.
    expect(await openSearchIndexCache(dir, 'v1')).toBe(false);

    await fillAndSeal('v1');
    expect(await openSearchIndexCache(dir, 'v2')).toBe(false);
    expect(existsSync(kept)).toBe(false);
  });
});

describe('linkTree', () => {
  it('puts every file but the seal at the target, nested folders included', async () => {
    const from = await tempFolder({ 'a.txt': 'a', 'fragment/b.pf_fragment': 'b', 'index/deep/c.pf_index': 'c' });
    await sealSearchIndexCache(from, 'v1');
    const to = path.join(await tempFolder(), 'pagefind');
    expect(await linkTree(from, to)).toBe(3);
    const linked = filesOf(to);
    expect([...linked.keys()].sort()).toEqual(['a.txt', path.join('fragment', 'b.pf_fragment'), path.join('index', 'deep', 'c.pf_index')]);
    expect(linked.get('a.txt')?.toString()).toBe('a');
  });
});

describe('writeSearchIndexThroughCache', () => {
  it('leaves an output it linked before unchanged when it writes another site next', async () => {
    const siteA = await tempFolder(SITE);
    const siteB = await tempFolder({ 'other/index.html': indexedPage('Other', 'A different site with other words and pages.') });
    const cache = path.join(await tempFolder(), 'search-index');
    const outA = path.join(await tempFolder(), 'pagefind');
    const outB = path.join(await tempFolder(), 'pagefind');
    const write = (site: string) => (dir: string) => writeIndex(site, dir);

    expect(await writeSearchIndexThroughCache({ dir: cache, fingerprint: 'v1', output: outA, write: write(siteA) })).toBe(false);
    const before = filesOf(outA);
    // Reused: pagefind writes over the same folder, which outA's hard links point into.
    expect(await writeSearchIndexThroughCache({ dir: cache, fingerprint: 'v1', output: outB, write: write(siteB) })).toBe(true);

    const after = filesOf(outA);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect([...before].filter(([name, bytes]) => !bytes.equals(after.get(name)!)).map(([name]) => name)).toEqual([]);
    expect(filesOf(outB).get('pagefind-entry.json')?.equals(before.get('pagefind-entry.json')!)).toBe(false);
  });
});
