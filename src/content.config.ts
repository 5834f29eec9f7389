import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { entryIdFromPath } from './lib/entry-id';
import { renderInWorkers } from './markdown/render-in-workers';
import { keepRenderedHtmlInFiles } from './markdown/rendered-html-files';
import { postSchema } from './lib/post-schema';

// FIELDNOTES_CONTENT builds another folder instead of ./content.
const contentBase = process.env['FIELDNOTES_CONTENT'] ?? './content';

export const collections = {
  posts: defineCollection({
    // Rendered on worker threads; the HTML kept in files beside the store, not inside it.
    loader: renderInWorkers(
      keepRenderedHtmlInFiles(
        glob({
          pattern: '**/*.{md,markdown}',
          base: contentBase,
          generateId: ({ entry }) => entryIdFromPath(entry),
          // Pages use the rendered HTML only; the raw Markdown would be a second copy of every
          // post in the content store and the module Astro bundles from it.
          retainBody: false,
        }),
      ),
    ),
    schema: postSchema,
  }),
};
