/**
 * The options pagefind searches with, on the page (client/search-session.ts) and in the build
 * (integrations/common-word-results.ts), which must find what the page would find. Each adds
 * baseUrl, the site's base.
 *
 * noWorker: pagefind's own worker would be a second 43 KB script and a start-up of its own
 * before the first result; a search is a few milliseconds of WebAssembly, fine on the page.
 * No metaCacheTag: pagefind then asks for pagefind-entry.json?ts=<now>, always fresh. A
 * per-build tag would be written into every page and stop Astro's incremental build from
 * reusing any of them; offline, the service worker answers any ts from its precache.
 */
export const PAGEFIND_OPTIONS = { excerptLength: 24, noWorker: true } as const;
