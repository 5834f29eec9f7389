import { describe, expect, it } from 'vitest';
import {
  commonWordKey,
  commonWordResultsPath,
  addPageWords,
  pageWords,
  readPageWordsCache,
  writePageWordsCache,
  readCommonWordIndex,
  readCommonWordResults,
  wordsOnAtLeast,
  writeCommonWordIndex,
  writeCommonWordResults,
} from './common-word-results.ts';

describe('commonWordKey', () => {
  it('is the query lowercased when it is one word of letters a–z and digits', () => {
    expect(commonWordKey('Deployment')).toBe('deployment');
    expect(commonWordKey('  k8s ')).toBe('k8s');
    expect(commonWordKey('2024')).toBe('2024');
  });

  it('is undefined for anything pagefind would change or split', () => {
    // several words, punctuation pagefind drops or keeps (".", "_", "-"), accents it folds, quotes for an exact search
    for (const query of ['', '   ', 'canary deployment', 'the!', '.dockerconfigjson', 'secret_name', 'kube-proxy', 'déploiement', '"the"']) {
      expect(commonWordKey(query), query).toBeUndefined();
    }
  });
});

describe('pageWords, addPageWords and wordsOnAtLeast', () => {
  it('count each word once a page, case aside, and keep those on enough pages', () => {
    expect(pageWords('The secret, the SECRET and the registry.')).toBe('the secret and registry');
    expect(pageWords('—')).toBe('');
    const pagesWith = new Map<string, number>();
    for (const text of ['The secret, the SECRET and the registry.', 'A registry mirror; the k8s cluster.', 'Nothing in common with-the others', '']) {
      addPageWords(pagesWith, pageWords(text));
    }
    // by hand: "the" on all three pages (the third has it after a hyphen), "registry" on two, "secret" on one
    expect(pagesWith.get('the')).toBe(3);
    expect(pagesWith.get('registry')).toBe(2);
    expect(pagesWith.get('secret')).toBe(1);
    expect(pagesWith.has('')).toBe(false);
    expect(wordsOnAtLeast(pagesWith, 2)).toEqual(['registry', 'the']);
    expect(wordsOnAtLeast(pagesWith, 4)).toEqual([]);
  });
});

describe('the words kept between builds', () => {
  it('reads back what it wrote under the same key, and nothing under another or from anything else', () => {
    const fragments = new Map([
      ['en_1a2b3c4.pf_fragment', 'the secret and registry'],
      ['en_5d6e7f8.pf_fragment', ''],
    ]);
    const text = writePageWordsCache('rule-1', fragments);
    expect(readPageWordsCache(JSON.parse(text), 'rule-1')).toEqual(fragments);
    expect(readPageWordsCache(JSON.parse(text), 'rule-2').size).toBe(0);
    for (const other of [null, [], 'x', { key: 'rule-1' }, { key: 'rule-1', fragments: [] }]) expect(readPageWordsCache(other, 'rule-1').size).toBe(0);
    // An entry that is not text is left out, the others kept.
    expect(readPageWordsCache({ key: 'k', fragments: { a: 'x y', b: 3 } }, 'k')).toEqual(new Map([['a', 'x y']]));
  });
});

describe('the list of common words', () => {
  it('reads back what it wrote, the words in order', () => {
    const text = writeCommonWordIndex({ folder: 'AbC-1_x', words: new Set(['the', 'and']) });
    expect(text).toBe('{"folder":"AbC-1_x","words":["and","the"]}');
    const index = readCommonWordIndex(JSON.parse(text));
    expect(index).toEqual({ folder: 'AbC-1_x', words: new Set(['and', 'the']) });
    expect(commonWordResultsPath(index, 'the')).toBe('common-words/AbC-1_x/the.json');
  });

  it('drops words that are not plain lowercase words, and reads anything else as no words', () => {
    expect(readCommonWordIndex({ folder: 'f', words: ['the', 'The', '../x', 3, 'x y', 'ok2'] }).words).toEqual(new Set(['the', 'ok2']));
    for (const json of [undefined, null, [], 'words', { words: ['the'] }, { folder: '../up', words: ['the'] }, { folder: 'f', words: 'the' }]) {
      expect(readCommonWordIndex(json).words.size, JSON.stringify(json)).toBe(0);
    }
  });
});

describe("a word's results", () => {
  const results = {
    total: 7,
    results: [
      { url: '/a/', excerpt: 'the <mark>secret</mark>', meta: { title: 'A' } },
      { url: '/b/', excerpt: 'no title', meta: {} },
    ],
  };

  it('reads back what it wrote', () => {
    expect(readCommonWordResults(JSON.parse(writeCommonWordResults(results)))).toEqual(results);
  });

  it('are refused when a part is missing or of the wrong kind, or when there are more than the total', () => {
    const variants: unknown[] = [
      null,
      { ...results, total: '7' },
      { ...results, total: 1.5 },
      { ...results, total: 1 },
      { ...results, results: [] },
      { ...results, results: [{ url: '/a/', excerpt: 'x' }] },
      { ...results, results: [{ url: '/a/', excerpt: 'x', meta: { title: 3 } }] },
      { ...results, results: [{ url: 5, excerpt: 'x', meta: {} }] },
    ];
    for (const json of variants) expect(readCommonWordResults(json), JSON.stringify(json)).toBeUndefined();
  });
});
