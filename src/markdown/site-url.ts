import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { withBase } from '../lib/base-path.ts';
import { entryIdFromPath } from '../lib/entry-id.ts';
import { recordLinkedFile } from './linked-files.ts';

/**
 * Where a URL written in a page points on the built site, for links in Markdown
 * (remark-base-links.ts) and in raw HTML (rehype-raw-html.ts) alike:
 *
 * - root-relative URLs (`/tags/x/`, `/img/a.png`) get the base path: `/sub/tags/x/`;
 * - a link to a Markdown file (`../other.md#frag`, `my%20file.md`) becomes that page's URL,
 *   `<base><id>/`, keeping the query and fragment; the id comes from entryIdFromPath, the
 *   function that names the pages. A file that is not in the content folder is reported,
 *   so that a misspelt link is found at build time rather than by a reader;
 * - a link to a folder of the content folder (`./guides/`) becomes the URL of its README.md or
 *   index.md page, as on GitHub; the content folder itself is the home page;
 * - a link to another file of the content folder (`./config.yaml`, `slides.pdf`) becomes
 *   that file's URL on the site, `<base><path in the folder>`, and the file is published there
 *   (linked-files.ts copies it): the site has what its pages link to, and nothing more. HTML,
 *   scripts and stylesheets are not published this way (the site's policy checks never see
 *   them) and are reported;
 * - a relative URL that the browser fetches itself (a `<video>`, `<audio>` or `<source>` src,
 *   a poster, a srcset candidate) is published the same way; a missing file there is reported,
 *   as the reader would get a broken player or picture;
 * - anything else (https:, mailto:, #frag, a relative image, which Astro's image pipeline
 *   takes) stays as written.
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

/**
 * A page link may name a Markdown file. An image is left to Astro's image pipeline when
 * relative. A file (a video, a poster, a srcset candidate) is fetched by the browser as written.
 */
export type UrlKind = 'page-link' | 'image' | 'file';

/** `publish`: a file of the content folder (its path in it) that the site must have at `url`. */
export type SiteUrl = { url: string; publish?: string } | { unresolved: string };

const scheme = /^[a-z][a-z\d+.-]*:/i;
const markdownFile = /\.(md|markdown)$/i;
const fileExtension = /\.[a-z\d]+$/i;
const folderPageName = /^(readme|index)\.(md|markdown)$/i;
/** Files a browser would run as part of the site: published only through the build, where the policy checks see them. */
const codeFile = /\.(html?|xhtml|m?js|cjs|css)$/i;

/** Whether a file of the content folder is published when a page links to it: not a page, and not HTML, a script or a stylesheet. */
export function isPublishedWhenLinked(target: string): boolean {
  return !markdownFile.test(target) && !codeFile.test(target);
}

export function siteUrlOptions(options: LinkPluginOptions): SiteUrlOptions {
  return { base: options.base ?? '/', contentDir: resolve(options.contentDir ?? process.env['FIELDNOTES_CONTENT'] ?? './content') };
}

/** A URL that siteUrl could not resolve stays as written; this says why, at its place. */
function warnUnresolved(file: VFile, url: string, kind: UrlKind, reason: string, node: Node): void {
  const [what, ruleId] = kind === 'file' ? ['File URL', 'UNRESOLVED_FILE'] : ['Link', 'UNRESOLVED_MD_LINK'];
  file.message(`${what} "${url}" left as written: ${reason}.`, { place: node.position, ruleId, source: 'fieldnotes' });
}

/**
 * siteUrl, and what follows from it, for a URL written at `node`: the URL to write, after
 * listing a file the site must publish; or undefined to leave it as written, after a warning
 * when it could not be resolved.
 */
export function rewriteUrl(url: string, kind: UrlKind, node: Node, file: VFile, options: SiteUrlOptions): string | undefined {
  const result = siteUrl(url, kind, file, options);
  if ('unresolved' in result) {
    warnUnresolved(file, url, kind, result.unresolved, node);
    return undefined;
  }
  if (result.publish !== undefined) recordLinkedFile(file, result.publish);
  return result.url;
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
  if (kind === 'image' || scheme.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?')) return { url };

  const split = /^([^?#]*)(.*)$/s.exec(url);
  const path = split?.[1] ?? '';
  const suffix = split?.[2] ?? '';
  if (kind === 'file' || !markdownFile.test(path)) return path === '' ? { url } : linkedFile(file, options, decodeUrlPath(path), url, suffix, kind);

  const target = targetInContent(file, options.contentDir, decodeUrlPath(path));
  if (typeof target !== 'string') return { unresolved: target.reason };
  if (!existsSync(resolve(options.contentDir, target))) return { unresolved: `there is no file ${target} in the content folder` };
  return { url: withBase(options.base, `/${entryIdFromPath(target)}/`) + suffix };
}

/**
 * A relative link to a file of the content folder that is not Markdown (`./config.yaml`,
 * `./slides.pdf`): only pages are built from the folder, so the file is published beside
 * them, at its path in the folder. A link to anything that is not such a file
 * (`../other-page/`) is left alone; so is a file URL (`<video src>`) that names no file, but
 * with a warning when it has a file name's extension.
 */
function linkedFile(file: VFile, options: SiteUrlOptions, path: string, url: string, suffix: string, kind: UrlKind): SiteUrl {
  const target = targetInContent(file, options.contentDir, path);
  if (typeof target !== 'string') return kind === 'file' ? { unresolved: target.reason } : { url };
  const missing = kind === 'file' && fileExtension.test(target) ? { unresolved: `there is no file ${target} in the content folder` } : { url };
  try {
    const stat = statSync(resolve(options.contentDir, target));
    if (stat.isDirectory() && kind === 'page-link') return folderPage(options, target, suffix);
    if (!stat.isFile()) return missing;
  } catch {
    return missing;
  }
  if (markdownFile.test(target)) return { unresolved: `${target} is a page of the site, not a file to fetch` };
  if (!isPublishedWhenLinked(target)) {
    return { unresolved: `${target} is HTML, a script or a stylesheet, which the site serves only from its own build; serve it from public/` };
  }
  const encoded = target.split('/').map(encodeURIComponent).join('/');
  return { url: withBase(options.base, `/${encoded}`) + suffix, publish: target };
}

/**
 * A link to a folder of the content folder (`./guides/`) goes where GitHub takes it: to the
 * folder's README.md or index.md, which is the page that stands for the folder
 * (entryIdFromPath). The content folder itself is the home page. A folder with neither has
 * no page, so the link is reported.
 */
function folderPage(options: SiteUrlOptions, folder: string, suffix: string): SiteUrl {
  const path = folder.replace(/\/+$/, '');
  if (path === '' || path === '.') return { url: withBase(options.base, '/') + suffix };
  const page = readdirSync(resolve(options.contentDir, path)).find((name) => folderPageName.test(name));
  if (page === undefined) return { unresolved: `${path}/ is a folder with no README.md or index.md, so the site has no page for it` };
  return { url: withBase(options.base, `/${entryIdFromPath(`${path}/${page}`)}/`) + suffix };
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
export function decodeUrlPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
