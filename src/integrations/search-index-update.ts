import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { builtFiles } from './built-files.ts';
import { fileStamp, sameStamp, type FileStamp } from '../lib/file-stamp.ts';
import { loadAhead } from '../lib/load-ahead.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import {
  compareUtf8,
  decodeFilter,
  decodeMeta,
  decodeWordChunk,
  encodeFilter,
  encodeMeta,
  encodeWordChunk,
  hasNoSorts,
  pagefindChunkRanges,
  pagefindChunks,
  pagefindFileHash,
  pagefindMetaHash,
  type FilterIndex,
  type IndexMeta,
  type WordEntry,
} from '../lib/pagefind-index-format.ts';
import { mergeSearchIndexes, postingsOfPages, type DecodedIndex } from '../lib/pagefind-index-merge.ts';
import {
  decodePagefindFile,
  encodePagefindFile,
  linkTree,
  pruneSearchIndex,
  readPagefindEntry,
  sealSearchIndexCache,
  searchIndexSeal,
  unsealSearchIndexCache,
  type PagefindEntry,
} from './search-index-cache.ts';

/*
 * pagefind has no incremental mode: it reads every page and writes every file again, 4 s of a
 * 1,000-page rebuild here and 20 s at 5,000. Yet a page's entries in the index depend on that
 * page alone. So after a build that changed a few pages, pagefind reads only those (and one
 * unchanged page, to check that it still reads pages as the last index was made), and their
 * entries replace the old ones in the last index (lib/pagefind-index-merge.ts); the files come
 * out as pagefind writes them. Whenever that cannot be done exactly (no usable last index, a
 * quarter of the pages changed, sorts, a change of meta fields or filter values, a name
 * clash), the caller lets pagefind index the whole site as before.
 *
 * The record beside the cached index says which page files it was made from (size, mtime,
 * inode: a page Astro left alone keeps all three) and each page's URL and meta fields.
 */

/** The record's name in the search index cache folder (a dot name: never linked into the output). */
export const SEARCH_INDEX_RECORD = '.pages.json';

/** pagefind's chunk size, in postings: locations plus meta locations plus one per page of a word. */
export const PAGEFIND_CHUNK_WEIGHT = 20_000;

/**
 * Above this share of changed pages (or this many, on a small site) pagefind indexes the site
 * afresh: it would read most of it anyway. Astro writes a few pages on every build (the tools,
 * the tag list), so a small site's count is never near zero.
 */
export const MAX_CHANGED_SHARE = 0.25;
export const MAX_CHANGED_PAGES_ON_A_SMALL_SITE = 50;

const META_FIELDS_CHANGED = 'the pages’ meta fields changed';


export interface SearchIndexRecord {
  version: 1;
  fingerprint: string;
  language: string;
  /** The metadata file's hash: a record left by a build that stopped half-way does not match. */
  metaHash: string;
  files: Record<string, FileStamp>;
  /** The index's pages in order: [fragment hash, URL, meta fields]. */
  pages: Array<[string, string, string[]]>;
}

export type SearchIndexUpdate =
  | { kind: 'updated'; pages: number; changed: number; added: number; removed: number }
  | { kind: 'afresh'; reason: string };

/** The page files pagefind reads (PAGEFIND_GLOB): every index.html, with its stamp. */
export async function pageFileStamps(outDir: string): Promise<Map<string, FileStamp>> {
  const files = (await builtFiles(outDir)).filter((file) => file === 'index.html' || file.endsWith('/index.html'));
  const stamps = new Map<string, FileStamp>();
  await loadAhead(files, 64, (file) => stat(path.join(outDir, file)), (info, file) => {
    stamps.set(file, fileStamp(info));
  });
  return stamps;
}

/**
 * The URL pagefind gives a page file: its folder between slashes, percent-encoded as encodeURI
 * does (spaces and non-ASCII letters, not "&+=@'()"). A site where that is not pagefind's
 * URL gets no record (writeSearchIndexRecord checks every page), so it is never updated.
 */
export function pageUrl(file: string): string {
  return encodeURI(`/${file.slice(0, -'index.html'.length)}`);
}

