import { createHash } from 'node:crypto';
import { CBOR_ARRAY, CBOR_UNSIGNED, CborFormatError, concatBytes, readArrayHead, readHead, readText, skipItems, writeHead, writeText } from './cbor-items.ts';

/*
 * pagefind 1.6's index files, decoded far enough to take pages out of an index and put pages
 * in (pagefind-index-merge.ts), and encoded again exactly as pagefind encodes them: the same
 * CBOR, the same chunks, the same file names. Only the parts a page's postings live in are
 * decoded; everything else is carried as the bytes pagefind wrote.
 *
 *   word chunk  [[word entry, …]]
 *   word entry  [word, [posting, …], [[variant form, [posting, …]], …]]
 *   posting     [page number, as the difference from the posting before it; locations; meta locations]
 *   metadata    [version, [page, …], [[from, to, hash], …], [[filter, hash], …], sorts, [meta field, …]]
 *   page        [fragment hash, word count, …]
 *   filter      [filter, [[value, [page number, …]], …]]
 *
 * Any other shape throws a CborFormatError: the caller then lets pagefind index every page.
 */

/** One page's postings of a word: what follows its page number, as bytes, and pagefind's size measure. */
export interface Posting {
  page: number;
  /** The locations and meta locations arrays, as encoded. */
  rest: Uint8Array;
  /** Locations plus meta locations plus one: what pagefind counts to fill a chunk. */
  weight: number;
}

export interface WordVariant {
  form: string;
  postings: Posting[];
}

export interface WordEntry {
  word: string;
  postings: Posting[];
  variants: WordVariant[];
}

export interface MetaPage {
  /** The fragment's file name without its extension. */
  hash: string;
  /** The page's whole metadata item, as encoded. */
  item: Uint8Array;
}

export interface IndexMeta {
  version: string;
  pages: MetaPage[];
  chunks: Array<{ from: string; to: string; hash: string }>;
  filters: Array<{ filter: string; hash: string }>;
  /** The sorts item as encoded; an index with sorts is not merged. */
  sorts: Uint8Array;
  metaFields: string[];
}

export interface FilterIndex {
  filter: string;
  values: Array<{ value: string; pages: number[] }>;
}

function readUnsigned(bytes: Uint8Array, at: number): { value: number; next: number } {
  const head = readHead(bytes, at);
  if (head.major !== CBOR_UNSIGNED) throw new CborFormatError(`expected an unsigned integer, found major type ${head.major}`, at);
  return head;
}

/**
 * The end of an array of integers at `at`, and its length in `arrayLength`: read byte by byte,
 * as a chunk holds hundreds of thousands of locations and a head object for each would cost
 * more than the rest of the decoding.
 */
let arrayLength = 0;
function intArrayEnd(bytes: Uint8Array, at: number): number {
  const head = bytes[at];
  if (head === undefined || head >> 5 !== CBOR_ARRAY) return readArrayHead(bytes, at).next; // throws the right error
  let length = head & 0x1f;
  let offset = at + 1;
  if (length >= 24) ({ length, next: offset } = readArrayHead(bytes, at));
  for (let i = 0; i < length; i++) {
    const item = bytes[offset];
    if (item === undefined || item >> 5 > 1) throw new CborFormatError('expected an integer location', offset);
    const info = item & 0x1f;
    offset += info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : info === 27 ? 9 : NaN;
    if (!(offset <= bytes.length)) throw new CborFormatError('location runs past the end of data', offset);
  }
  arrayLength = length;
  return offset;
}

function readPostings(bytes: Uint8Array, at: number): { postings: Posting[]; next: number } {
  const list = readArrayHead(bytes, at);
  const postings: Posting[] = new Array(list.length);
  let offset = list.next;
  let page = 0;
  for (let i = 0; i < list.length; i++) {
    if (bytes[offset] !== 0x83) throw new CborFormatError('expected a posting of 3 items', offset);
    const delta = readUnsigned(bytes, offset + 1);
    page += delta.value;
    const locsEnd = intArrayEnd(bytes, delta.next);
    const locs = arrayLength;
    const end = intArrayEnd(bytes, locsEnd);
    postings[i] = { page, rest: bytes.subarray(delta.next, end), weight: locs + arrayLength + 1 };
    offset = end;
  }
  return { postings, next: offset };
}

export function decodeWordChunk(cbor: Uint8Array): WordEntry[] {
  const outer = readArrayHead(cbor, 0);
  if (outer.length !== 1) throw new CborFormatError(`expected a word chunk holding one list, found ${outer.length} items`, 0);
  const list = readArrayHead(cbor, outer.next);
  const words: WordEntry[] = [];
  let at = list.next;
  for (let i = 0; i < list.length; i++) {
    const entry = readArrayHead(cbor, at);
    if (entry.length !== 3) throw new CborFormatError(`expected a word entry of 3 items, found ${entry.length}`, at);
    const word = readText(cbor, entry.next);
    const { postings, next } = readPostings(cbor, word.next);
    const variantList = readArrayHead(cbor, next);
    const variants: WordVariant[] = [];
    at = variantList.next;
    for (let v = 0; v < variantList.length; v++) {
      const variant = readArrayHead(cbor, at);
      if (variant.length !== 2) throw new CborFormatError(`expected a variant of 2 items, found ${variant.length}`, at);
      const form = readText(cbor, variant.next);
      const read = readPostings(cbor, form.next);
      variants.push({ form: form.text, postings: read.postings });
      at = read.next;
    }
    words.push({ word: word.text, postings, variants });
  }
  if (at !== cbor.length) throw new CborFormatError('unexpected bytes after the word list', at);
  return words;
}

