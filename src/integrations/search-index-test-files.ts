import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { tempFolder } from '../lib/temp-folder-for-test';
import { linkTree } from './search-index-cache';

/* For the search index's tests: pages for pagefind to index, and a folder's files to compare. */

/** A built page as pagefind reads it: only the element marked data-pagefind-body is indexed. */
export function indexedPage(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

/** Every file under `dir` (path inside it → bytes). */
export function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (statSync(full).isFile()) files.set(name, readFileSync(full));
  }
  return files;
}

/** pagefind's index of `site` (path → HTML), written into a new folder, as the search index cache holds it. */
export async function pagefindIndexOf(site: Record<string, string>): Promise<string> {
  const pages = await tempFolder(site);
  const written = await tempFolder();
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('pagefind did not start');
  await index.addDirectory({ path: pages });
  const { errors } = await index.writeFiles({ outputPath: written });
  if (errors.length > 0) throw new Error(`pagefind could not write its index: ${errors.join('; ')}`);
  return written;
}

/** An output folder whose files are hard links to `source`, as the build links them. */
export async function linkedOutput(source: string): Promise<string> {
  const output = path.join(await tempFolder(), 'pagefind');
  await linkTree(source, output);
  return output;
}
