import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getManifest, type ManifestTransform } from 'workbox-build';
import { parsePrecacheBudget, planPrecache } from '../lib/precache-plan';
import { normaliseBase } from '../lib/base-path';
import { finishJobs } from './build-jobs';

export interface ServiceWorkerOptions {
  /**
   * Bytes the service worker downloads on install; what does not fit is cached on first
   * visit. Default: FIELDNOTES_PRECACHE_BUDGET (bytes, or e.g. "25MB"), else 10 MiB
   * (DEFAULT_PRECACHE_BUDGET in lib/precache-plan.ts). The site shell and the search code
   * are precached whatever the budget.
   */
  precacheBudget?: number;
}

/** What the bundle has in place of the precache list until the build writes it in. */
const MANIFEST_PLACEHOLDER = 'self.__WB_MANIFEST';

/**
 * Writes `<base>sw.js` after everything else has written its files (pagefind's index, the
 * policy, the single-file tools), so the precache lists them all with revisions of their
 * final bytes. The worker's code is src/service-worker/sw.ts on workbox's modules, bundled
 * here with esbuild (about 0.1 s; workbox-build's generateSW bundles with rollup and terser,
 * 1–2 s a build); workbox-build's getManifest lists and hashes the files.
 * Registered by client/sw-register.ts.
 */
export function serviceWorker(options: ServiceWorkerOptions = {}): AstroIntegration {
  let base = '/';
  let root = process.cwd();
  return {
    name: 'fieldnotes:service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normaliseBase(config.base);
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        await finishJobs(); // the search index must be on disk before the files are listed
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
        const [bundle, listed] = await Promise.all([
          build({
            entryPoints: [path.join(root, 'src/service-worker/sw.ts')],
            bundle: true,
            write: false,
            format: 'iife',
            minify: true,
            target: 'es2020',
            legalComments: 'none',
            // workbox's modules log and assert only when NODE_ENV is not production.
            define: { FIELDNOTES_SW: JSON.stringify({ base }), 'process.env.NODE_ENV': '"production"' },
          }),
          getManifest({
            globDirectory: outDir,
            globPatterns: ['**/*'],
            globIgnores: ['sw.js', '**/*.map'],
            // The budget decides, not a per-file cap (workbox drops larger files before any transform).
            maximumFileSizeToCacheInBytes: 2 ** 31,
            manifestTransforms: [byBudget],
            // Content-hashed names need no revision: the URL changes when the bytes do.
            dontCacheBustURLsMatching: /^(?:_astro\/|pagefind\/(?:fragment|index|filter)\/)/,
          }),
        ]);
        const code = bundle.outputFiles[0]?.text ?? '';
        const at = code.indexOf(MANIFEST_PLACEHOLDER);
        if (at < 0 || code.indexOf(MANIFEST_PLACEHOLDER, at + 1) >= 0) {
          throw new Error(`the bundled service worker must name ${MANIFEST_PLACEHOLDER} exactly once`);
        }
        const manifest = JSON.stringify(listed.manifestEntries ?? []);
        await writeFile(path.join(outDir, 'sw.js'), code.slice(0, at) + manifest + code.slice(at + MANIFEST_PLACEHOLDER.length));
        for (const warning of listed.warnings) logger.warn(warning);
        logger.info(`sw.js precaches ${listed.count} files (${Math.round(listed.size / 1024)} KiB of a ${Math.round(budget / 1024)} KiB budget); ${deferred} more are cached on first visit`);
      },
    },
  };
}
