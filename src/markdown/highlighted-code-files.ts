import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { frontmatterList } from './rendered-frontmatter.ts';
import { pluginOptionsOf } from './render-protocol.ts';

/*
 * The files of highlighted code blocks that rehype-highlight-code.ts keeps between builds.
 * Apart from the plugin, so that the content config (loaded through Vite's module runner)
 * does not bring shiki into that runner.
 */

/** The key, in rendered.metadata.frontmatter, of the names of a page's highlighted blocks. */
export const HIGHLIGHTED_CODE_KEY = 'fieldnotesHighlightedCode';

/** The folder of highlighted blocks in Astro's cache folder. */
export function highlightCacheDir(cacheDir: string): string {
  return path.join(cacheDir, 'fieldnotes', 'highlighted-code');
}

/** A kept block's file: its hast as JSON, deflated (a tenth of the size: shiki's spans repeat). */
const BLOCK_SUFFIX = '.json.z';

/** The file of the block named `name` in `dir`. */
export function highlightedBlockFile(dir: string, name: string): string {
  return path.join(dir, `${name}${BLOCK_SUFFIX}`);
}

/** Removes the kept blocks whose names are not in `used`. */
export async function removeUnusedBlocks(dir: string, used: ReadonlySet<string>): Promise<number> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith(BLOCK_SUFFIX) && !used.has(file.slice(0, -BLOCK_SUFFIX.length)));
  await Promise.all(files.map((file) => rm(path.join(dir, file), { force: true })));
  return files.length;
}

/**
 * Wraps a loader (the glob loader) so that, once it has loaded, the kept blocks no page lists
 * any more (an edited block, a deleted page) are removed; those of pages reused from the last
 * build stay, since their entries still list them. The folder is the one the config's
 * processor keeps blocks in; a processor that keeps none leaves nothing to prune.
 */
export function pruneHighlightedCode(loader: Loader): Loader {
  return {
    ...loader,
    async load(context: LoaderContext) {
      await loader.load(context);
      const dir = pluginOptionsOf(context.config.markdown.processor)?.highlightCache?.dir;
      if (!dir) return;
      const used = new Set([...context.store.values()].flatMap((entry) => frontmatterList(entry.rendered, HIGHLIGHTED_CODE_KEY)));
      await removeUnusedBlocks(dir, used);
    },
  };
}
