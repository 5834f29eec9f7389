import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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
