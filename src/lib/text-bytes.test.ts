import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict, encodeUtf8, hexPreview } from './text-bytes.ts';

describe('decodeUtf8Strict', () => {
  it('decodes valid UTF-8 text, including tabs, CRLF and non-ASCII', () => {
    // printf 'a\tb\r\nü€😀' | od -An -tx1
    const bytes = Uint8Array.of(0x61, 0x09, 0x62, 0x0d, 0x0a, 0xc3, 0xbc, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80);
    expect(decodeUtf8Strict(bytes)).toBe('a\tb\r\nü€😀');
  });

  it('decodes no bytes as the empty string', () => {
    expect(decodeUtf8Strict(new Uint8Array(0))).toBe('');
  });

  it('keeps a byte order mark so the text matches the bytes', () => {
    expect(decodeUtf8Strict(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['0xFF', [0x61, 0xff]],
  ])('rejects %s', (_, bytes) => {
    expect(decodeUtf8Strict(Uint8Array.from(bytes))).toBeUndefined();
  });

  it.each([
    ['NUL', [0x61, 0x00]],
    ['ESC', [0x1b, 0x5b, 0x30, 0x6d]],
    ['form feed', [0x0c]],
    ['DEL', [0x7f]],
    ['a C1 control (U+0085)', [0xc2, 0x85]],
  ])('treats valid UTF-8 with %s as not text', (_, bytes) => {
    expect(decodeUtf8Strict(Uint8Array.from(bytes))).toBeUndefined();
  });

  it('round-trips any string without control characters or lone surrogates', () => {
    const textual = fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(s));
    fc.assert(
      fc.property(textual, (text) => {
        expect(decodeUtf8Strict(encodeUtf8(text))).toBe(text);
      }),
    );
  });
});

describe('encodeUtf8', () => {
  it('encodes as UTF-8', () => {
    // printf 'ü€' | od -An -tx1 → c3 bc e2 82 ac
    expect(encodeUtf8('ü€')).toEqual(Uint8Array.of(0xc3, 0xbc, 0xe2, 0x82, 0xac));
  });

  it('replaces a lone surrogate with U+FFFD (ef bf bd)', () => {
    expect(encodeUtf8('\ud800')).toEqual(Uint8Array.of(0xef, 0xbf, 0xbd));
  });
});

describe('hexPreview', () => {
  const bytes = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a);

  it('shows the first bytes as hex pairs and marks that more follow', () => {
    expect(hexPreview(bytes, 4)).toBe('89 50 4e 47 …');
  });

  it('shows everything without a mark when the bytes fit', () => {
    expect(hexPreview(bytes, 6)).toBe('89 50 4e 47 00 0a');
    expect(hexPreview(bytes, 32)).toBe('89 50 4e 47 00 0a');
    expect(hexPreview(new Uint8Array(0), 32)).toBe('');
  });

  it('shows only the mark for a count of zero', () => {
    expect(hexPreview(bytes, 0)).toBe('…');
  });
});
