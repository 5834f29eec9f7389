import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW, type ManifestTransform } from 'workbox-build';
import { parsePrecacheBudget, planPrecache } from '../lib/precache-plan';
import { normaliseBase } from '../lib/base-path';

export interface ServiceWorkerOptions {
  /**
   * Bytes the service worker downloads on install; what does not fit is cached on first
   * visit. Default: FIELDNOTES_PRECACHE_BUDGET (bytes, or e.g. "25MB"), else 10 MiB
   * (DEFAULT_PRECACHE_BUDGET in lib/precache-plan.ts). The site shell and the search code
   * are precached whatever the budget.
   */
  precacheBudget?: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Writes `<base>sw.js` with workbox-build after everything else has written its files
 * (pagefind's index, the policy, the single-file tools), so the precache lists them all
 * with revisions of their final bytes. Registered by client/sw-register.ts.
 *
 * Updates: the new worker installs beside the old one and waits (skipWaiting: false); the
 * page offers "Reload", which posts SKIP_WAITING. Until then the old worker serves the old
 * build whole, so a page never mixes old and new assets. clientsClaim lets the first
 * install take over the open page, so it works offline without a reload.
 */
export function serviceWorker(options: ServiceWorkerOptions = {}): AstroIntegration {
  let base = '/';
  return {
    name: 'fieldnotes:service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normaliseBase(config.base);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        let budget = options.precacheBudget;
        if (budget === undefined) {
          const parsed = parsePrecacheBudget(process.env['FIELDNOTES_PRECACHE_BUDGET']);
          if (!parsed.ok) throw new Error(parsed.message);
          budget = parsed.budget;
        }
        let deferred = 0;
        const byBudget: ManifestTransform = (entries) => {
          const plan = planPrecache(entries, budget);
          deferred = plan.deferred.length;
          return { manifest: plan.precache, warnings: plan.warnings };
        };
        // Runtime caches are per base path, so two copies of the site on one origin stay apart.
        const cache = (name: string) => `fieldnotes-${name}-${base}`;
        const underBase = escapeRegExp(base);
        const { count, size, warnings } = await generateSW({
          swDest: path.join(outDir, 'sw.js'),
          globDirectory: outDir,
          globPatterns: ['**/*'],
          globIgnores: ['sw.js', '**/*.map'],
          // The budget decides, not a per-file cap (workbox drops larger files before any transform).
          maximumFileSizeToCacheInBytes: 2 ** 31,
          manifestTransforms: [byBudget],
          // Content-hashed names need no revision: the URL changes when the bytes do.
          dontCacheBustURLsMatching: /^(?:_astro\/|pagefind\/(?:fragment|index|filter)\/)/,
          // pagefind asks for pagefind-entry.json?ts=<cache tag>; the precached copy answers any tag.
          ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/],
          directoryIndex: 'index.html',
          cacheId: 'fieldnotes',
          cleanupOutdatedCaches: true,
          clientsClaim: true,
          skipWaiting: false,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
          runtimeCaching: [
            {
              // Pages over the budget: the network first (new content when online), the cache offline.
              urlPattern: ({ request }) => request.mode === 'navigate',
              handler: 'NetworkFirst',
              options: { cacheName: cache('pages'), networkTimeoutSeconds: 5, expiration: { maxEntries: 500 }, cacheableResponse: { statuses: [200] } },
            },
            {
              // Same-origin only: workbox matches a RegExp anywhere in a same-origin URL, but only
              // from the start for another origin, which a path never does.
              urlPattern: new RegExp(`${underBase}(?:_astro|pagefind/(?:fragment|index|filter))/`),
              handler: 'CacheFirst',
              options: { cacheName: cache('hashed'), expiration: { maxEntries: 1000 }, cacheableResponse: { statuses: [200] } },
            },
            {
              urlPattern: new RegExp(`${underBase}`),
              handler: 'StaleWhileRevalidate',
              options: { cacheName: cache('files'), expiration: { maxEntries: 200 }, cacheableResponse: { statuses: [200] } },
            },
          ],
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(`sw.js precaches ${count} files (${Math.round(size / 1024)} KiB of a ${Math.round(budget / 1024)} KiB budget); ${deferred} more are cached on first visit`);
      },
    },
  };
}
