import { pagefindScriptUrl, type PagefindModule, type PagefindResult, type PagefindResultData } from './pagefind-types.ts';
import {
  COMMON_WORDS_INDEX,
  FIRST_RESULTS,
  commonWordKey,
  commonWordResultsPath,
  readCommonWordIndex,
  readCommonWordResults,
  type CommonWordIndex,
  type CommonWordResult,
  type CommonWordResults,
} from '../lib/common-word-results.ts';
import { firstOfStaggeredCalls } from '../lib/first-of-staggered-calls.ts';
import { PAGEFIND_OPTIONS } from '../lib/pagefind-options.ts';
import { readSearchActivity, searchActivityChannel, type SearchActivity } from '../lib/search-activity.ts';
import { warmTextSegmenter } from '../lib/warm-text-segmenter.ts';

/**
 * How many more results each press of "More results" adds; a query shows FIRST_RESULTS (5) at
 * first, what a phone shows without scrolling. Each costs a fragment fetch of 2–3 KB gzip.
 */
const MORE_RESULTS = 10;
/** Keystrokes closer together than this form a burst: its first searches at once, the rest once typing pauses. */
const BURST_MS = 120;

/** The parts of the search dialog's markup (components/SearchDialog.astro) a session works on. */
export interface SearchParts {
  base: string;
  dialog: HTMLDialogElement;
  input: HTMLInputElement;
  status: HTMLElement;
  list: HTMLUListElement;
  more: HTMLButtonElement;
}

/**
 * Everything the search dialog does once a search is likely: loading pagefind, searching as
 * the reader types, showing results, "More results", the arrow keys, and telling the service
 * worker that search is in use. Imported by client/fn-search.ts on first use, so pages whose
 * readers never search do not load it.
 */
export class SearchSession {
  readonly #base: string;
  readonly #dialog: HTMLDialogElement;
  readonly #input: HTMLInputElement;
  readonly #status: HTMLElement;
  readonly #list: HTMLUListElement;
  readonly #more: HTMLButtonElement;
  /** pagefind's results for the current query; empty while a common word shows the build's (#total is then theirs). */
  #results: PagefindResult[] = [];
  #total = 0;
  #term = '';
  /** pagefind's search for a common word shown from the build's results, once started. */
  #rest: Promise<void> | undefined;
  #loadingMore = false;
  #pagefind: Promise<PagefindModule> | undefined;
  #commonWords: Promise<CommonWordIndex> | undefined;
  #query = 0;
  #lastKey = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #activity: BroadcastChannel | undefined;

  constructor({ base, dialog, input, status, list, more }: SearchParts) {
    [this.#base, this.#dialog, this.#input, this.#status, this.#list, this.#more] = [base, dialog, input, status, list, more];
    more.addEventListener('click', () => void this.showMore());
    // A common word's other results need pagefind's search (100–200 ms on a large site): start
    // it while the reader reaches for the button, as the dialog itself warms up.
    for (const type of ['pointerenter', 'focus']) more.addEventListener(type, () => void this.searchRest().catch(() => undefined));
    more.addEventListener('keydown', (event) => this.moveFocus(event));
    dialog.addEventListener('close', () => this.tell({ type: 'search-idle' }));
    input.addEventListener('input', () => {
      this.tell({ type: 'search-active' });
      this.onInput(input.value);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.#list.querySelector('a')?.click();
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.#list.querySelector('a')?.focus();
      }
    });
    list.addEventListener('keydown', (event) => this.moveFocus(event));
    void this.pagefind().catch(() => undefined); // errors show when a query needs it
    void this.commonWords();
  }

  /** The dialog has opened. What was typed before this code loaded is searched now. */
  opened(): void {
    this.tell({ type: 'search-active' });
    if (this.#input.value.trim() !== '' && this.#query === 0) this.onInput(this.#input.value);
  }

  /** Tells the service worker whether search is in use, so its install waits (lib/search-activity.ts). */
  private tell(message: SearchActivity): void {
    if (!this.#activity && typeof BroadcastChannel === 'function') {
      this.#activity = new BroadcastChannel(searchActivityChannel(this.#base));
      // A worker that starts installing asks: the dialog may have opened before it could hear.
      this.#activity.addEventListener('message', (event) => {
        if (readSearchActivity(event.data)?.type === 'search-asked' && this.#dialog.open) this.tell({ type: 'search-active' });
      });
    }
    this.#activity?.postMessage(message);
  }

