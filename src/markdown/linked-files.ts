import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { VFile } from 'vfile';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { addToFrontmatterList, frontmatterList } from './rendered-frontmatter.ts';

/**
 * Files of the content folder that pages link to (`[the config](./config.yaml)`, a PDF) are
 * published at their path in the folder (site-url.ts rewrites the link). A render lists
 * them in its metadata, under LINKED_FILES_KEY of its frontmatter (the one place a plugin's
 * data reaches the store); after each content sync, the list of every page's files, those
 * of pages reused from the last build included, is written to the cache folder, and the
 * build copies them (integrations/linked-files.ts).
 */

/** The key, in rendered.metadata.frontmatter, of the content files a page links to. */
export const LINKED_FILES_KEY = 'fieldnotesLinkedFiles';

/** What the content sync leaves for the build: the folder, and each linked file with the pages that link to it. */
export interface LinkedFilesManifest {
  contentDir: string;
  files: Record<string, string[]>;
}

export function linkedFilesManifestPath(cacheDir: URL): string {
  return fileURLToPath(new URL('fieldnotes/linked-files.json', cacheDir));
}

/** Notes, on the page being rendered, that the site must have `target` (a path in the content folder). */
export function recordLinkedFile(file: VFile, target: string): void {
  addToFrontmatterList(file, LINKED_FILES_KEY, [target]);
}

/** The content files a rendered entry links to, or none. */
export function linkedFilesOf(rendered: { metadata?: Record<string, unknown> | undefined } | undefined): string[] {
  return frontmatterList(rendered, LINKED_FILES_KEY);
}

/**
 * Wraps the loader of the folder `contentDir`. Before loading, an entry reused from the last
 * build that links to a file no longer there is dropped, so it renders again (and its link
 * is no longer rewritten to a file the site will not have); after loading, the manifest of
 * every linked file is written.
 */
export function listLinkedFiles(loader: Loader, contentDir: string): Loader {
  return {
    ...loader,
    async load(context: LoaderContext) {
      const root = path.resolve(contentDir);
      for (const entry of [...context.store.values()]) {
        if (linkedFilesOf(entry.rendered).some((target) => !existsSync(path.join(root, target)))) context.store.delete(entry.id);
      }
      await loader.load(context);
      const files: Record<string, string[]> = {};
      for (const entry of context.store.values()) {
        for (const target of linkedFilesOf(entry.rendered)) (files[target] ??= []).push(entry.filePath ?? entry.id);
      }
      const manifest: LinkedFilesManifest = { contentDir: root, files };
      await writeFileAtomically(linkedFilesManifestPath(context.config.cacheDir), JSON.stringify(manifest));
    },
  };
}
