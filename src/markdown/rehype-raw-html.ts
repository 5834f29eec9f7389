import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { isMissingLocalImage, localImagePath, warnMissingImage } from './local-image.ts';
import { rewriteUrl, siteUrlOptions, srcsetCandidates, type LinkPluginOptions, type SiteUrlOptions, type UrlKind } from './site-url.ts';

/**
 * Parses raw HTML written in Markdown (`<a href=…>`, `<img src=…>`, `<details>`) into elements
 * before our other rehype plugins run. Astro parses it only after all of them, so it would
 * miss what they do to Markdown: rehype-external-links gives links to other sites
 * rel="noopener noreferrer" (the origin check fails a build without it), and
 * rehype-heading-anchors gives headings their anchors. Then, in the elements that came from
 * raw HTML:
 *
 * - URLs get what Markdown links get from remark-base-links (site-url.ts): the base path on
 *   root-relative ones, page URLs for links to .md files (a warning when that fails), and
 *   files of the content folder (a `<video src>`, a `<source srcset>`) published where the
 *   URL points;
 * - a relative `<img src>` is handed to Astro's image pipeline as a Markdown image is, so
 *   an image beside the page works in either syntax.
 *
 * A page without raw HTML is returned untouched: parsing walks the whole tree.
 */

/** Element properties (hast names) that hold a URL, or in srcSet a list of them. */
const URL_PROPERTIES = ['href', 'src', 'poster', 'data', 'srcSet'] as const;

export function rehypeRawHtml(options: LinkPluginOptions = {}) {
  const urlOptions = siteUrlOptions(options);

  return (tree: Root, file: VFile): Root | undefined => {
    // Where raw HTML sits in the source: parsing keeps positions, so an element whose start
    // falls in one of these came from raw HTML, and Markdown's own links are left to remark.
    const spans: Array<[number, number]> = [];
    let rawNodes = 0;
    visit(tree, (node) => {
      if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'code')) return SKIP;
      if (node.type !== 'raw') return CONTINUE;
      rawNodes++;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) spans.push([start, end]);
      return CONTINUE;
    });
    if (rawNodes === 0) return undefined;

    const parsed = raw(tree, { file }) as Root;
    const fromRaw = (node: Element) => {
      const at = node.position?.start.offset;
      return at !== undefined && spans.some(([start, end]) => at >= start && at < end);
    };
    visit(parsed, 'element', (node, index, parent) => {
      // A highlighted code block is most of a page's elements, and none of them is raw HTML.
      if (!fromRaw(node)) return node.tagName === 'pre' ? SKIP : CONTINUE;
      rewriteUrls(node, file, urlOptions);
      if (node.tagName !== 'img') return CONTINUE;
      const src = node.properties['src'];
      if (typeof src === 'string' && isMissingLocalImage(src, file) && parent && index !== undefined) {
        // As remark-missing-images does for a Markdown image.
        warnMissingImage(file, src, node.position);
        const alt = node.properties['alt'];
        parent.children.splice(index, 1, ...(typeof alt === 'string' && alt !== '' ? [{ type: 'text' as const, value: alt }] : []));
        return [SKIP, index];
      }
      handToImagePipeline(node, file);
      return CONTINUE;
    });
    return parsed;
  };
}

function rewriteUrls(node: Element, file: VFile, options: SiteUrlOptions): void {
  for (const name of URL_PROPERTIES) {
    const value = node.properties[name];
    if (value === undefined || value === null) continue;
    if (name === 'srcSet') {
      node.properties[name] = srcsetCandidates(value)
        .map(([url = '', ...descriptor]) => [rewriteUrl(url, 'file', node, file, options) ?? url, ...descriptor].join(' '))
        .join(', ');
      continue;
    }
    if (typeof value !== 'string') continue;
    const kind = urlKind(node.tagName, name);
    const url = rewriteUrl(value, kind, node, file, options);
    if (url !== undefined) node.properties[name] = url;
  }
}

/** A link may name a page; an <img>'s src is Astro's (handToImagePipeline); any other URL is a file the browser fetches. */
function urlKind(tagName: string, property: string): UrlKind {
  if (property === 'href' && (tagName === 'a' || tagName === 'area')) return 'page-link';
  if (property === 'src' && tagName === 'img') return 'image';
  return 'file';
}

/**
 * Lists a relative image with the ones Astro collected from Markdown (remark-collect-images),
 * by the same rule: not a URL, not root-relative. Astro's rehype-images, which runs after our
 * plugins, then treats the element as it treats a Markdown image.
 */
function handToImagePipeline(node: Element, file: VFile): void {
  const src = node.properties['src'];
  const path = typeof src === 'string' ? localImagePath(src) : undefined;
  if (path === undefined) return;
  const astro = (file.data.astro ??= {});
  const paths = (astro.localImagePaths ??= []);
  if (!paths.includes(path)) paths.push(path);
}
