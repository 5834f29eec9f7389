import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { startJob } from './build-jobs';

export interface PagefindIndexOptions {
  /** Characters pagefind keeps inside words; technical prose needs `.` and `_` (e.g. `.dockerconfigjson`). Default: "._-". */
  includeCharacters?: string;
}

/** The build job (build-jobs.ts) that writes the search index. */
export const SEARCH_INDEX_JOB = 'search index';

/** The pages pagefind reads: every route's index.html (the single-file tools, written later, are not pages). */
export const PAGEFIND_GLOB = '**/index.html';

/**
 * Indexes the built site with pagefind's Node API after every build, so search can never
 * drift from the pages. Only elements marked data-pagefind-body (the post text) are indexed.
 * The indexing runs as a build job (build-jobs.ts): the hooks after this one check the pages
 * meanwhile, and the origin check waits for it before it scans pagefind's files.
 */
export function pagefindIndex(options: PagefindIndexOptions = {}): AstroIntegration {
  return {
    name: 'fieldnotes:pagefind-index',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        startJob(SEARCH_INDEX_JOB, async () => {
          const started = performance.now();
          const { index, errors } = await pagefind.createIndex({
            includeCharacters: options.includeCharacters ?? '._-',
          });
          if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
          const added = await index.addDirectory({ path: outDir, glob: PAGEFIND_GLOB });
          if (added.errors.length > 0) throw new Error(`pagefind indexing failed: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
          await pagefind.close();
          logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
        });
      },
    },
  };
}
