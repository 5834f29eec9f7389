import { describe, expect, it } from 'vitest';
import { detectFileType } from './detect-file-type.ts';

const fromHex = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
const fromAscii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

// Leading bytes of real files, printed with `.hex()` in Python: PNG built with zlib and
// struct (a 1×1 grey image), gzip/bz2/xz from the stdlib compressors of b'hello',
// zip from zipfile, SQLite from sqlite3, zstd from `printf hello | zstd`.
const samples: ReadonlyArray<readonly [string, Uint8Array, string]> = [
  ['png', fromHex('89504e470d0a1a0a0000000d4948445200000001000000010800000000'), 'image/png'],
  ['gz', fromHex('1f8b0800593f076b02ffcb48cdc9c9070086a61036050000'), 'application/gzip'],
  ['zip', fromHex('504b030414000000000094a0795dac2a93d8020000000200'), 'application/zip'],
  ['zip', fromHex('504b0506000000000000000000000000000000000000'), 'application/zip'],
  ['bz2', fromHex('425a68393141592653591931653d00000081000244a00021'), 'application/x-bzip2'],
  ['xz', fromHex('fd377a585a000004e6d6b4460200210116000000742fe5a3'), 'application/x-xz'],
  ['zst', fromHex('28b52ffd0458290000'), 'application/zstd'],
  ['sqlite', fromHex('53514c69746520666f726d6174203300'), 'application/vnd.sqlite3'],
  // Signatures as the specifications give them.
  ['jpg', fromHex('ffd8ffe000104a464946'), 'image/jpeg'],
  ['gif', fromAscii('GIF89a\u0001\u0000'), 'image/gif'],
  ['gif', fromAscii('GIF87a\u0001\u0000'), 'image/gif'],
  ['webp', fromAscii('RIFF\u0024\u0000\u0000\u0000WEBPVP8 '), 'image/webp'],
  ['pdf', fromAscii('%PDF-1.7\n'), 'application/pdf'],
  ['7z', fromHex('377abcaf271c0004'), 'application/x-7z-compressed'],
  ['wasm', fromHex('0061736d01000000'), 'application/wasm'],
  ['woff2', fromAscii('wOF2\u0000\u0001\u0000\u0000'), 'font/woff2'],
];

describe('detectFileType', () => {
  it.each(samples)('recognises %s', (extension, bytes, mediaType) => {
    expect(detectFileType(bytes)).toMatchObject({ extension, mediaType });
  });

  it('recognises a tar archive by the ustar magic at offset 257', () => {
    // Python's tarfile writes "ustar\0" + "00" there.
    const header = new Uint8Array(512);
    header.set(fromAscii('ustar\u000000'), 257);
    expect(detectFileType(header)?.extension).toBe('tar');
    expect(detectFileType(header.subarray(0, 261))).toBeUndefined();
  });

  it('names the type for people', () => {
    expect(detectFileType(samples[0]?.[1] ?? new Uint8Array(0))).toEqual({ name: 'PNG image', mediaType: 'image/png', extension: 'png' });
  });

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['a truncated PNG signature', fromHex('89504e470d0a1a')],
    ['RIFF that is not WebP', fromAscii('RIFF\u0024\u0000\u0000\u0000WAVEfmt ')],
    ['random bytes', fromHex('0123456789abcdef')],
    ['gzip magic with an unknown method', fromHex('1f8b0900')],
  ])('returns undefined for %s', (_, bytes) => {
    expect(detectFileType(bytes)).toBeUndefined();
  });
});
