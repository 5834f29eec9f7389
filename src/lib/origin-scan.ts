import { attribute, htmlTags, type HtmlTag } from './html-tags.ts';
import { positionAt } from './source-position.ts';

/**
 * Finds what a built page, stylesheet or script would load from another origin.
 * The site promises readers (who paste credentials into its tools) that nothing leaves
 * the page, so the build fails on any such load; links to other sites stay allowed as
 * plain <a> links that carry rel="noopener noreferrer".
 */

export type OriginProblemCode = 'FOREIGN_LOAD' | 'EXTERNAL_LINK_WITHOUT_REL';

export interface OriginFinding {
  code: OriginProblemCode;
  /** The offending URL as written (character references decoded). */
  url: string;
  /** What loads it, e.g. `<script src>`, `CSS url()`, `JS fetch()`. */
  via: string;
  offset: number;
  line: number;
  column: number;
}

export interface OriginScanOptions {
  /** Origins that count as the site itself (e.g. the configured `site`), such as "https://docs.example.org". */
  ownOrigins?: readonly string[];
}

const ABSOLUTE = /^\s*(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?\/\//;
/** Schemes that never reach the network. */
const LOCAL_SCHEMES = new Set(['data', 'blob', 'about', 'javascript', 'mailto', 'tel']);

/** Whether a URL, as written in a page, points at another origin than the page's own. */
export function isForeignUrl(raw: string, options: OriginScanOptions = {}): boolean {
  const trimmed = raw.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && LOCAL_SCHEMES.has(scheme)) return false;
  // A scheme without // (e.g. "https:evil.example") is resolved by browsers as host-relative for
  // special schemes; count any other scheme than ours as foreign.
  if (!ABSOLUTE.test(trimmed) && scheme === undefined) return false;
  let origin: string;
  try {
    origin = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed).origin;
  } catch {
    return true;
  }
  const own = options.ownOrigins ?? [];
  if (trimmed.startsWith('//')) return !own.some((o) => o.replace(/^[a-z]+:/, '') === origin.replace(/^[a-z]+:/, ''));
  return !own.includes(origin);
}

function finding(text: string, code: OriginProblemCode, url: string, via: string, offset: number): OriginFinding {
  const { line, column } = positionAt(text, offset);
  return { code, url, via, offset, line, column };
}

const CSS_LOADS = /url\(|@import|image-set\(/i;

/** `url()`, `@import "…"` and `image-set("…")` targets of a stylesheet or a style attribute. */
export function cssUrls(css: string): Array<{ url: string; offset: number; via: string }> {
  // Each pattern below needs one of these; a page's many style attributes (shiki's colours) have none.
  if (!CSS_LOADS.test(css)) return [];
  // Blank comments out (same length) so offsets stay true.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
  const found: Array<{ url: string; offset: number; via: string }> = [];
  for (const m of text.matchAll(/\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)) {
    const url = m[1] ?? m[2] ?? m[3] ?? '';
    found.push({ url, offset: (m.index ?? 0) + m[0].indexOf(url), via: 'CSS url()' });
  }
  for (const m of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)) {
    const url = m[1] ?? m[2] ?? '';
    found.push({ url, offset: (m.index ?? 0) + m[0].indexOf(url), via: 'CSS @import' });
  }
  for (const m of text.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const s of (m[1] ?? '').matchAll(/"([^"]*)"|'([^']*)'/g)) {
      const url = s[1] ?? s[2] ?? '';
      found.push({ url, offset: (m.index ?? 0) + 10 + (s.index ?? 0) + 1, via: 'CSS image-set()' });
    }
  }
  return found;
}

export function scanCss(css: string, options: OriginScanOptions = {}): OriginFinding[] {
  return cssUrls(css)
    .filter((u) => isForeignUrl(u.url, options))
    .map((u) => finding(css, 'FOREIGN_LOAD', u.url, u.via, u.offset));
}

/**
 * Calls that load by URL from script: dynamic and static imports, fetch, workers,
 * importScripts, WebSocket, EventSource and sendBeacon, with a literal absolute URL.
 * URLs built at run time cannot be seen here; the CSP (connect-src 'self') blocks those.
 */
