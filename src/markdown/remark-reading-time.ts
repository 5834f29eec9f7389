import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { countWords, readingMinutes, type ReadingTimeOptions } from '../lib/reading-time.ts';
import { frontmatterOf } from './vfile-frontmatter.ts';

/**
 * Writes `frontmatter.wordCount` (words of prose: headings, paragraphs, lists, tables,
 * callouts and inline code; not code blocks, raw HTML or image alt text) and
 * `frontmatter.readingTime` (whole minutes, ≥ 1: prose at `wordsPerMinute` plus code
 * blocks at `codeWordsPerMinute`, see src/lib/reading-time.ts).
 * Runs after remark-derived-meta, so a title taken from the h1 is not counted.
 */
export type RemarkReadingTimeOptions = ReadingTimeOptions;

/** Parents whose children run on in one line of text; other parents separate theirs. */
const phrasingParents = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell', 'textDirective']);

export function remarkReadingTime(options: RemarkReadingTimeOptions = {}) {
  return (tree: Root, file: VFile): void => {
    const code: string[] = [];
    const prose = proseText(tree, code);
    const wordCount = countWords(prose);
    const codeWords = code.reduce((sum, block) => sum + countWords(block), 0);
    const frontmatter = frontmatterOf(file);
    frontmatter['wordCount'] = wordCount;
    frontmatter['readingTime'] = readingMinutes(wordCount, codeWords, options);
  };
}

function proseText(node: Root | RootContent, code: string[]): string {
  switch (node.type) {
    case 'code':
      code.push(node.value);
      return '';
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'html':
    case 'yaml':
    case 'image':
    case 'imageReference':
    case 'definition':
      return '';
    default:
      if (!('children' in node)) return '';
      return node.children.map((child) => proseText(child, code)).join(phrasingParents.has(node.type) ? '' : '\n');
  }
}
