import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { markdownRenderer } from './plugins.ts';

/**
 * Astro's content loader only logs a Markdown plugin's error and keeps an empty entry,
 * which a later build reuses silently. This renders the file again with the production
 * plugins so the build can fail with the plugin's own message, file, line and column.
 */
export async function explainRenderFailure(filePath: string, base: string): Promise<never> {
  const absolute = path.resolve(filePath);
  const { frontmatter, content } = parseFrontmatter(readFileSync(absolute, 'utf8'), { frontmatter: 'empty-with-spaces' });
  const renderer = await markdownRenderer({ base });
  try {
    await renderer.render(content, { frontmatter, fileURL: pathToFileURL(absolute) });
  } catch (error) {
    const where = error && typeof error === 'object' && 'line' in error && error.line ? `:${String(error.line)}:${String((error as { column?: unknown }).column ?? 1)}` : '';
    const reason = error && typeof error === 'object' && 'reason' in error ? String(error.reason) : String(error);
    throw new Error(`${filePath}${where}: ${reason}`);
  }
  throw new Error(`${filePath}: the Markdown could not be rendered, but rendering it again succeeded; run the build again with a clean cache (rm -rf .astro).`);
}
