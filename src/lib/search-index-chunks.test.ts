import { decode, encode } from 'cborg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborFormatError } from './cbor-items.ts';
import {
  chunkRanges,
  inIndexOrder,
  planChunks,
  readIndexChunk,
  readMetaChunks,
  replaceMetaChunks,
  sharedPrefixLength,
  writeIndexChunk,
  type IndexWord,
} from './search-index-chunks.ts';

// Chunks and metadata are written with cborg, an independent encoder, in pagefind's layout:
// a word is [word, [[page, [positions…], []], …], []].
type Entry = [string, Array<[number, number[], []]>, []];
const entry = (word: string, pages: number[]): Entry => [word, pages.map((page) => [page, [-25, page + 3, page + 40], []]), []];
const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** pagefind's choice of chunk for a term: the first whose [from, to] holds it, by UTF-8 bytes. */
function route(ranges: Array<{ from: string; to: string }>, term: string): number {
  return ranges.findIndex(({ from, to }) => byUtf8(term, from) >= 0 && byUtf8(term, to) <= 0);
}

/** A word item of `size` bytes exactly, for plans made by hand. */
function sized(word: string, size: number): IndexWord {
  return { word, item: new Uint8Array(size) };
}

describe('readIndexChunk and writeIndexChunk', () => {
  const chunk = [[entry('backoff', [0, 1, 2]), entry('backup', [2]), entry('café', [1, 300])]];

  it('read each word and its whole item, and write back the very bytes', () => {
    const bytes = encode(chunk);
    const words = readIndexChunk(bytes);
    expect(words.map((w) => w.word)).toEqual(['backoff', 'backup', 'café']);
    expect(words.map((w) => decode(w.item))).toEqual(chunk[0]);
    expect(writeIndexChunk(words)).toEqual(bytes);
    expect(decode(writeIndexChunk(words.slice(1)))).toEqual([chunk[0]!.slice(1)]);
  });

  it('refuse a layout they do not know, saying where', () => {
    expect(() => readIndexChunk(encode([chunk[0], []]))).toThrow(/one word list, found 2 items at byte 0/);
    expect(() => readIndexChunk(new Uint8Array([...encode(chunk), 0]))).toThrow(CborFormatError);
    expect(() => readIndexChunk(encode([[[]]]))).toThrow(/empty array at byte 2/);
  });
});

describe('planChunks', () => {
  it('closes a chunk at the target between words that share fewer than three letters', () => {
    const words = [sized('alpha', 40), sized('beta', 40), sized('gamma', 40), sized('delta', 10)];
    expect(planChunks(words, { targetBytes: 80 }).map((c) => c.map((w) => w.word))).toEqual([['alpha', 'beta'], ['gamma', 'delta']]);
  });

  it('keeps words that share their first three letters together, up to the largest size', () => {
    const words = [sized('config', 50), sized('configmap', 50), sized('configure', 50), sized('zone', 10)];
    expect(planChunks(words, { targetBytes: 60 }).map((c) => c.map((w) => w.word))).toEqual([['config', 'configmap', 'configure'], ['zone']]);
    // Past maxBytes the chunk is cut where neighbours share least: "con|fig…" (3) before "config|map" (6).
    const longer = [sized('concur', 50), ...words];
    expect(planChunks(longer, { targetBytes: 60, maxBytes: 160 }).map((c) => c.map((w) => w.word))).toEqual([
      ['concur'],
      ['config', 'configmap', 'configure'],
      ['zone'],
    ]);
  });

  it('gives a word larger than the target a chunk of its own', () => {
    const words = [sized('a', 5), sized('huge', 500), sized('b', 5)];
    expect(planChunks(words, { targetBytes: 100 }).map((c) => c.map((w) => w.word))).toEqual([['a'], ['huge'], ['b']]);
    // Even when it shares its first letters with the word before: no empty chunk is left behind.
    const shared = [sized('céca', 1), sized('cécé', 25)];
    expect(planChunks(shared, { targetBytes: 1 }).map((c) => c.map((w) => w.word))).toEqual([['céca'], ['cécé']]);
  });

  it('loses no word and keeps their order; no chunk of several words passes maxBytes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'b', 'c', '-', 'é') }), { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 80, maxLength: 80 }),
        fc.integer({ min: 1, max: 400 }),
        (names, sizes, targetBytes) => {
          const words = names.sort(byUtf8).map((name, i) => sized(name, sizes[i]!));
          const chunks = planChunks(words, { targetBytes });
          expect(chunks.flat()).toEqual(words);
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            const size = chunk.reduce((sum, w) => sum + w.item.length, 0);
            if (chunk.length > 1) expect(size).toBeLessThanOrEqual(3 * targetBytes);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a target of no bytes', () => {
    expect(() => planChunks([], { targetBytes: 0 })).toThrow(RangeError);
  });
});

