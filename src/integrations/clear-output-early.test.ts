import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test';
import { deleteFolders, moveAside, trashFolder } from './clear-output-early';

describe('moveAside', () => {
  it('moves every entry but .git into a trash folder beside the output, and names old trash too', async () => {
    const root = await tempFolder({ 'dist/index.html': 'home', 'dist/a/index.html': 'a', 'dist/.git/HEAD': 'ref', '.dist-old-1/x.html': 'stale' });
    const outDir = path.join(root, 'dist');
    const folders = await moveAside(outDir);
    expect(readdirSync(outDir)).toEqual(['.git']);
    expect(readdirSync(trashFolder(outDir)).sort()).toEqual(['a', 'index.html']);
    expect(folders.sort()).toEqual([path.join(root, '.dist-old-1'), trashFolder(outDir)].sort());
  });

  it('moves nothing when the output folder is missing or empty', async () => {
    const root = await tempFolder();
    expect(await moveAside(path.join(root, 'dist'))).toEqual([trashFolder(path.join(root, 'dist'))]);
    await mkdir(path.join(root, 'dist'));
    await moveAside(path.join(root, 'dist'));
    expect(existsSync(trashFolder(path.join(root, 'dist')))).toBe(false);
  });
});

describe('deleteFolders', () => {
  it('deletes nested folders and ignores ones that do not exist', async () => {
    const root = await tempFolder({ 'a/b/c.html': 'c', 'a/d.html': 'd', 'e/f.html': 'f', 'keep.html': 'k' });
    await deleteFolders([path.join(root, 'a'), path.join(root, 'e'), path.join(root, 'missing')]);
    expect(readdirSync(root)).toEqual(['keep.html']);
  });
});
