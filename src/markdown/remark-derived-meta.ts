import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { frontmatterOf, nonEmptyString } from './vfile-frontmatter.ts';

/**
 * Fills what the front matter leaves out, from the text, so any folder of Markdown builds:
 *
 * - No `title`: when the first heading of the page is an h1, its text becomes
 *   `frontmatter.title` and the heading is removed (the layout prints the title as the
 *   page's only h1). No such heading: nothing is written; the layout falls back to the
 *   file name. An h1 that comes after another heading is a section, not the title.
 * - A `title` and a first heading that is an h1 with the same text (ignoring case, spacing
 *   and typographic quotes): the heading is removed as a duplicate.
 * - Any h1 still in the body: every heading moves one level down (h1→h2 … h5→h6, h6 stays),
 *   so the page keeps one h1 and the outline keeps its shape. Off with `demoteHeadings: false`.
 * - No `description`: the plain text of the first top-level paragraph that has text
 *   (image alt text does not count, so a paragraph holding only an image is skipped),
 *   whitespace collapsed, cut at a word boundary to `descriptionLength`; when cut, it is stored
 *   without the "…" and `descriptionCut: true` says to show one (see the comment below).
 *
 * Fields written (only when derived): `frontmatter.title`, `frontmatter.description`.
 */
export interface RemarkDerivedMetaOptions {
  /** Longest derived description, in characters, the ellipsis included. Default: 160. */
  descriptionLength?: number;
  /** Shift all headings one level down when the body still holds an h1. Default: true. */
  demoteHeadings?: boolean;
}

export function remarkDerivedMeta(options: RemarkDerivedMetaOptions = {}) {
  const descriptionLength = options.descriptionLength ?? 160;
  const demoteHeadings = options.demoteHeadings ?? true;

  return (tree: Root, file: VFile): void => {
    const frontmatter = frontmatterOf(file);
    const title = nonEmptyString(frontmatter['title']);

    const firstHeading = tree.children.find((node): node is Heading => node.type === 'heading');
    if (firstHeading?.depth === 1) {
      const text = collapse(toString(firstHeading, { includeImageAlt: false }));
      if (title === undefined && text !== '') {
        frontmatter['title'] = text;
        tree.children.splice(tree.children.indexOf(firstHeading), 1);
      } else if (title !== undefined && comparable(title) === comparable(text)) {
        tree.children.splice(tree.children.indexOf(firstHeading), 1);
      }
    }

    if (demoteHeadings) {
      let hasH1 = false;
      visit(tree, 'heading', (heading) => {
        if (heading.depth === 1) hasH1 = true;
      });
      if (hasH1) {
        visit(tree, 'heading', (heading) => {
          heading.depth = Math.min(heading.depth + 1, 6) as Heading['depth'];
        });
      }
    }

    if (nonEmptyString(frontmatter['description']) === undefined) {
      for (const node of tree.children) {
        if (node.type !== 'paragraph') continue;
        const text = collapse(toString(node, { includeImageAlt: false }));
        if (text === '') continue;
        const short = truncateAtWord(text, descriptionLength);
        if (short === text) {
          frontmatter['description'] = text;
        } else {
          // Stored without its "…" (summarisePost puts it back): a character beyond Latin-1
          // anywhere in Astro's content store makes its whole data module compile as
          // two-byte text, three times slower, on a 5,000-page site ~20 s a build.
          frontmatter['description'] = short.slice(0, -1);
          frontmatter['descriptionCut'] = true;
        }
        break;
      }
    }
  };
}

/**
 * `text` cut to at most `max` characters (the "…" included) at the last space that fits,
 * without a trailing comma, colon or similar before the ellipsis. A single word longer
 * than `max` is cut inside the word. Text that fits is returned as it is.
 */
export function truncateAtWord(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const room = chars.slice(0, Math.max(0, max - 1)).join('');
  // When the character after the room is a space, the room ends on a whole word.
  const endsOnWord = /\s/u.test(chars[max - 1] ?? '');
  const lastSpace = room.search(/\s\S*$/u);
  const cut = endsOnWord || lastSpace <= 0 ? room : room.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Smartypants curls the heading's quotes but not the front matter's; compare without them. */
function comparable(text: string): string {
  return collapse(text)
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/…/g, '...')
    .toLowerCase();
}
