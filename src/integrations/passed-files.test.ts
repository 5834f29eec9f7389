import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { codeFingerprint, loadPassedFiles } from './passed-files.ts';

describe('loadPassedFiles', () => {
  it('remembers what this build added, under its fingerprint only', async () => {
    const record = path.join(await tempFolder(), 'cache', 'passed.json');
    const first = await loadPassedFiles(record, 'rules-1');
    expect(first.has('a')).toBe(false);
    first.add('a');
    await first.save();

    const second = await loadPassedFiles(record, 'rules-1');
    expect(second.has('a')).toBe(true);
    second.add('b'); // 'a' is not added again: this build no longer has that file
    await second.save();
    const third = await loadPassedFiles(record, 'rules-1');
    expect([third.has('a'), third.has('b')]).toEqual([false, true]);

    expect((await loadPassedFiles(record, 'rules-2')).has('b')).toBe(false);
  });

  it('treats an unreadable record as empty', async () => {
    const dir = await tempFolder({ 'passed.json': '{"fingerprint":"rules-1","passed":' });
    expect((await loadPassedFiles(path.join(dir, 'passed.json'), 'rules-1')).has('a')).toBe(false);
  });
});

describe('codeFingerprint', () => {
  it('covers the module, what it imports by relative path (transitively) and the settings', async () => {
    const dir = await tempFolder({
      'check.ts': "import { rule } from './lib/rule';\nexport const check = rule;",
      'lib/rule.ts': "import type { X } from '../types';\nexport const rule = 1;",
      'types.ts': 'export type X = 1;',
    });
    const entry = pathToFileURL(path.join(dir, 'check.ts'));
    const before = await codeFingerprint(entry, ['site']);
    expect(before).toMatch(/^[\w-]{43}$/);
    expect(await codeFingerprint(entry, ['site'])).toBe(before);
    expect(await codeFingerprint(entry, ['other site'])).not.toBe(before);

    await writeFile(path.join(dir, 'types.ts'), 'export type X = 2;');
    expect(await codeFingerprint(entry, ['site'])).not.toBe(before);
  });

  it('is undefined when an imported source cannot be read', async () => {
    const dir = await tempFolder({ 'check.ts': "import { rule } from './missing';" });
    expect(await codeFingerprint(pathToFileURL(path.join(dir, 'check.ts')), [])).toBeUndefined();
  });

  it("reads the origin check's own sources, so builds can reuse its verdicts", async () => {
    expect(await codeFingerprint(new URL('./origin-check.ts', import.meta.url), [])).toBeDefined();
  });
});
