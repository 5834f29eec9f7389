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
 * Characters whose word-break behaviour the fast count below reproduces exactly: ASCII,
 * Latin letters up to Latin Extended-B, and the Latin-1, general-punctuation and arrow
 * symbols prose uses (curly quotes, dashes, ellipsis, no-break space…). Anything else — CJK
 * and Thai, which the segmenter splits by dictionary, combining marks, emoji, format
 * characters, other scripts — goes to the segmenter.
 */
const outsideFastSet = /[^\t\n\r\x20-\x7E\u00A0-\u00AC\u00AE-\u00B7\u00B9-\u024F\u2010-\u2027\u2030-\u203E\u2041-\u2043\u2045-\u2053\u2055-\u205E\u2190-\u21FF]/;

/**
 * One word-like segment of UAX #29 as ICU draws it, over the fast set: letters (ALetter),
 * digits and "_" run together (WB5, WB8–WB10, WB13a/b); a MidLetter (":" "·" "‧") joins two
 * letters, a MidNum ("," ";") two digits, a MidNumLet ("." "'" "‘" "’" "․") either (WB6/7,
 * WB11/12). Everything else in the set separates words. A lone "_" is the one match ICU
 * does not count as word-like.
 */
const letter = 'A-Za-z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F';
const wordRun = `[${letter}0-9_]+`;
const fastWord = new RegExp(
  `${wordRun}(?:(?:(?<=[${letter}])[:\u00B7\u2027.'\u2018\u2019\u2024](?=[${letter}])|(?<=[0-9])[,;.'\u2018\u2019\u2024](?=[0-9]))${wordRun})*`,
  'g',
);

/**
 * Words in `text`, by Unicode word boundaries (UAX #29): "it's" is one word, "1.25" is
 * one, punctuation is none, and scripts without spaces (Chinese, Japanese) still count
 * their words instead of one per sentence. Text made only of the fast set's characters is
 * counted with a regular expression giving the segmenter's count (reading-time.test.ts
 * checks the two agree); the rest goes through Intl.Segmenter, which is several times slower.
 */
export function countWords(text: string): number {
  if (outsideFastSet.test(text)) return countWordsBySegmenter(text);
  let count = 0;
  for (const match of text.matchAll(fastWord)) if (match[0] !== '_') count++;
  return count;
}

/** The reference count: word-like segments from Intl.Segmenter. */
export function countWordsBySegmenter(text: string): number {
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
