import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';

export interface PagefindIndexOptions {
  /** Characters pagefind keeps inside words; technical prose needs `.` and `_` (e.g. `.dockerconfigjson`). Default: "._-". */
  includeCharacters?: string;
}

/**
 * Indexes the built site with pagefind's Node API after every build, so search can never
 * drift from the pages. Only elements marked data-pagefind-body (the post text) are indexed.
 */
export function pagefindIndex(options: PagefindIndexOptions = {}): AstroIntegration {
  return {
    name: 'fieldnotes:pagefind-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        const { index, errors } = await pagefind.createIndex({
          includeCharacters: options.includeCharacters ?? '._-',
        });
        if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length > 0) throw new Error(`pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
        if (written.errors.length > 0) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}
