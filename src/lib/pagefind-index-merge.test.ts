import { describe, expect, it } from 'vitest';
import { mergeSearchIndexes, postingsOfPages, remapMetaFields, type DecodedIndex } from './pagefind-index-merge.ts';
import type { IndexMeta, Posting } from './pagefind-index-format.ts';

/** A posting whose locations are the single location `location` (CBOR: [location], []). */
const at = (page: number, location: number): Posting => ({ page, rest: Uint8Array.of(0x81, location, 0x80), weight: 2 });
const page = (hash: string) => ({ hash, item: Uint8Array.of(0x60 + hash.length, ...Buffer.from(hash)) });

function index(hashes: string[], words: DecodedIndex['words'], filters: DecodedIndex['filters'] = [], metaFields = ['title']): DecodedIndex {
  const meta: IndexMeta = { version: '1.6.0', pages: hashes.map(page), chunks: [], filters: [], sorts: Uint8Array.of(0x80), metaFields };
  return { meta, words, filters };
}

const pagesOf = (words: DecodedIndex['words']) => words.map((w) => [w.word, w.postings.map((p) => [p.page, p.rest[1]]), w.variants.map((v) => [v.form, v.postings.map((p) => p.page)])]);

describe('mergeSearchIndexes', () => {
  // Old: pages a, b, c. Page b changes (its new version is page 0 of the added index), page c
  // is deleted, and a new page d comes in (page 1 of the added index).
  const old = index(
    ['a', 'b', 'c'],
    [
      { word: 'alpha', postings: [at(0, 1), at(1, 2), at(2, 3)], variants: [] },
      { word: 'beta', postings: [at(1, 4)], variants: [] },
      { word: 'cafe', postings: [at(2, 5)], variants: [{ form: 'café', postings: [at(2, 6)] }] },
    ],
    [{ filter: 'tag', values: [{ value: 'dns', pages: [0, 2] }, { value: 'api', pages: [1] }] }],
  );
  const added = index(
    ['b2', 'd'],
    [
      { word: 'alpha', postings: [at(1, 7)], variants: [] },
      { word: 'cafe', postings: [], variants: [{ form: 'café', postings: [at(0, 8)] }] },
      { word: 'gamma', postings: [at(0, 9), at(1, 10)], variants: [] },
    ],
    [{ filter: 'tag', values: [{ value: 'api', pages: [1] }, { value: 'tls', pages: [0] }] }],
  );
  // a keeps 0, b's new version takes b's place (1), c leaves, d comes last (2).
  const merged = mergeSearchIndexes(old, added, { oldToNew: [0, undefined, undefined], addedToNew: [1, 2], pageCount: 3 });

  it('gives each page its new number and keeps the others’ entries', () => {
    expect(merged.pages.map((p) => p.hash)).toEqual(['a', 'b2', 'd']);
    expect(pagesOf(merged.words)).toEqual([
      ['alpha', [[0, 1], [2, 7]], []], // b's old posting gone; d's in, after a's
      ['cafe', [], [['café', [1]]]], // c's postings gone; b2's variant in
      ['gamma', [[1, 9], [2, 10]], []], // a new word, in order
    ]);
  });

  it('drops a word no page holds any more', () => {
    expect(merged.words.map((w) => w.word)).not.toContain('beta');
  });

  it('moves filter values with their pages, and drops values no page has', () => {
    expect(merged.filters).toEqual([{ filter: 'tag', values: [{ value: 'dns', pages: [0] }, { value: 'api', pages: [2] }, { value: 'tls', pages: [1] }] }]);
  });

  it('refuses a plan that leaves a number empty or gives one twice, or reorders old pages', () => {
    expect(() => mergeSearchIndexes(old, added, { oldToNew: [0, undefined, undefined], addedToNew: [1, undefined], pageCount: 3 })).toThrow(/no page was given number 2/);
    expect(() => mergeSearchIndexes(old, added, { oldToNew: [0, 1, undefined], addedToNew: [1, 2], pageCount: 3 })).toThrow(/given twice/);
    expect(() => mergeSearchIndexes(old, added, { oldToNew: [1, 0, undefined], addedToNew: [2, undefined], pageCount: 3 })).toThrow(/keep their order/);
  });

  it('renumbers the meta fields of added pages that have fewer fields than the index', () => {
    const withFields = index(['a'], [], [], ['image', 'title']);
    // The added page has only "title" (its field 0), the index's field 1. Its meta locations
    // [-1, 4] (field 0, position 4) become [-2, 4]: CBOR 0x20 (-1) becomes 0x21 (-2).
    const addedPage = index(['n'], [{ word: 'zeta', postings: [{ page: 0, rest: Uint8Array.of(0x80, 0x82, 0x20, 0x04), weight: 3 }], variants: [] }], [], ['title']);
    const out = mergeSearchIndexes(withFields, addedPage, { oldToNew: [0], addedToNew: [1], pageCount: 2 });
    expect([...out.words[0]!.postings[0]!.rest]).toEqual([0x80, 0x82, 0x21, 0x04]);
    expect(() => mergeSearchIndexes(index(['a'], []), index(['n'], [], [], ['author']), { oldToNew: [0], addedToNew: [1], pageCount: 2 })).toThrow(/meta field "author"/);
  });
});

describe('remapMetaFields', () => {
  it('changes only the field markers of the meta locations', () => {
    // locations [3], meta locations [-1, 0, 2, -3, 1]: fields 0 and 2 → 1 and 0.
    const rest = Uint8Array.of(0x81, 0x03, 0x85, 0x20, 0x00, 0x02, 0x22, 0x01);
    expect([...remapMetaFields(rest, [1, 5, 0])]).toEqual([0x81, 0x03, 0x85, 0x21, 0x00, 0x02, 0x20, 0x01]);
    expect(() => remapMetaFields(rest, [1])).toThrow(/names field 2/);
  });
});

describe('postingsOfPages', () => {
  it('collects the asked-for pages’ postings, words and variants apart', () => {
    const words: DecodedIndex['words'] = [
      { word: 'cafe', postings: [at(0, 1), at(1, 2)], variants: [{ form: 'café', postings: [at(1, 3)] }] },
    ];
    const found = postingsOfPages(words, new Set([1]));
    expect([...found.get(1)!.keys()]).toEqual(['cafe', 'cafe\u0000café']);
    expect(found.get(1)!.get('cafe')).toBe('810280');
    expect(found.has(0)).toBe(false);
  });
});
