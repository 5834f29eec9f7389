import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, listPages, listPageUrl, pageSizeFromEnv } from './list-pages.ts';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('listPages', () => {
  it('cuts a list into pages of the size, the last one shorter', () => {
    const pages = listPages(numbers(65), 30);
    expect(pages.map((page) => [page.number, page.count, page.items.length])).toEqual([
      [1, 3, 30],
      [2, 3, 30],
      [3, 3, 5],
    ]);
    expect(pages[2]?.items).toEqual([61, 62, 63, 64, 65]);
  });

  it('has one page for a list that fits, and for an empty one', () => {
    expect(listPages(numbers(30), 30).map((page) => page.items.length)).toEqual([30]);
    expect(listPages([], 30)).toEqual([{ items: [], number: 1, count: 1 }]);
  });
});

describe('listPageUrl', () => {
  it('puts page 1 at the home page and the others under /page/', () => {
    expect(listPageUrl('/', 1)).toBe('/');
    expect(listPageUrl('/', 2)).toBe('/page/2/');
    expect(listPageUrl('/sub/', 1)).toBe('/sub/');
    expect(listPageUrl('/sub/', 7)).toBe('/sub/page/7/');
  });

  it('pages a tag’s list under the tag', () => {
    expect(listPageUrl('/', 1, '/tags/ci/')).toBe('/tags/ci/');
    expect(listPageUrl('/sub/', 3, '/tags/ci/')).toBe('/sub/tags/ci/page/3/');
  });
});

describe('pageSizeFromEnv', () => {
  it('reads FIELDNOTES_PAGE_SIZE, with a default', () => {
    expect(pageSizeFromEnv({})).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSizeFromEnv({ FIELDNOTES_PAGE_SIZE: ' 5 ' })).toBe(5);
  });

  it('refuses what is not a whole number of posts', () => {
    for (const raw of ['0', '-3', '2.5', 'ten']) {
      expect(() => pageSizeFromEnv({ FIELDNOTES_PAGE_SIZE: raw })).toThrow(`FIELDNOTES_PAGE_SIZE must be a whole number of posts, 1 or more, got "${raw}"`);
    }
  });
});
