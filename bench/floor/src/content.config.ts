import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

// FLOOR_CONTENT names the corpus folder; no schema, no custom ids: Astro's defaults.
export const collections = {
  posts: defineCollection({
    loader: glob({ pattern: '**/*.{md,markdown}', base: process.env['FLOOR_CONTENT'] ?? './content' }),
  }),
};