  /** Pagefind, loaded once; a failed load is retried on the next call. */
  private pagefind(): Promise<PagefindModule> {
    this.#pagefind ??= this.loadPagefind().catch((error: unknown) => {
      this.#pagefind = undefined;
      throw error;
    });
    return this.#pagefind;
  }

  /**
   * The words whose first results the build worked out (lib/common-word-results.ts), loaded
   * once; fresh from the server (or the service worker's copy, which matches its index). When
   * the list cannot load, pagefind answers every query.
   */
  private commonWords(): Promise<CommonWordIndex> {
    this.#commonWords ??= fetch(`${this.#base}${COMMON_WORDS_INDEX}`, { cache: 'no-cache' })
      .then(async (response) => readCommonWordIndex(response.ok ? await response.json() : undefined))
      .catch(() => readCommonWordIndex(undefined));
    return this.#commonWords;
  }

  /** The build's first results for `term` when it is a common word; undefined sends it to pagefind. */
  private async commonWordResults(term: string): Promise<CommonWordResults | undefined> {
    const word = commonWordKey(term);
    if (word === undefined) return undefined;
    const index = await this.commonWords();
    if (!index.words.has(word)) return undefined;
    try {
      const response = await fetch(`${this.#base}${commonWordResultsPath(index, word)}`);
      return response.ok ? readCommonWordResults(await response.json()) : undefined;
    } catch {
      return undefined; // offline and not cached yet: pagefind answers from its precached index
    }
  }

  /** The first keystroke of a burst searches at once, later ones once typing pauses; clearing the box ends a burst. */
  private onInput(term: string): void {
    const now = performance.now();
    const inBurst = now - this.#lastKey < BURST_MS;
    this.#lastKey = term.trim() === '' ? 0 : now;
    clearTimeout(this.#timer);
    if (!inBurst || this.#lastKey === 0) {
      void this.search(term);
      return;
    }
    this.#query++; // results of earlier keystrokes still in flight are stale now
    this.#more.hidden = true;
    this.#timer = setTimeout(() => void this.search(term), BURST_MS);
    // Fetch the index chunks for the term meanwhile, so the debounced search finds them loaded.
    this.#pagefind?.then((pagefind) => pagefind.preload(term.trim())).catch(() => undefined);
  }

  private async loadPagefind(): Promise<PagefindModule> {
    const base = this.#base;
    const module = (await import(/* @vite-ignore */ pagefindScriptUrl(base))) as PagefindModule;
    await module.options({ ...PAGEFIND_OPTIONS, baseUrl: base });
    try {
      await module.init();
      // pagefind splits each query into graphemes, and a page's first Intl.Segmenter costs
      // 15–40 ms. Paid now, while pagefind fetches its index, not between a query and its results.
      warmTextSegmenter(document.documentElement.lang);
      // A pagefind call made before its WebAssembly is ready checks again every 50 ms, so the
      // first query would wait up to 50 ms past ready. Five calls 10 ms apart notice within
      // 10 ms, and the first search then finds pagefind ready. preload('') is the cheapest call:
      // an empty term returns before any index file is fetched (filters() would fetch the tags').
      await firstOfStaggeredCalls(() => module.preload(''), { count: 5, spacingMs: 10 });
    } catch (error) {
      // pagefind keeps a failed start (a dropped connection, say) for good; after destroy()
      // the next query starts it afresh instead of failing the same way until a reload.
      await module.destroy().catch(() => undefined);
      throw error;
    }
    return module;
  }

  private async search(term: string): Promise<void> {
    const query = ++this.#query;
    this.#rest = undefined;
    this.#more.hidden = true; // until this query's first results are in (showResults shows it)
    const trimmed = term.trim();
    if (trimmed === '') {
      this.render([], '');
      return;
    }
    try {
      const common = await this.commonWordResults(trimmed);
      if (query !== this.#query) return; // a newer keystroke superseded this one
      if (common) {
        // pagefind is asked only for "More results": its search of a common word is the slow part.
        [this.#results, this.#total, this.#term] = [[], common.total, trimmed];
        this.render(common.results.map((result) => this.resultItem(result)), trimmed);
        this.tell({ type: 'search-active' });
        this.#more.hidden = common.results.length >= common.total;
        return;
      }
      const pagefind = await this.pagefind();
      const found = await pagefind.search(trimmed);
      if (query !== this.#query) return;
      [this.#results, this.#total, this.#term] = [found.results, found.results.length, trimmed];
      if (found.results.length === 0) {
        this.render([], trimmed);
        return;
      }
      await this.showResults(query, 0, FIRST_RESULTS);
    } catch {
      this.#status.textContent = 'Search is unavailable right now. Type again to retry.';
    }
  }

  private async showMore(): Promise<void> {
    if (this.#loadingMore) return;
    this.#loadingMore = true;
    const query = this.#query;
    try {
      await this.searchRest();
      if (query !== this.#query) return;
      await this.showResults(query, this.#list.childElementCount, MORE_RESULTS);
    } catch {
      this.#status.textContent = 'More results could not load. Press “More results” again to retry.';
    } finally {
      this.#loadingMore = false;
    }
  }

  /**
   * When the current query shows a common word's results from the build, has pagefind search
   * it: its results are the same ones first, then the rest. Started once per query; a failed
   * search is tried again on the next call.
   */
  private searchRest(): Promise<void> {
    if (this.#results.length > 0 || this.#total === 0) return Promise.resolve();
    const [query, term] = [this.#query, this.#term];
    this.#rest ??= this.pagefind()
      .then((pagefind) => pagefind.search(term))
      .then((found) => {
        if (query === this.#query) this.#results = found.results;
      })
      .catch((error: unknown) => {
        if (query === this.#query) this.#rest = undefined;
        throw error;
      });
    return this.#rest;
  }

  /**
   * Shows `count` results of the current query from rank `from`. Each needs its own fragment
   * fetch: they show in rank order as they arrive rather than after the slowest of them. The
   * first batch replaces the list; a later one is appended and takes the focus to its first
   * result, so a keyboard or screen-reader user goes on reading where the new ones begin.
   */
  private async showResults(query: number, from: number, count: number): Promise<void> {
    const batch = this.#results.slice(from, from + count);
    const arrived: Array<PagefindResultData | undefined> = [];
    let shown = 0;
    await Promise.all(
      batch.map(async (result, rank) => {
        const data = await result.data();
        if (query !== this.#query) return;
        arrived[rank] = data;
        const ready: PagefindResultData[] = [];
        while (arrived[shown + ready.length]) ready.push(arrived[shown + ready.length]!);
        if (ready.length === 0) return;
        const items = ready.map((r) => this.resultItem(r));
        if (from === 0 && shown === 0) {
          this.render(items, this.#term);
          this.tell({ type: 'search-active' }); // the reader is reading: give the rest of the results the network too
        } else {
          this.#list.append(...items);
          if (shown === 0) items[0]?.querySelector('a')?.focus();
        }
        shown += ready.length;
      }),
    );
    if (query === this.#query) this.#more.hidden = from + batch.length >= this.#results.length;
  }

  private render(items: HTMLLIElement[], term: string): void {
    this.#list.replaceChildren(...items);
    const total = term === '' ? 0 : this.#total;
    this.#status.textContent =
      term === '' ? '' : total === 0 ? `No results for “${term}”.` : `${total} ${total === 1 ? 'result' : 'results'} for “${term}”.`;
  }

  private resultItem(result: PagefindResultData | CommonWordResult): HTMLLIElement {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = result.url;
    link.className = 'search__result';
    const title = document.createElement('span');
    title.className = 'search__result-title';
    title.textContent = result.meta['title'] ?? result.url;
    const excerpt = document.createElement('span');
    excerpt.className = 'search__result-excerpt';
    excerpt.append(...excerptNodes(result.excerpt));
    link.append(title, excerpt);
    item.append(link);
    return item;
  }

  private moveFocus(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    // The results, then "More results" when there are more: the arrows walk them as a list.
    const stops: HTMLElement[] = [...this.#list.querySelectorAll('a')];
    if (!this.#more.hidden) stops.push(this.#more);
    const index = stops.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    event.preventDefault();
    const target = event.key === 'ArrowDown' ? stops[index + 1] : stops[index - 1];
    (target ?? (event.key === 'ArrowUp' ? this.#input : stops[index]))?.focus();
  }
}

/**
 * Pagefind's excerpt is escaped text with <mark> around matches. Rebuild it from text
 * nodes and <mark> elements only, so nothing from the index is ever parsed as markup.
 */
function excerptNodes(excerpt: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html').body;
  const nodes: Node[] = [];
  for (const child of parsed.childNodes) {
    if (child.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = child.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(child.textContent ?? ''));
    }
  }
  return nodes;
}

