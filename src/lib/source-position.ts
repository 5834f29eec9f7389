import type { SourcePosition } from '../tools/tool.ts';

/** Line and column (1-based) of a 0-based offset in text; CRLF and CR count as one line break. */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.length;
  for (let i = lineStart; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineEnd = i;
      break;
    }
  }
  return { offset: clamped, line, column: clamped - lineStart + 1, lineText: text.slice(lineStart, lineEnd) };
}

/** The input line with a caret under the column, as compilers show it. */
export function caretExcerpt(position: SourcePosition): string {
  const pad = position.lineText.slice(0, position.column - 1).replace(/[^\t]/g, ' ');
  return `${position.lineText}\n${pad}^`;
}
