import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { contentHash } from '../lib/content-hash.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { withMarkdownRenderFunctions, type ContextWithEntryTypes } from './markdown-entry-types.ts';

/**
 * Keeps each entry's rendered HTML in a file of its own in Astro's cache folder, and in the
 * content store only that file's name. Astro bundles the whole store into one module for the
 * build; with the HTML inside, that module is as large as the site (about 130 MB at 5,000
 * pages) and bundling it is the build's memory peak and a fixed cost of every rebuild.
 * Pages read their HTML back with readRenderedHtml when they render.
 */

/** The store's key, in an entry's rendered.metadata, for the name of its HTML file. */
export const HTML_FILE_KEY = 'renderedHtmlFile';

export type RenderedHtmlMode = 'dev' | 'build';

/**
 * One folder per command: a build removes the files its own store no longer names, and must
 * not remove those of a dev server's store (kept elsewhere by Astro) running beside it.
 */
export function renderedHtmlDir(cacheDir: URL, mode: RenderedHtmlMode): string {
  return fileURLToPath(new URL(`fieldnotes/rendered-html/${mode}/`, cacheDir));
}

/** The file for `html` in `collection`: named by its content, so equal HTML is one file and a name never means two texts. */
export function renderedHtmlFileName(collection: string, html: string): string {
  return `${collection}/${contentHash(html).slice(0, 32)}.html`;
}

interface Rendered {
  html: string;
  metadata?: Record<string, unknown>;
}

/** Writes `rendered.html` to its file and returns `rendered` with the file's name in place of the HTML. */
export async function moveHtmlToFile(dir: string, collection: string, rendered: Rendered): Promise<Rendered> {
  const name = renderedHtmlFileName(collection, rendered.html);
  await writeFileAtomically(path.join(dir, name), rendered.html);
  return { ...rendered, html: '', metadata: { ...rendered.metadata, [HTML_FILE_KEY]: name } };
}

interface StoredEntry {
  id: string;
  filePath?: string | undefined;
  rendered?: { html: string; metadata?: Record<string, unknown> | undefined } | undefined;
}

/** An entry's HTML: from its file, or from the store for an entry stored with its HTML inside. */
export function readRenderedHtml(dir: string, entry: StoredEntry): string {
  const name = entry.rendered?.metadata?.[HTML_FILE_KEY];
  if (typeof name !== 'string') return entry.rendered?.html ?? '';
  const file = path.join(dir, name);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(
      `${entry.filePath ?? entry.id}: its rendered HTML is missing from the build cache (${file}). ` +
        'Build again: the content sync renders entries whose file is gone.',
    );
  }
}

/** Names of the HTML files under `dir`/`collection`, as the store names them. */
function filesOf(dir: string, collection: string): Set<string> {
  try {
    return new Set(readdirSync(path.join(dir, collection)).map((file) => `${collection}/${file}`));
  } catch {
    return new Set();
  }
}

/**
 * Wraps a loader (the glob loader) so that its Markdown entries keep their HTML in files.
 * Before loading, a stored entry whose file is gone is dropped from the store, so the loader
 * renders it again rather than a page failing later; after loading, files that no entry
 * names any more are removed.
 */
export function keepRenderedHtmlInFiles(loader: Loader): Loader {
  return {
    ...loader,
    async load(context: ContextWithEntryTypes) {
      const dir = renderedHtmlDir(context.config.cacheDir, context.watcher ? 'dev' : 'build');
      const { collection, store } = context;
      const wrapped = withMarkdownRenderFunctions(context, (original) => async (config) => {
        const render = await original(config);
        return async (entry) => moveHtmlToFile(dir, collection, (await render(entry)) as Rendered);
      });
      if (!wrapped) return loader.load(context);

      const present = filesOf(dir, collection);
      for (const entry of store.values()) {
        const name = entry.rendered?.metadata?.[HTML_FILE_KEY];
        if (typeof name === 'string' && !present.has(name)) store.delete(entry.id);
      }

      await loader.load({ ...context, entryTypes: wrapped } as LoaderContext);

      const named = new Set<unknown>([...store.values()].map((entry) => entry.rendered?.metadata?.[HTML_FILE_KEY]));
      for (const name of filesOf(dir, collection)) {
        if (!named.has(name)) rmSync(path.join(dir, name), { force: true });
      }
    },
  };
}
