import { existsSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { withBase } from '../lib/base-path';
import { entryIdFromPath } from '../lib/entry-id';

/**
 * Where a URL written in a page points on the built site, for links in Markdown
 * (remark-base-links.ts) and in raw HTML (rehype-raw-html.ts) alike:
 *
 * - root-relative URLs (`/tags/x/`, `/img/a.png`) get the base path: `/sub/tags/x/`;
 * - a link to a Markdown file (`../other.md#frag`, `my%20file.md`) becomes that page's URL,
 *   `<base><id>/`, keeping the query and fragment; the id comes from entryIdFromPath, the
 *   function that names the pages. A file that is not in the content folder is reported,
 *   so that a misspelt link is found at build time rather than by a reader;
 * - anything else (https:, mailto:, #frag, ./image.png) stays as written; a link to a file of
 *   the content folder that is not Markdown is reported, as the site will not have it.
 */
export interface SiteUrlOptions {
  /** The site's base path, "/" or "/sub/". */
  base: string;
  /** Absolute path of the content folder that page ids are relative to. */
  contentDir: string;
}

/** The options of the plugins that rewrite links: remark-base-links and rehype-raw-html. */
export interface LinkPluginOptions {
  /** The site's base path, "/" or "/sub/". Default: "/". */
  base?: string;
  /**
   * Absolute path of the content folder that page ids are relative to.
   * Default: FIELDNOTES_CONTENT, else "./content", resolved against the working directory
   * (the same folder src/content.config.ts loads).
   */
  contentDir?: string;
}

/** A page link may name a Markdown file; a resource (an image, a video) never becomes a page. */
export type UrlKind = 'page-link' | 'resource';

export type SiteUrl = { url: string } | { unresolved: string };

const scheme = /^[a-z][a-z\d+.-]*:/i;
const markdownFile = /\.(md|markdown)$/i;

export function siteUrlOptions(options: LinkPluginOptions): SiteUrlOptions {
  return { base: options.base ?? '/', contentDir: resolve(options.contentDir ?? process.env['FIELDNOTES_CONTENT'] ?? './content') };
}

/** A link that siteUrl could not resolve stays as written; this says why, at its place. */
export function warnUnresolvedLink(file: VFile, url: string, reason: string, node: Node): void {
  file.message(`Link "${url}" left as written: ${reason}.`, { place: node.position, ruleId: 'UNRESOLVED_MD_LINK', source: 'fieldnotes' });
}

/** A srcset ("a.png 1x, /b.png 2x", or hast's list of candidates) as [url, ...descriptors] lists. */
export function srcsetCandidates(value: unknown): string[][] {
  if (value === undefined || value === null) return [];
  const candidates = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return candidates.map((candidate) => candidate.trim().split(/\s+/)).filter((parts) => parts[0]);
}

/**
 * The URL to write for `url`, found in `file`, or why a link to a Markdown file cannot be
 * resolved (the caller leaves it as written and warns).
 */
export function siteUrl(url: string, kind: UrlKind, file: VFile, options: SiteUrlOptions): SiteUrl {
  if (url.startsWith('/') && !url.startsWith('//')) return { url: withBase(options.base, url) };
  if (kind === 'resource' || scheme.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return { url };

  const split = /^([^?#]*)(.*)$/s.exec(url);
  const path = split?.[1] ?? '';
  const suffix = split?.[2] ?? '';
  if (!markdownFile.test(path)) return path === '' ? { url } : notAPage(file, options, decode(path), url);

  const target = targetInContent(file, options.contentDir, decode(path));
  if (typeof target !== 'string') return { unresolved: target.reason };
  if (!existsSync(resolve(options.contentDir, target))) return { unresolved: `there is no file ${target} in the content folder` };
  return { url: withBase(options.base, `/${entryIdFromPath(target)}/`) + suffix };
}

/**
 * A relative link to a file of the content folder that is not Markdown (`./config.yaml`,
 * `./slides.pdf`) would be a dead link on the site: only pages are built from the folder, and
 * files only when a page shows them as images. Anything else (`../other-page/`) is left alone.
 */
function notAPage(file: VFile, options: SiteUrlOptions, path: string, url: string): SiteUrl {
  const target = targetInContent(file, options.contentDir, path);
  if (typeof target !== 'string') return { url };
  let isFile = false;
  try {
    isFile = statSync(resolve(options.contentDir, target)).isFile();
  } catch {
    return { url };
  }
  if (!isFile) return { url };
  return { unresolved: `${target} is not a page, and only pages and the images they show are copied to the site; show it as an image (![…](${url})) or serve it from public/` };
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
