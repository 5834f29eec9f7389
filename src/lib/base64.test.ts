import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import allBytesStandard from './__fixtures__/base64/all-bytes.b64?raw';
import allBytesUrl from './__fixtures__/base64/all-bytes.url.b64?raw';
import allBytesWrapped from './__fixtures__/base64/all-bytes.wrap76.b64?raw';
import everyByteTable from './__fixtures__/base64/every-byte.tsv?raw';
import {
  decodeBase64,
  decodeBase64Fallback,
  decodeBase64WithNative,
  encodeBase64,
  encodeBase64Fallback,
  type Base64Alphabet,
  type DecodeOptions,
  type DecodeResult,
  type NativeFromBase64,
} from './base64.ts';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Decoding with both code paths gives the same result; returns it for further checks. */
function decodeBoth(text: string, options: DecodeOptions = {}): DecodeResult {
  const main = decodeBase64(text, options);
  expect(decodeBase64Fallback(text, options)).toEqual(main);
  return main;
}

function bytesOf(result: DecodeResult): Uint8Array {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.bytes;
}

function errorOf(result: DecodeResult) {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

// RFC 4648 §10.
const rfcVectors: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

describe('RFC 4648 §10 test vectors', () => {
  it.each(rfcVectors)('encodes %j as %j', (plain, encoded) => {
    expect(encodeBase64(ascii(plain))).toBe(encoded);
    expect(encodeBase64Fallback(ascii(plain))).toBe(encoded);
    expect(encodeBase64(ascii(plain), { alphabet: 'url' })).toBe(encoded);
  });

  it.each(rfcVectors)('decodes %j from %j, strict and lenient', (plain, encoded) => {
    expect(bytesOf(decodeBoth(encoded))).toEqual(ascii(plain));
    expect(bytesOf(decodeBoth(encoded, { strict: true }))).toEqual(ascii(plain));
    expect(bytesOf(decodeBoth(encoded.replace(/=+$/, '')))).toEqual(ascii(plain));
  });
});

describe('URL-safe alphabet', () => {
  // Expected values from `printf '\xfb\xff' | base64` and `| basenc --base64url`.
  const cases: ReadonlyArray<readonly [number[], string, string]> = [
    [[0xfb, 0xff], '+/8=', '-_8='],
    [[0xfb, 0xff, 0xbf], '+/+/', '-_-_'],
  ];

  it.each(cases)('encodes %j as %j and %j', (bytes, standard, url) => {
    const data = Uint8Array.from(bytes);
    expect(encodeBase64(data)).toBe(standard);
    expect(encodeBase64(data, { alphabet: 'url' })).toBe(url);
    expect(encodeBase64Fallback(data, { alphabet: 'url' })).toBe(url);
    expect(encodeBase64(data, { alphabet: 'url', padding: false })).toBe(url.replace(/=+$/, ''));
  });

  it.each(cases)('detects the alphabet when decoding %j', (bytes, standard, url) => {
    const data = Uint8Array.from(bytes);
    expect(decodeBoth(standard)).toEqual({ ok: true, bytes: data, alphabet: 'standard' });
    expect(decodeBoth(url)).toEqual({ ok: true, bytes: data, alphabet: 'url' });
    expect(decodeBoth(url, { strict: true, alphabet: 'url' })).toEqual({ ok: true, bytes: data, alphabet: 'url' });
  });

  it('reports the alphabet asked for even when no alphabet-specific character occurs', () => {
    expect(decodeBoth('Zm9v', { alphabet: 'url' })).toEqual({ ok: true, bytes: ascii('foo'), alphabet: 'url' });
    expect(decodeBoth('Zm9v')).toEqual({ ok: true, bytes: ascii('foo'), alphabet: 'standard' });
  });

  it('rejects the other alphabet when one is asked for', () => {
    const error = errorOf(decodeBoth('-_8=', { alphabet: 'standard' }));
    expect(error.code).toBe('BAD_BASE64_CHAR');
    expect(error.position?.offset).toBe(0);
    expect(error.message).toContain("'-' (U+002D)");
    expect(errorOf(decodeBoth('ab+/', { alphabet: 'url' })).position?.offset).toBe(2);
  });

  it('rejects a mix at the first character of the second alphabet', () => {
    const error = errorOf(decodeBoth('ab+c-d=='));
    expect(error.code).toBe('MIXED_ALPHABETS');
    expect(error.position).toEqual({ offset: 4, line: 1, column: 5, lineText: 'ab+c-d==' });
    expect(error.message).toBe("'-' (U+002D) is URL-safe base64, but '+' (U+002B) at line 1, column 3 was standard");
  });
});

describe('every byte value', () => {
  const rows = everyByteTable
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));

  it('has all 256 rows in the fixture', () => {
    expect(rows.map((row) => Number(row[0]))).toEqual([...allBytes]);
  });

  it.each(rows)('byte %s ⇄ %s / %s', (byte, standard, url) => {
    const data = Uint8Array.of(Number(byte));
    expect(encodeBase64(data)).toBe(standard);
    expect(encodeBase64Fallback(data)).toBe(standard);
    expect(encodeBase64(data, { alphabet: 'url' })).toBe(url);
    expect(bytesOf(decodeBoth(standard ?? '', { strict: true }))).toEqual(data);
    expect(bytesOf(decodeBoth(url ?? '', { strict: true }))).toEqual(data);
  });

  it('encodes 0..255 as base64 -w 0, basenc --base64url and base64 -w 76 do', () => {
    expect(encodeBase64(allBytes)).toBe(allBytesStandard);
    expect(encodeBase64(allBytes, { alphabet: 'url' })).toBe(allBytesUrl);
    // base64(1) ends its output with a newline; ours does not.
    expect(encodeBase64(allBytes, { wrap: 76 })).toBe(allBytesWrapped.replace(/\n$/, ''));
    expect(encodeBase64Fallback(allBytes, { wrap: 76 })).toBe(allBytesWrapped.replace(/\n$/, ''));
  });

  it('decodes the wrapped output leniently, and rejects it when strict', () => {
    expect(bytesOf(decodeBoth(allBytesWrapped))).toEqual(allBytes);
    expect(bytesOf(decodeBoth(allBytesWrapped.replace(/\n/g, '\r\n')))).toEqual(allBytes);
    expect(bytesOf(decodeBoth(allBytesUrl, { strict: true }))).toEqual(allBytes);
    const error = errorOf(decodeBoth(allBytesWrapped, { strict: true }));
    expect(error.code).toBe('UNEXPECTED_WHITESPACE');
    expect(error.position).toMatchObject({ offset: 76, line: 1, column: 77 });
  });
});

