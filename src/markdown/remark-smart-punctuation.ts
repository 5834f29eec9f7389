import type { InlineCode, Root, Text } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/**
 * SmartyPants: curly quotes, an em dash for `--`, an ellipsis for `...` and `. . .`, and
 * ``` ``double'' ``` quotes from backticks. It is Astro's default (remark-smartypants) with
 * the same rules (retext-smartypants) and the same output, at less cost: Astro's plugin
 * parses every text node once more for dashes, ellipses and backticks, which few hold, and
 * that was a sixth of a page's render. Here a text node is parsed again only when it holds
 * something those rules change, and the page's text only when it holds a quote. Used with
 * Astro's own turned off (`smartypants: false`, plugins.ts), first of our remark plugins,
 * where Astro runs its own.
 *
 * Quotes are decided over all of a page's text run together, so that a quote before a link
 * and one after it pair up: inline code stands in as letters, and each paragraph, heading
 * and table cell starts with a space (a quote there opens). Dashes, ellipses and backticks
 * change the text's length, so they are replaced node by node afterwards.
 */
const quotes = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
const dashesEllipsesBackticks = retext().use(retextSmartypants, { quotes: false });

/**
 * What the second pass can change: `--`, three dots or more, dots with whitespace between
 * (parse-latin's whitespace, which has U+0085 where JavaScript's `\s` has not), ``` `` ```
 * and `''`. Text without any of them comes out of the pass as it went in.
 */
export const SECOND_PASS_MAY_CHANGE = /--|\.\.|\.[\s\u0085]+\.|``|''/;
/** The first pass changes straight quotes only. */
export const FIRST_PASS_MAY_CHANGE = /["']/;

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

export function remarkSmartPunctuation() {
  return (tree: Root): void => {
    const parts: Array<Text | InlineCode | 'block'> = [];
    let text = '';
    visit(tree, (node, _index, parent) => {
      if (!parent) return;
      if (node.type === 'text') {
        text += node.value;
        parts.push(node);
      } else if (node.type === 'inlineCode') {
        text += 'A'.repeat(node.value.length);
        parts.push(node);
      } else if (BLOCKS.has(node.type)) {
        text += ' ';
        parts.push('block');
      }
    });
    if (FIRST_PASS_MAY_CHANGE.test(text)) text = String(quotes.processSync(text));
    let start = 0;
    for (const part of parts) {
      if (part === 'block') {
        start += 1;
        continue;
      }
      const end = start + part.value.length;
      if (part.type === 'text') {
        const value = text.slice(start, end);
        part.value = SECOND_PASS_MAY_CHANGE.test(value) ? String(dashesEllipsesBackticks.processSync(value)) : value;
      }
      start = end;
    }
  };
}
