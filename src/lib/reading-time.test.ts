import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from './reading-time';

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
