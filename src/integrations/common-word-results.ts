import { availableParallelism } from 'node:os';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { contentHash } from '../lib/content-hash.ts';
import {
  COMMON_WORDS_DIR,
  COMMON_WORDS_INDEX,
  FIRST_RESULTS,
  addPageWords,
  commonWordResultsPath,
  pageWords,
  readPageWordsCache,
  wordsOnAtLeast,
  writePageWordsCache,
  writeCommonWordIndex,
  writeCommonWordResults,
  type CommonWordResults,
} from '../lib/common-word-results.ts';
import { PAGEFIND_OPTIONS } from '../lib/pagefind-options.ts';
import { PAGEFIND_SIGNATURE } from '../lib/search-index-chunks.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import type { CommonWordReply, CommonWordRequest, CommonWordWorkerData } from './common-word-worker.ts';

export interface CommonWordResultsOptions {
  /** The built site; pagefind's finished index is in its pagefind/ folder. */
  siteDir: string;
  /** The site's base, as pagefind's results give addresses under it ("/" or "/sub/"). */
  base: string;
  minPages: number;
  /** Worker threads to count and search with. Default: up to 2, as many as the machine has cores. */
  threads?: number;
  /** A file that keeps each fragment's words for the next build (lib/common-word-results.ts's readPageWordsCache). */
  wordsCacheFile?: string;
}

export interface CommonWordResultsWritten {
  words: number;
  /** Bytes of the results files. */
  bytes: number;
  /** pagefind's fragments (one a page with text), and those whose words were read, not kept from the last build. */
  fragments: number;
  fragmentsRead: number;
}

/** Where a build keeps each fragment's words for the next one (`wordsCacheFile`), in Astro's cache folder. */
export function pageWordsCacheFile(cacheDir: string): string {
  return path.join(cacheDir, 'fieldnotes', 'common-word-page-words.json');
}

/** What the kept words were counted by: a change to the counting or to pagefind's signature makes them stale. */
const WORDS_CACHE_KEY = contentHash(`${PAGEFIND_SIGNATURE}\0${pageWords.toString()}`);

/**
 * Writes the first results of every word on at least `minPages` pages (lib/common-word-results.ts),
 * as pagefind's own script finds them in the finished index, and the list of those words; a
 * site with no such word gets an empty list, so the dialog's request for it always succeeds.
 * A 5,000-page site has some 300 such words at 20–170 ms of pagefind's search each: worker
 * threads share the words (and the counting before), each with pagefind loaded once.
 */
export async function writeCommonWordResultsFiles({ siteDir, base, minPages, threads, wordsCacheFile }: CommonWordResultsOptions): Promise<CommonWordResultsWritten> {
  await rm(path.join(siteDir, COMMON_WORDS_DIR), { recursive: true, force: true });
  const pagefindDir = path.resolve(siteDir, 'pagefind');
  const fragments = await readdir(path.join(pagefindDir, 'fragment'));
  const texts = new Map<string, string>();
  let fragmentsRead = 0;
  if (fragments.length >= minPages) {
    const kept = wordsCacheFile ? await readWordsCache(wordsCacheFile) : new Map<string, string>();
    const pool = new WorkerPool(threads ?? Math.min(2, availableParallelism()), {
      pagefindDir,
      options: { ...PAGEFIND_OPTIONS, baseUrl: base },
      firstResults: FIRST_RESULTS,
      signature: PAGEFIND_SIGNATURE,
    });
    try {
      const wordsOf = new Map<string, string>();
      const unread: string[] = [];
      for (const name of fragments) {
        const words = kept.get(name);
        if (words === undefined) unread.push(name);
        else wordsOf.set(name, words);
      }
      if (unread.length > 0) {
        for (const reply of await pool.each(unread, (count) => ({ count }))) {
          if (!('read' in reply)) throw new Error('a worker answered a count with something else');
          for (const [name, words] of reply.read) wordsOf.set(name, words);
        }
      }
      fragmentsRead = unread.length;
      // Only this index's fragments are kept: the file never grows past one site's.
      if (wordsCacheFile) await writeFileAtomically(wordsCacheFile, writePageWordsCache(WORDS_CACHE_KEY, wordsOf));
      const pagesWith = new Map<string, number>();
      for (const words of wordsOf.values()) addPageWords(pagesWith, words);
      const found: Array<[string, CommonWordResults]> = [];
      for (const reply of await pool.each(wordsOnAtLeast(pagesWith, minPages), (search) => ({ search }))) {
        if (!('found' in reply)) throw new Error('a worker answered a search with something else');
        found.push(...reply.found);
      }
      // pagefind does not split words quite as the count does: keep those it agrees are common.
      for (const [word, result] of found.sort(([a], [b]) => (a < b ? -1 : 1))) if (result.total >= minPages) texts.set(word, writeCommonWordResults(result));
    } finally {
      await pool.close();
    }
  }
  if (texts.size === 0) {
    await writeEmptyCommonWordIndex(siteDir);
    return { words: 0, bytes: 0, fragments: fragments.length, fragmentsRead };
  }
  const index = { folder: contentHash([...texts].flat().join('\0')).slice(0, 16), words: new Set(texts.keys()) };
  let bytes = 0;
  for (const [word, text] of texts) {
    await writeFileAtomically(path.join(siteDir, commonWordResultsPath(index, word)), text);
    bytes += Buffer.byteLength(text);
  }
  await writeFileAtomically(path.join(siteDir, COMMON_WORDS_INDEX), writeCommonWordIndex(index));
  return { words: texts.size, bytes, fragments: fragments.length, fragmentsRead };
}

/** The words kept by the last build; none when the file is missing or unreadable. */
async function readWordsCache(file: string): Promise<Map<string, string>> {
  try {
    return readPageWordsCache(JSON.parse(await readFile(file, 'utf8')), WORDS_CACHE_KEY);
  } catch {
    return new Map();
  }
}

/** The list with no word in it: every query goes to pagefind. */
export async function writeEmptyCommonWordIndex(siteDir: string): Promise<void> {
  await rm(path.join(siteDir, COMMON_WORDS_DIR), { recursive: true, force: true });
  await writeFileAtomically(path.join(siteDir, COMMON_WORDS_INDEX), writeCommonWordIndex({ folder: 'none', words: new Set() }));
}

/** Worker threads running common-word-worker.ts, each sent a share of a list at a time. */
class WorkerPool {
  readonly #workers: Worker[];

  constructor(size: number, data: CommonWordWorkerData) {
    const script = new URL('./common-word-worker.ts', import.meta.url);
    this.#workers = Array.from({ length: Math.max(1, size) }, () => new Worker(script, { workerData: data }));
  }

  /** Deals `items` out to the workers in turn (neighbours in a sorted list go to different ones) and collects their replies. */
  each<T>(items: readonly T[], request: (share: T[]) => CommonWordRequest): Promise<CommonWordReply[]> {
    const shares = this.#workers.map((_, w) => items.filter((_, i) => i % this.#workers.length === w));
    return Promise.all(this.#workers.map((worker, w) => ask(worker, request(shares[w]!))));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

function ask(worker: Worker, request: CommonWordRequest): Promise<CommonWordReply> {
  return new Promise((resolve, reject) => {
    const settle = (done: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      done();
    };
    const onMessage = (reply: CommonWordReply) => settle(() => resolve(reply));
    const onError = (error: Error) => settle(() => reject(error));
    const onExit = (code: number) => settle(() => reject(new Error(`a common-word worker stopped (exit code ${code})`)));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request);
  });
}