/** Appends CBOR to one growing buffer: an index holds too many small items for an array of parts. */
class CborWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private static readonly encoder = new TextEncoder();

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  head(major: number, value: number): void {
    this.reserve(9);
    const type = major << 5;
    if (value < 24) this.buffer[this.length++] = type | value;
    else if (value < 0x100) {
      this.buffer[this.length++] = type | 24;
      this.buffer[this.length++] = value;
    } else this.bytes(writeHead(major, value));
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  text(text: string): void {
    const encoded = CborWriter.encoder.encode(text);
    this.head(3, encoded.length);
    this.bytes(encoded);
  }

  postings(postings: readonly Posting[]): void {
    this.head(CBOR_ARRAY, postings.length);
    let page = 0;
    for (const posting of postings) {
      if (posting.page < page) throw new RangeError(`postings out of page order: ${posting.page} after ${page}`);
      this.head(CBOR_ARRAY, 3);
      this.head(CBOR_UNSIGNED, posting.page - page);
      this.bytes(posting.rest);
      page = posting.page;
    }
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export function encodeWordChunk(words: readonly WordEntry[]): Uint8Array {
  const out = new CborWriter();
  out.head(CBOR_ARRAY, 1);
  out.head(CBOR_ARRAY, words.length);
  for (const { word, postings, variants } of words) {
    out.head(CBOR_ARRAY, 3);
    out.text(word);
    out.postings(postings);
    out.head(CBOR_ARRAY, variants.length);
    for (const variant of variants) {
      out.head(CBOR_ARRAY, 2);
      out.text(variant.form);
      out.postings(variant.postings);
    }
  }
  return out.result();
}

function readTextList(bytes: Uint8Array, at: number): { texts: string[]; next: number } {
  const list = readArrayHead(bytes, at);
  const texts: string[] = [];
  let offset = list.next;
  for (let i = 0; i < list.length; i++) {
    const { text, next } = readText(bytes, offset);
    texts.push(text);
    offset = next;
  }
  return { texts, next: offset };
}

/** An array of arrays of `size` text strings each; `what` names one in the error. */
function readTextTuples(bytes: Uint8Array, at: number, size: number, what: string): { tuples: string[][]; next: number } {
  const list = readArrayHead(bytes, at);
  const tuples: string[][] = [];
  let offset = list.next;
  for (let i = 0; i < list.length; i++) {
    const { texts, next } = readTextList(bytes, offset);
    if (texts.length !== size) throw new CborFormatError(`expected ${what}, found ${texts.length} items`, offset);
    tuples.push(texts);
    offset = next;
  }
  return { tuples, next: offset };
}

export function decodeMeta(cbor: Uint8Array): IndexMeta {
  const top = readArrayHead(cbor, 0);
  if (top.length !== 6) throw new CborFormatError(`expected metadata of 6 items, found ${top.length}`, 0);
  const version = readText(cbor, top.next);
  const pageList = readArrayHead(cbor, version.next);
  const pages: MetaPage[] = [];
  let at = pageList.next;
  for (let i = 0; i < pageList.length; i++) {
    const entry = readArrayHead(cbor, at);
    if (entry.length < 2) throw new CborFormatError(`expected a page of at least 2 items, found ${entry.length}`, at);
    const { text } = readText(cbor, entry.next);
    const end = skipItems(cbor, at);
    pages.push({ hash: text, item: cbor.subarray(at, end) });
    at = end;
  }
  const chunkList = readTextTuples(cbor, at, 3, 'a chunk as [from, to, hash]');
  const chunks = chunkList.tuples.map(([from, to, hash]) => ({ from: from!, to: to!, hash: hash! }));
  const filterList = readTextTuples(cbor, chunkList.next, 2, 'a filter as [name, hash]');
  const filters = filterList.tuples.map(([filter, hash]) => ({ filter: filter!, hash: hash! }));
  at = filterList.next;
  const sortsEnd = skipItems(cbor, at);
  const sorts = cbor.subarray(at, sortsEnd);
  const fields = readTextList(cbor, sortsEnd);
  if (fields.next !== cbor.length) throw new CborFormatError('unexpected bytes after the metadata', fields.next);
  return { version: version.text, pages, chunks, filters, sorts, metaFields: fields.texts };
}

export function encodeMeta(meta: IndexMeta): Uint8Array {
  const parts: Uint8Array[] = [writeHead(CBOR_ARRAY, 6), writeText(meta.version), writeHead(CBOR_ARRAY, meta.pages.length)];
  for (const page of meta.pages) parts.push(page.item);
  parts.push(writeHead(CBOR_ARRAY, meta.chunks.length));
  for (const { from, to, hash } of meta.chunks) parts.push(writeHead(CBOR_ARRAY, 3), writeText(from), writeText(to), writeText(hash));
  parts.push(writeHead(CBOR_ARRAY, meta.filters.length));
  for (const { filter, hash } of meta.filters) parts.push(writeHead(CBOR_ARRAY, 2), writeText(filter), writeText(hash));
  parts.push(meta.sorts, writeHead(CBOR_ARRAY, meta.metaFields.length), ...meta.metaFields.map(writeText));
  return concatBytes(parts);
}

/** Whether the sorts item is an empty array (pages carry no data-pagefind-sort). */
export function hasNoSorts(meta: IndexMeta): boolean {
  return meta.sorts.length === 1 && meta.sorts[0] === 0x80;
}

export function decodeFilter(cbor: Uint8Array): FilterIndex {
  const top = readArrayHead(cbor, 0);
  if (top.length !== 2) throw new CborFormatError(`expected a filter of 2 items, found ${top.length}`, 0);
  const filter = readText(cbor, top.next);
  const list = readArrayHead(cbor, filter.next);
  const values: FilterIndex['values'] = [];
  let at = list.next;
  for (let i = 0; i < list.length; i++) {
    const entry = readArrayHead(cbor, at);
    if (entry.length !== 2) throw new CborFormatError(`expected a filter value of 2 items, found ${entry.length}`, at);
    const value = readText(cbor, entry.next);
    const pageList = readArrayHead(cbor, value.next);
    const pages: number[] = [];
    at = pageList.next;
    for (let p = 0; p < pageList.length; p++) {
      const page = readUnsigned(cbor, at);
      pages.push(page.value);
      at = page.next;
    }
    values.push({ value: value.text, pages });
  }
  if (at !== cbor.length) throw new CborFormatError('unexpected bytes after the filter', at);
  return { filter: filter.text, values };
}

export function encodeFilter({ filter, values }: FilterIndex): Uint8Array {
  const parts: Uint8Array[] = [writeHead(CBOR_ARRAY, 2), writeText(filter), writeHead(CBOR_ARRAY, values.length)];
  for (const { value, pages } of values) {
    parts.push(writeHead(CBOR_ARRAY, 2), writeText(value), writeHead(CBOR_ARRAY, pages.length), ...pages.map((page) => writeHead(CBOR_UNSIGNED, page)));
  }
  return concatBytes(parts);
}

/**
 * The name pagefind gives a file of `bytes` in `language`: the language, "_", and the first
 * seven hex digits of its SHA-1, written (as pagefind writes it) without leading zeros per byte.
 */
export function pagefindFileHash(language: string, bytes: Uint8Array): string {
  return `${language}_${pagefindHex(bytes)}`.slice(0, language.length + 8);
}

function pagefindHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of createHash('sha1').update(bytes).digest()) hex += byte.toString(16);
  return hex;
}