describe('encoding options', () => {
  it('does not end a line break when the output fills the last line exactly', () => {
    // 57 bytes are exactly 76 characters.
    expect(encodeBase64(new Uint8Array(57), { wrap: 76 })).toBe('A'.repeat(76));
    expect(encodeBase64(new Uint8Array(58), { wrap: 76 })).toBe(`${'A'.repeat(76)}\nAA==`);
    expect(encodeBase64Fallback(new Uint8Array(58), { wrap: 76 })).toBe(`${'A'.repeat(76)}\nAA==`);
  });

  it('wraps in the middle of padding as base64 -w 3 does', () => {
    // printf 'fooba' | base64 -w 3 → "Zm9\nvYm\nE=" (GNU coreutils)
    expect(encodeBase64(ascii('fooba'), { wrap: 3 })).toBe('Zm9\nvYm\nE=');
    expect(encodeBase64Fallback(ascii('fooba'), { wrap: 3 })).toBe('Zm9\nvYm\nE=');
  });

  it('omits padding when asked', () => {
    expect(encodeBase64(ascii('f'), { padding: false })).toBe('Zg');
    expect(encodeBase64Fallback(ascii('fo'), { padding: false })).toBe('Zm8');
  });
});

describe('lenient decoding', () => {
  it('decodes empty and whitespace-only input to zero bytes', () => {
    expect(decodeBoth('')).toEqual({ ok: true, bytes: new Uint8Array(0), alphabet: 'standard' });
    expect(decodeBoth('', { strict: true })).toEqual({ ok: true, bytes: new Uint8Array(0), alphabet: 'standard' });
    expect(bytesOf(decodeBoth(' \r\n\t'))).toEqual(new Uint8Array(0));
  });

  it('ignores whitespace anywhere, even inside padding', () => {
    expect(bytesOf(decodeBoth(' Zm9v\r\nYg =\n= \n'))).toEqual(ascii('foob'));
  });

  it('ignores non-zero trailing bits', () => {
    // Q = 010000, R = 010001: the byte is 01000001 ('A') and the last four bits 0001 are dropped.
    expect(bytesOf(decodeBoth('QR=='))).toEqual(ascii('A'));
    expect(bytesOf(decodeBoth('QR'))).toEqual(ascii('A'));
  });

  it('skips a data: URL prefix', () => {
    // printf Hello | base64 → SGVsbG8=
    expect(bytesOf(decodeBoth('data:text/plain;base64,SGVsbG8='))).toEqual(ascii('Hello'));
    expect(bytesOf(decodeBoth('\n DATA:text/plain;charset=utf-8;BASE64,SGVs\nbG8'))).toEqual(ascii('Hello'));
    expect(bytesOf(decodeBoth('data:;base64,'))).toEqual(new Uint8Array(0));
  });

  it('points errors after a data: prefix at the original text', () => {
    const error = errorOf(decodeBoth('data:;base64,QQ%'));
    expect(error.position).toMatchObject({ offset: 15, line: 1, column: 16 });
  });

  it('rejects data: URLs that are not base64', () => {
    const notBase64 = errorOf(decodeBoth('data:text/plain,Hello'));
    expect(notBase64.code).toBe('BAD_DATA_URL');
    expect(notBase64.position?.offset).toBe(15);
    const noComma = errorOf(decodeBoth('  data:text/plain;base64'));
    expect(noComma.code).toBe('BAD_DATA_URL');
    expect(noComma.position?.offset).toBe(2);
  });
});

