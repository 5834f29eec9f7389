import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pagefind from 'pagefind';
import { vi } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { linkTree } from './search-index-cache.ts';

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

export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  search(term: string): Promise<{ results: Array<{ id: string; score: number; data(): Promise<{ url: string; excerpt: string; meta: Record<string, unknown> }> }> }>;
}

/**
 * Loads the pagefind script in `dir` as a module of its own (a copy under a new name, so each
 * load is a fresh instance) with the global fetch serving that folder, as a browser would
 * under /pagefind/. The caller unstubs the globals (vi.unstubAllGlobals) afterwards.
 */
export async function loadPagefind(dir: string, fetchedSizes: number[] = []): Promise<PagefindApi> {
  vi.stubGlobal('fetch', async (url: string) => {
    const name = new URL(url, 'http://site.test/pagefind/').pathname.replace(/^\/pagefind\//, '');
    const bytes = await readFile(path.join(dir, decodeURIComponent(name)));
    fetchedSizes.push(bytes[0] === 0x1f && bytes[1] === 0x8b ? bytes.length : 0);
    return new Response(bytes);
  });
  const copy = path.join(dir, `pagefind-${Math.random().toString(36).slice(2)}.mjs`);
  await cp(path.join(dir, 'pagefind.js'), copy);
  const api = (await import(/* @vite-ignore */ pathToFileURL(copy).href)) as PagefindApi;
  await api.options({ basePath: '/pagefind/', noWorker: true });
  return api;
}