const JS_CALLS = /\b(import|fetch|importScripts|Worker|SharedWorker|WebSocket|EventSource|sendBeacon)\s*\(\s*(["'`])([^"'`\s]*)\2/g;
const JS_STATIC_IMPORT = /(?:\bfrom|\bimport)\s*(["'])([^"'\s]*)\1/g;

export function scanJs(js: string, options: OriginScanOptions = {}): OriginFinding[] {
  const found: OriginFinding[] = [];
  for (const m of js.matchAll(JS_CALLS)) {
    const url = m[3] ?? '';
    if (isForeignUrl(url, options)) found.push(finding(js, 'FOREIGN_LOAD', url, `JS ${m[1]}()`, (m.index ?? 0) + m[0].indexOf(url)));
  }
  for (const m of js.matchAll(JS_STATIC_IMPORT)) {
    const url = m[2] ?? '';
    if (isForeignUrl(url, options)) found.push(finding(js, 'FOREIGN_LOAD', url, 'JS import', (m.index ?? 0) + m[0].indexOf(url)));
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Link types that make the browser fetch (or connect to) the href. */
const LOADING_RELS = new Set([
  'stylesheet', 'icon', 'apple-touch-icon', 'apple-touch-icon-precomposed', 'mask-icon', 'manifest',
  'preload', 'modulepreload', 'prefetch', 'prerender', 'preconnect', 'dns-prefetch', 'pingback',
]);

/** Attributes whose URL the browser loads (or submits to), by element. */
const LOADING_ATTRIBUTES: Record<string, readonly string[]> = {
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src', 'formaction'],
  button: ['formaction'],
  form: ['action'],
  use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
  base: ['href'],
};

/** The URLs of a srcset: each candidate is a URL, then optional descriptors, then a comma. */
function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value.charAt(i))) i++;
    let j = i;
    while (j < value.length && !/\s/.test(value.charAt(j))) j++;
    let url = value.slice(i, j);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      i = j;
    } else {
      const comma = value.indexOf(',', j);
      i = comma < 0 ? value.length : comma + 1;
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}

function relTokens(tag: HtmlTag): string[] {
  return (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** `tags`: the page's htmlTags(), when the caller has them already. */
export function scanHtml(html: string, options: OriginScanOptions = {}, tags: readonly HtmlTag[] = htmlTags(html)): OriginFinding[] {
  const found: OriginFinding[] = [];
  const foreign = (url: string) => isForeignUrl(url, options);
  for (const tag of tags) {
    const loads = [...(LOADING_ATTRIBUTES[tag.name] ?? [])];
    if (tag.name === 'link') {
      if (relTokens(tag).some((r) => LOADING_RELS.has(r))) loads.push('href');
      loads.push('imagesrcset');
    }
    for (const attr of tag.attributes) {
      if (loads.includes(attr.name)) {
        const urls = attr.name.endsWith('srcset') ? srcsetUrls(attr.value) : [attr.value];
        for (const url of urls) if (foreign(url)) found.push(finding(html, 'FOREIGN_LOAD', url, `<${tag.name} ${attr.name}>`, attr.offset));
      } else if (attr.name === 'ping') {
        // Hyperlink auditing sends a POST to each URL when the link is followed.
        for (const url of attr.value.split(/\s+/).filter(Boolean)) if (foreign(url)) found.push(finding(html, 'FOREIGN_LOAD', url, `<${tag.name} ping>`, attr.offset));
      } else if (attr.name === 'style') {
        for (const u of cssUrls(attr.value)) if (foreign(u.url)) found.push(finding(html, 'FOREIGN_LOAD', u.url, `style attribute ${u.via}`, attr.offset));
      }
    }
    if (tag.name === 'meta' && (attribute(tag, 'http-equiv') ?? '').toLowerCase() === 'refresh') {
      const target = /url\s*=\s*['"]?([^'"\s;]+)/i.exec(attribute(tag, 'content') ?? '')?.[1];
      if (target && foreign(target)) found.push(finding(html, 'FOREIGN_LOAD', target, '<meta http-equiv=refresh>', tag.offset));
    }
    if ((tag.name === 'a' || tag.name === 'area') && foreign(attribute(tag, 'href') ?? '')) {
      const rel = relTokens(tag);
      if (!rel.includes('noopener') || !rel.includes('noreferrer')) {
        const href = tag.attributes.find((a) => a.name === 'href');
        found.push(finding(html, 'EXTERNAL_LINK_WITHOUT_REL', href?.value ?? '', `<${tag.name} href> without rel="noopener noreferrer"`, href?.offset ?? tag.offset));
      }
    }
    if (tag.text !== undefined && tag.textOffset !== undefined) {
      const inner = tag.name === 'style' ? scanCss(tag.text, options) : tag.name === 'script' && isScriptType(attribute(tag, 'type')) ? scanJs(tag.text, options) : [];
      for (const f of inner) found.push(finding(html, f.code, f.url, `inline <${tag.name}> ${f.via}`, tag.textOffset + f.offset));
    }
  }
  return found;
}

/** Whether a <script type> is executed as script (not JSON data, not a template). */
export function isScriptType(type: string | undefined): boolean {
  const t = (type ?? '').trim().toLowerCase();
  return t === '' || t === 'module' || /^(?:text|application)\/(?:x-)?(?:java|ecma)script$/.test(t);
}

/** Scans a built file by its extension; other files give no findings. */
export function scanFile(fileName: string, text: string, options: OriginScanOptions = {}, tags?: readonly HtmlTag[]): OriginFinding[] {
  if (/\.html?$/i.test(fileName)) return scanHtml(text, options, tags);
  if (/\.css$/i.test(fileName)) return scanCss(text, options);
  if (/\.m?js$/i.test(fileName)) return scanJs(text, options);
  return [];
}

/** One line per finding: `file:line:column  what  url`, as compilers report. */
export function formatFindings(fileName: string, findings: readonly OriginFinding[]): string[] {
  return findings.map((f) =>
    f.code === 'FOREIGN_LOAD'
      ? `${fileName}:${f.line}:${f.column}  ${f.via} loads ${f.url} from another origin`
      : `${fileName}:${f.line}:${f.column}  ${f.via}: ${f.url}`,
  );
}
