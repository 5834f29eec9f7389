import type { Root } from 'hast';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';

/**
 * Links to other sites (`http:`, `https:` and protocol-relative `//host/`) get
 * `rel="noopener noreferrer"`, added to any rel they already have. They open in the same
 * tab: no target="_blank" (WCAG G201 asks to warn before opening new windows).
 * Anchors written as raw HTML count too: rehype-raw-html.ts parses them before this runs.
 * The walk skips <pre> and <code>: they hold no links, and shiki's highlighted blocks are
 * most of a page's nodes.
 */
export interface RehypeExternalLinksOptions {
  /** rel values to add. Default: ['noopener', 'noreferrer']. */
  rel?: readonly string[];
}

const external = /^(?:https?:)?\/\//i;

export function rehypeExternalLinks(options: RehypeExternalLinksOptions = {}) {
  const rel = options.rel ?? ['noopener', 'noreferrer'];

  return (tree: Root): void => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'pre' || node.tagName === 'code') return SKIP;
      if (node.tagName !== 'a') return;
      const href = node.properties['href'];
      if (typeof href !== 'string' || !external.test(href)) return;
      const values = [...(node.properties.rel ?? [])];
      for (const value of rel) if (!values.includes(value)) values.push(value);
      node.properties.rel = values;
      return CONTINUE;
    });
  };
}
