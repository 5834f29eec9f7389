import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { builtFiles } from './built-files.ts';

describe('builtFiles', () => {
  it('lists every file of every folder, relative, with forward slashes, sorted; folders and links are not files', async () => {
    const dir = await tempFolder();
    for (const folder of ['b/c/d', 'a', 'empty']) await mkdir(path.join(dir, folder), { recursive: true });
    for (const file of ['z.html', 'b/c/d/index.html', 'b/c/x.js', 'a/index.html', 'b/y.css']) await writeFile(path.join(dir, file), file);
    await symlink(path.join(dir, 'z.html'), path.join(dir, 'b', 'link.html'));
    expect(await builtFiles(dir)).toEqual(['a/index.html', 'b/c/d/index.html', 'b/c/x.js', 'b/y.css', 'z.html']);
  });

  it('fails when the folder does not exist', async () => {
    await expect(builtFiles(path.join(await tempFolder(), 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
