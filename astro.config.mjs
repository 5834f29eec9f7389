// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { pagefindIndex } from './src/integrations/pagefind-index.ts';
import { contentSecurityPolicy } from './src/integrations/content-security-policy.ts';
import { originCheck } from './src/integrations/origin-check.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { singleFileTools } from './src/integrations/single-file-tools.ts';
import { renderedHtmlDirForPages } from './src/integrations/rendered-html-dir.ts';
import { clearOutputEarly } from './src/integrations/clear-output-early.ts';
import { linkedFiles } from './src/integrations/linked-files.ts';
import { markdownProcessor } from './src/markdown/plugins.ts';
import { highlightCacheDir } from './src/markdown/highlighted-code-files.ts';
import { pipelineDigest, withPipelineDigest } from './src/markdown/pipeline-digest.ts';
import { normaliseBase } from './src/lib/base-path.ts';
import { lazyClientModule } from './src/integrations/lazy-client-module.ts';

// SITE_URL and SITE_BASE let the same content deploy at a domain root or under a
// project path such as GitLab Pages' /<project>/.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const base = normaliseBase(process.env.SITE_BASE);
const outputFolder = clearOutputEarly();
const projectRoot = fileURLToPath(new URL('.', import.meta.url));
// Astro's caches (content store, incremental build); a test gives its builds their own.
const cacheDir = process.env.FIELDNOTES_CACHE_DIR ?? './node_modules/.astro';
const digest = pipelineDigest(projectRoot);

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // A second output folder lets tests build the site twice (root and a base path) side by side.
  outDir: process.env.FIELDNOTES_OUT_DIR ?? './dist',
  cacheDir,
  // Order matters: every astro:build:done hook runs in this order. The files pages link to are
  // copied first, so every later hook sees them. pagefind indexes the pages
  // in the background (integrations/build-jobs.ts) while the next hooks run, the sitemap
  // among them: the index is the longest job of a rebuild, so it starts first; the single-file
  // tools carry their own policy; the service worker, also in the background, waits for
  // pagefind and then precaches every file as it ships; the origin check scans every page
  // (for the policy too) meanwhile, on a thread of its own, then waits for both and scans
  // what they wrote. The last
  // build's files are moved aside when the build starts and deleted meanwhile (its unchanged
  // pages put back first, and any no longer built removed before the other hooks look); the
  // build waits for the deletion last.
  integrations: [
    outputFolder.first,
    renderedHtmlDirForPages(),
    linkedFiles(),
    // FIELDNOTES_SEARCH_CHUNK_BYTES: tests cut the index into tiny chunks, or keep pagefind's (0).
    // FIELDNOTES_COMMON_WORD_MIN_PAGES: tests let a small site have common words.
    pagefindIndex({
      ...(process.env.FIELDNOTES_SEARCH_CHUNK_BYTES ? { chunkBytes: Number(process.env.FIELDNOTES_SEARCH_CHUNK_BYTES) } : {}),
      ...(process.env.FIELDNOTES_COMMON_WORD_MIN_PAGES ? { commonWordMinPages: Number(process.env.FIELDNOTES_COMMON_WORD_MIN_PAGES) } : {}),
    }),
    sitemap(),
    contentSecurityPolicy(),
    singleFileTools(),
    serviceWorker(),
    originCheck(),
    outputFolder.last,
  ],
  // No inlined scripts or stylesheets: the Content-Security-Policy then needs one hash only
  // (the pre-paint theme snippet), and a changed client module cannot break the policy.
  // Four pages at a time: a page mostly waits on files (its rendered HTML read from the cache,
  // the page written out), so one page's wait overlaps another's work; 1,000 pages' routes
  // took 4.2 s instead of 5.4 s, with the same output.
  build: { inlineStylesheets: 'never', concurrency: 4 },
  vite: {
    build: { assetsInlineLimit: 0 },
    // The search dialog's code, loaded when a search is likely (client/fn-search.ts).
    plugins: [lazyClientModule({ id: 'virtual:fieldnotes/search-session', entry: 'src/client/search-session.ts', name: 'search-session' })],
  },
  // A post page whose code and cacheKey (src/data/page-cache-key.ts) match the last build is
  // copied from Astro's cache instead of rendered: a one-page edit re-renders that page and
  // its neighbours. The output folder is still emptied first; the last build's copy of an
  // unchanged page is put back instead of copied (clear-output-early.ts).
  experimental: { incrementalBuild: true },
  markdown: {
    // Off here: rehype-highlight-code.ts runs Astro's shiki plugin itself and keeps the
    // highlighted blocks (in the cache folder, under the pipeline's digest) for the next build.
    syntaxHighlight: false,
    // The digest of the pipeline's code: an edited plugin renders every page again (pipeline-digest.ts).
    processor: withPipelineDigest(markdownProcessor({ base, highlightCache: { dir: highlightCacheDir(path.resolve(projectRoot, cacheDir)), fingerprint: digest } }), digest),
  },
});
