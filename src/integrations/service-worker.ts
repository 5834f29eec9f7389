import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ManifestEntry, ManifestTransform } from 'workbox-build';
import { precacheHashesFile, precacheManifest, readPrecacheHashes, writePrecacheHashes } from './precache-files.ts';
import { parsePrecacheBudget, planPrecache } from '../lib/precache-plan.ts';
import { normaliseBase } from '../lib/base-path.ts';
import { jobDone, startJob } from './build-jobs.ts';
import { COMMON_WORDS_DIR } from '../lib/common-word-results.ts';
import { SEARCH_INDEX_JOB } from './pagefind-index.ts';

export interface ServiceWorkerOptions {
  /**
   * Bytes the service worker downloads on install; what does not fit is cached on first
   * visit. Default: FIELDNOTES_PRECACHE_BUDGET (bytes, or e.g. "25MB"), else 10 MiB
   * (DEFAULT_PRECACHE_BUDGET in lib/precache-plan.ts). The site shell and the search code
   * are precached whatever the budget.
   */
  precacheBudget?: number;
}

type PrecacheEntry = ManifestEntry & { size: number };

/** What the bundle has in place of the precache list until the build writes it in. */
const MANIFEST_PLACEHOLDER = 'self.__WB_MANIFEST';

/**
 * Writes `<base>sw.js` once everything else has written its files (the policy and the
 * single-file tools in the hooks before this one, pagefind's index in its build job), so the
 * precache lists them all with revisions of their final bytes. It runs as a build job itself;
 * the origin check, after it, waits for it and scans sw.js too. The worker's code is
 * src/service-worker/sw.ts on workbox's modules, bundled here with esbuild (about 0.1 s;
 * workbox-build's generateSW bundles with rollup and terser, 1–2 s a build); the files are
 * listed and revisioned as workbox-build's getManifest does (precache-files.ts), all but
 * pagefind's while pagefind is still writing.
 * Registered by client/sw-register.ts.
 */
export function serviceWorker(options: ServiceWorkerOptions = {}): AstroIntegration {
  let base = '/';
  let root = process.cwd();
  let hashesFile: string | undefined;
  return {
    name: 'fieldnotes:service-worker',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normaliseBase(config.base);
        root = fileURLToPath(config.root);
        hashesFile = precacheHashesFile(fileURLToPath(config.cacheDir));
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        let budget = options.precacheBudget;
        if (budget === undefined) {
          const parsed = parsePrecacheBudget(process.env['FIELDNOTES_PRECACHE_BUDGET']);
          if (!parsed.ok) throw new Error(parsed.message);
          budget = parsed.budget;
        }
        const precacheBudget = budget;
        // A build job (build-jobs.ts), so that bundling the worker and listing the files
        // overlap pagefind's indexing and the origin check.
        startJob('service worker', ['sw.js'], async () => {
          const hashes = await readPrecacheHashes(hashesFile);
          const bundling = build({
            entryPoints: [path.join(root, 'src/service-worker/sw.ts')],
            bundle: true,
            write: false,
            format: 'iife',
            minify: true,
            target: 'es2020',
            legalComments: 'none',
            // workbox's modules log and assert only when NODE_ENV is not production.
            define: { FIELDNOTES_SW: JSON.stringify({ base }), 'process.env.NODE_ENV': '"production"' },
          });
          bundling.catch(() => undefined); // awaited below, after the index
          // Every file but pagefind's is final by now (the hooks before this one wrote them):
          // list and hash those while pagefind indexes, and pagefind's once it is done.
          const list = async (globPatterns: string[], globIgnores: string[]): Promise<PrecacheEntry[]> => {
            let entries: PrecacheEntry[] = [];
            // Copies: workbox deletes each entry's size once the transforms have run.
            const keepAll: ManifestTransform = (listed) => {
              entries = listed.map((entry) => ({ ...entry }));
              return { manifest: listed };
            };
            const listed = await precacheManifest({
              outDir,
              patterns: globPatterns,
              ignores: ['sw.js', '**/*.map', ...globIgnores],
              hashes,
              // The budget decides, not a per-file cap (workbox drops larger files before any transform).
              maximumFileSizeToCacheInBytes: 2 ** 31,
              manifestTransforms: [keepAll],
              // Content-hashed names need no revision: the URL changes when the bytes do.
              dontCacheBustURLsMatching: /^(?:_astro\/|pagefind\/(?:fragment|index|filter)\/|common-words\/[^/]+\/)/,
            });
            for (const warning of listed.warnings) logger.warn(warning);
            return entries;
          };
          // The search index job writes pagefind/ and common-words/ (common-word-results.ts).
          const siteFiles = list(['**/*'], ['pagefind/**', `${COMMON_WORDS_DIR}/**`]);
          siteFiles.catch(() => undefined); // awaited below, after the index
          await jobDone(SEARCH_INDEX_JOB); // the search index must be on disk before its files are listed
          const plan = planPrecache([...(await siteFiles), ...(await list(['pagefind/**/*', `${COMMON_WORDS_DIR}/**/*`], []))], precacheBudget);
          if (hashesFile) await writePrecacheHashes(hashesFile, hashes);
          const bundle = await bundling;
          const code = bundle.outputFiles[0]?.text ?? '';
          const at = code.indexOf(MANIFEST_PLACEHOLDER);
          if (at < 0 || code.indexOf(MANIFEST_PLACEHOLDER, at + 1) >= 0) {
            throw new Error(`the bundled service worker must name ${MANIFEST_PLACEHOLDER} exactly once`);
          }
          // The entries as workbox's getManifest returns them: without their size.
          const manifest = JSON.stringify(plan.precache.map(({ size, ...entry }) => entry));
          await writeFile(path.join(outDir, 'sw.js'), code.slice(0, at) + manifest + code.slice(at + MANIFEST_PLACEHOLDER.length));
          for (const warning of plan.warnings) logger.warn(warning);
          logger.info(
            `sw.js precaches ${plan.precache.length} files (${Math.round(plan.bytes / 1024)} KiB of a ${Math.round(precacheBudget / 1024)} KiB budget); ${plan.deferred.length} more are cached on first visit`,
          );
        });
      },
    },
  };
}
