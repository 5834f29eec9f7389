// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import { pagefindIndex } from './src/integrations/pagefind-index.ts';
import { remarkPlugins, rehypePlugins, shikiConfig } from './src/markdown/plugins.ts';
import { normaliseBase } from './src/lib/base-path.ts';

// SITE_URL and SITE_BASE let the same content deploy at a domain root or under a
// project path such as GitLab Pages' /<project>/.
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const base = normaliseBase(process.env.SITE_BASE);

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // A second output folder lets tests build the site twice (root and a base path) side by side.
  outDir: process.env.FIELDNOTES_OUT_DIR ?? './dist',
  integrations: [sitemap(), pagefindIndex()],
  markdown: {
    // Astro 7 defaults to its native processor; our plugins are unified ones.
    processor: unified({ remarkPlugins: remarkPlugins({ base }), rehypePlugins: rehypePlugins() }),
    shikiConfig,
  },
});
