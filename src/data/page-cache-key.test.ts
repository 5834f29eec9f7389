import { describe, expect, it, vi } from 'vitest';
import { pageCacheKey } from './page-cache-key.ts';

const post = { id: 'a', url: '/a/', title: 'A', tags: ['x'], date: new Date('2024-01-02'), readingTime: 3 };

describe('pageCacheKey', () => {
  it('is the same for the same data, however it was built', () => {
    expect(pageCacheKey({ digest: 'd1', post, older: undefined })).toBe(pageCacheKey({ digest: 'd1', post: { ...post }, older: undefined }));
  });

  it('changes when anything the page shows changes', () => {
    const key = pageCacheKey({ digest: 'd1', post, newer: { title: 'B' } });
    const variants = [
      { digest: 'd2', post, newer: { title: 'B' } },
      { digest: 'd1', post: { ...post, title: 'A2' }, newer: { title: 'B' } },
      { digest: 'd1', post: { ...post, date: new Date('2024-01-03') }, newer: { title: 'B' } },
      { digest: 'd1', post: { ...post, tags: ['x', 'y'] }, newer: { title: 'B' } },
      { digest: 'd1', post, newer: { title: 'B, renamed' } },
      { digest: 'd1', post },
    ];
    const keys = new Set([key, ...variants.map(pageCacheKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it("changes with the site's settings, which come from the environment", async () => {
    const keyFor = async (title: string | undefined) => {
      vi.resetModules();
      if (title === undefined) delete process.env['FIELDNOTES_TITLE'];
      else process.env['FIELDNOTES_TITLE'] = title;
      const { pageCacheKey: fresh } = await import('./page-cache-key.ts');
      return fresh({ post });
    };
    const saved = process.env['FIELDNOTES_TITLE'];
    try {
      expect(await keyFor('Docs one')).not.toBe(await keyFor('Docs two'));
      expect(await keyFor('Docs one')).toBe(await keyFor('Docs one'));
    } finally {
      await keyFor(saved);
    }
  });
});
