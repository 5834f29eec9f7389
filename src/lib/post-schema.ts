import { z } from 'zod';

/**
 * Front matter of a page. Every field is optional so that any folder of Markdown
 * builds: what a file does not say is derived from its text
 * (see markdown/remark-derived-meta.ts). Unknown fields are errors, so a typo such as
 * `tilte:` fails the build instead of being ignored.
 */
export const postSchema = z
  .object({
    title: z.string().trim().min(1).optional(),
    description: z.string().trim().min(1).optional(),
    date: z.coerce.date().optional(),
    updated: z.coerce.date().optional(),
    tags: z.array(z.string().trim().min(1)).default([]),
    draft: z.boolean().default(false),
  })
  .strict();

export type PostFrontmatter = z.infer<typeof postSchema>;
