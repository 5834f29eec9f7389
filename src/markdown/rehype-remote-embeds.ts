import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { srcsetCandidates } from './site-url.ts';

/**
 * The site loads nothing from other origins (no tracking, reading offline, one
 * Content-Security-Policy), so an image, video, audio or frame from another site cannot stay
 * as written: the origin check would fail the build, and one README badge is enough for that.
 * Each such element becomes a link to what it showed, named by its alt text or title, and the
 * build prints a warning at its place, so any folder of Markdown builds and the author knows
 * which file to save beside the page. An image that is already inside a link (a badge) becomes
 * its alt text, as a link inside a link is not allowed; a <picture> goes with its <img>, and
 * keeps only the sources of this site.
 */
const EMBEDS: Record<string, readonly string[]> = {
  img: ['src', 'srcSet'],
  video: ['src', 'poster'],
  audio: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
};

const otherOrigin = /^(?:[a-z][a-z\d+.-]*:)?\/\//i;

export function rehypeRemoteEmbeds() {
  return (tree: Root, file: VFile): void => replaceIn(tree, false, file);
}

function replaceIn(parent: Root | Element, insideLink: boolean, file: VFile): void {
  parent.children.forEach((child, index) => {
    if (child.type !== 'element' || child.tagName === 'pre' || child.tagName === 'code') return;
    // A <picture> (a README's light and dark logo) stands or falls with its <img>.
    if (child.tagName === 'picture') dropRemoteSources(child, file);
    const embed = child.tagName === 'picture' ? child.children.find((node): node is Element => node.type === 'element' && node.tagName === 'img') : child;
    const properties = embed ? EMBEDS[embed.tagName] : undefined;
    if (embed?.tagName === 'img') dropRemoteCandidates(embed, file);
    const url = embed && properties ? remoteUrl(embed, properties) : undefined;
    if (!embed || url === undefined) {
      replaceIn(child, insideLink || child.tagName === 'a', file);
      return;
    }
    const name = nameOf(embed, url);
    const link: ElementContent = { type: 'element', tagName: 'a', properties: { href: url }, children: [{ type: 'text', value: name }] };
    // Between blocks (an <iframe> on its own), the link gets a paragraph of its own.
    const block: ElementContent = parent.type === 'root' ? { type: 'element', tagName: 'p', properties: {}, children: [link] } : link;
    parent.children[index] = insideLink ? { type: 'text', value: name } : block;
    warn(file, child, `${describe(embed.tagName)} from another site shown as ${insideLink ? 'text' : 'a link'}: ${url} (the site loads nothing from other origins; save the file beside the page to show it)`);
  });
}

/**
 * An image whose own src is on this site keeps it: only the srcset candidates from other
 * sites go, and the srcset with them when none is left.
 */
function dropRemoteCandidates(node: Element, file: VFile): void {
  const src = node.properties['src'];
  if (typeof src !== 'string' || otherOrigin.test(src)) return;
  const candidates = srcsetCandidates(node.properties['srcSet']);
  const kept = candidates.filter(([url = '']) => !otherOrigin.test(url));
  if (kept.length === candidates.length) return;
  if (kept.length === 0) delete node.properties['srcSet'];
  else node.properties['srcSet'] = kept.map((candidate) => candidate.join(' ')).join(', ');
  for (const [url] of candidates.filter((candidate) => !kept.includes(candidate))) {
    warn(file, node, `Image source from another site left out of srcset: ${url} (the site loads nothing from other origins)`);
  }
}

/** The <source> elements of a <picture> that name another site go, each with a warning. */
function dropRemoteSources(picture: Element, file: VFile): void {
  picture.children = picture.children.filter((node) => {
    if (node.type !== 'element' || node.tagName !== 'source') return true;
    const url = sourceUrls(node).find((candidate) => otherOrigin.test(candidate));
    if (url === undefined) return true;
    warn(file, node, `Picture source from another site left out: ${url} (the site loads nothing from other origins)`);
    return false;
  });
}

/** The first URL of another origin among the element's own URLs and its <source>/<track> children. */
function remoteUrl(node: Element, properties: readonly string[]): string | undefined {
  for (const name of properties) {
    for (const url of urlsOf(node.properties[name], name === 'srcSet')) if (otherOrigin.test(url)) return url;
  }
  for (const child of node.children) {
    if (child.type !== 'element' || (child.tagName !== 'source' && child.tagName !== 'track')) continue;
    const url = sourceUrls(child).find((candidate) => otherOrigin.test(candidate));
    if (url !== undefined) return url;
  }
  return undefined;
}

/** The URLs a <source> or <track> names: its src and its srcset candidates. */
function sourceUrls(node: Element): string[] {
  return [...urlsOf(node.properties['src'], false), ...urlsOf(node.properties['srcSet'], true)];
}

function warn(file: VFile, node: Element, reason: string): void {
  file.message(reason, { place: node.position, ruleId: 'REMOTE_EMBED', source: 'fieldnotes' });
}

function urlsOf(value: unknown, isSrcSet: boolean): string[] {
  if (!isSrcSet) return typeof value === 'string' ? [value] : [];
  return srcsetCandidates(value).map(([url = '']) => url);
}

function nameOf(node: Element, url: string): string {
  for (const name of ['alt', 'title', 'ariaLabel']) {
    const value = node.properties[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  let host = 'another site';
  try {
    host = new URL(url, 'https://x.invalid').host;
  } catch {
    // an unparsable URL keeps the generic name
  }
  return `${describe(node.tagName)} on ${host}`;
}

function describe(tagName: string): string {
  if (tagName === 'img') return 'Image';
  if (tagName === 'video') return 'Video';
  if (tagName === 'audio') return 'Audio';
  return 'Embedded page';
}
