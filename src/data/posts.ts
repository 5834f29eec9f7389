import { getCollection, type CollectionEntry } from 'astro:content';
import { summarisePost, sortNewestFirst, type DerivedMeta, type PostSummary } from '../lib/post-summary';

export type PostEntry = CollectionEntry<'posts'>;

/** Drafts show in `astro dev` and are left out of production builds. */
export async function getPublishedEntries(): Promise<PostEntry[]> {
  return getCollection('posts', (entry) => !(import.meta.env.PROD && entry.data.draft));
}

export function summariseEntry(entry: PostEntry): PostSummary {
  const derived = (entry.rendered?.metadata?.frontmatter ?? {}) as DerivedMeta;
  return summarisePost({ id: entry.id, filePath: entry.filePath, data: entry.data, derived }, import.meta.env.BASE_URL);
}

export async function getSortedPosts(): Promise<PostSummary[]> {
  return sortNewestFirst((await getPublishedEntries()).map(summariseEntry));
}
