// Not from 'astro:content': Astro loads this file through Vite's module runner, and that
// module brings in Astro's whole content runtime (over a hundred modules, about 0.8 s of
// every build's start). The same function, without the runtime, is exported here.
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { statSync } from 'node:fs';
import path from 'node:path';
import { entryIdClaims } from './lib/entry-id-claims.ts';
import { withMarkdownExtensions } from './markdown/markdown-entry-types.ts';
import { renderInWorkers } from './markdown/render-in-workers.ts';
import { repeatWarningsOfUnchangedEntries } from './markdown/entry-warnings.ts';
import { listLinkedFiles } from './markdown/linked-files.ts';
import { keepRenderedHtmlInFiles } from './markdown/rendered-html-files.ts';
import { pruneHighlightedCode } from './markdown/highlighted-code-files.ts';
import { postSchema } from './lib/post-schema.ts';

// FIELDNOTES_CONTENT builds another folder instead of ./content.
const contentBase = process.env['FIELDNOTES_CONTENT'] ?? './content';
const claimId = entryIdClaims((owner, entry) => isAnotherFile(path.resolve(contentBase, owner), path.resolve(contentBase, entry)));

/** Both exist and are not one file (a case-insensitive disk gives `A.md` and `a.md` one inode). */
function isAnotherFile(a: string, b: string): boolean {
  try {
    const [first, second] = [statSync(a), statSync(b)];
    return first.ino !== second.ino || first.dev !== second.dev;
  } catch {
    return false;
  }
}

export const collections = {
  posts: defineCollection({
    // .markdown files render as .md ones; rendered on worker threads; the HTML kept in files
    // beside the store, not inside it; the warnings of pages not rendered again said again;
    // the other files pages link to listed for the build to copy; highlighted code blocks no
    // page uses any more removed.
    loader: withMarkdownExtensions(
      renderInWorkers(
        keepRenderedHtmlInFiles(
          listLinkedFiles(
            pruneHighlightedCode(
              repeatWarningsOfUnchangedEntries(
                glob({
                  pattern: '**/*.{md,markdown}',
                  base: contentBase,
                  // Two files that would be the same page fail the build instead of one vanishing.
                  generateId: ({ entry }) => claimId(entry),
                  // Pages use the rendered HTML only; the raw Markdown would be a second copy of
                  // every post in the content store and the module Astro bundles from it.
                  retainBody: false,
                }),
              ),
            ),
            contentBase,
          ),
        ),
      ),
    ),
    schema: postSchema,
  }),
};
