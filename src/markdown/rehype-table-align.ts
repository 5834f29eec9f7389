import type { Root } from 'hast';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';

/**
 * A column aligned in Markdown (`| --: |`) comes out of remark as `<td align="right">`. HTML
 * no longer has that attribute (the validator fails the page), and the site's table styles
 * override it, so the alignment was lost. Cells get `style="text-align: right"` instead;
 * cells of tables written as raw HTML too (rehype-raw-html.ts runs first). A style attribute
 * rather than a class: only pages with aligned tables pay for it, not every page's
 * stylesheet, and the Content-Security-Policy already allows style attributes (for shiki).
 */
const ALIGNMENTS = new Set(['left', 'center', 'right']);

export function rehypeTableAlign() {
  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'pre') return SKIP;
      if (node.tagName !== 'td' && node.tagName !== 'th') return CONTINUE;
      const align = node.properties['align'];
      if (align === undefined || align === null) return SKIP;
      delete node.properties['align'];
      const value = String(align).trim().toLowerCase();
      if (!ALIGNMENTS.has(value)) return SKIP;
      const style = typeof node.properties['style'] === 'string' ? node.properties['style'].trim().replace(/;?$/, '; ') : '';
      node.properties['style'] = `${style}text-align: ${value}`;
      return SKIP;
    });
  };
}
