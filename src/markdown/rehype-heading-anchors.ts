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
 * Ids: Astro adds its own heading-id plugin after the user's rehype plugins, so this plugin
 * runs that same exported plugin (rehypeHeadingIds) first. The ids here are therefore the
 * ids Astro keeps (it never replaces an existing id) and the slugs its collected headings
 * (the table of contents) link to.
 */
export interface RehypeHeadingAnchorsOptions {
  /** Heading levels that get a link. Default: [2, 3, 4, 5, 6]. */
  levels?: readonly number[];
  /** Start of each link's accessible name, followed by the heading's text. Default: "Link to section: ". */
  labelPrefix?: string;
}

export function rehypeHeadingAnchors(options: RehypeHeadingAnchorsOptions = {}) {
  const tagNames = new Set((options.levels ?? [2, 3, 4, 5, 6]).map((level) => `h${level}`));
  const labelPrefix = options.labelPrefix ?? 'Link to section: ';
  const assignIds = rehypeHeadingIds();

  return (tree: Root, file: VFile): void => {
    if (assignIds) void assignIds(tree, file, () => {});

    visit(tree, 'element', (node, index, parent) => {
      if (!tagNames.has(node.tagName) || !parent || index === undefined) return;
      const id = node.properties['id'];
      if (typeof id !== 'string' || id === '') return;
      const anchor = h('a', { className: ['heading-anchor'], href: `#${id}`, dataPagefindIgnore: '' }, [
        h('span', { className: ['sr-only'] }, `${labelPrefix}${textOf(node).trim()}`),
        h('span', { className: ['heading-anchor-icon'], ariaHidden: 'true' }, '#'),
      ]);
      const wrapper: Element = h('div', { className: ['heading-wrapper'] }, [node, anchor]);
      const replacement: RootContent & ElementContent = wrapper;
      parent.children[index] = replacement;
      return SKIP;
    });
  };
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
