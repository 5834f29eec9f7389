/**
 * Reading time, counted the way most blogs do: prose at about 220 words a minute
 * (adult silent reading of non-fiction is ~238 wpm per Brysbaert 2019, "How many words do
 * we read per minute?"; docs are read more slowly), code at half that, because code is
 * read token by token.
 */
export interface ReadingTimeOptions {
  /** Prose words per minute. Default: 220. */
  wordsPerMinute?: number;
  /** Code words per minute; Infinity leaves code out of the time. Default: 110. */
  codeWordsPerMinute?: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * Words in `text`, by Unicode word boundaries (UAX #29): "it's" is one word, "1.25" is
 * one, punctuation is none, and scripts without spaces (Chinese, Japanese) still count
 * their words instead of one per sentence.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** Whole minutes to read, rounded up, never less than 1. */
export function readingMinutes(proseWords: number, codeWords: number, options: ReadingTimeOptions = {}): number {
  const wordsPerMinute = options.wordsPerMinute ?? 220;
  const codeWordsPerMinute = options.codeWordsPerMinute ?? 110;
  const minutes = proseWords / wordsPerMinute + codeWords / codeWordsPerMinute;
  return Math.max(1, Math.ceil(minutes));
}
