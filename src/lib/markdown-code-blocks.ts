import type { Code, Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * The fenced code blocks of a Markdown string, read the way the site reads them
 * (CommonMark via remark-parse, with remark-directive so `:::callout` bodies and
 * `::tool` lines parse as they do in the build). Pure: no files, no network.
 *
 * A fence's info string is `lang meta…`, e.g.
 *
 *   ```yaml title="kustomization.yaml" {3,5-6}
 *
 * gives lang "yaml", title "kustomization.yaml", highlights "3,5-6".
 */
export interface CodeBlock {
  /** The language word after the fence, or null for a bare fence. */
  lang: string | null;
  /** Everything after the language, verbatim, or null. */
  meta: string | null;
  /** The `title="…"` attribute (double, single or no quotes), if any. */
  title: string | undefined;
  /** Every `name="value"` / `name='value'` / `name=value` attribute of the meta. */
  attributes: Readonly<Record<string, string>>;
  /** Bare words of the meta (no `=`, not a `{…}` range), e.g. `showLineNumbers`. */
  flags: readonly string[];
  /** The `{…}` line-highlight ranges without braces, e.g. "3,5-6", if any. */
  highlights: string | undefined;
  /** The block's text exactly as written, without the fence lines; no final newline is added. */
  value: string;
  /** 1-based line of the opening fence in the Markdown. */
  line: number;
}

export interface ParsedMeta {
  title: string | undefined;
  attributes: Record<string, string>;
  flags: string[];
  highlights: string | undefined;
}

const metaToken = /([A-Za-z_][\w-]*)=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))|\{([^}]*)\}|([^\s=]+)/g;

/** Splits a fence's meta string into attributes, `{…}` ranges and bare flags. */
export function parseCodeMeta(meta: string | null | undefined): ParsedMeta {
  const attributes: Record<string, string> = {};
  const flags: string[] = [];
  let highlights: string | undefined;
  for (const m of (meta ?? '').matchAll(metaToken)) {
    if (m[1] !== undefined) attributes[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
    else if (m[5] !== undefined) highlights = highlights === undefined ? m[5] : `${highlights},${m[5]}`;
    else if (m[6] !== undefined) flags.push(m[6]);
  }
  return { title: attributes['title'], attributes, flags, highlights };
}

/** Every fenced (and indented) code block of the Markdown, in document order. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const tree = unified().use(remarkParse).use(remarkDirective).parse(markdown) as Root;
  const blocks: CodeBlock[] = [];
  visit(tree, 'code', (node: Code) => {
    const parsed = parseCodeMeta(node.meta);
    blocks.push({
      lang: node.lang ?? null,
      meta: node.meta ?? null,
      title: parsed.title,
      attributes: parsed.attributes,
      flags: parsed.flags,
      highlights: parsed.highlights,
      value: node.value,
      line: node.position?.start.line ?? 0,
    });
  });
  return blocks;
}

/**
 * The one block whose title is `title`. Throws, naming the titles present, when there
 * is none or more than one, so a renamed block fails a test loudly instead of silently.
 */
export function codeBlockByTitle(blocks: readonly CodeBlock[], title: string): CodeBlock {
  const found = blocks.filter((b) => b.title === title);
  if (found.length === 1) return found[0]!;
  const titles = blocks.flatMap((b) => (b.title === undefined ? [] : [JSON.stringify(b.title)]));
  if (found.length === 0) {
    throw new Error(`No code block has title="${title}". Titles present: ${titles.join(', ') || 'none'}.`);
  }
  throw new Error(`${found.length} code blocks have title="${title}" (lines ${found.map((b) => b.line).join(', ')}).`);
}