export async function readSearchIndexRecord(dir: string): Promise<SearchIndexRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(path.join(dir, SEARCH_INDEX_RECORD), 'utf8')) as SearchIndexRecord;
    return record.version === 1 && Array.isArray(record.pages) && typeof record.files === 'object' ? record : undefined;
  } catch {
    return undefined;
  }
}

interface FragmentInfo {
  url: string;
  metaFields: string[];
}

function fragmentInfo(bytes: Uint8Array): FragmentInfo {
  const data = JSON.parse(Buffer.from(bytes).toString('utf8')) as { url?: unknown; meta?: Record<string, unknown> };
  if (typeof data.url !== 'string') throw new Error('a fragment without a URL');
  return { url: data.url, metaFields: Object.keys(data.meta ?? {}).sort(compareUtf8) };
}

function onlyLanguage(entry: PagefindEntry): [string, { hash: string; page_count: number }] | undefined {
  const languages = Object.entries(entry.languages ?? {});
  return languages.length === 1 ? languages[0] : undefined;
}

/**
 * After pagefind wrote the whole index into `dir` (sealed), records what it was made from, so
 * that the next build can update it. Fragments already named in `previous` are not read again.
 * Writes no record (and removes any) when the index cannot be updated later: several
 * languages, or page URLs that are not the page files' folders.
 */
export async function writeSearchIndexRecord(options: {
  dir: string;
  fingerprint: string;
  stamps: ReadonlyMap<string, FileStamp>;
  previous?: SearchIndexRecord | undefined;
}): Promise<boolean> {
  const { dir, fingerprint, stamps, previous } = options;
  const file = path.join(dir, SEARCH_INDEX_RECORD);
  await rm(file, { force: true });
  const only = onlyLanguage(await readPagefindEntry(dir));
  if (!only) return false;
  const [language, { hash: metaHash }] = only;
  const meta = decodeMeta(decodePagefindFile(await readFile(path.join(dir, `pagefind.${metaHash}.pf_meta`)), metaHash));
  const known = new Map((previous?.pages ?? []).map(([hash, url, metaFields]) => [hash, { url, metaFields }]));
  const pages: SearchIndexRecord['pages'] = new Array(meta.pages.length);
  const unknown = meta.pages.flatMap((page, i) => (known.has(page.hash) ? [] : [i]));
  for (const [i, page] of meta.pages.entries()) {
    const info = known.get(page.hash);
    if (info) pages[i] = [page.hash, info.url, info.metaFields];
  }
  await loadAhead(
    unknown,
    32,
    (i) => readFile(path.join(dir, 'fragment', `${meta.pages[i]!.hash}.pf_fragment`)),
    (bytes, i) => {
      const hash = meta.pages[i]!.hash;
      const info = fragmentInfo(decodePagefindFile(bytes, hash));
      pages[i] = [hash, info.url, info.metaFields];
    },
  );
  const urls = new Set([...stamps.keys()].map(pageUrl));
  if (!pages.every(([, url]) => urls.has(url))) return false;
  const record: SearchIndexRecord = { version: 1, fingerprint, language, metaHash, files: Object.fromEntries(stamps), pages };
  await writeFileAtomically(file, JSON.stringify(record));
  return true;
}

/** Characters that mean something in pagefind's globs; a page path with one is not picked out by name. */
const GLOB_SPECIAL = /[*?[\]{}<>!,:\\]/;

/**
 * Updates the sealed index in `dir` (made by the last build, per its record) to the pages now
 * in `outDir`, links it into `output`, and seals it again. Returns why not when it cannot be
 * done exactly; `dir` is then as it was, or unsealed (the caller writes the index afresh).
 */
