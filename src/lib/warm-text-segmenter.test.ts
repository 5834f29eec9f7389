import { afterEach, describe, expect, it } from 'vitest';
import { warmTextSegmenter } from './warm-text-segmenter.ts';

describe('warmTextSegmenter', () => {
  const segmenter = Intl.Segmenter;
  afterEach(() => {
    Object.defineProperty(Intl, 'Segmenter', { value: segmenter, configurable: true, writable: true });
  });

  it('segments with the page language, or the default when the page names none', () => {
    expect(warmTextSegmenter('en')).toBe(true);
    expect(warmTextSegmenter('de-CH')).toBe(true);
    expect(warmTextSegmenter('')).toBe(true);
  });

  it('is no error for a language tag the engine rejects', () => {
    expect(() => Intl.getCanonicalLocales('not a tag!')).toThrow(RangeError);
    expect(warmTextSegmenter('not a tag!')).toBe(false);
  });

  it('is no error where the engine has no Intl.Segmenter', () => {
    Object.defineProperty(Intl, 'Segmenter', { value: undefined, configurable: true, writable: true });
    expect(warmTextSegmenter('en')).toBe(false);
  });
});
