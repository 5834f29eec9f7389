import { isAbsolute, relative, resolve } from 'node:path';
import { posix } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../lib/base-path';
import { entryIdFromPath } from '../lib/entry-id';

/**
 * Makes links written for the repository work on the site:
 *
 * - Root-relative links and images (`/tags/x/`, `/img/a.png`) get the base path:
 *   `/sub/tags/x/` when the site is served under /sub/.
 * - Relative links to Markdown files (`../other.md`, `./sub/page.md#frag`, `page.markdown`,
 *   `my%20file.md`) become the target page's URL, `<base><id>/`, with the query and fragment
 *   kept; the id comes from entryIdFromPath, the same function that names the pages.
 * - Anything else (https:, mailto:, #frag, ./image.png) is left alone.
 *
 * Links, images and reference definitions (`[x]: ../other.md`) are all handled. A .md link
 * that cannot be resolved (no file path, a file outside the content folder, a target outside
 * it) is left as written and reported as a warning on the file, not a failure: any folder
 * of Markdown should build. Links in raw HTML are not touched.
 */
export interface RemarkBaseLinksOptions {
  /** The site's base path, "/" or "/sub/". Default: "/". */
  base?: string;
  /**
   * Absolute path of the content folder that page ids are relative to.
   * Default: FIELDNOTES_CONTENT, else "./content", resolved against the working directory
   * (the same folder src/content.config.ts loads).
   */
  contentDir?: string;
}

const scheme = /^[a-z][a-z\d+.-]*:/i;
const markdownFile = /\.(md|markdown)$/i;

export function remarkBaseLinks(options: RemarkBaseLinksOptions = {}) {
  const base = options.base ?? '/';
  const contentDir = resolve(options.contentDir ?? process.env['FIELDNOTES_CONTENT'] ?? './content');

  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const url = node.url;
      if (url.startsWith('/') && !url.startsWith('//')) {
        node.url = withBase(base, url);
        return;
      }
      if (node.type === 'image' || scheme.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return;

      const split = /^([^?#]*)(.*)$/s.exec(url);
      const path = split?.[1] ?? '';
      const suffix = split?.[2] ?? '';
      if (!markdownFile.test(path)) return;

      const target = targetInContent(file, contentDir, decode(path));
      if (typeof target !== 'string') {
        file.message(`Link "${url}" left as written: ${target.reason}.`, { place: node.position, ruleId: 'UNRESOLVED_MD_LINK', source: 'fieldnotes' });
        return;
      }
      node.url = withBase(base, `/${entryIdFromPath(target)}/`) + suffix;
    });
  };
}

/** The link target as a path relative to the content folder, with "/" separators. */
function targetInContent(file: VFile, contentDir: string, path: string): string | { reason: string } {
  if (!file.path) return { reason: 'the page has no file path to resolve it from' };
  const filePath = isAbsolute(file.path) ? file.path : resolve(file.path);
  const fromContent = relative(contentDir, filePath).split('\\').join('/');
  if (fromContent.startsWith('../') || isAbsolute(fromContent)) {
    return { reason: `the page is outside the content folder ${contentDir}` };
  }
  const target = posix.normalize(posix.join(posix.dirname(fromContent), path));
  if (target.startsWith('../') || target === '..') return { reason: 'its target is outside the content folder' };
  return target;
}

/** `my%20file.md` → `my file.md`; text that is not valid percent-encoding stays as it is. */
function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