describe('errors, checked by hand', () => {
  it('names the bad character and where it is', () => {
    const error = errorOf(decodeBoth('QUJD\nR%=='));
    expect(error).toEqual({
      code: 'BAD_BASE64_CHAR',
      message: "'%' (U+0025) is not a base64 character",
      position: { offset: 6, line: 2, column: 2, lineText: 'R%==' },
    });
  });

  it('counts CRLF as one line break', () => {
    expect(errorOf(decodeBoth('QUJD\r\nR%==')).position).toEqual({ offset: 7, line: 2, column: 2, lineText: 'R%==' });
  });

  it('names characters outside the BMP whole, and controls by code point only', () => {
    const emoji = errorOf(decodeBoth('QQ😀'));
    expect(emoji.message).toBe("'😀' (U+1F600) is not a base64 character");
    expect(emoji.position?.offset).toBe(2);
    expect(errorOf(decodeBoth('QQ\u0000')).message).toBe('U+0000 is not a base64 character');
    expect(errorOf(decodeBoth('QQ\u000b')).message).toBe('U+000B is not a base64 character');
  });

  it.each([
    ['QQ=', 2, 'BAD_PADDING'],
    ['QQ=\n', 2, 'BAD_PADDING'],
    ['QUJD=', 4, 'BAD_PADDING'],
    ['Q=', 1, 'BAD_PADDING'],
    ['QUI==', 4, 'BAD_PADDING'],
    ['QQ==QQ', 4, 'BAD_PADDING'],
    ['QQ==%', 4, 'BAD_BASE64_CHAR'],
    ['Q', 0, 'BAD_LENGTH'],
    ['QUJDR', 4, 'BAD_LENGTH'],
    ['QUJDR \n', 4, 'BAD_LENGTH'],
  ] as const)('lenient %j → offset %i, %s', (text, offset, code) => {
    const error = errorOf(decodeBoth(text));
    expect(error.code).toBe(code);
    expect(error.position?.offset).toBe(offset);
  });

  it.each([
    ['QQ', 1, 'BAD_PADDING'],
    ['QUI', 2, 'BAD_PADDING'],
    ['QR==', 1, 'NONZERO_TRAILING_BITS'],
    ['QUJ=', 2, 'NONZERO_TRAILING_BITS'],
    ['QUJD QUJD', 4, 'UNEXPECTED_WHITESPACE'],
    ['QQ=\n=', 3, 'UNEXPECTED_WHITESPACE'],
    ['data:;base64,QQ==', 4, 'BAD_BASE64_CHAR'],
  ] as const)('strict %j → offset %i, %s', (text, offset, code) => {
    const error = errorOf(decodeBoth(text, { strict: true }));
    expect(error.code).toBe(code);
    expect(error.position?.offset).toBe(offset);
  });
});

