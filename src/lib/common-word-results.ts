/**
 * First results for common words, worked out when the site is built. pagefind's search costs
 * about 20 µs for each page a word is on (it scores every one and hands all of them back), so
 * on a large site a word that is on most pages takes its first search well past 150 ms. The
 * build asks pagefind itself for such words (integrations/common-word-results.ts) and writes
 * what the dialog shows first; the dialog shows that at once and asks pagefind only for more.
 *
 * The files: `common-words/index.json` lists the words and names their folder, where
 * `<word>.json` holds a word's results. The folder is named by a hash of all of them, so a
 * deploy that changes any result gives them all new addresses, and no browser cache or
 * service worker mixes two builds' results. Both sides use this module, the build to write
 * and the page to read.
 */

/** Results a query shows at first (client/search-session.ts), and so what the build keeps for a word. */
export const FIRST_RESULTS = 5;

/**
 * Pages a word must be on before the build works out its first results. Below this pagefind
 * answers within the 150 ms a reader should wait (the bench's cold searches at 5,000 pages);
 * above it the time grows with the word's pages. A site with fewer pages costs the build nothing.
 */
export const COMMON_WORD_MIN_PAGES = 1500;

/** The folder, under the site's base, and its list of words. */
export const COMMON_WORDS_DIR = 'common-words';
export const COMMON_WORDS_INDEX = `${COMMON_WORDS_DIR}/index.json`;

/** The list: the words, and the folder under COMMON_WORDS_DIR that holds their results. */
export interface CommonWordIndex {
  folder: string;
  words: ReadonlySet<string>;
}

/** Where a listed word's results are, relative to the site's base. */
export function commonWordResultsPath(index: CommonWordIndex, word: string): string {
  return `${COMMON_WORDS_DIR}/${index.folder}/${word}.json`;
}

/** A result as the dialog shows it: the parts of pagefind's result data it uses. */
export interface CommonWordResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

export interface CommonWordResults {
  /** How many pages pagefind finds for the word. */
  total: number;
  /** The first FIRST_RESULTS (or fewer) in pagefind's order. */
  results: CommonWordResult[];
}

/**
 * The word a query is in the list under, or undefined when it is not one plain word. pagefind
 * lowercases a query (toLocaleLowerCase, as here) and drops punctuation; a query of letters a–z
 * and digits alone is then searched as it stands, so the build's search for the word and the
 * page's search for the query are the same search.
 */
export function commonWordKey(query: string): string | undefined {
  const word = query.trim().toLocaleLowerCase();
  return /^[a-z0-9]+$/.test(word) ? word : undefined;
}

/** The plain words of one page's text, each once, lowercased and joined by spaces: what the count keeps of a page. */
export function pageWords(text: string): string {
  return [...new Set(text.toLowerCase().match(/[a-z0-9]+/g))].join(' ');
}

/** Adds one page's words (pageWords) to `pagesWith` (word → number of pages it is on). */
export function addPageWords(pagesWith: Map<string, number>, words: string): void {
  if (words === '') return;
  for (const word of words.split(' ')) pagesWith.set(word, (pagesWith.get(word) ?? 0) + 1);
}

/**
 * Each pagefind fragment's words (pageWords), kept between builds. pagefind names a fragment
 * by a hash of its content, so a name read before has the same words: a rebuild reads only the
 * fragments it has not seen, not thousands of unchanged ones. `key` names the rule the words
 * were counted by; a file of another key, or anything but such a file, reads as empty.
 */
export function readPageWordsCache(json: unknown, key: string): Map<string, string> {
  if (!isRecord(json) || json['key'] !== key || !isRecord(json['fragments'])) return new Map();
  return new Map(Object.entries(json['fragments']).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function writePageWordsCache(key: string, fragments: ReadonlyMap<string, string>): string {
  return JSON.stringify({ key, fragments: Object.fromEntries(fragments) });
}

/** The words on at least `minPages` pages, in order. */
export function wordsOnAtLeast(pagesWith: ReadonlyMap<string, number>, minPages: number): string[] {
  return [...pagesWith].filter(([, pages]) => pages >= minPages).map(([word]) => word).sort();
}

/** The list from `common-words/index.json`; anything else reads as a list with no words. */
export function readCommonWordIndex(json: unknown): CommonWordIndex {
  const folder = isRecord(json) && typeof json['folder'] === 'string' && /^[\w-]+$/.test(json['folder']) ? json['folder'] : undefined;
  const words = isRecord(json) && Array.isArray(json['words']) ? json['words'] : [];
  if (folder === undefined) return { folder: '', words: new Set() };
  return { folder, words: new Set(words.filter((word): word is string => typeof word === 'string' && commonWordKey(word) === word)) };
}

export function writeCommonWordIndex(index: CommonWordIndex): string {
  return JSON.stringify({ folder: index.folder, words: [...index.words].sort() });
}

/** A word's file, or undefined when it is not one this module wrote. */
export function readCommonWordResults(json: unknown): CommonWordResults | undefined {
  if (!isRecord(json) || !Number.isInteger(json['total']) || !Array.isArray(json['results'])) return undefined;
  const results: CommonWordResult[] = [];
  for (const item of json['results'] as unknown[]) {
    if (!isRecord(item) || typeof item['url'] !== 'string' || typeof item['excerpt'] !== 'string' || !isRecord(item['meta'])) return undefined;
    const title = item['meta']['title'];
    if (title !== undefined && typeof title !== 'string') return undefined;
    results.push({ url: item['url'], excerpt: item['excerpt'], meta: title === undefined ? {} : { title } });
  }
  const total = json['total'] as number;
  return total >= results.length && results.length > 0 ? { total, results } : undefined;
}

export function writeCommonWordResults(results: CommonWordResults): string {
  return JSON.stringify(results);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
