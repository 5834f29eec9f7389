// @ts-check
// The floor: the least Astro project that does the same core work as Fieldnotes — read a
// folder of Markdown through the content layer, render it with the unified processor and
// shiki (the same light/dark themes), write one page per entry, index the output with
// pagefind — and nothing of ours (no remark/rehype plugins but remark-directive, no
// listings, tags, RSS, sitemap, tools, client scripts or styles). Fieldnotes ÷ floor is
// what our features cost. bench/run.mjs builds it from a copy (see bench/lib/project-copy.mjs).
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';

/** @returns {import('astro').AstroIntegration} */
function pagefindAfterBuild() {
  return {
    name: 'floor:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        const { index, errors } = await pagefind.createIndex({});
        if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
        const added = await index.addDirectory({ path: outDir });
        if (added.errors.length > 0) throw new Error(`pagefind indexing failed: ${added.errors.join('; ')}`);
        const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
        if (written.errors.length > 0) throw new Error(`pagefind could not write: ${written.errors.join('; ')}`);
        await pagefind.close();
        logger.info(`indexed ${added.page_count} pages in ${Math.round(performance.now() - started)} ms`);
      },
    },
  };
}

export default defineConfig({
  site: 'http://localhost:4321',
  trailingSlash: 'always',
  outDir: process.env.FLOOR_OUT_DIR ?? './dist',
  integrations: [pagefindAfterBuild()],
  markdown: {
    processor: unified({ remarkPlugins: [remarkDirective] }),
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: false },
  },
});
