import { getCollection, type CollectionEntry } from 'astro:content';
import { explainRenderFailure } from '../markdown/explain-render-failure.ts';
import { summarisePost, sortNewestFirst, type DerivedMeta, type PostSummary } from '../lib/post-summary.ts';

export type PostEntry = CollectionEntry<'posts'>;

/** Drafts show in `astro dev` and are left out of production builds. */
export async function getPublishedEntries(): Promise<PostEntry[]> {
  const entries = await getCollection('posts', (entry) => !(import.meta.env.PROD && entry.data.draft));
  for (const entry of entries) await assertRendered(entry);
  return entries;
}

/** A Markdown plugin's error must fail the build, not leave an empty page. */
async function assertRendered(entry: PostEntry): Promise<void> {
  if (entry.rendered) return;
  await explainRenderFailure(entry.filePath ?? entry.id, import.meta.env.BASE_URL);
}

export function summariseEntry(entry: PostEntry): PostSummary {
  const derived = (entry.rendered?.metadata?.frontmatter ?? {}) as DerivedMeta;
  return summarisePost({ id: entry.id, filePath: entry.filePath, data: entry.data, derived }, import.meta.env.BASE_URL);
}

export async function getSortedPosts(): Promise<PostSummary[]> {
  return sortNewestFirst((await getPublishedEntries()).map(summariseEntry));
}
