import type { Image, ImageReference, Nodes, Parent, Root } from 'mdast';
import { visit, type BuildVisitor } from 'unist-util-visit';

/** An image in Markdown: `![alt](url)`, or `![alt][ref]` with its definition's URL. */
export type AnyImage = Image | ImageReference;

/**
 * Calls `onImage` with each image and the URL it shows; a reference is resolved through the
 * page's definitions (`[ref]: ./shot.png`), as Astro's image pipeline resolves it. An image
 * reference with no definition is text to Markdown, and skipped. Return what a unist visitor
 * returns, to replace the node and go on.
 */
export function visitImages(tree: Root, onImage: (node: AnyImage, url: string, index: number, parent: Parent) => ReturnType<BuildVisitor<Root>>): void {
  const definitions = new Map<string, string>();
  visit(tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node.url);
  });
  visit(tree, (node: Nodes, index, parent) => {
    if ((node.type !== 'image' && node.type !== 'imageReference') || parent === undefined || index === undefined) return;
    const url = node.type === 'image' ? node.url : definitions.get(node.identifier);
    if (url === undefined) return;
    return onImage(node, url, index, parent);
  });
}
