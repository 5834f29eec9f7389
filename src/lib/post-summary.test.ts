import { describe, expect, it } from 'vitest';
import { adjacentPosts, collectTags, postsByTag, uniqueTags, postUrl, reservedIdClash, sortNewestFirst, summarisePost, tagSlug, titleFromFileName } from './post-summary.ts';
import { postSchema } from './post-schema.ts';

const data = postSchema.parse({});

describe('summarisePost', () => {
  it('prefers front matter, then derived meta, then the file name', () => {
    const fromFront = summarisePost({ id: 'a', data: postSchema.parse({ title: 'Front', description: 'D' }), derived: { title: 'Derived' } }, '/');
    expect(fromFront.title).toBe('Front');
    expect(fromFront.description).toBe('D');
    const fromBody = summarisePost({ id: 'a', data, derived: { title: 'From h1', description: 'First para', readingTime: 4 } }, '/');
    expect([fromBody.title, fromBody.description, fromBody.readingTime]).toEqual(['From h1', 'First para', 4]);
    const fromName = summarisePost({ id: 'guides/setting-up-ci', filePath: 'docs/guides/setting-up_ci.md', data, derived: {} }, '/');
    expect(fromName.title).toBe('Setting up ci');
    expect(fromName.readingTime).toBe(1);
  });

  it('shows a description cut from a longer paragraph with its ellipsis', () => {
    const cut = summarisePost({ id: 'a', data, derived: { description: 'The first words', descriptionCut: true } }, '/');
    expect(cut.description).toBe('The first words…');
    expect(summarisePost({ id: 'a', data, derived: {} }, '/').description).toBe('');
  });

  it('builds URLs under the base path', () => {
    expect(postUrl('guides/intro', '/')).toBe('/guides/intro/');
    expect(postUrl('guides/intro', '/sub/')).toBe('/sub/guides/intro/');
  });
});

describe('titleFromFileName', () => {
  it('turns a file name into words', () => {
    expect(titleFromFileName('a/b/my-first_post.md')).toBe('My first post');
    expect(titleFromFileName('Übersicht der Dinge.markdown')).toBe('Übersicht der Dinge');
    expect(titleFromFileName('.md')).toBe('Untitled');
  });
});

describe('sortNewestFirst and adjacentPosts', () => {
  const posts = [
    { id: 'old', title: 'Old', date: new Date('2019-01-01') },
    { id: 'undated-b', title: 'B', date: undefined },
    { id: 'new', title: 'New', date: new Date('2020-01-07') },
    { id: 'undated-a', title: 'A', date: undefined },
  ];
  it('puts dated posts first, newest first, then undated by title', () => {
    expect(sortNewestFirst(posts).map((p) => p.id)).toEqual(['new', 'old', 'undated-a', 'undated-b']);
  });
  it('finds the older and newer neighbours', () => {
    const sorted = sortNewestFirst(posts);
    expect(adjacentPosts(sorted, 'old')).toEqual({ older: sorted[2], newer: sorted[0] });
    expect(adjacentPosts(sorted, 'new').newer).toBeUndefined();
    expect(adjacentPosts(sorted, 'missing')).toEqual({});
  });
});

describe('tags', () => {
  it('slugs and merges tags that differ only in case or punctuation', () => {
    expect(tagSlug('GitLab CI')).toBe('gitlab-ci');
    expect(collectTags([{ tags: ['CI', 'k8s'] }, { tags: ['ci'] }, { tags: ['k8s', 'k8s'] }])).toEqual([
      { tag: 'CI', slug: 'ci', count: 2 },
      { tag: 'k8s', slug: 'k8s', count: 2 },
    ]);
    // One post that spells a tag two ways counts once, named as it first wrote it.
    expect(collectTags([{ tags: ['Go', 'go', 'GO'] }])).toEqual([{ tag: 'Go', slug: 'go', count: 1 }]);
  });
  it('keeps one of a post’s tags that slug alike, as first written', () => {
    expect(uniqueTags(['CI', 'k8s', 'ci', 'C.I.', 'K8s', '-Ci-'])).toEqual(['CI', 'k8s', 'C.I.']);
    expect(summarisePost({ id: 'a', data: postSchema.parse({ tags: ['Go', 'go'] }), derived: {} }, '/').tags).toEqual(['Go']);
  });
  it('lists each tag’s posts in their order, tags that slug alike as one', () => {
    const [a, b, c] = [{ id: 'a', tags: ['CI', 'k8s'] }, { id: 'b', tags: ['ci', 'CI'] }, { id: 'c', tags: ['k8s'] }];
    expect(postsByTag([a!, b!, c!])).toEqual([
      { tag: 'CI', slug: 'ci', count: 2, posts: [a, b] },
      { tag: 'k8s', slug: 'k8s', count: 2, posts: [a, c] },
    ]);
  });
  it('names ids that would collide with the site’s own pages', () => {
    expect(reservedIdClash('tags')).toBe('tags');
    expect(reservedIdClash('tools/x')).toBe('tools');
    expect(reservedIdClash('page/2')).toBe('page');
    expect(reservedIdClash('page/2/notes')).toBe('page');
    expect(reservedIdClash('page')).toBeUndefined();
    expect(reservedIdClash('page/intro')).toBeUndefined();
    expect(reservedIdClash('guides/tags')).toBeUndefined();
  });
});
