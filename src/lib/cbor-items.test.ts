import { encode } from 'cborg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CBOR_ARRAY, CBOR_TEXT, CborFormatError, concatBytes, readArrayHead, readHead, readText, skipItems, writeHead, writeText } from './cbor-items.ts';

// cborg, an independent encoder, writes the reference bytes.

/** Any value pagefind's files could hold, and more: nested arrays and maps, strings, numbers, bytes. */
const cborValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true }),
    fc.string({ unit: 'grapheme' }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 300 }),
    fc.array(tie('value'), { maxLength: 30 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('skipItems', () => {
  it('finds the end of any item cborg writes, however nested', () => {
    fc.assert(
      fc.property(fc.array(cborValue, { minLength: 1, maxLength: 5 }), (values) => {
        const items = values.map((value) => encode(value));
        const bytes = concatBytes(items);
        let at = 0;
        for (const item of items) {
          const end = skipItems(bytes, at);
          expect(end - at).toBe(item.length);
          at = end;
        }
        expect(skipItems(bytes, 0, items.length)).toBe(bytes.length);
      }),
    );
  });

  it('says where data ends too early', () => {
    const bytes = encode([1, 'twine', [2, 3]]);
    expect(() => skipItems(bytes.subarray(0, bytes.length - 1), 0)).toThrow(CborFormatError);
    // [0x83, 0x01, 0x65 "twine" …] cut after "t": the string's body starts at byte 3 and runs out.
    expect(() => skipItems(bytes.subarray(0, 4), 0)).toThrow('string runs past the end of data at byte 3');
  });

  it('refuses indefinite lengths rather than misreading them', () => {
    expect(() => skipItems(Uint8Array.of(0x9f, 0x01, 0xff), 0)).toThrow(/indefinite/);
  });
});

describe('readHead and writeHead', () => {
  it('write the shortest head, the bytes cborg writes, for every size of argument', () => {
    for (const value of [0, 1, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
      expect(writeHead(0, value)).toEqual(encode(value));
      expect(readHead(writeHead(CBOR_ARRAY, value), 0)).toEqual({ major: CBOR_ARRAY, value, next: writeHead(CBOR_ARRAY, value).length });
    }
  });

  it('refuses what no head can carry', () => {
    expect(() => writeHead(0, -1)).toThrow(RangeError);
    expect(() => writeHead(0, 1.5)).toThrow(RangeError);
  });
});

describe('readText and writeText', () => {
  it('round-trip any string, as cborg encodes it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        expect(writeText(text)).toEqual(encode(text));
        expect(readText(encode(text), 0)).toEqual({ text, next: encode(text).length });
      }),
    );
  });

  it('say what they found where a string was expected', () => {
    expect(() => readText(encode(7), 0)).toThrow(/expected a text string, found major type 0 at byte 0/);
    expect(() => readArrayHead(encode('x'), 0)).toThrow(new RegExp(`found major type ${CBOR_TEXT}`));
  });
});
