import { createRequire } from 'node:module';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestEntry, ManifestTransform } from 'workbox-build';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { globbedFiles, precacheManifest, readPrecacheHashes, writePrecacheHashes, type PrecacheFileHashes } from './precache-files.ts';

const require = createRequire(import.meta.url);
const { getManifest } = require('workbox-build') as Pick<typeof import('workbox-build'), 'getManifest'>;

const SITE = {
  'index.html': 'hello',
  'a/b/index.html': '<p>b</p>',
  'a/style.css': 'p{}',
  '_astro/app.1234.js': 'console.log(1)',
  '_astro/app.1234.js.map': '{}',
  'sw.js': 'self',
  '.well-known/security.txt': 'Contact: x',
  'a/.hidden.html': 'no',
  'pagefind/pagefind.js': 'export {}',
  'pagefind/fragment/en_123.pf_fragment': 'f',
  'pagefind/index/en_456.pf_index': 'i',
  'common-words/h1/kubernetes.json': '{}',
  'common-words/index.json': '{}',
  'empty.txt': '',
};

const DONT_BUST = /^(?:_astro\/|pagefind\/(?:fragment|index|filter)\/|common-words\/[^/]+\/)/;
/** The two listings the service worker job makes: the site's files, then the search index's. */
const LISTINGS: Array<[string[], string[]]> = [
  [['**/*'], ['sw.js', '**/*.map', 'pagefind/**', 'common-words/**']],
  [['pagefind/**/*', 'common-words/**/*'], ['sw.js', '**/*.map']],
];

function keeping(): { transform: ManifestTransform; entries: () => ManifestEntry[] } {
  let kept: ManifestEntry[] = [];
  return { transform: (listed) => ((kept = listed.map((e) => ({ ...e }))), { manifest: listed }), entries: () => kept };
}

const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : 1);

async function ours(dir: string, [patterns, ignores]: [string[], string[]], hashes: PrecacheFileHashes) {
  const keep = keeping();
  const result = await precacheManifest({ outDir: dir, patterns, ignores, hashes, dontCacheBustURLsMatching: DONT_BUST, manifestTransforms: [keep.transform], maximumFileSizeToCacheInBytes: 2 ** 31 });
  return { ...result, sized: keep.entries().sort(byUrl) };
}

describe('precacheManifest', () => {
  it('lists, sizes and revisions exactly what workbox-build’s getManifest does', async () => {
    const dir = await tempFolder(SITE);
    for (const listing of LISTINGS) {
      const keep = keeping();
      const theirs = await getManifest({
        globDirectory: dir,
        globPatterns: listing[0],
        globIgnores: listing[1],
        maximumFileSizeToCacheInBytes: 2 ** 31,
        manifestTransforms: [keep.transform],
        dontCacheBustURLsMatching: DONT_BUST,
      });
      const mine = await ours(dir, listing, await readPrecacheHashes(undefined));
      expect(mine.manifestEntries.sort(byUrl)).toEqual(theirs.manifestEntries!.sort(byUrl));
      expect(mine.sized).toEqual(keep.entries().sort(byUrl));
    }
    // And what that is, worked out by hand: md5 of "hello" by `printf hello | md5sum`; no dot
    // files, maps or sw.js; content-hashed names without a revision.
    const site = await ours(dir, LISTINGS[0]!, await readPrecacheHashes(undefined));
    expect(site.manifestEntries.find((e) => e.url === 'index.html')?.revision).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(site.manifestEntries.map((e) => e.url).sort()).toEqual(['_astro/app.1234.js', 'a/b/index.html', 'a/style.css', 'empty.txt', 'index.html']);
    expect(site.manifestEntries.find((e) => e.url === '_astro/app.1234.js')?.revision).toBeNull();
  });

  it('hashes again only the files whose size, time or inode changed since the kept hashes', async () => {
    const dir = await tempFolder(SITE);
    const cacheFile = path.join(await tempFolder(), 'hashes.json');
    const first = await readPrecacheHashes(cacheFile);
    await ours(dir, LISTINGS[0]!, first);
    // index.html, a/b/index.html, a/style.css, empty.txt: the _astro file is never read.
    expect(first.read).toBe(4);
    await writePrecacheHashes(cacheFile, first);

    // A kept hash is trusted while the stamp holds: make one wrong, and it shows.
    const kept = JSON.parse(await readFile(cacheFile, 'utf8')) as { files: Record<string, [number, number, number, string]> };
    kept.files['a/style.css']![3] = 'kept-not-read';
    await writeFile(cacheFile, JSON.stringify({ version: 1, files: kept.files }));
    // An edited file (same size, a later time) is read again.
    await writeFile(path.join(dir, 'index.html'), 'HELLO');
    await utimes(path.join(dir, 'index.html'), new Date(), new Date(Date.now() + 5000));

    const second = await readPrecacheHashes(cacheFile);
    const result = await ours(dir, LISTINGS[0]!, second);
    expect(second.read).toBe(1);
    const revision = (url: string) => result.manifestEntries.find((e) => e.url === url)?.revision;
    expect(revision('a/style.css')).toBe('kept-not-read');
    // md5 of "HELLO", by `printf HELLO | md5sum`.
    expect(revision('index.html')).toBe('eb61eead90e3b899c6bcbe27ac581660');
  });

  it('starts afresh from an unreadable hashes file', async () => {
    const cacheFile = path.join(await tempFolder({ 'hashes.json': '{not json' }), 'hashes.json');
    expect((await readPrecacheHashes(cacheFile)).previous.size).toBe(0);
  });
});

describe('globbedFiles', () => {
  it('refuses a pattern it does not know rather than list the wrong files', () => {
    expect(() => globbedFiles(['a.js'], ['*.{js,css}'], [])).toThrow(/not one this listing knows/);
  });
});
