import { describe, expect, it, vi } from 'vitest';
import type { PostSummary } from '../../src/lib/post-summary.ts';

// 120 dated posts, newest first, as getSortedPosts gives them.
const posts: PostSummary[] = Array.from({ length: 120 }, (_, i) => ({
  id: `post-${i}`,
  url: `/post-${i}/`,
  title: `Post ${i}`,
  description: `About ${i}.`,
  date: new Date(Date.UTC(2020, 0, 120 - i)),
  updated: undefined,
  tags: [],
  readingTime: 1,
  tools: [],
}));

vi.mock('../../src/data/posts', () => ({ getSortedPosts: async () => posts }));

describe('rss.xml', () => {
  it('carries the newest 50 posts, newest first', async () => {
    const { GET } = await import('../../src/pages/rss.xml.ts');
    const response = await GET({ site: new URL('https://docs.example.com/') } as Parameters<typeof GET>[0]);
    const xml = await response.text();
    const titles = [...xml.matchAll(/<item><title>([^<]+)<\/title>/g)].map((match) => match[1]);
    expect(titles).toHaveLength(50);
    expect(titles[0]).toBe('Post 0');
    expect(titles[49]).toBe('Post 49');
  });
});
