import { CborFormatError, concatBytes, readArrayHead, readHead, skipItems, writeHead } from './cbor-items.ts';
import { compareUtf8, type FilterIndex, type IndexMeta, type MetaPage, type Posting, type WordEntry, type WordVariant } from './pagefind-index-format.ts';

/*
 * Takes pages out of a pagefind index and puts the pages of a second, small index in, giving
 * the index pagefind would have written for the new set of pages: a page's postings, filter
 * values and metadata depend on that page alone, so the rest of the index can stay as it was.
 * Page numbers are positions: the caller says where each old page goes (or that it is gone)
 * and where each new one goes, and every list is renumbered to that.
 */

export interface DecodedIndex {
  meta: IndexMeta;
  /** Every word, in pagefind's order (compareUtf8). */
  words: WordEntry[];
  filters: FilterIndex[];
}

export interface MergePlan {
  /** For each page of the old index, its number in the new one, or undefined when it leaves. */
  oldToNew: ReadonlyArray<number | undefined>;
  /** For each page of the added index, its number in the new one, or undefined to leave it out. */
  addedToNew: ReadonlyArray<number | undefined>;
  /** Pages in the new index; every number from 0 up must be given exactly one page. */
  pageCount: number;
}

/** The merged index; its chunks and filters are not yet cut or named (the caller encodes them). */
export interface MergedIndex {
  pages: MetaPage[];
  words: WordEntry[];
  filters: FilterIndex[];
}

export function mergeSearchIndexes(old: DecodedIndex, added: DecodedIndex, plan: MergePlan): MergedIndex {
  const { oldToNew, addedToNew, pageCount } = plan;
  if (oldToNew.length !== old.meta.pages.length) throw new RangeError(`the plan places ${oldToNew.length} old pages, the index has ${old.meta.pages.length}`);
  if (addedToNew.length !== added.meta.pages.length) throw new RangeError(`the plan places ${addedToNew.length} added pages, the index has ${added.meta.pages.length}`);

  const pages: Array<MetaPage | undefined> = new Array(pageCount).fill(undefined);
  const place = (page: MetaPage, at: number | undefined) => {
    if (at === undefined) return;
    if (!(at >= 0 && at < pageCount) || pages[at]) throw new RangeError(`page number ${at} given twice or out of range`);
    pages[at] = page;
  };
  old.meta.pages.forEach((page, i) => place(page, oldToNew[i]));
  added.meta.pages.forEach((page, i) => place(page, addedToNew[i]));
  let last = -1;
  for (const at of oldToNew) {
    if (at === undefined) continue;
    if (at <= last) throw new RangeError('old pages must keep their order');
    last = at;
  }
  const missing = pages.findIndex((page) => page === undefined);
  if (missing >= 0) throw new RangeError(`no page was given number ${missing}`);

  // The added pages' meta locations name fields by their place in that index's field list.
  const fieldMap = added.meta.metaFields.map((field) => {
    const at = old.meta.metaFields.indexOf(field);
    if (at < 0) throw new RangeError(`the added pages have the meta field "${field}", which the index does not`);
    return at;
  });
  const identity = fieldMap.every((to, from) => to === from);
  const renumber = (postings: readonly Posting[], map: ReadonlyArray<number | undefined>, fields?: readonly number[]): Posting[] => {
    const out: Posting[] = [];
    for (const posting of postings) {
      const page = map[posting.page];
      if (page === undefined) continue;
      out.push({ page, rest: fields ? remapMetaFields(posting.rest, fields) : posting.rest, weight: posting.weight });
    }
    return out;
  };
  const renumberVariants = (variants: readonly WordVariant[], map: ReadonlyArray<number | undefined>, fields?: readonly number[]) =>
    variants.map(({ form, postings }) => ({ form, postings: renumber(postings, map, fields) })).filter((variant) => variant.postings.length > 0);

  const words: WordEntry[] = [];
  for (const entry of old.words) {
    const postings = renumber(entry.postings, oldToNew);
    const variants = renumberVariants(entry.variants, oldToNew);
    if (postings.length > 0 || variants.length > 0) words.push({ word: entry.word, postings, variants });
  }
  // Old page numbers keep their order, so the old postings stay sorted; the added ones are
  // put in by page number, and the added words merged in by pagefind's order.
  const byWord = new Map(words.map((entry) => [entry.word, entry]));
  const newWords: WordEntry[] = [];
  for (const entry of added.words) {
    const fields = identity ? undefined : fieldMap;
    const postings = renumber(entry.postings, addedToNew, fields);
    const variants = renumberVariants(entry.variants, addedToNew, fields);
    if (postings.length === 0 && variants.length === 0) continue;
    const existing = byWord.get(entry.word);
    if (!existing) {
      newWords.push({ word: entry.word, postings: sortByPage(postings), variants: sortVariants(variants) });
      continue;
    }
    existing.postings = sortByPage([...existing.postings, ...postings]);
    const forms = new Map(existing.variants.map((variant) => [variant.form, variant]));
    for (const variant of variants) {
      const same = forms.get(variant.form);
      if (same) same.postings = sortByPage([...same.postings, ...variant.postings]);
      else existing.variants.push(variant);
    }
    if (variants.length > 0) existing.variants = sortVariants(existing.variants);
  }
  newWords.sort((a, b) => compareUtf8(a.word, b.word));

  return { pages: pages as MetaPage[], words: mergeSorted(words, newWords), filters: mergeFilters(old.filters, added.filters, oldToNew, addedToNew) };
}

