import { relative } from 'node:path';
import type { Root } from 'hast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { WARNINGS_KEY } from './entry-warnings.ts';
import { positionInFile } from './fail-at.ts';
import { addToFrontmatterList } from './rendered-frontmatter.ts';

/**
 * Prints the warnings our plugins leave on a page (file.message: a link that could not be
 * resolved, …) as `path:line:column`, one line each, the line and column counted in the file
 * as the author's editor counts them (see fail-at.ts). Astro's renderer returns only the HTML
 * and metadata, so without this they would be lost. console.warn reaches the build's output
 * from a render thread too (Node forwards a worker's stderr). The lines are also kept in the
 * rendered metadata, so that a later build that reuses this render prints them again
 * (entry-warnings.ts).
 */
export function rehypeReportWarnings() {
  return (_tree: Root, file: VFile): void => {
    const lines = file.messages.filter((message) => message.fatal !== true).map((message) => formatWarning(file, message));
    for (const line of lines) console.warn(line);
    addToFrontmatterList(file, WARNINGS_KEY, lines);
  };
}

export function formatWarning(file: VFile, message: VFile['messages'][number]): string {
  const path = file.path ? relative(process.cwd(), file.path).split('\\').join('/') : '(no file)';
  const at = message.place;
  const position: Position | undefined = at === undefined ? undefined : 'start' in at ? at : { start: at, end: at };
  const start = positionInFile(file, position)?.start;
  const place = start ? `:${start.line}:${start.column}` : '';
  const rule = message.ruleId ? ` (${message.ruleId})` : '';
  return `[fieldnotes] warning ${path}${place}: ${message.reason}${rule}`;
}
