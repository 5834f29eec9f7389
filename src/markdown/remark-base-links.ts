import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { rewriteUrl, siteUrlOptions, type LinkPluginOptions } from './site-url.ts';

/**
 * Makes links written for the repository work on the site (the rules are in site-url.ts):
 * root-relative links and images get the base path, and relative links to Markdown files
 * (`../other.md`, `./sub/page.md#frag`, `my%20file.md`) become the target page's URL; links to
 * other files of the content folder (`./config.yaml`) point where the build publishes them.
 *
 * Links, images and reference definitions (`[x]: ../other.md`) are all handled. A .md link
 * that cannot be resolved (no file path, a file outside the content folder, a target outside
 * it) is left as written and reported as a warning on the file, not a failure: any folder
 * of Markdown should build. Links in raw HTML get the same from rehype-raw-html.ts.
 */
export function remarkBaseLinks(options: LinkPluginOptions = {}) {
  const urlOptions = siteUrlOptions(options);

  return (tree: Root, file: VFile): void => {
    // A definition that an image uses (`![x][shot]`, `[shot]: ./shot.png`) is an image's URL,
    // which Astro's image pipeline takes as written.
    const imageIds = new Set<string>();
    visit(tree, 'imageReference', (node) => {
      imageIds.add(node.identifier);
    });
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const isImage = node.type === 'image' || (node.type === 'definition' && imageIds.has(node.identifier));
      const url = rewriteUrl(node.url, isImage ? 'image' : 'page-link', node, file, urlOptions);
      if (url !== undefined) node.url = url;
    });
  };
}