/**
 * The TC39 `Uint8Array.fromBase64` algorithm (FromBase64 and DecodeBase64Chunk in the proposal),
 * transcribed step by step on strings. Node 22 has no native one, so this stands in for it to
 * exercise the native path, and doubles as an independent oracle for the fallback.
 */
const specFromBase64: NativeFromBase64 = (text, { alphabet, lastChunkHandling }) => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const skipWhitespace = (index: number): number => {
    while (index < text.length && ' \t\n\f\r'.includes(text[index] ?? '')) index++;
    return index;
  };
  const decodeChunk = (chunk: string, throwOnExtraBits: boolean): number[] => {
    const padded = chunk.length === 2 ? `${chunk}AA` : chunk.length === 3 ? `${chunk}A` : chunk;
    const bits = [...padded].reduce((acc, c) => acc * 64 + letters.indexOf(c), 0);
    const bytes = [(bits >> 16) & 255, (bits >> 8) & 255, bits & 255];
    if (chunk.length === 4) return bytes;
    const kept = chunk.length - 1;
    if (throwOnExtraBits && bytes[kept] !== 0) throw new SyntaxError('extra bits');
    return bytes.slice(0, kept);
  };
  const out: number[] = [];
  let chunk = '';
  let index = 0;
  for (;;) {
    index = skipWhitespace(index);
    if (index === text.length) {
      if (chunk.length > 0) {
        if (lastChunkHandling === 'strict' || chunk.length === 1) throw new SyntaxError('partial chunk');
        out.push(...decodeChunk(chunk, false));
      }
      return Uint8Array.from(out);
    }
    let char = text[index] ?? '';
    index++;
    if (char === '=') {
      if (chunk.length < 2) throw new SyntaxError('early padding');
      index = skipWhitespace(index);
      if (chunk.length === 2) {
        if (index === text.length) throw new SyntaxError('short padding');
        if (text[index] === '=') index = skipWhitespace(index + 1);
      }
      if (index < text.length) throw new SyntaxError('after padding');
      out.push(...decodeChunk(chunk, lastChunkHandling === 'strict'));
      return Uint8Array.from(out);
    }
    if (alphabet === 'base64url') {
      if (char === '+' || char === '/') throw new SyntaxError('not url');
      if (char === '-') char = '+';
      if (char === '_') char = '/';
    }
    if (!letters.includes(char)) throw new SyntaxError('bad char');
    chunk += char;
    if (chunk.length === 4) {
      out.push(...decodeChunk(chunk, false));
      chunk = '';
    }
  }
};

const nearBase64 = fc.string({
  unit: fc.constantFrom('Q', 'U', 'J', 'D', 'A', 'w', '8', '+', '/', '-', '_', '=', ' ', '\n', '\r', '%', 'é', '\uD800'),
  maxLength: 24,
});
const anyString = fc.oneof(fc.string({ unit: 'binary' }), nearBase64, fc.string());
const alphabetArb = fc.constantFrom<Base64Alphabet>('standard', 'url');
const optionsArb = fc.record({ strict: fc.boolean(), alphabet: fc.constantFrom<Base64Alphabet | 'auto'>('auto', 'standard', 'url') });

