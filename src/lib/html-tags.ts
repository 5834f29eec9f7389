/**
 * A small, forgiving HTML tag scanner for build checks (origin check, CSP hashes).
 * It reads start tags and their attributes, skips comments, doctypes and end tags,
 * and takes the content of raw-text elements (script, style, …) verbatim, as the
 * HTML tokenizer does (https://html.spec.whatwg.org/#parsing-main-rawtext), so a
 * `<script src>` written inside a `<code>` block (escaped as &lt;) or inside a script's
 * string is never mistaken for a tag.
 */

export interface HtmlAttribute {
  /** Lower-cased name. */
  name: string;
  /** Value with character references decoded; '' for a bare attribute. */
  value: string;
  /** Offset of the attribute's value (or name, when bare) in the document. */
  offset: number;
}

export interface HtmlTag {
  /** Lower-cased tag name. */
  name: string;
  attributes: HtmlAttribute[];
  /** Offset of the `<`. */
  offset: number;
  /** Offset just after the start tag's `>`. */
  end: number;
  /** For raw-text elements (script, style, textarea, title): their content, undecoded. */
  text?: string;
  /** Offset of `text` in the document. */
  textOffset?: number;
  /** Whether the tag sits inside <head> (before <body> or the end of head). */
  inHead: boolean;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ATTRIBUTE_NAME = /[^\s"'>/=][^\s"'>/=]*/y;
const SPACE = /[\s/]*/y;
const UNQUOTED = /[^\s>]*/y;

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', sol: '/', period: '.',
  lpar: '(', rpar: ')', Tab: '\t', NewLine: '\n', num: '#', quest: '?', equals: '=', commat: '@',
};

/** Decodes numeric references and the named ones that can spell a URL (`&colon;`, `&sol;`, …). */
export function decodeCharacterReferences(value: string): string {
  // Most values (class names, shiki's style attributes) have no reference at all.
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));?/g, (match, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return (name !== undefined && NAMED[name]) || match;
  });
}

function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? '';
}

/** Every start tag of the document, in order. */
export function htmlTags(html: string): HtmlTag[] {
  const tags: HtmlTag[] = [];
  let inHead = true;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const next = html.charAt(lt + 1);
    if (next === '!' || next === '?' || next === '/') {
      if (next === '/' && /^<\/head[\s>]/i.test(html.slice(lt, lt + 7))) inHead = false;
      const close = html.indexOf('>', lt);
      i = close < 0 ? html.length : close + 1;
      continue;
    }
    const rawName = matchAt(TAG_NAME, html, lt + 1);
    if (rawName === '') {
      i = lt + 1;
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === 'body') inHead = false;
    const attributes: HtmlAttribute[] = [];
    let j = lt + 1 + rawName.length;
    while (j < html.length) {
      j += matchAt(SPACE, html, j).length;
      if (j >= html.length || html.charAt(j) === '>') break;
      const attrName = matchAt(ATTRIBUTE_NAME, html, j);
      if (attrName === '') {
        j++;
        continue;
      }
      const nameOffset = j;
      j += attrName.length;
      let k = j;
      while (/\s/.test(html.charAt(k))) k++;
      if (html.charAt(k) !== '=') {
        attributes.push({ name: attrName.toLowerCase(), value: '', offset: nameOffset });
        continue;
      }
      k++;
      while (/\s/.test(html.charAt(k))) k++;
      const quote = html.charAt(k);
      let raw: string;
      let valueOffset: number;
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, k + 1);
        const stop = close < 0 ? html.length : close;
        raw = html.slice(k + 1, stop);
        valueOffset = k + 1;
        j = stop + 1;
      } else {
        raw = matchAt(UNQUOTED, html, k);
        valueOffset = k;
        j = k + raw.length;
      }
      attributes.push({ name: attrName.toLowerCase(), value: decodeCharacterReferences(raw), offset: valueOffset });
    }
    const end = Math.min(j + 1, html.length);
    const tag: HtmlTag = { name, attributes, offset: lt, end, inHead };
    i = end;
    if (RAW_TEXT.has(name)) {
      const closeMatch = new RegExp(`</${name}[\\s/>]`, 'ig');
      closeMatch.lastIndex = end;
      const close = closeMatch.exec(html);
      const stop = close ? close.index : html.length;
      tag.text = html.slice(end, stop);
      tag.textOffset = end;
      i = stop;
    }
    tags.push(tag);
  }
  return tags;
}

/** The value of an attribute, or undefined when the tag does not have it. */
export function attribute(tag: HtmlTag, name: string): string | undefined {
  return tag.attributes.find((a) => a.name === name)?.value;
}
