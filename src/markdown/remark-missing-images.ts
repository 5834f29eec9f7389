import type { Root } from 'mdast';
import { SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isMissingLocalImage, warnMissingImage } from './local-image.ts';
import { visitImages } from './mdast-images.ts';

/**
 * A Markdown image whose file is not beside the page becomes its alt text, with a warning at
 * its place (local-image.ts says why): one lost screenshot should not stop a folder of docs
 * from building. Runs after remark-media-images, which takes the images that are media.
 */
export function remarkMissingImages() {
  return (tree: Root, file: VFile): void => {
    visitImages(tree, (node, url, index, parent) => {
      if (!isMissingLocalImage(url, file)) return;
      warnMissingImage(file, url, node.position);
      if (node.alt) parent.children[index] = { type: 'text', value: node.alt, position: node.position };
      else parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
