import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test';
import { readBuiltText, writeBuiltText } from './built-files';

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
