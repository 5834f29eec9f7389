import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { rehypeShiki, type ShikiConfig } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import { bundledLanguages, isSpecialLang } from 'shiki';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentHash } from '../lib/content-hash.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { HIGHLIGHTED_CODE_KEY, highlightedBlockFile } from './highlighted-code-files.ts';
import { addToFrontmatterList } from './rendered-frontmatter.ts';

/*
 * Astro's shiki plugin, with the blocks it highlighted kept between builds. When a page is
 * rendered again, most of its code blocks are as they were (the edit was to the prose), but
 * shiki still had to start and compile each language's grammar: a third of a second for a
 * page with five languages, the largest part of a one-page rebuild's content sync. Each
 * block is kept in a file named by what its highlighting depends on: the block itself (its
 * language, meta string and text) and a fingerprint of the pipeline (shiki's version and our
 * transformers' code, see pipeline-digest.ts). The blocks that are not kept go through Astro's
 * own plugin, exactly as they would without the cache. A render lists its blocks' names in its
 * metadata, so that the content sync can remove files no page uses (highlighted-code-files.ts).
 * A block in a language shiki does not know is not kept: highlighting it again says so again.
 */

export interface HighlightCache {
  /** The folder of kept blocks. */
  dir: string;
  /** What highlighting depends on besides the block: shiki's version, the transformers' code. */
  fingerprint: string;
}

export interface HighlightCodeOptions {
  /** The shiki config as Astro would use it (Astro's defaults filled in). */
  shikiConfig: ShikiConfig;
  /** Without it every block is highlighted. */
  cache?: HighlightCache | undefined;
}

interface CodeBlock {
  parent: Root | Element;
  index: number;
  pre: Element;
  language: string;
}

// Astro's own pattern (highlight.js in @astrojs/markdown-remark), for the language it will use.
const LANGUAGE_CLASS = /\blanguage-(\S+)\b/;

/** The blocks Astro's plugin highlights: a <pre> whose only child is a <code>; not one shiki made already. */
function codeBlocks(tree: Root): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre') return CONTINUE;
    const [code, ...rest] = node.children;
    // shiki's <pre> carries its classes as `class` (a string), Markdown's as `className`.
    const highlighted = [node.properties['className'], node.properties['class']].flat().some((name) => String(name ?? '').split(/\s+/).includes('astro-code'));
    if (parent && index !== undefined && rest.length === 0 && code?.type === 'element' && code.tagName === 'code' && !highlighted) {
      const classes = [code.properties['className'] ?? []].flat().map(String);
      const language = classes.map((name) => LANGUAGE_CLASS.exec(name)?.[1]).find(Boolean) ?? 'plaintext';
      blocks.push({ parent, index, pre: node, language });
    }
    return SKIP;
  });
  return blocks;
}

/** The block as JSON without source positions: what its highlighting depends on, the page's place aside. */
function blockText(pre: Element): string {
  return JSON.stringify(pre, (key, value: unknown) => (key === 'position' ? undefined : value));
}

async function readKept(dir: string, name: string): Promise<Element | undefined> {
  try {
    const kept = JSON.parse(inflateRawSync(await readFile(highlightedBlockFile(dir, name))).toString('utf8')) as Element;
    return kept.type === 'element' ? kept : undefined;
  } catch {
    return undefined;
  }
}

export function rehypeHighlightCode(options: HighlightCodeOptions) {
  const { shikiConfig, cache } = options;
  // Astro's plugin, called on a tree of the blocks that are not kept.
  const highlight = (rehypeShiki as unknown as (config: ShikiConfig) => (tree: Root) => Promise<void>)(shikiConfig);
  return async (tree: Root, file: VFile): Promise<void> => {
    const blocks = codeBlocks(tree);
    if (blocks.length === 0) return;
    const names = cache ? blocks.map((block) => contentHash(`${cache.fingerprint}\0${blockText(block.pre)}`)) : [];
    const kept = cache ? await Promise.all(names.map((name) => readKept(cache.dir, name))) : [];
    const missing = blocks.flatMap((_, i) => (kept[i] ? [] : [i]));
    if (missing.length > 0) {
      const rest: Root = { type: 'root', children: missing.map((i) => blocks[i]!.pre) };
      await highlight(rest);
      await Promise.all(
        missing.map(async (i, at) => {
          const highlighted = rest.children[at] as Element;
          kept[i] = highlighted;
          const { language } = blocks[i]!;
          if (cache && (isSpecialLang(language) || language in bundledLanguages)) {
            await writeFileAtomically(highlightedBlockFile(cache.dir, names[i]!), deflateRawSync(JSON.stringify(highlighted), { level: 1 }));
          }
        }),
      );
    }
    blocks.forEach((block, i) => {
      block.parent.children[block.index] = kept[i]!;
    });
    if (cache) addToFrontmatterList(file, HIGHLIGHTED_CODE_KEY, names);
  };
}
