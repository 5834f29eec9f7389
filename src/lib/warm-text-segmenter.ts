/**
 * Creates an Intl.Segmenter for `lang` and segments a word with it. A page's first Segmenter
 * loads ICU's break data, about 15 ms in Chromium; later ones are free. pagefind segments
 * every query into graphemes, so the first query pays that cost unless this ran before it.
 * Returns whether it could: an engine without Intl.Segmenter, or a lang it rejects, is no error.
 */
export function warmTextSegmenter(lang: string): boolean {
  if (typeof Intl.Segmenter !== 'function') return false;
  try {
    const locale = lang.trim() === '' ? undefined : Intl.getCanonicalLocales(lang)[0];
    let graphemes = 0;
    for (const _ of new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment('warm')) graphemes++;
    return graphemes === 4;
  } catch {
    return false;
  }
}