export async function updateSearchIndex(options: {
  outDir: string;
  dir: string;
  output: string;
  fingerprint: string;
  includeCharacters: string;
  stamps: ReadonlyMap<string, FileStamp>;
  record: SearchIndexRecord | undefined;
  /** Pages that may change before the index is made afresh; default: a quarter, or 50 on a small site. */
  maxChanged?: number;
}): Promise<SearchIndexUpdate> {
  const { outDir, dir, output, fingerprint, includeCharacters, stamps, record } = options;
  const afresh = (reason: string): SearchIndexUpdate => ({ kind: 'afresh', reason });
  if ((await searchIndexSeal(dir)) !== fingerprint || !record || record.fingerprint !== fingerprint) return afresh('no index of an earlier build with these options');
  const only = onlyLanguage(await readPagefindEntry(dir));
  if (!only || only[0] !== record.language || only[1].hash !== record.metaHash) return afresh('the last index does not match its record');
  const language = record.language;

  const changed: string[] = [];
  for (const [file, stamp] of stamps) if (!sameStamp(record.files[file], stamp)) changed.push(file);
  const removedFiles = Object.keys(record.files).filter((file) => !stamps.has(file));
  if (changed.length === 0 && removedFiles.length === 0) {
    await rm(output, { recursive: true, force: true });
    await linkTree(dir, output);
    return { kind: 'updated', pages: record.pages.length, changed: 0, added: 0, removed: 0 };
  }
  // A build into another folder: every file is new to the record.
  if (changed.length === stamps.size) return afresh('every page changed');
  const maxChanged = options.maxChanged ?? Math.max(MAX_CHANGED_PAGES_ON_A_SMALL_SITE, MAX_CHANGED_SHARE * Math.max(stamps.size, record.pages.length));
  if (changed.length + removedFiles.length > maxChanged) {
    return afresh(`${changed.length + removedFiles.length} of ${stamps.size} pages changed`);
  }
  if (changed.some((file) => GLOB_SPECIAL.test(file))) return afresh('a changed page has a glob character in its path');

  const old = await readIndex(record.metaHash, (name) => readFile(path.join(dir, name)));
  if (!hasNoSorts(old.meta)) return afresh('the index has sorts');
  if (old.meta.pages.length !== record.pages.length || old.meta.pages.some((page, i) => page.hash !== record.pages[i]![0])) {
    return afresh('the last index does not match its record');
  }

  // One unchanged page is read again beside the changed ones: it must come out as it is in the index.
  const changedSet = new Set(changed);
  const fileOfUrl = new Map([...stamps.keys()].map((file) => [pageUrl(file), file]));
  const anchorAt = record.pages.findIndex(([, url]) => {
    const file = fileOfUrl.get(url);
    return file !== undefined && !changedSet.has(file) && !GLOB_SPECIAL.test(file);
  });
  if (anchorAt < 0) return afresh('no unchanged page to check pagefind against');
  const anchorUrl = record.pages[anchorAt]![1];
  const anchorFile = fileOfUrl.get(anchorUrl)!;

  const { index, errors } = await pagefind.createIndex({ includeCharacters });
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  const files = [...changed, anchorFile];
  const added = await index.addDirectory({ path: outDir, glob: files.length === 1 ? files[0]! : `{${files.join(',')}}` });
  if (added.errors.length > 0) throw new Error(`pagefind indexing failed: ${added.errors.join('; ')}`);
  const got = await index.getFiles();
  if (got.errors.length > 0) throw new Error(`pagefind could not build the index: ${got.errors.join('; ')}`);
  await index.deleteIndex();
  const byPath = new Map(got.files.map((file) => [file.path, file.content]));
  const read = async (name: string) => {
    const bytes = byPath.get(name);
    if (!bytes) throw new Error(`pagefind gave no ${name}`);
    return bytes;
  };
  const newEntry = JSON.parse(Buffer.from(await read('pagefind-entry.json')).toString('utf8')) as PagefindEntry;
  const newOnly = onlyLanguage(newEntry);
  if (!newOnly || newOnly[0] !== language) return afresh('the changed pages are in another language');
  const fresh = await readIndex(newOnly[1].hash, read);
  const freshInfo = await Promise.all(fresh.meta.pages.map(async (page) => fragmentInfo(decodePagefindFile(await read(`fragment/${page.hash}.pf_fragment`), page.hash))));

  // The small index numbers its meta fields among its own pages' fields.
  const fieldMap = fresh.meta.metaFields.map((field) => old.meta.metaFields.indexOf(field));
  if (fieldMap.some((to) => to < 0)) return afresh(META_FIELDS_CHANGED);
  const anchorFresh = freshInfo.findIndex((info) => info.url === anchorUrl);
  if (anchorFresh < 0 || !samePage(old, anchorAt, fresh, anchorFresh, fieldMap)) return afresh('pagefind reads the unchanged page differently from the last index');

  // New numbers: old pages in their order, a changed page in its old place, new pages last.
  const freshByUrl = new Map(freshInfo.map((info, i) => [info.url, i]));
  const changedUrls = new Set([...changed, ...removedFiles].map(pageUrl));
  const oldToNew: Array<number | undefined> = [];
  const addedToNew: Array<number | undefined> = new Array(fresh.meta.pages.length).fill(undefined);
  const pages: SearchIndexRecord['pages'] = [];
  let next = 0;
  let replaced = 0;
  let removed = 0;
  let appended = 0;
  for (const [hash, url, metaFields] of record.pages) {
    if (!changedUrls.has(url)) {
      oldToNew.push(next++);
      pages.push([hash, url, metaFields]);
      continue;
    }
    oldToNew.push(undefined);
    const at = freshByUrl.get(url);
    if (at === undefined) {
      removed++; // gone, or no longer indexed
      continue;
    }
    addedToNew[at] = next++;
    pages.push([fresh.meta.pages[at]!.hash, url, freshInfo[at]!.metaFields]);
    replaced++;
  }
  const oldUrls = new Set(record.pages.map(([, url]) => url));
  freshInfo.forEach((info, i) => {
    if (i === anchorFresh || oldUrls.has(info.url)) return;
    addedToNew[i] = next++;
    pages.push([fresh.meta.pages[i]!.hash, info.url, info.metaFields]);
    appended++;
  });
  if (pages.length === 0) return afresh('no page is left to index');

  const metaFields = [...new Set(pages.flatMap(([, , fields]) => fields))].sort(compareUtf8);
  if (metaFields.join('\u0000') !== old.meta.metaFields.join('\u0000')) return afresh(META_FIELDS_CHANGED);
  const keptHashes = new Set(record.pages.filter((_, i) => oldToNew[i] !== undefined).map(([hash]) => hash));
  if (addedToNew.some((to, i) => to !== undefined && keptHashes.has(fresh.meta.pages[i]!.hash))) return afresh('a changed page’s fragment has the name of another');

  const merged = mergeSearchIndexes(old, fresh, { oldToNew, addedToNew, pageCount: next });
  // pagefind lists a filter's values in its hash map's order, which no merge can reproduce:
  // kept only while the values stay the same (their pages may change).
  if (filterValueNames(merged.filters) !== filterValueNames(old.filters)) return afresh('a filter value appeared or went');
  const encoded = encodeIndex(language, old.meta, merged.pages, merged.words, merged.filters, metaFields);
  if (!encoded) return afresh('two files of the new index would have the same name');

  // From here the folder changes: unsealed until it holds the new index whole.
  await unsealSearchIndexCache(dir);
  const write = async (name: string, content: () => Promise<Uint8Array> | Uint8Array) => {
    const file = path.join(dir, name);
    if (!(await stat(file).then(() => true, () => false))) await writeFileAtomically(file, await content());
  };
  for (const [at, to] of addedToNew.entries()) {
    if (to === undefined) continue;
    const name = `fragment/${fresh.meta.pages[at]!.hash}.pf_fragment`;
    await write(name, () => read(name));
  }
  await Promise.all([
    ...encoded.chunks.map(({ hash, cbor }) => write(`index/${hash}.pf_index`, () => encodePagefindFile(cbor))),
    ...encoded.filters.map(({ hash, cbor }) => write(`filter/${hash}.pf_filter`, () => encodePagefindFile(cbor))),
    write(`pagefind.${encoded.metaHash}.pf_meta`, () => encodePagefindFile(encoded.meta)),
  ]);
  const entryFile = path.join(dir, 'pagefind-entry.json');
  const rawEntry = (await readPagefindEntry(dir)) as PagefindEntry & Record<string, unknown>;
  rawEntry.languages[language] = { ...rawEntry.languages[language]!, hash: encoded.metaHash, page_count: pages.length };
  // Earlier outputs hold hard links to the entry file: a new file, not a write through it.
  await rm(entryFile);
  await writeFile(entryFile, JSON.stringify(rawEntry));
  await pruneSearchIndex(dir);
  await rm(output, { recursive: true, force: true });
  await linkTree(dir, output);
  const newRecord: SearchIndexRecord = { version: 1, fingerprint, language, metaHash: encoded.metaHash, files: Object.fromEntries(stamps), pages };
  await writeFileAtomically(path.join(dir, SEARCH_INDEX_RECORD), JSON.stringify(newRecord));
  await sealSearchIndexCache(dir, fingerprint);
  return { kind: 'updated', pages: pages.length, changed: replaced, added: appended, removed };
}

