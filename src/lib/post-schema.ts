import leven from 'leven';
import { z } from 'zod';

/**
 * Front matter of a page. Every field is optional so that any folder of Markdown
 * builds: what a file does not say is derived from its text
 * (see markdown/remark-derived-meta.ts).
 *
 * Fields of other tools (`layout:`, `weight:`, `sidebar_position:`, `author:`) are ignored, so
 * a folder written for Jekyll, Hugo or Docusaurus builds as it is. A field that is one of ours
 * misspelt (`tilte:`, `tag:`, `Date:`) fails the build, naming the field we know, instead of
 * being ignored.
 */
/** Text as YAML may give it: `title: 2024` is a number to YAML, and a title to a writer. */
const text = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().trim().min(1));
/** An empty `date:` is null to YAML, which would coerce to 1 January 1970: it means no date. */
const date = z.preprocess((value) => (value === null || value === '' ? undefined : value), z.coerce.date().optional());

const fields = {
  title: text.optional(),
  description: text.optional(),
  date,
  updated: date,
  // A list, or one string of comma-separated tags (`tags: kubernetes, kustomize`).
  tags: z
    .preprocess((value) => (typeof value === 'string' ? value.split(',').map((tag) => tag.trim()).filter(Boolean) : value), z.array(text))
    .default([]),
  draft: z.boolean().default(false),
};

const knownFields = Object.keys(fields);

/** The field of ours that `key` looks like a misspelling of: an edit or two away (one for short names), case aside. */
export function misspeltField(key: string): string | undefined {
  if (knownFields.includes(key)) return undefined;
  const lower = key.toLowerCase();
  return knownFields.find((field) => leven(lower, field) <= (field.length <= 4 ? 1 : 2));
}

export const postSchema = z
  .object(fields)
  .loose()
  .superRefine((data, context) => {
    for (const key of Object.keys(data)) {
      const field = misspeltField(key);
      if (field) context.addIssue({ code: 'custom', path: [key], message: `Unknown field "${key}": did you mean "${field}"?` });
    }
  })
  // Only our fields go on into the content store.
  .transform(({ title, description, date, updated, tags, draft }) => ({ title, description, date, updated, tags, draft }));

export type PostFrontmatter = z.infer<typeof postSchema>;
