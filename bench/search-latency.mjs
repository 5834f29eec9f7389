// Search latency in Chromium on a built corpus: from the input event of a query to the first
// result link in the dialog, and the bytes a first query fetches.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VOCABULARY } from './generate-corpus.mjs';
import { launchBrowser, recordResponses, sumByKind } from './lib/browser.mjs';
import { serveStatic } from './lib/proc.mjs';

/** Ten different words of the corpus vocabulary, spread over it, always the same ones. */
export function searchWords(count = 10) {
  const words = [...new Set(VOCABULARY)].filter((w) => w.length >= 5).sort();
  const step = Math.floor(words.length / count);
  return Array.from({ length: count }, (_, i) => words[i * step + Math.floor(step / 2)]);
}

/**
 * Ten specific terms of the corpus, always the same ones: snake_case identifiers (the corpus
 * writes them in its tables and Python code, as docs name config keys and functions) that are
 * on at least 3 pages, spread over them in alphabetical order. Each is on a handful of pages,
 * as the name a reader searches for usually is, where the vocabulary's words are on most pages.
 */
export function specificTerms(corpusDir, count = 10) {
  const pagesWith = new Map();
  for (const name of readdirSync(corpusDir, { recursive: true })) {
    if (!String(name).endsWith('.md')) continue;
    const text = readFileSync(path.join(corpusDir, String(name)), 'utf8');
    for (const term of new Set(text.match(/\b[a-z]+_[a-z]+\b/g) ?? [])) pagesWith.set(term, (pagesWith.get(term) ?? 0) + 1);
  }
  const terms = [...pagesWith].filter(([, pages]) => pages >= 3).map(([term]) => term).sort();
  if (terms.length < count) return [];
  const step = Math.floor(terms.length / count);
  return Array.from({ length: count }, (_, i) => terms[i * step + Math.floor(step / 2)]);
}

/**
 * Runs in the page: sets the search input to `word` and fires its input event, as typing or
 * Playwright's fill() does, and resolves with the milliseconds until a result link is in the
 * results list (a MutationObserver sees it as soon as it is inserted). Timing in the page
 * leaves the driver's round trips out of the figure.
 */
