import { readFileSync } from 'node:fs';
import type { Node, Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { positionAt } from '../lib/source-position.ts';

/** What went wrong, as a stable code a test or an editor integration can match on. */
export type MarkdownErrorCode =
  | 'UNKNOWN_CALLOUT'
  | 'BAD_CALLOUT_ATTRIBUTE'
  | 'UNKNOWN_DIRECTIVE'
  | 'BAD_TOOL_ATTRIBUTE'
  | 'BAD_TOOL_LABEL'
  | 'UNKNOWN_EXAMPLE';

/**
 * Fails the build at `node`: throws the VFileMessage that `file.fail` makes, so the error
 * carries the file path, line and column, plus `ruleId` = code and `source` = "fieldnotes".
 *
 * Astro's glob loader renders the body with the front matter removed and the text trimmed
 * (astro/dist/content/loaders/glob.js → content-entry-type.js), so positions inside the
 * plugins count from the first body line, not from line 1 of the file. When the file on
 * disk still holds the rendered text further down, the position is moved to where it is
 * in the file, so the line and column an author sees are the ones their editor shows.
 * The position is also written into the message, because the loader logs only the message.
 */
export function failAt(file: VFile, reason: string, node: Node, code: MarkdownErrorCode): never {
  const place = positionInFile(file, node.position);
  const where = place ? ` (line ${place.start.line}, column ${place.start.column})` : '';
  return file.fail(`${reason}${where}`, { place, ruleId: code, source: 'fieldnotes' });
}

/** `position` (counted in the rendered text) moved to where it is in the file on disk. */
export function positionInFile(file: VFile, position: Position | undefined): Position | undefined {
  if (!position) return undefined;
  const shift = bodyOffsetInFile(file);
  if (shift === undefined) return position;
  return { start: shiftPoint(shift, position.start), end: shiftPoint(shift, position.end) };
}

function shiftPoint(shift: { text: string; offset: number }, point: Point): Point {
  if (point.offset === undefined) return point;
  const { line, column, offset } = positionAt(shift.text, shift.offset + point.offset);
  return { line, column, offset };
}

/** Where the rendered text starts inside the file on disk, when it does not start at 0. */
function bodyOffsetInFile(file: VFile): { text: string; offset: number } | undefined {
  if (!file.path || typeof file.value !== 'string' || file.value === '') return undefined;
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch {
    return undefined;
  }
  const offset = text.indexOf(file.value);
  return offset > 0 ? { text, offset } : undefined;
}
