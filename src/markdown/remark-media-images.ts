import type { ElementContent } from 'hast';
import type { Link, Root } from 'mdast';
import { SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { visitImages } from './mdast-images.ts';
import { localImagePath } from './local-image.ts';
import { decodeUrlPath, rewriteUrl, siteUrlOptions, type LinkPluginOptions } from './site-url.ts';

/**
 * Markdown's image syntax naming a file beside the page that is not an image. Astro's image
 * pipeline takes every relative image and, for `![demo](./demo.mp4)`, left a broken `<img>`
 * with no src. As GitLab renders them, a video becomes a `<video>` player and a sound an
 * `<audio>` player, with a link to the file inside for browsers that cannot play it; the
 * file is published beside the pages (site-url.ts), and a missing one is reported. Any other
 * file (`![slides](./talk.pdf)`) becomes a link named by the alt text, with a warning. Image
 * references (`![demo][clip]`) count too.
 */
const IMAGE = /\.(avif|gif|jpe?g|png|svg|tiff?|webp)$/i;
const VIDEO = /\.(mp4|m4v|mov|webm|ogv)$/i;
const AUDIO = /\.(mp3|wav|ogg|oga|opus|m4a|aac|flac)$/i;

/** A node mdast-util-to-hast turns into the element its data names. */
interface PlayerNode {
  type: 'mediaPlayer';
  data: { hName: 'video' | 'audio'; hProperties: Record<string, string | boolean>; hChildren: ElementContent[] };
}

export function remarkMediaImages(options: LinkPluginOptions = {}) {
  const urlOptions = siteUrlOptions(options);

  return (tree: Root, file: VFile): void => {
    visitImages(tree, (node, url, index, parent) => {
      if (localImagePath(url) === undefined) return; // another site's, or the site's own: not a file beside the page
      const path = url.replace(/[?#].*$/s, '');
      if (path === '' || IMAGE.test(path)) return;
      const name = node.alt || fileName(path);
      const player = VIDEO.test(path) ? 'video' : AUDIO.test(path) ? 'audio' : undefined;
      if (player === undefined) {
        file.message(`Image "${url}" is not an image file; shown as a link to it.`, { place: node.position, ruleId: 'NOT_AN_IMAGE', source: 'fieldnotes' });
        // remark-base-links, later, publishes the file as it does for any link.
        const link: Link = { type: 'link', url, children: [{ type: 'text', value: name }], position: node.position };
        parent.children[index] = link;
        return SKIP;
      }
      const src = rewriteUrl(url, 'file', node, file, urlOptions) ?? url;
      const fallback: ElementContent = { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: name }] };
      const playerNode: PlayerNode = {
        type: 'mediaPlayer',
        data: { hName: player, hProperties: { controls: true, preload: 'metadata', src, ariaLabel: name }, hChildren: [fallback] },
      };
      (parent.children as unknown[])[index] = playerNode;
      return SKIP;
    });
  };
}

/** The last segment of a URL path, decoded when it can be: `clips/my%20demo.mp4` → `my demo.mp4`. */
function fileName(path: string): string {
  return decodeUrlPath(path.split('/').pop() || path);
}
