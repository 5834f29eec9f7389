import type { PostFrontmatter } from './post-schema.ts';
import { slugSegment } from './entry-id.ts';
import { withBase } from './base-path.ts';

/** What the Markdown plugins derived from a page's text (see src/markdown/). */
export interface DerivedMeta {
  title?: string;
  description?: string;
  /** The description was cut from a longer paragraph: show it with "…". */
  descriptionCut?: boolean;
  readingTime?: number;
  wordCount?: number;
  tools?: string[];
}

export interface PostSource {
  id: string;
  filePath?: string | undefined;
  data: PostFrontmatter;
  derived: DerivedMeta;
}

export interface PostSummary {
  id: string;
  url: string;
  title: string;
  description: string;
  date: Date | undefined;
  updated: Date | undefined;
  tags: string[];
  readingTime: number;
  tools: string[];
}

/** "setting-up_ci.md" → "Setting up ci": the last resort when a page has no title and no h1. */
export function titleFromFileName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const words = name.replace(/\.(md|markdown)$/i, '').replace(/[-_]+/g, ' ').trim();
  return words === '' ? 'Untitled' : words.charAt(0).toUpperCase() + words.slice(1);
}

export function summarisePost(source: PostSource, base: string): PostSummary {
  const { data, derived } = source;
  return {
    id: source.id,
    url: postUrl(source.id, base),
    title: data.title ?? derived.title ?? titleFromFileName(source.filePath ?? source.id),
    description: data.description ?? (derived.description === undefined ? '' : `${derived.description}${derived.descriptionCut ? '…' : ''}`),
    date: data.date,
    updated: data.updated,
    tags: uniqueTags(data.tags),
    readingTime: Math.max(1, derived.readingTime ?? 1),
    tools: derived.tools ?? [],
  };
}

export function postUrl(id: string, base: string): string {
  return withBase(base, `/${id}/`);
}

/** Newest first; pages without a date come after dated ones, by title, so the order is stable. */
export function sortNewestFirst<T extends Pick<PostSummary, 'date' | 'title'>>(posts: readonly T[]): T[] {
  return [...posts].sort((a, b) => {
    if (a.date && b.date) return b.date.getTime() - a.date.getTime() || a.title.localeCompare(b.title);
    if (a.date) return -1;
    if (b.date) return 1;
    return a.title.localeCompare(b.title);
  });
}

/** In newest-first order, "previous" is the older neighbour and "next" the newer one. */
export function adjacentPosts<T extends { id: string }>(sorted: readonly T[], id: string): { older?: T; newer?: T } {
  const index = sorted.findIndex((p) => p.id === id);
  if (index < 0) return {};
  const older = sorted[index + 1];
  const newer = index > 0 ? sorted[index - 1] : undefined;
  return { ...(older ? { older } : {}), ...(newer ? { newer } : {}) };
}

/** First-level URLs the site's own pages use; a page whose id starts with one would collide. */
export const RESERVED_IDS = ['tags', 'tools', 'pagefind', '404', 'rss.xml', 'robots.txt', '_astro'] as const;

export function reservedIdClash(id: string): string | undefined {
  // The list pages take /page/<n>/ only (list-pages.ts): /page/ and /page/intro/ stay free.
  if (/^page\/\d+(\/|$)/.test(id)) return 'page';
  const first = id.split('/')[0] ?? id;
  return (RESERVED_IDS as readonly string[]).includes(first) ? first : undefined;
}

export function tagSlug(tag: string): string {
  return slugSegment(tag) || 'tag';
}

export interface TagCount {
  tag: string;
  slug: string;
  count: number;
}

/** A post's tags with those that slug alike ("CI", "ci": one tag page) once, as first written. */
export function uniqueTags(tags: readonly string[]): string[] {
  const bySlug = new Map<string, string>();
  for (const tag of tags) if (!bySlug.has(tagSlug(tag))) bySlug.set(tagSlug(tag), tag);
  return [...bySlug.values()];
}

/** Tags by use, most used first; tags that slug alike ("CI", "ci") are one tag. */
export function collectTags(posts: readonly Pick<PostSummary, 'tags'>[]): TagCount[] {
  return postsByTag(posts).map(({ tag, slug, count }) => ({ tag, slug, count }));
}

/** Each tag, ordered and named as collectTags gives them, with its posts in the order of `posts`. */
export function postsByTag<T extends Pick<PostSummary, 'tags'>>(posts: readonly T[]): Array<TagCount & { posts: T[] }> {
  const bySlug = new Map<string, TagCount & { posts: T[] }>();
  for (const post of posts) {
    // A post counts once per tag, also when it spells the tag two ways ("CI", "ci").
    for (const tag of uniqueTags(post.tags)) {
      const slug = tagSlug(tag);
      const entry = bySlug.get(slug);
      if (entry) {
        entry.count++;
        entry.posts.push(post);
      } else {
        bySlug.set(slug, { tag, slug, count: 1, posts: [post] });
      }
    }
  }
  return [...bySlug.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