/** Line and column computed another way than positionAt: split on every kind of line break. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: last.length + 1 };
}

describe('properties', () => {
  it('decode(encode(bytes)) = bytes for any alphabet and padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), alphabetArb, fc.boolean(), (bytes, alphabet, padding) => {
        const encoded = encodeBase64(bytes, { alphabet, padding });
        expect(encodeBase64Fallback(bytes, { alphabet, padding })).toBe(encoded);
        expect(bytesOf(decodeBoth(encoded))).toEqual(bytes);
        expect(bytesOf(decodeBoth(encoded, { alphabet }))).toEqual(bytes);
        if (padding) expect(bytesOf(decodeBoth(encoded, { strict: true }))).toEqual(bytes);
      }),
    );
  });

  it('lenient decoding ignores whitespace and line breaks inserted anywhere; strict rejects them', () => {
    const insertion = fc.tuple(fc.nat(), fc.stringMatching(/^(?:[ \t\f]|\r?\n|\r){1,3}$/));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), alphabetArb, fc.boolean(), fc.array(insertion, { minLength: 1, maxLength: 8 }), (bytes, alphabet, padding, insertions) => {
        let text = encodeBase64(bytes, { alphabet, padding });
        for (const [at, whitespace] of insertions) {
          const cut = at % (text.length + 1);
          text = text.slice(0, cut) + whitespace + text.slice(cut);
        }
        expect(bytesOf(decodeBoth(text))).toEqual(bytes);
        const strictError = errorOf(decodeBoth(text, { strict: true }));
        if (padding) expect(strictError.code).toBe('UNEXPECTED_WHITESPACE');
      }),
    );
  });

  it('never throws, and every error points at a character of the input', () => {
    fc.assert(
      fc.property(anyString, optionsArb, (text, options) => {
        const result = decodeBoth(text, options);
        if (result.ok) return;
        const position = result.error.position;
        expect(position).toBeDefined();
        if (!position) return;
        expect(position.offset).toBeGreaterThanOrEqual(0);
        expect(position.offset).toBeLessThan(text.length);
        expect({ line: position.line, column: position.column }).toEqual(lineAndColumn(text, position.offset));
        expect(text.split(/\r\n|\r|\n/)[position.line - 1]).toBe(position.lineText);
        expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts exactly what the TC39 algorithm accepts, with the same bytes', () => {
    fc.assert(
      fc.property(nearBase64, fc.boolean(), (text, strict) => {
        const handling = strict ? 'strict' : 'loose';
        const attempt = (alphabet: 'base64' | 'base64url'): Uint8Array | undefined => {
          try {
            return specFromBase64(text, { alphabet, lastChunkHandling: handling });
          } catch {
            return undefined;
          }
        };
        // The TC39 strict mode still skips whitespace; RFC 4648 strict does not.
        const allowed = !strict || !/[ \t\n\f\r]/.test(text);
        const expected = allowed ? (attempt('base64') ?? attempt('base64url')) : undefined;
        const result = decodeBase64Fallback(text, { strict });
        expect(result.ok).toBe(expected !== undefined);
        if (result.ok && expected) expect(result.bytes).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('the native path (with the TC39 algorithm standing in) agrees with the fallback', () => {
    fc.assert(
      fc.property(anyString, optionsArb, (text, options) => {
        expect(decodeBase64WithNative(specFromBase64, text, options)).toEqual(decodeBase64Fallback(text, options));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['data:;base64,-_8', 'QUJD QUJD', allBytesWrapped, 'QR==']) {
      for (const strict of [false, true]) {
        expect(decodeBase64WithNative(specFromBase64, text, { strict })).toEqual(decodeBase64Fallback(text, { strict }));
      }
    }
  });
});

const nativeUint8Array = Uint8Array as unknown as { fromBase64?: unknown };
describe.runIf(typeof nativeUint8Array.fromBase64 === 'function')('with a native Uint8Array.fromBase64', () => {
  it('decodeBase64 and the fallback agree on any input', () => {
    fc.assert(
      fc.property(anyString, optionsArb, (text, options) => {
        expect(decodeBase64(text, options)).toEqual(decodeBase64Fallback(text, options));
      }),
    );
  });

  it('encodeBase64 and the fallback agree on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), alphabetArb, fc.boolean(), fc.nat(100), (bytes, alphabet, padding, wrap) => {
        expect(encodeBase64(bytes, { alphabet, padding, wrap })).toBe(encodeBase64Fallback(bytes, { alphabet, padding, wrap }));
      }),
    );
  });
});

describe('large input', () => {
  it('round-trips 3 MB in one piece', () => {
    const bytes = Uint8Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24);
    const encoded = encodeBase64(bytes, { wrap: 76 });
    expect(bytesOf(decodeBase64(encoded))).toEqual(bytes);
  });
});