/** An index's metadata, words and filters, read through `read` (a file name inside the index → its bytes). */
async function readIndex(metaHash: string, read: (name: string) => Promise<Uint8Array>): Promise<DecodedIndex> {
  const metaName = `pagefind.${metaHash}.pf_meta`;
  const meta = decodeMeta(decodePagefindFile(await read(metaName), metaName));
  const words: WordEntry[] = [];
  await loadAhead(meta.chunks, 16, ({ hash }) => read(`index/${hash}.pf_index`), (bytes, { hash }) => {
    words.push(...decodeWordChunk(decodePagefindFile(bytes, hash)));
  });
  const filters: FilterIndex[] = [];
  for (const { hash } of meta.filters) filters.push(decodeFilter(decodePagefindFile(await read(`filter/${hash}.pf_filter`), hash)));
  return { meta, words, filters };
}

/** Whether page `a` of one index and page `b` of another (its meta fields numbered as `otherFields` says) have the same metadata, postings and filter values. */
function samePage(one: DecodedIndex, a: number, other: DecodedIndex, b: number, otherFields: readonly number[]): boolean {
  if (Buffer.compare(Buffer.from(one.meta.pages[a]!.item), Buffer.from(other.meta.pages[b]!.item)) !== 0) return false;
  const left = postingsOfPages(one.words, new Set([a])).get(a)!;
  const right = postingsOfPages(other.words, new Set([b]), otherFields.every((to, from) => to === from) ? undefined : otherFields).get(b)!;
  if (left.size !== right.size || [...left].some(([key, value]) => right.get(key) !== value)) return false;
  return filterValueNames(one.filters, a) === filterValueNames(other.filters, b);
}

