import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { keepBundle, reuseBundle } from './bundle-cache.ts';

describe('the bundle cache', () => {
  it('reuses a bundle while its key and every input are unchanged', async () => {
    const dir = await tempFolder({ 'src/a.ts': 'export const a = 1;', 'src/b.ts': 'export const b = 2;' });
    const record = path.join(dir, 'cache', 'tool.json');
    await keepBundle(record, 'key-1', 'bundle();', ['src/a.ts', 'src/b.ts', '<stdin>', 'fieldnotes-one-tool:registry'], dir);
    expect(await reuseBundle(record, 'key-1')).toBe('bundle();');
    expect(await reuseBundle(record, 'key-2')).toBeUndefined();

    await writeFile(path.join(dir, 'src/b.ts'), 'export const b = 3;');
    expect(await reuseBundle(record, 'key-1')).toBeUndefined();
  });

  it('does not reuse a bundle whose input is gone, nor record one whose input vanished', async () => {
    const dir = await tempFolder({ 'a.ts': 'export const a = 1;' });
    const record = path.join(dir, 'tool.json');
    await keepBundle(record, 'k', 'bundle();', ['a.ts'], dir);
    await rm(path.join(dir, 'a.ts'));
    expect(await reuseBundle(record, 'k')).toBeUndefined();

    const other = path.join(dir, 'other.json');
    await keepBundle(other, 'k', 'bundle();', ['a.ts'], dir);
    expect(existsSync(other)).toBe(false);
  });

  it('reads a missing or broken record as nothing to reuse', async () => {
    const dir = await tempFolder({ 'broken.json': '{"key":"k","inputs":' });
    expect(await reuseBundle(path.join(dir, 'missing.json'), 'k')).toBeUndefined();
    expect(await reuseBundle(path.join(dir, 'broken.json'), 'k')).toBeUndefined();
  });
});