function sortByPage(postings: Posting[]): Posting[] {
  return postings.sort((a, b) => a.page - b.page);
}

/** pagefind lists a word's variants in the order the pages holding them come. */
function sortVariants(variants: WordVariant[]): WordVariant[] {
  return variants.sort((a, b) => a.postings[0]!.page - b.postings[0]!.page || compareUtf8(a.form, b.form));
}

function mergeSorted(a: readonly WordEntry[], b: readonly WordEntry[]): WordEntry[] {
  if (b.length === 0) return [...a];
  const out: WordEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareUtf8(a[i]!.word, b[j]!.word) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function mergeFilters(
  old: readonly FilterIndex[],
  added: readonly FilterIndex[],
  oldToNew: ReadonlyArray<number | undefined>,
  addedToNew: ReadonlyArray<number | undefined>,
): FilterIndex[] {
  const map = (pages: readonly number[], to: ReadonlyArray<number | undefined>) => pages.flatMap((page) => (to[page] === undefined ? [] : [to[page]!]));
  const filters = old.map(({ filter, values }) => ({ filter, values: values.map(({ value, pages }) => ({ value, pages: map(pages, oldToNew) })) }));
  for (const { filter, values } of added) {
    let into = filters.find((f) => f.filter === filter);
    if (!into) filters.push((into = { filter, values: [] }));
    for (const { value, pages } of values) {
      const mapped = map(pages, addedToNew);
      if (mapped.length === 0) continue;
      const same = into.values.find((v) => v.value === value);
      if (same) same.pages = [...same.pages, ...mapped].sort((a, b) => a - b);
      else into.values.push({ value, pages: mapped });
    }
  }
  return filters
    .map(({ filter, values }) => ({ filter, values: values.filter((v) => v.pages.length > 0) }))
    .filter((f) => f.values.length > 0);
}

/**
 * A posting's locations with the field numbers of its meta locations changed by `fields`
 * (old number → new). A meta location list is positions, each field's run opened by the
 * negative integer -(field + 1), which CBOR writes as major type 1 with the field number.
 */
export function remapMetaFields(rest: Uint8Array, fields: readonly number[]): Uint8Array {
  const locsEnd = skipItems(rest, 0);
  const list = readArrayHead(rest, locsEnd);
  const parts: Uint8Array[] = [rest.subarray(0, list.next)];
  let at = list.next;
  for (let i = 0; i < list.length; i++) {
    const head = readHead(rest, at);
    if (head.major === 1) {
      const to = fields[head.value];
      if (to === undefined) throw new CborFormatError(`meta location names field ${head.value}, which the page does not have`, at);
      parts.push(writeHead(1, to));
    } else if (head.major === 0) parts.push(rest.subarray(at, head.next));
    else throw new CborFormatError(`expected an integer meta location, found major type ${head.major}`, at);
    at = head.next;
  }
  if (at !== rest.length) throw new CborFormatError('unexpected bytes after the meta locations', at);
  return concatBytes(parts);
}

/**
 * Each page's postings as comparable text (word, or word and variant form → locations in hex),
 * for the pages asked for; with `fields`, meta field numbers are first changed as remapMetaFields does.
 */
export function postingsOfPages(words: readonly WordEntry[], pages: ReadonlySet<number>, fields?: readonly number[]): Map<number, Map<string, string>> {
  const found = new Map<number, Map<string, string>>([...pages].map((page) => [page, new Map()]));
  const note = (key: string, postings: readonly Posting[]) => {
    for (const posting of postings) {
      const page = found.get(posting.page);
      page?.set(key, Buffer.from(fields ? remapMetaFields(posting.rest, fields) : posting.rest).toString('hex'));
    }
  };
  for (const entry of words) {
    note(entry.word, entry.postings);
    for (const variant of entry.variants) note(`${entry.word}\u0000${variant.form}`, variant.postings);
  }
  return found;
}
