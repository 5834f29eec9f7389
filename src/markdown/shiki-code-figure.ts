import type { Element, Root } from 'hast';

/**
 * Every highlighted block ends up as one frame that the code-title and copy-button
 * transformers both add to, in whichever order they run:
 *
 *   <figure class="code-block">
 *     <figcaption class="code-title">…</figcaption>   (when the fence has title="…")
 *     <pre class="astro-code …">…</pre>
 *     <button type="button" class="copy-code" …>Copy</button>
 *   </figure>
 *
 * Returns the figure, wrapping shiki's single root child in one when it is not yet framed.
 */
export function codeFigure(root: Root): Element {
  const first = root.children[0];
  if (first?.type === 'element' && first.tagName === 'figure') return first;
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['code-block'] },
    children: root.children.filter((child) => child.type === 'element' || child.type === 'text'),
  };
  root.children = [figure];
  return figure;
}
