import { describe, expect, it } from 'vitest';
import { caretExcerpt, positionAt } from './source-position.ts';

describe('positionAt', () => {
  it('counts LF, CRLF and CR as one line break each', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2, lineText: 'cd' });
    expect(positionAt('ab\r\ncd', 5)).toEqual({ offset: 5, line: 2, column: 2, lineText: 'cd' });
    expect(positionAt('ab\rcd\ref', 7)).toEqual({ offset: 7, line: 3, column: 2, lineText: 'ef' });
  });
  it('clamps offsets outside the text', () => {
    expect(positionAt('abc', 99)).toMatchObject({ offset: 3, line: 1, column: 4 });
    expect(positionAt('abc', -5)).toMatchObject({ offset: 0, line: 1, column: 1 });
  });
});

describe('caretExcerpt', () => {
  it('puts the caret under the column, keeping tabs', () => {
    expect(caretExcerpt(positionAt('\tab%cd', 3))).toBe('\tab%cd\n\t  ^');
  });
});
