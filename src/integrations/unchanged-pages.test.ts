import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import {
  builtPages,
  fileDigest,
  outputRecordFile,
  pagesToPutBack,
  putBack,
  removeStalePages,
  takeOutputRecord,
  writeOutputRecord,
  type OutputRecord,
} from './unchanged-pages.ts';

const pageA = path.join('a', 'index.html');
const pageB = path.join('guides', 'b', 'index.html');

/** A finished build's output folder with its record, then moved aside as the next build starts. */
async function lastBuild() {
  const root = await tempFolder({ 'out/index.html': 'home', 'out/a/index.html': 'a', 'out/guides/b/index.html': 'b', 'astro.json': '{"routes":{}}' });
  const outDir = path.join(root, 'out');
  const recordFile = outputRecordFile(path.join(root, 'cache'));
  const astroRecord = (await fileDigest(path.join(root, 'astro.json')))!;
  await writeOutputRecord(recordFile, { outDir, astroRecord, pages: ['index.html', pageA, pageB] });
  return { root, outDir, recordFile, astroRecord };
}

describe('the record of the last output', () => {
  it('is read once: taking it deletes it, so a build that stops leaves none', async () => {
    const { recordFile, outDir, astroRecord } = await lastBuild();
    const record = await takeOutputRecord(recordFile);
    expect(record?.outDir).toBe(outDir);
    expect(record?.astroRecord).toBe(astroRecord);
    expect(Object.keys(record!.pages).sort()).toEqual(['index.html', pageA, pageB].sort());
    expect(record!.pages[pageA]![0]).toBe(1); // the size of "a"
    expect(existsSync(recordFile)).toBe(false);
    expect(await takeOutputRecord(recordFile)).toBeUndefined();
  });

  it('is ignored when it is not JSON or of another version, and deleted all the same', async () => {
    const { recordFile } = await lastBuild();
    await writeFile(recordFile, '{"version": 1, "pages"');
    expect(await takeOutputRecord(recordFile)).toBeUndefined();
    expect(existsSync(recordFile)).toBe(false);
    await writeFile(recordFile, JSON.stringify({ version: 2, outDir: '/x', astroRecord: 'y', pages: {} }));
    expect(await takeOutputRecord(recordFile)).toBeUndefined();
  });

  it('leaves out a page whose file is gone', async () => {
    const { recordFile, outDir, astroRecord } = await lastBuild();
    await writeOutputRecord(recordFile, { outDir, astroRecord, pages: [pageA, path.join('gone', 'index.html')] });
    expect(Object.keys((await takeOutputRecord(recordFile))!.pages)).toEqual([pageA]);
  });
});

describe('pagesToPutBack', () => {
  it('puts back every page as the last build left it', async () => {
    const { recordFile, outDir, astroRecord } = await lastBuild();
    const record = await takeOutputRecord(recordFile);
    expect((await pagesToPutBack({ record, outDir, astroRecord, from: outDir })).sort()).toEqual(['index.html', pageA, pageB].sort());
  });

  it('puts back none when the record is missing, of another folder, or Astro’s record changed since', async () => {
    const { recordFile, outDir, astroRecord } = await lastBuild();
    const record = await takeOutputRecord(recordFile);
    expect(await pagesToPutBack({ record: undefined, outDir, astroRecord, from: outDir })).toEqual([]);
    expect(await pagesToPutBack({ record, outDir: `${outDir}-sub`, astroRecord, from: outDir })).toEqual([]);
    // Another build (into another folder) rewrote Astro's record: it may now call a page unchanged that this folder has an older copy of.
    expect(await pagesToPutBack({ record, outDir, astroRecord: 'rewritten', from: outDir })).toEqual([]);
    expect(await pagesToPutBack({ record, outDir, astroRecord: undefined, from: outDir })).toEqual([]);
  });

  it('leaves out a page edited since, even one whose size did not change, and one that is gone', async () => {
    const { root, recordFile, outDir, astroRecord } = await lastBuild();
    const record = (await takeOutputRecord(recordFile)) as OutputRecord;
    await appendFile(path.join(outDir, pageA), '<!-- added by a deploy script -->');
    // Same size, other bytes, other time.
    await writeFile(path.join(outDir, 'index.html'), 'HOME');
    const later = new Date(record.pages['index.html']![1] + 5_000);
    await utimes(path.join(outDir, 'index.html'), later, later);
    expect(await pagesToPutBack({ record, outDir, astroRecord, from: outDir })).toEqual([pageB]);
    expect(await pagesToPutBack({ record, outDir, astroRecord, from: path.join(root, 'elsewhere-folder') })).toEqual([]);
  });
});

describe('putBack', () => {
  it('moves the pages into the emptied folder, making their folders, and skips one it cannot move', async () => {
    const root = await tempFolder({ 'old/a/index.html': 'a', 'old/guides/b/index.html': 'b', 'old/guides/b/clip.webm': 'media' });
    const from = path.join(root, 'old');
    const to = path.join(root, 'out');
    const moved = await putBack(from, to, [pageA, pageB, path.join('missing', 'index.html')]);
    expect(moved).toEqual([pageA, pageB]);
    expect(readFileSync(path.join(to, pageB), 'utf8')).toBe('b');
    expect(existsSync(path.join(from, pageA))).toBe(false);
    // Only pages come back; the rest stays to be deleted.
    expect(existsSync(path.join(to, 'guides', 'b', 'clip.webm'))).toBe(false);
    expect(readdirSync(path.join(from, 'guides', 'b'))).toEqual(['clip.webm']);
  });
});

describe('builtPages', () => {
  it('takes the page files of every route from the hook’s assets, relative to the output folder', () => {
    const outDir = path.join(path.sep, 'site', 'out');
    const file = (...parts: string[]) => pathToFileURL(path.join(outDir, ...parts));
    const assets = new Map([
      ['/[...slug]', [file('a', 'index.html'), file('Getting Started', 'index.html')]],
      ['/rss.xml', [file('rss.xml')]],
      ['/404', [file('404.html')]],
    ]);
    expect([...builtPages(outDir, assets)].sort()).toEqual([pageA, path.join('Getting Started', 'index.html')].sort());
  });
});

describe('removeStalePages', () => {
  it('deletes the pages put back that were not built, and the folders they leave empty', async () => {
    const root = await tempFolder({
      'out/a/index.html': 'a',
      'out/guides/b/index.html': 'b',
      'out/guides/c/index.html': 'c',
      'out/old/deep/index.html': 'gone',
    });
    const outDir = path.join(root, 'out');
    const stale = path.join('old', 'deep', 'index.html');
    const putBackPages = [pageA, pageB, stale];
    const removed = await removeStalePages(outDir, putBackPages, new Set([pageA, path.join('guides', 'c', 'index.html')]));
    expect(removed.sort()).toEqual([pageB, stale].sort());
    expect(readdirSync(outDir).sort()).toEqual(['a', 'guides']);
    expect(readdirSync(path.join(outDir, 'guides'))).toEqual(['c']);
  });
});
