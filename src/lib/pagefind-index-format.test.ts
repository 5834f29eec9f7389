import { describe, expect, it } from 'vitest';
import {
  compareUtf8,
  decodeFilter,
  decodeMeta,
  decodeWordChunk,
  encodeFilter,
  encodeMeta,
  encodeWordChunk,
  pagefindChunkRanges,
  pagefindChunks,
  pagefindFileHash,
  pagefindMetaHash,
  type WordEntry,
} from './pagefind-index-format.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (value: string) => [0x60 + Buffer.byteLength(value), ...Buffer.from(value)];

describe('pagefindFileHash', () => {
  it('writes each SHA-1 byte in hex without its leading zero, as pagefind does', () => {
    // `printf f | sha1sum` gives 4a0a19218e082a34…: the bytes 0a and 08 are written "a" and "8".
    expect(pagefindFileHash('en', Buffer.from('f'))).toBe('en_4aa1921');
    expect(pagefindMetaHash('en', Buffer.from('f'))).toBe('en_4aa19218e8');
    expect(pagefindFileHash('pt-br', Buffer.from('f'))).toBe('pt-br_4aa1921');
  });
});

describe('compareUtf8', () => {
  it('orders by code point, as UTF-8 bytes do, also where UTF-16 order differs', () => {
    // U+FF21 (fullwidth A) is EF BC A1 in UTF-8; U+1F600 is F0 9F 98 80: the emoji comes after,
    // though its UTF-16 surrogate D83D comes before FF21.
    expect(compareUtf8('\uff21', '\u{1f600}')).toBeLessThan(0);
    expect('\uff21' < '\u{1f600}').toBe(false);
    expect(compareUtf8('abc', 'abd')).toBeLessThan(0);
    expect(compareUtf8('ab', 'abc')).toBeLessThan(0);
    expect(compareUtf8('é', 'e')).toBeGreaterThan(0);
    expect(compareUtf8('same', 'same')).toBe(0);
  });
});

describe('word chunks', () => {
  // [[["apple", [[3, [5], []], [2, [-26, 7], [-1, 0]]], [["äpple", [[4, [1], []]]]]]]]:
  // postings on pages 3 and 5 (page numbers stored as differences), a variant on page 4.
  const chunk = bytes(
    0x81, 0x81, 0x83, ...text('apple'),
    0x82, 0x83, 0x03, 0x81, 0x05, 0x80, 0x83, 0x02, 0x82, 0x38, 0x19, 0x07, 0x82, 0x20, 0x00,
    0x81, 0x82, ...text('äpple'), 0x81, 0x83, 0x04, 0x81, 0x01, 0x80,
  );

  it('decodes page numbers from their differences, and counts postings as pagefind does', () => {
    const [word] = decodeWordChunk(chunk);
    expect(word!.word).toBe('apple');
    expect(word!.postings.map((p) => p.page)).toEqual([3, 5]);
    // Locations plus meta locations plus one: 1 + 0 + 1, 2 + 2 + 1.
    expect(word!.postings.map((p) => p.weight)).toEqual([2, 5]);
    expect(word!.variants).toHaveLength(1);
    expect(word!.variants[0]!.form).toBe('äpple');
    expect(word!.variants[0]!.postings.map((p) => p.page)).toEqual([4]);
  });

  it('encodes to the same bytes', () => {
    expect(Buffer.from(encodeWordChunk(decodeWordChunk(chunk)))).toEqual(Buffer.from(chunk));
  });

  it('refuses postings out of page order and shapes it does not know', () => {
    const [word] = decodeWordChunk(chunk);
    expect(() => encodeWordChunk([{ ...word!, postings: [...word!.postings].reverse() }])).toThrow(/out of page order/);
    // A posting of 4 items (a later pagefind's format, say).
    expect(() => decodeWordChunk(bytes(0x81, 0x81, 0x83, ...text('a'), 0x81, 0x84, 0x00, 0x80, 0x80, 0x80, 0x80))).toThrow(/posting of 3 items/);
  });
});

describe('pagefindChunks and pagefindChunkRanges', () => {
  const word = (name: string, weight: number): WordEntry => ({ word: name, postings: [{ page: 0, rest: bytes(0x80, 0x80), weight }], variants: [] });

  it('closes a chunk once its weight reaches the size, and names ranges by the letters that tell neighbours apart', () => {
    // pagefind's own test case: apple (weights 4 and 4), apricot 4, banana 5, peach 4, size 8.
    const words = [
      { ...word('apple', 4), postings: [{ page: 1, rest: bytes(0x80, 0x80), weight: 4 }, { page: 5, rest: bytes(0x80, 0x80), weight: 4 }] },
      word('apricot', 4),
      word('banana', 5),
      word('peach', 4),
    ];
    const chunks = pagefindChunks(words, 8);
    expect(chunks.map((c) => c.map((w) => w.word))).toEqual([['apple'], ['apricot', 'banana'], ['peach']]);
    // "app" would sort before the chunk's own first word, so apple keeps its whole name.
    expect(pagefindChunkRanges(chunks)).toEqual([
      { from: 'apple', to: 'apple' },
      { from: 'apr', to: 'b' },
      { from: 'p', to: 'peach' },
    ]);
  });
});

describe('metadata and filters', () => {
  // [version, [[hash, words, ""]], [[from, to, hash]], [[filter, hash]], [], [field]]
  const meta = bytes(
    0x86, ...text('1.6.0'),
    0x81, 0x83, ...text('en_1234567'), 0x19, 0x05, 0x2c, 0x60,
    0x81, 0x83, ...text('a'), ...text('z'), ...text('en_abcdef0'),
    0x81, 0x82, ...text('tag'), ...text('en_7654321'),
    0x80,
    0x81, ...text('title'),
  );

  it('reads what the merge needs and writes the same bytes', () => {
    const decoded = decodeMeta(meta);
    expect(decoded.version).toBe('1.6.0');
    expect(decoded.pages.map((p) => p.hash)).toEqual(['en_1234567']);
    expect(decoded.chunks).toEqual([{ from: 'a', to: 'z', hash: 'en_abcdef0' }]);
    expect(decoded.filters).toEqual([{ filter: 'tag', hash: 'en_7654321' }]);
    expect(decoded.metaFields).toEqual(['title']);
    expect(Buffer.from(encodeMeta(decoded))).toEqual(Buffer.from(meta));
  });

  it('round-trips a filter with page lists', () => {
    // ["tag", [["api", [1, 300]], ["dns", [0]]]]: 300 takes a two-byte argument (0x19 0x01 0x2c).
    const filter = bytes(0x82, ...text('tag'), 0x82, 0x82, ...text('api'), 0x82, 0x01, 0x19, 0x01, 0x2c, 0x82, ...text('dns'), 0x81, 0x00);
    expect(decodeFilter(filter)).toEqual({ filter: 'tag', values: [{ value: 'api', pages: [1, 300] }, { value: 'dns', pages: [0] }] });
    expect(Buffer.from(encodeFilter(decodeFilter(filter)))).toEqual(Buffer.from(filter));
  });
});
