import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords, countWordsBySegmenter, readingMinutes } from './reading-time.ts';

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t', 0],
    ['one two  three', 3],
    ["it's a test — really!", 4],
    ['docker pull nginx:1.25', 4],
    ['Ünïcödé wörds count', 3],
    ['日本語の文章です', 4],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
  });

  // countWords counts Latin text with a regular expression; it must agree with the segmenter.
  const tricky = [..."aZé ÿ_0 9.,;:'\"·‧‘’․“”…–—×÷ \u00A0\n\t!?-/()[]{}@#$%&*+=<>|~`^ªµºß©°→"];
  it.each([
    ['_', 0], ['__', 1], ['a:b', 1], ['1:2', 2], ['1,000.50', 1], ['a,b', 2], ['e.g.', 1], ['a..b', 2], ['a1.2', 1],
    ['1.a', 2], ['l’été', 1], ['x_y.z', 1], ['中文 and English', 3], ['naïve café', 2],
  ])('%j has %i words, fast or not', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(countWordsBySegmenter(text)).toBe(words);
  });
  it('gives the segmenter\'s count on any text', () => {
    const char = fc.oneof(
      fc.constantFrom(...tricky),
      fc.integer({ min: 0x20, max: 0x24f }).map((c) => String.fromCodePoint(c)),
      fc.integer({ min: 0x2000, max: 0x2200 }).map((c) => String.fromCodePoint(c)),
      fc.constantFrom('日', 'の', 'カ', '한', 'ก', '\u0301', '\u00AD', '\u200D', '👍', '\u202F', '\u05D0'),
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(countWords(text)).toBe(countWordsBySegmenter(text));
      }),
      { numRuns: 20_000 },
    );
  });
  it('gives the segmenter\'s count on Latin-only text', () => {
    const char = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...tricky) },
      { weight: 1, arbitrary: fc.integer({ min: 0x09, max: 0x24f }).map((c) => String.fromCodePoint(c)) },
    );
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        expect(countWords(text)).toBe(countWordsBySegmenter(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('readingMinutes', () => {
  it('is at least one minute', () => {
    expect(readingMinutes(0, 0)).toBe(1);
  });
  it('rounds up prose at 220 words a minute', () => {
    expect(readingMinutes(220, 0)).toBe(1);
    expect(readingMinutes(221, 0)).toBe(2);
  });
  it('reads code at 110 words a minute', () => {
    expect(readingMinutes(110, 55)).toBe(1);
    expect(readingMinutes(110, 56)).toBe(2);
  });
  it('takes its rates from options', () => {
    expect(readingMinutes(100, 1000, { wordsPerMinute: 50, codeWordsPerMinute: Infinity })).toBe(2);
  });
});
