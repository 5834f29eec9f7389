import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every HTML page of a built site, as URL paths relative to its base ("", "tags/", "404.html"). */
export function builtPages(outDir: string): string[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    // Single-file tool downloads (tools/<id>/<name>.html) are files to save, not pages.
    .filter((file) => file.endsWith('.html') && !file.startsWith('pagefind') && !/^tools\/[^/]+\/(?!index\.html$)[^/]+\.html$/.test(file))
    .map((file) => (file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file))
    .sort();
}