/** The name pagefind gives the metadata file: like the others, but ten hex digits. */
export function pagefindMetaHash(language: string, bytes: Uint8Array): string {
  return `${language}_${pagefindHex(bytes).slice(0, language.length + 8)}`;
}

/**
 * UTF-8 byte order, which pagefind sorts its words by (Rust's string order). It is code point
 * order, which UTF-16 order matches except for surrogates against U+E000–U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** pagefind's chunking: words in order, a chunk closed once its postings' weight reaches `chunkWeight`. */
export function pagefindChunks(words: readonly WordEntry[], chunkWeight: number): WordEntry[][] {
  const chunks: WordEntry[][] = [];
  let chunk: WordEntry[] = [];
  let weight = 0;
  for (const word of words) {
    for (const posting of word.postings) weight += posting.weight;
    chunk.push(word);
    if (weight >= chunkWeight) {
      chunks.push(chunk);
      chunk = [];
      weight = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The [from, to] pagefind gives each chunk: first and last word, cut to the letters that tell neighbours apart. */
export function pagefindChunkRanges(chunks: readonly (readonly WordEntry[])[]): Array<{ from: string; to: string }> {
  const ranges = chunks.map((chunk) => ({ from: chunk[0]?.word ?? '', to: chunk.at(-1)?.word ?? '' }));
  for (let i = 0; i + 1 < ranges.length; i++) {
    const left = Array.from(ranges[i]!.to);
    const right = Array.from(ranges[i + 1]!.from);
    let shared = 0;
    while (shared < left.length && shared < right.length && left[shared] === right[shared]) shared++;
    const to = left.slice(0, shared + 1).join('');
    if (compareUtf8(to, ranges[i]!.from) >= 0) ranges[i]!.to = to;
    ranges[i + 1]!.from = right.slice(0, shared + 1).join('');
  }
  return ranges;
}
