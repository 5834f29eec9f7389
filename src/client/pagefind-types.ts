/** The part of pagefind's browser API (pagefind/pagefind.js) that the search uses. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}

export interface PagefindModule {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (term: string, options?: Record<string, unknown>) => Promise<{ results: PagefindResult[] }>;
  /** Loads the index chunks a search for term will need, without searching. */
  preload: (term: string, options?: Record<string, unknown>) => Promise<void>;
  /** Drops pagefind's state, its options included: the next init() starts from scratch. */
  destroy: () => Promise<void>;
}

/** Where pagefind's search module is, under the site's base ("/" or "/sub/"). */
export function pagefindScriptUrl(base: string): string {
  return `${base}pagefind/pagefind.js`;
}
