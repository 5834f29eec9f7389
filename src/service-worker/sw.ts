/// <reference lib="webworker" />
/*
 * The site's service worker, bundled by integrations/service-worker.ts with esbuild at the
 * end of each build; the build writes the precache list in place of self.__WB_MANIFEST and
 * the settings in place of FIELDNOTES_SW.
 *
 * Updates: a new worker installs beside the old one and waits; the page's "Reload"
 * (client/sw-register.ts) posts SKIP_WAITING. Until then the old worker serves the old build
 * whole, so a page never mixes old and new assets. clientsClaim lets the first install take
 * over the open page, so it works offline without a reload.
 *
 * The install downloads one file at a time and waits between them while a reader is
 * searching (lib/search-activity.ts), so the first search does not share the network and
 * the cores with the precache.
 */
import { clientsClaim, setCacheNameDetails } from 'workbox-core';
import type { WorkboxPlugin } from 'workbox-core/types.js';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { ExpirationPlugin } from 'workbox-expiration';
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { BackgroundHold, INSTALL_ASK_MS, SEARCH_HOLD_MS, readSearchActivity, searchActivityChannel } from '../lib/search-activity.ts';

declare const FIELDNOTES_SW: { base: string };
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const { base } = FIELDNOTES_SW;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const underBase = escapeRegExp(base);
// Runtime caches are per base path, so two copies of the site on one origin stay apart.
const cache = (name: string) => `fieldnotes-${name}-${base}`;
const okOnly = new CacheableResponsePlugin({ statuses: [200] });
// workbox's plugin classes declare optional callbacks that strict exactOptionalPropertyTypes
// will not match to WorkboxPlugin; at run time they are exactly that.
const plugins = (maxEntries: number) => [new ExpirationPlugin({ maxEntries }), okOnly] as unknown as WorkboxPlugin[];

setCacheNameDetails({ prefix: 'fieldnotes' });
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
clientsClaim();

const searching = new BackgroundHold();
const activity = new BroadcastChannel(searchActivityChannel(base));
activity.addEventListener('message', (event: MessageEvent) => {
  const message = readSearchActivity(event.data);
  if (message?.type === 'search-active') searching.hold(SEARCH_HOLD_MS);
  else if (message?.type === 'search-idle') searching.release();
});
self.addEventListener('install', () => {
  searching.hold(INSTALL_ASK_MS);
  activity.postMessage({ type: 'search-asked' });
});
// Only the install's downloads wait: a fetch the page is waiting for never does.
addPlugins([
  {
    requestWillFetch: async ({ request, event }) => {
      if (event?.type === 'install') await searching.passed();
      return request;
    },
  },
]);

precacheAndRoute(self.__WB_MANIFEST, {
  directoryIndex: 'index.html',
  // pagefind asks for pagefind-entry.json?ts=<now>; the precached copy answers any ts.
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/],
});
cleanupOutdatedCaches();

// Pages over the precache budget: the network first (new content when online), the cache offline.
registerRoute(
  ({ request }) => request.mode === 'navigate',
  new NetworkFirst({ cacheName: cache('pages'), networkTimeoutSeconds: 5, plugins: plugins(500) }),
);
// Same-origin only: workbox matches a RegExp anywhere in a same-origin URL, but only from the
// start for another origin, which a path never does.
registerRoute(
  new RegExp(`${underBase}(?:_astro|pagefind/(?:fragment|index|filter)|common-words/[^/]+)/`),
  new CacheFirst({ cacheName: cache('hashed'), plugins: plugins(1000) }),
);
registerRoute(
  new RegExp(underBase),
  new StaleWhileRevalidate({ cacheName: cache('files'), plugins: plugins(200) }),
);
