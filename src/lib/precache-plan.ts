import { COMMON_WORDS_DIR, COMMON_WORDS_INDEX } from './common-word-results.ts';

/**
 * What the service worker downloads on install (the precache) and what it leaves to be
 * cached on first visit. The shell (scripts, styles, icons, the home, index and 404 pages)
 * and the search code and index are always precached: without them nothing works offline.
 * Then, while the byte budget lasts: tool pages, pages, search result fragments, other
 * assets, single-file tool downloads. Small sites fit whole; a large site stays cheap to
 * install and fills its cache as it is read.
 */

/** 10 MiB: a few hundred guides with their search index, without images. */
export const DEFAULT_PRECACHE_BUDGET = 10 * 1024 * 1024;

export interface PrecacheCandidate {
  /** Path relative to the site's base, as the service worker's manifest has it: "tools/base64/index.html". */
  url: string;
  size: number;
}

export type PrecacheTier = 'shell' | 'search' | 'tool-page' | 'page' | 'search-fragment' | 'asset' | 'download' | 'skip';

/** Required tiers first, then the budgeted ones in the order they are filled. */
export const TIER_ORDER: readonly PrecacheTier[] = ['shell', 'search', 'tool-page', 'page', 'search-fragment', 'asset', 'download'];
const REQUIRED: ReadonlySet<PrecacheTier> = new Set(['shell', 'search']);
const SHELL_PAGES = new Set(['index.html', '404.html', 'tools/index.html', 'tags/index.html']);

export function precacheTier(url: string): PrecacheTier {
  if (/(?:^|\/)(?:_headers|_redirects|sw\.js|robots\.txt|rss\.xml|sitemap[^/]*\.xml)$|\.map$/.test(url)) return 'skip';
  // The common words' list goes with the index; their results, like fragments, are budgeted:
  // without one, pagefind answers the word (lib/common-word-results.ts).
  if (url === COMMON_WORDS_INDEX) return 'search';
  if (url.startsWith(`${COMMON_WORDS_DIR}/`)) return 'search-fragment';
  if (url.startsWith('pagefind/')) {
    if (url.startsWith('pagefind/fragment/')) return 'search-fragment';
    // pagefind also writes its UI bundles, a playground and a worker (client/search-session.ts
    // searches on the page, noWorker); the site uses none of them.
    return /^pagefind\/(?:pagefind\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|index\/[^/]+|filter\/[^/]+)$/.test(url)
      ? 'search'
      : 'skip';
  }
  if (/^_astro\/[^/]+\.(?:m?js|css)$/.test(url) || /^(?:manifest\.webmanifest|favicon\.svg|icons\/[^/]+)$/.test(url) || SHELL_PAGES.has(url)) return 'shell';
  if (/^tools\/[^/]+\/index\.html$/.test(url)) return 'tool-page';
  if (/^tools\/[^/]+\/[^/]+\.html$/.test(url)) return 'download';
  if (url.endsWith('.html')) return 'page';
  return 'asset';
}

export interface PrecachePlan<T extends PrecacheCandidate> {
  precache: T[];
  /** Within scope but over the budget: cached when first fetched. */
  deferred: T[];
  /** Never precached (feeds, sitemaps, source maps, unused pagefind UI, _headers). */
  skipped: T[];
  bytes: number;
  warnings: string[];
}

export function planPrecache<T extends PrecacheCandidate>(entries: readonly T[], budget: number): PrecachePlan<T> {
  const byTier = new Map<PrecacheTier, T[]>();
  for (const entry of entries) {
    const tier = precacheTier(entry.url);
    byTier.set(tier, [...(byTier.get(tier) ?? []), entry]);
  }
  const plan: PrecachePlan<T> = { precache: [], deferred: [], skipped: byTier.get('skip') ?? [], bytes: 0, warnings: [] };
  for (const tier of TIER_ORDER) {
    const members = [...(byTier.get(tier) ?? [])].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    for (const entry of members) {
      if (REQUIRED.has(tier) || plan.bytes + entry.size <= budget) {
        plan.precache.push(entry);
        plan.bytes += entry.size;
      } else {
        plan.deferred.push(entry);
      }
    }
  }
  const required = plan.precache.filter((e) => REQUIRED.has(precacheTier(e.url))).reduce((sum, e) => sum + e.size, 0);
  if (required > budget) {
    plan.warnings.push(`The site shell and search code (${required} bytes) exceed the precache budget (${budget} bytes); they are precached anyway, and nothing else is.`);
  }
  return plan;
}

/** Reads FIELDNOTES_PRECACHE_BUDGET: a whole number of bytes, or a number with KB/MB/GB (powers of 1024). */
export function parsePrecacheBudget(raw: string | undefined): { ok: true; budget: number } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === '') return { ok: true, budget: DEFAULT_PRECACHE_BUDGET };
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(raw);
  if (!match) return { ok: false, message: `FIELDNOTES_PRECACHE_BUDGET must be a number of bytes (e.g. 10485760 or 10MB), not "${raw}".` };
  const unit = (match[2] ?? 'b').toLowerCase().replace('i', '');
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  return { ok: true, budget: Math.floor(Number(match[1]) * factor) };
}
