/*
 * A worker thread of common-word-results.ts: counts the words of some of pagefind's fragments,
 * then searches some words with pagefind's own browser script. Node runs this file as it is
 * (it strips the types), so it imports only Node's modules and a module with no imports of its own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import { pageWords, type CommonWordResults } from '../lib/common-word-results.ts';

export interface CommonWordWorkerData {
  /** The output's pagefind/ folder, finished. */
  pagefindDir: string;
  /** pagefind's options, as the page sets them (lib/pagefind-options.ts, and baseUrl). */
  options: Record<string, unknown>;
  firstResults: number;
  /** lib/search-index-chunks.ts's PAGEFIND_SIGNATURE: every pagefind file starts with it once ungzipped. */
  signature: string;
}

export type CommonWordRequest = { count: string[] } | { search: string[] };
/** `read`: each fragment asked for, with its words (lib/common-word-results.ts's pageWords). */
export type CommonWordReply = { read: Array<[string, string]> } | { found: Array<[string, CommonWordResults]> };

interface PagefindInNode {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string): Promise<{ results: Array<{ data(): Promise<{ url: string; excerpt: string; meta: Record<string, unknown> }> }> }>;
}

const { pagefindDir, options, firstResults, signature } = workerData as CommonWordWorkerData;
let pagefind: Promise<PagefindInNode> | undefined;

/** Serves the pagefind folder as /pagefind/: this thread's fetch is pagefind's only one. */
async function serve(input: string | URL): Promise<Response> {
  const name = decodeURIComponent(new URL(String(input), 'http://site.invalid/pagefind/').pathname.replace(/^\/pagefind\//, ''));
  const file = path.resolve(pagefindDir, name);
  if (!file.startsWith(pagefindDir + path.sep)) return new Response(null, { status: 404 });
  return new Response(await readFile(file));
}

async function loadPagefind(): Promise<PagefindInNode> {
  globalThis.fetch = serve as typeof fetch;
  const module = (await import(pathToFileURL(path.join(pagefindDir, 'pagefind.js')).href)) as PagefindInNode;
  await module.options({ ...options, basePath: '/pagefind/' });
  return module;
}

/** The words of each of these fragments (each page's text, as pagefind keeps it). */
async function count(names: string[]): Promise<Array<[string, string]>> {
  const read: Array<[string, string]> = [];
  for (const name of names) {
    const bytes = gunzipSync(await readFile(path.join(pagefindDir, 'fragment', name)));
    if (bytes.subarray(0, signature.length).toString('latin1') !== signature) throw new Error(`fragment/${name} does not start with pagefind's signature`);
    const { content } = JSON.parse(bytes.subarray(signature.length).toString('utf8')) as { content?: unknown };
    read.push([name, typeof content === 'string' ? pageWords(content) : '']);
  }
  return read;
}

async function search(words: string[]): Promise<Array<[string, CommonWordResults]>> {
  pagefind ??= loadPagefind();
  const api = await pagefind;
  const found: Array<[string, CommonWordResults]> = [];
  for (const word of words) {
    const { results } = await api.search(word);
    const first = await Promise.all(results.slice(0, firstResults).map((result) => result.data()));
    found.push([
      word,
      {
        total: results.length,
        results: first.map(({ url, excerpt, meta }) => ({ url, excerpt, meta: typeof meta['title'] === 'string' ? { title: meta['title'] } : {} })),
      },
    ]);
  }
  return found;
}

parentPort?.on('message', (request: CommonWordRequest) => {
  const reply: Promise<CommonWordReply> = 'count' in request ? count(request.count).then((read) => ({ read })) : search(request.search).then((found) => ({ found }));
  reply.then(
    (message) => parentPort?.postMessage(message),
    (error: unknown) => {
      throw error; // the thread's error event: the build reports it
    },
  );
});