function timeQueryInPage(word) {
  const input = document.querySelector('#search-input');
  const list = document.querySelector('.search__results');
  if (!input || !list) throw new Error('search input or results list missing');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no result for "${word}" within 30 s`)), 30_000);
    const observer = new MutationObserver(() => {
      if (list.querySelector('a')) {
        const ms = performance.now() - started;
        observer.disconnect();
        clearTimeout(timer);
        resolve(ms);
      }
    });
    observer.observe(list, { childList: true, subtree: true });
    const started = performance.now();
    input.value = word;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/**
 * Runs in the page: presses "More results" (a click event only: no pointer over it or focus
 * first, so no warm-up) and resolves with the milliseconds until a sixth result link is in the
 * list, or null when the button is hidden (five results or fewer).
 */
function timeMoreInPage() {
  const more = document.querySelector('.search__more');
  const list = document.querySelector('.search__results');
  if (!more || !list || more.hidden) return null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no sixth result within 30 s')), 30_000);
    const observer = new MutationObserver(() => {
      if (list.querySelectorAll('a').length > 5) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    observer.observe(list, { childList: true, subtree: true });
    const started = performance.now();
    more.click();
  });
}

/**
 * Runs in the page: pagefind by itself, with the options our search uses and no UI — import,
 * init, search, the first result's fragment — so the figure is pagefind used as documented,
 * with nothing around it. Also returns pagefind's own split of the search.
 */
async function pagefindAloneInPage({ word, base }) {
  const started = performance.now();
  const pagefind = await import(`${base}pagefind/pagefind.js`);
  await pagefind.options({ baseUrl: base, excerptLength: 24, noWorker: true });
  await pagefind.init();
  const initialised = performance.now();
  const found = await pagefind.search(word);
  const searched = performance.now();
  await found.results[0]?.data();
  const done = performance.now();
  return {
    ms: done - started,
    loadMs: initialised - started,
    searchMs: searched - initialised,
    fragmentMs: done - searched,
    results: found.results.length,
  };
}

/** A fresh browser context (empty cache) with `url` loaded and the network idle. */
async function freshPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return { context, page };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * For each word: a fresh browser context (empty cache) loads `pagePath`, the reader clicks
 * "Search" and types the word at once — cold: pagefind's code, its wasm and the index chunks
 * all load inside the measured time. Then, in one page with search already loaded, each word
 * again after clearing the input — warm. Bytes are what the cold query fetched from the
 * click to the first result, and the fetches still in flight then (the other results' fragments). The
 * `terms` (specificTerms) get the cold runs and pagefind alone too, reported on their own.
 */
export async function measureSearch({ repoRoot, siteDir, pagePath, words = searchWords(), terms = [] }) {
  const server = await serveStatic({ repoRoot, dir: siteDir });
  const browser = await launchBrowser();
  const url = `${server.url}${pagePath.replace(/^\//, '')}`;
  const coldRuns = async (list) => {
    const runs = [];
    for (const word of list) {
      const { context, page } = await freshPage(browser, url);
      const recorder = recordResponses(page);
      await page.getByRole('button', { name: 'Search' }).click();
      const ms = await page.evaluate(timeQueryInPage, word);
      await recorder.settled(); // the fragments of the results after the first
      const fetched = sumByKind(await recorder.take());
      recorder.stop();
      const results = await page.locator('.search__results a').count();
      // The rest of the results, after the bytes above are counted.
      const moreMs = await page.evaluate(timeMoreInPage);
      runs.push({ word, ms, wireBytes: fetched.total.wire, bytes: fetched.total.raw, gzipBytes: fetched.total.gzip, requests: fetched.total.count, results, moreMs });
      await context.close();
    }
    return runs;
  };
  // The floor for the cold figure: pagefind alone, from a page that has not loaded it. With
  // service workers blocked: pagefind alone cannot tell the site's worker to hold its install
  // (our dialog does), and a floor that shares the machine with that download is no floor.
  const aloneRuns = async (list) => {
    const runs = [];
    for (const word of list) {
      const { context, page } = await freshPage(browser, url, { serviceWorkers: 'block' });
      runs.push({ word, ...(await page.evaluate(pagefindAloneInPage, { word, base: new URL(server.url).pathname })) });
      await context.close();
    }
    return runs;
  };
  try {
    const cold = await coldRuns(words);
    const alone = await aloneRuns(words);
    const termsCold = await coldRuns(terms);
    const termsAlone = await aloneRuns(terms);

    const warm = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.evaluate(timeQueryInPage, words[0]);
    for (const word of words) {
      const searchbox = page.getByRole('searchbox', { name: 'Search' });
      await searchbox.fill('');
      await page.waitForFunction(() => !document.querySelector('.search__results a'));
      warm.push({ word, ms: await page.evaluate(timeQueryInPage, word) });
    }
    await context.close();

    return {
      page: pagePath,
      words,
      coldMedianMs: median(cold.map((c) => c.ms)),
      warmMedianMs: median(warm.map((w) => w.ms)),
      moreMedianMs: cold.every((c) => c.moreMs !== null) ? median(cold.map((c) => c.moreMs)) : undefined,
      pagefindAloneMedianMs: median(alone.map((a) => a.ms)),
      pagefindAloneSplitMs: {
        load: median(alone.map((a) => a.loadMs)),
        search: median(alone.map((a) => a.searchMs)),
        fragment: median(alone.map((a) => a.fragmentMs)),
      },
      resultsMedian: median(alone.map((a) => a.results)),
      firstQueryWireBytesMedian: median(cold.map((c) => c.wireBytes)),
      firstQueryBytesMedian: median(cold.map((c) => c.bytes)),
      firstQueryBytesMax: Math.max(...cold.map((c) => c.bytes)),
      cold,
      alone,
      warm,
      specificTerms:
        terms.length === 0
          ? undefined
          : {
              terms,
              coldMedianMs: median(termsCold.map((c) => c.ms)),
              pagefindAloneMedianMs: median(termsAlone.map((a) => a.ms)),
              resultsMedian: median(termsAlone.map((a) => a.results)),
              firstQueryWireBytesMedian: median(termsCold.map((c) => c.wireBytes)),
              firstQueryBytesMedian: median(termsCold.map((c) => c.bytes)),
              firstQueryGzipBytesMedian: median(termsCold.map((c) => c.gzipBytes)),
              cold: termsCold,
              alone: termsAlone,
            },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