describe('chunkRanges', () => {
  it('sends every word to the chunk that holds it, and any other term to the chunk where the words after it start', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'z', '.', 'ü', '語') }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', 'z', '.', 'ü', '語', 'c') }), { maxLength: 20 }),
        (names, targetBytes, terms) => {
          const words = names.sort(byUtf8).map((name) => sized(name, 1 + (name.length % 7) * 10));
          const chunks = planChunks(words, { targetBytes });
          const ranges = chunkRanges(chunks);
          chunks.forEach((chunk, i) => {
            for (const word of chunk) expect(route(ranges, word.word)).toBe(i);
          });
          for (const term of terms) {
            const next = words.find((w) => byUtf8(w.word, term) >= 0);
            if (next) expect(chunks[route(ranges, term)]).toContain(next);
            else expect(route(ranges, term)).toBe(-1); // past the last word: no word to find
          }
        },
      ),
    );
  });

  it('leaves no gap: each chunk starts where the last one ended, the first at ""', () => {
    const ranges = chunkRanges([[sized('apple', 1), sized('apricot', 1)], [sized('banana', 1)]]);
    expect(ranges).toEqual([
      { from: '', to: 'apricot' },
      { from: 'apricot', to: 'banana' },
    ]);
  });
});

describe('inIndexOrder', () => {
  it('accepts UTF-8 byte order and refuses any other order or a repeat', () => {
    // By UTF-8 bytes "z" (0x7a) comes before "é" (0xc3 0xa9), as in pagefind's index.
    expect(inIndexOrder([sized('a', 1), sized('z', 1), sized('é', 1)])).toBe(true);
    expect(inIndexOrder([sized('é', 1), sized('z', 1)])).toBe(false);
    expect(inIndexOrder([sized('a', 1), sized('a', 1)])).toBe(false);
  });
});

describe('sharedPrefixLength', () => {
  it('counts characters, not UTF-16 units or bytes', () => {
    expect(sharedPrefixLength('configmap', 'configure')).toBe(6);
    expect(sharedPrefixLength('😀a', '😀b')).toBe(1);
    expect(sharedPrefixLength('', 'x')).toBe(0);
  });
});

describe('readMetaChunks and replaceMetaChunks', () => {
  const meta = [
    '1.6.0',
    [
      ['en_aaaaaaa', 120, ''],
      ['en_bbbbbbb', 80, ''],
    ],
    [
      ['-', 'build', 'en_1111111'],
      ['build-', 'zone', 'en_2222222'],
    ],
    [['tag', 'en_3333333']],
    [],
    ['title'],
  ];

  it('read the chunk list', () => {
    expect(readMetaChunks(encode(meta))).toEqual([
      { from: '-', to: 'build', hash: 'en_1111111' },
      { from: 'build-', to: 'zone', hash: 'en_2222222' },
    ]);
  });

  it('replace the chunk list and leave every other item as it was', () => {
    const chunks = [
      { from: '', to: 'apricot', hash: 'en_0123456789' },
      { from: 'apricot', to: 'zone', hash: 'en_9876543210' },
      { from: 'zone', to: 'zzz', hash: 'en_5555555555' },
    ];
    const replaced = replaceMetaChunks(encode(meta), chunks);
    expect(decode(replaced)).toEqual([meta[0], meta[1], chunks.map((c) => [c.from, c.to, c.hash]), ...meta.slice(3)]);
    expect(readMetaChunks(replaced)).toEqual(chunks);
  });

  it('refuse metadata of another layout', () => {
    expect(() => readMetaChunks(encode(['1.6.0', []]))).toThrow(/at least 3 items/);
    expect(() => readMetaChunks(encode(['1.6.0', [], [['a', 'b']]]))).toThrow(/\[from, to, hash\], found 2 items/);
  });
});
