import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { builtFiles, readBuiltText, writeBuiltText } from './built-files.ts';

describe('readBuiltText / writeBuiltText', () => {
  it('hands the text one hook wrote to the next, and sees files changed by anything else', async () => {
    const dir = await tempFolder();
    await writeFile(path.join(dir, 'a.html'), '<p>one</p>');
    expect(await readBuiltText(dir, 'a.html')).toBe('<p>one</p>');

    await writeBuiltText(dir, 'a.html', '<p>two</p>');
    expect(await readFile(path.join(dir, 'a.html'), 'utf8')).toBe('<p>two</p>');
    expect(await readBuiltText(dir, 'a.html')).toBe('<p>two</p>');

    // Rewritten behind the cache's back (other size): read again.
    await writeFile(path.join(dir, 'a.html'), '<p>three!</p>');
    expect(await readBuiltText(dir, 'a.html', { last: true })).toBe('<p>three!</p>');
    expect(await readBuiltText(dir, 'a.html', { last: true })).toBe('<p>three!</p>');
  });
});

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
