import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * A self-link after each h2–h6, for sharing a section's URL:
 *
 *   <div class="heading-wrapper">
 *     <h2 id="install">Install</h2>
 *     <a class="heading-anchor" href="#install" data-pagefind-ignore>
 *       <span class="sr-only">Link to section: Install</span>
 *       <span class="heading-anchor-icon" aria-hidden="true">#</span>
 *     </a>
 *   </div>
 *
 * The link sits beside the heading, not inside it, so the heading's accessible name stays
 * "Install" (inside, screen readers would list "Install Link to section: Install"), and
 * Astro's heading collector, which reads every text node inside a heading, keeps the table
 * of contents clean. Each link has a name of its own ("Link to section: …"); the "#" is
 * hidden from assistive technology. `sr-only` is the site's visually-hidden utility class.
 *
 * Ids: Astro adds its own heading-id plugin (rehypeHeadingIds) after the user's rehype
 * plugins; it keeps an existing id and collects the headings (the table of contents) from
 * the final tree. This plugin needs the ids first, so it runs that same exported plugin —
 * but on a root holding only the page's headings, in document order, so it slugs exactly as
 * it would on the whole page without walking every node (shiki's code blocks are most of a
 * page's nodes). The ids here are therefore the ids Astro keeps and its TOC links to.
 * One walk finds the headings and skips <pre> and <code>, which hold no headings.
 */
export interface RehypeHeadingAnchorsOptions {
  /** Heading levels (1–6) that get a link. Default: [2, 3, 4, 5, 6]. */
  levels?: readonly number[];
  /** Start of each link's accessible name, followed by the heading's text. Default: "Link to section: ". */
  labelPrefix?: string;
}

export function rehypeHeadingAnchors(options: RehypeHeadingAnchorsOptions = {}) {
  const tagNames = new Set((options.levels ?? [2, 3, 4, 5, 6]).map((level) => `h${level}`));
  const labelPrefix = options.labelPrefix ?? 'Link to section: ';
  const assignIds = rehypeHeadingIds();

  return (tree: Root, file: VFile): void => {
    // Outermost headings by Astro's test, in document order, with where each sits.
    const headings: { node: Element; parent: Root | Element; index: number }[] = [];
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName === 'pre' || node.tagName === 'code') return SKIP;
      if (!isHeading(node) || !parent || index === undefined) return;
      headings.push({ node, parent, index });
      return SKIP;
    });
    if (assignIds) void assignIds({ type: 'root', children: headings.map(({ node }) => node) }, file, () => {});

    for (const { node, parent, index } of headings) wrapAll(node, parent, index);
  };

  /** Wraps `node` if it takes a link; else looks inside it, as a walk of the whole tree would. */
  function wrapAll(node: Element, parent: Root | Element, index: number): void {
    if (tagNames.has(node.tagName)) {
      const id = node.properties['id'];
      if (typeof id === 'string' && id !== '') {
        const anchor = h('a', { className: ['heading-anchor'], href: `#${id}`, dataPagefindIgnore: '' }, [
          h('span', { className: ['sr-only'] }, `${labelPrefix}${textOf(node).trim()}`),
          h('span', { className: ['heading-anchor-icon'], ariaHidden: 'true' }, '#'),
        ]);
        const wrapper: Element = h('div', { className: ['heading-wrapper'] }, [node, anchor]);
        const replacement: RootContent & ElementContent = wrapper;
        parent.children[index] = replacement;
        return;
      }
    }
    node.children.forEach((child, childIndex) => {
      if (child.type === 'element' && child.tagName !== 'pre' && child.tagName !== 'code') wrapAll(child, node, childIndex);
    });
  }
}

/** Astro's rehypeHeadingIds test for a heading: a tag name starting "h" that contains h0–h6. */
function isHeading(node: Element): boolean {
  return node.tagName[0] === 'h' && /h([0-6])/.test(node.tagName);
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
