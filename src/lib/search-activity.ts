/**
 * While a reader searches, the service worker's first install holds its downloads back.
 *
 * On a first visit the worker precaches the site for offline use, at a few thousand pages
 * megabytes of search index, one file after another. A search typed meanwhile waits for the
 * same network and the same cores: measured on a 5,000-page build, the install made a cold
 * first query a fifth to a third slower. So the search dialog says on a BroadcastChannel
 * when it is in use, and the worker waits between its precache downloads until the reader
 * has been quiet for a moment. The messages carry no query, only that one is under way.
 */

/** How long after the reader's last sign of searching the worker waits before it downloads again. */
export const SEARCH_HOLD_MS = 2000;
/**
 * How long a starting install waits for open pages to answer whether they are searching:
 * the page may have opened search before the worker existed to hear it.
 */
export const INSTALL_ASK_MS = 200;

export type SearchActivity =
  /** The dialog opened, a key was typed, results came in. */
  | { type: 'search-active' }
  /** The dialog closed. */
  | { type: 'search-idle' }
  /** From a worker starting its install: pages that are searching answer 'search-active'. */
  | { type: 'search-asked' };

/** One channel per base path, so two copies of the site on one origin do not hold each other. */
export function searchActivityChannel(base: string): string {
  return `fieldnotes-search-activity:${base}`;
}

/** The message if `data` is one of ours, else undefined (anything may arrive on a channel). */
export function readSearchActivity(data: unknown): SearchActivity | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const type = (data as { type?: unknown }).type;
  return type === 'search-active' || type === 'search-idle' || type === 'search-asked' ? { type } : undefined;
}

/**
 * A gate for background work: hold(ms) closes it for at least that long from now (a later
 * hold extends it, an earlier end never shortens it), release() opens it at once, and
 * passed() resolves when it is open.
 */
export class BackgroundHold {
  #until = 0;
  #waiters: Array<() => void> = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  get held(): boolean {
    return Date.now() < this.#until;
  }

  hold(ms: number): void {
    this.#until = Math.max(this.#until, Date.now() + ms);
    this.#schedule();
  }

  release(): void {
    this.#until = 0;
    this.#wake();
  }

  passed(): Promise<void> {
    if (!this.held) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#waiters.length === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.held) this.#schedule();
      else this.#wake();
    }, this.#until - Date.now());
  }

  #wake(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
