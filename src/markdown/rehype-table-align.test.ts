import { describe, expect, it } from 'vitest';
import { renderForTest } from './render-for-test.ts';

describe('rehypeTableAlign', () => {
  it('turns the align of Markdown and HTML table cells into a style', async () => {
    const markdown = [
      '| Name | Count | Note |',
      '| :--- | ----: | :--: |',
      '| a | 1 | x |',
      '',
      '<table><tr><td align="RIGHT" style="color: red">r</td><td align="middle">m</td><td>plain</td></tr></table>',
      '',
    ].join('\n');
    const { code } = await renderForTest(markdown);
    expect(code).not.toContain('align=');
    const cells = [
      '<th style="text-align: left">Name</th>',
      '<th style="text-align: right">Count</th>',
      '<th style="text-align: center">Note</th>',
      '<td style="text-align: right">1</td>',
      '<td style="color: red; text-align: right">r</td>',
      // Not an alignment HTML ever had: dropped, as the browser ignored it anyway.
      '<td>m</td>',
      '<td>plain</td>',
    ];
    for (const cell of cells) expect(code).toContain(cell);
  });
});
