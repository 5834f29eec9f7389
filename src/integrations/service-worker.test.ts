import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKBOX_GET_MANIFEST } from './service-worker';

const require = createRequire(import.meta.url);

describe('the service worker job loads workbox-build’s getManifest alone', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-sw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the very function the package exports', () => {
    const alone = require(WORKBOX_GET_MANIFEST) as { getManifest: unknown };
    const whole = require('workbox-build') as { getManifest: unknown };
    expect(typeof alone.getManifest).toBe('function');
    expect(alone.getManifest).toBe(whole.getManifest);
  });

  it('lists and revisions files with it', async () => {
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(path.join(dir, 'index.html'), 'hello');
    writeFileSync(path.join(dir, 'a', 'b.css'), 'x');
    const { getManifest } = require(WORKBOX_GET_MANIFEST) as Pick<typeof import('workbox-build'), 'getManifest'>;
    const { manifestEntries, count } = await getManifest({ globDirectory: dir, globPatterns: ['**/*'] });
    expect(count).toBe(2);
    // md5 of "hello", by `printf hello | md5sum`.
    expect(manifestEntries?.find((e) => e.url === 'index.html')?.revision).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(manifestEntries?.map((e) => e.url).sort()).toEqual(['a/b.css', 'index.html']);
  });
});
