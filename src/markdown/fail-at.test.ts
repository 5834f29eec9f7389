import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { failAt } from './fail-at.ts';

const folder = mkdtempSync(join(tmpdir(), 'fail-at-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The `::nope` leaf on line 3 of the rendered body, as remark would position it. */
const node: Node = { type: 'leafDirective', position: { start: { line: 3, column: 1, offset: 8 }, end: { line: 3, column: 7, offset: 14 } } };

function caught(file: VFile): { reason: string; line: number | undefined; column: number | undefined; ruleId: string | undefined } {
  try {
    failAt(file, 'Bad.', node, 'UNKNOWN_DIRECTIVE');
  } catch (error) {
    return error as { reason: string; line: number | undefined; column: number | undefined; ruleId: string | undefined };
  }
}

describe('failAt', () => {
  it("moves the position to the file's line when the loader rendered the body without its front matter", () => {
    const path = join(folder, 'page.md');
    const body = 'Intro.\n\n::nope\n';
    writeFileSync(path, `---\ntitle: T\ndescription: D\n---\n\n${body}`);
    // Astro's glob loader: front matter removed, text trimmed.
    const error = caught(new VFile({ path, value: body.trim() }));
    expect([error.line, error.column]).toEqual([8, 1]);
    expect(error.reason).toBe('Bad. (line 8, column 1)');
    expect(error.ruleId).toBe('UNKNOWN_DIRECTIVE');
  });

  it('keeps the position when the rendered text is the file (front matter blanked, not removed)', () => {
    const path = join(folder, 'same.md');
    const text = '      \n\n::nope\n';
    writeFileSync(path, '---\n\n::nope\n');
    const error = caught(new VFile({ path, value: text }));
    expect([error.line, error.column]).toEqual([3, 1]);
  });

  it('keeps the position when there is no file to read', () => {
    const error = caught(new VFile({ path: join(folder, 'missing.md'), value: 'Intro.\n\n::nope\n' }));
    expect([error.line, error.column]).toEqual([3, 1]);
    expect(caught(new VFile({ value: 'x' })).line).toBe(3);
  });
});
