import {
  CBOR_ARRAY,
  CborFormatError,
  concatBytes,
  readArrayHead,
  readText,
  skipItems,
  writeHead,
  writeText,
} from './cbor-items.ts';

/*
 * pagefind splits its word index into chunks of about 40 KB gzip and a first query loads one
 * of them, whatever the word. It also looks for the words a typed prefix extends to in that one
 * chunk only, so a prefix whose words straddle two chunks finds part of them. These functions
 * cut the index again, at the byte level: smaller chunks, words that share their first letters
 * kept together, and chunk ranges that leave no gap between chunks.
 *
 * Formats (pagefind 1.x, after the "pagefind_dcd" signature): an index chunk is
 * [[[word, pages, …], …]]; the metadata is [version, pages, chunks, …] with each chunk as
 * [from, to, hash], a query term going to the first chunk with from <= term <= to.
 */

/** Every pagefind data file starts with this, once ungzipped. */
export const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/** A word of an index chunk with its whole CBOR item ([word, pages, …]), kept as bytes. */
export interface IndexWord {
  word: string;
  item: Uint8Array;
}

/** A chunk as the metadata names it: the terms it answers for, and its file's hash. */
export interface MetaChunk {
  from: string;
  to: string;
  hash: string;
}

export function readIndexChunk(cbor: Uint8Array): IndexWord[] {
  const outer = readArrayHead(cbor, 0);
  if (outer.length !== 1) throw new CborFormatError(`expected an index chunk holding one word list, found ${outer.length} items`, 0);
  const list = readArrayHead(cbor, outer.next);
  const words: IndexWord[] = [];
  let at = list.next;
  for (let i = 0; i < list.length; i++) {
    const entry = readArrayHead(cbor, at);
    if (entry.length < 1) throw new CborFormatError('expected a word entry, found an empty array', at);
    const { text } = readText(cbor, entry.next);
    const end = skipItems(cbor, at);
    words.push({ word: text, item: cbor.subarray(at, end) });
    at = end;
  }
  if (at !== cbor.length) throw new CborFormatError('unexpected bytes after the word list', at);
  return words;
}

export function writeIndexChunk(words: readonly IndexWord[]): Uint8Array {
  return concatBytes([writeHead(CBOR_ARRAY, 1), writeHead(CBOR_ARRAY, words.length), ...words.map((w) => w.item)]);
}

export interface ChunkPlanOptions {
  /** CBOR bytes a chunk is closed at, unless the next word shares its first letters with the last. */
  targetBytes: number;
  /** Words that share this many leading characters stay in one chunk. Default 3. */
  keepTogether?: number;
  /** No chunk grows past this, shared letters or not (a word larger by itself gets a chunk of its own). Default 3 × targetBytes. */
  maxBytes?: number;
}

/**
 * Groups `words` (in index order) into chunks. A chunk is closed once the next word would take
 * it past `targetBytes`, except between words sharing `keepTogether` leading characters, so that
 * a prefix of that length finds all its words in one chunk. When that would take a chunk past
 * `maxBytes`, it is cut where its neighbouring words share the fewest leading characters
 * (the latest such place), which keeps the longest prefixes whole.
 */
export function planChunks(words: readonly IndexWord[], options: ChunkPlanOptions): IndexWord[][] {
  const { targetBytes } = options;
  const keepTogether = options.keepTogether ?? 3;
  const maxBytes = options.maxBytes ?? 3 * targetBytes;
  if (!(targetBytes > 0)) throw new RangeError(`targetBytes must be positive, not ${targetBytes}`);
  const chunks: IndexWord[][] = [];
  let current: IndexWord[] = [];
  let size = 0;
  for (const word of words) {
    const previous = current.at(-1);
    const grown = size + word.item.length;
    if (previous && grown > targetBytes) {
      const shared = sharedPrefixLength(previous.word, word.word);
      if (shared < keepTogether) {
        chunks.push(current);
        current = [];
      } else if (grown > maxBytes) {
        // Cut at the weakest link inside the chunk, or before this word if none is weaker.
        let cut = current.length;
        let weakest = shared;
        for (let i = current.length - 1; i >= 1; i--) {
          const link = sharedPrefixLength(current[i - 1]!.word, current[i]!.word);
          if (link < weakest) [cut, weakest] = [i, link];
        }
        chunks.push(current.slice(0, cut));
        current = current.slice(cut);
        // What follows the cut may still be too large to take this word.
        if (current.length > 0 && current.reduce((sum, w) => sum + w.item.length, 0) + word.item.length > maxBytes) {
          chunks.push(current);
          current = [];
        }
      }
      size = current.reduce((sum, w) => sum + w.item.length, 0);
    }
    current.push(word);
    size += word.item.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** How many leading characters (code points) `a` and `b` share. */
export function sharedPrefixLength(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return i;
}

/**
 * The [from, to] of each chunk, with no gap between one chunk and the next: a term goes to the
 * chunk holding the first word at or after it, where the words it is a prefix of start. The
 * first chunk starts at "" and each later one at the last word of the one before (pagefind
 * takes the first chunk that matches, so that word still goes to its own chunk).
 */
export function chunkRanges(chunks: readonly (readonly IndexWord[])[]): Array<{ from: string; to: string }> {
  const ranges: Array<{ from: string; to: string }> = [];
  let from = '';
  for (const chunk of chunks) {
    const last = chunk.at(-1);
    if (!last) throw new RangeError('a chunk without words');
    ranges.push({ from, to: last.word });
    from = last.word;
  }
  return ranges;
}

/** Whether `words` are in pagefind's order (by UTF-8 bytes, no repeats), which the ranges rely on. */
export function inIndexOrder(words: readonly IndexWord[]): boolean {
  const encoder = new TextEncoder();
  let previous: Uint8Array | undefined;
  for (const { word } of words) {
    const bytes = encoder.encode(word);
    if (previous && compareBytes(previous, bytes) >= 0) return false;
    previous = bytes;
  }
  return true;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Where the chunk list is in the metadata, and what it says. */
function locateMetaChunks(meta: Uint8Array): { start: number; end: number } {
  const top = readArrayHead(meta, 0);
  if (top.length < 3) throw new CborFormatError(`expected pagefind metadata of at least 3 items, found ${top.length}`, 0);
  const start = skipItems(meta, top.next, 2); // the version and the pages come first
  return { start, end: skipItems(meta, start) };
}

export function readMetaChunks(meta: Uint8Array): MetaChunk[] {
  const { start } = locateMetaChunks(meta);
  const list = readArrayHead(meta, start);
  const chunks: MetaChunk[] = [];
  let at = list.next;
  for (let i = 0; i < list.length; i++) {
    const entry = readArrayHead(meta, at);
    if (entry.length !== 3) throw new CborFormatError(`expected a chunk as [from, to, hash], found ${entry.length} items`, at);
    const from = readText(meta, entry.next);
    const to = readText(meta, from.next);
    const hash = readText(meta, to.next);
    chunks.push({ from: from.text, to: to.text, hash: hash.text });
    at = hash.next;
  }
  return chunks;
}

/** The metadata with its chunk list replaced by `chunks`; every other byte as it was. */
export function replaceMetaChunks(meta: Uint8Array, chunks: readonly MetaChunk[]): Uint8Array {
  const { start, end } = locateMetaChunks(meta);
  const list = [writeHead(CBOR_ARRAY, chunks.length)];
  for (const { from, to, hash } of chunks) list.push(writeHead(CBOR_ARRAY, 3), writeText(from), writeText(to), writeText(hash));
  return concatBytes([meta.subarray(0, start), ...list, meta.subarray(end)]);
}