/** Every filter's values (those of `page` only, when given), as one comparable text. */
function filterValueNames(filters: readonly FilterIndex[], page?: number): string {
  return filters
    .flatMap(({ filter, values }) => values.filter((v) => page === undefined || v.pages.includes(page)).map((v) => `${filter}\u0000${v.value}`))
    .sort()
    .join('\u0001');
}

interface EncodedIndex {
  chunks: Array<{ hash: string; cbor: Uint8Array }>;
  filters: Array<{ hash: string; cbor: Uint8Array }>;
  meta: Uint8Array;
  metaHash: string;
}

/** The merged index as pagefind's files; undefined when two would get the same name. */
function encodeIndex(
  language: string,
  oldMeta: IndexMeta,
  pages: IndexMeta['pages'],
  words: readonly WordEntry[],
  filterIndexes: readonly FilterIndex[],
  metaFields: string[],
): EncodedIndex | undefined {
  const cut = pagefindChunks(words, PAGEFIND_CHUNK_WEIGHT);
  const ranges = pagefindChunkRanges(cut);
  const chunks = cut.map((chunk) => {
    const cbor = encodeWordChunk(chunk);
    return { hash: pagefindFileHash(language, cbor), cbor };
  });
  const filters = filterIndexes.map((filter) => {
    const cbor = encodeFilter(filter);
    return { filter: filter.filter, hash: pagefindFileHash(language, cbor), cbor };
  });
  if (new Set(chunks.map((c) => c.hash)).size !== chunks.length || new Set(filters.map((f) => f.hash)).size !== filters.length) return undefined;
  const meta = encodeMeta({
    version: oldMeta.version,
    pages,
    chunks: ranges.map((range, i) => ({ ...range, hash: chunks[i]!.hash })),
    filters: filters.map(({ filter, hash }) => ({ filter, hash })),
    sorts: oldMeta.sorts,
    metaFields,
  });
  return { chunks, filters, meta, metaHash: pagefindMetaHash(language, meta) };
}
