import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getSortedPosts } from '../data/posts.ts';
import { FEED_ITEMS, SITE_TITLE, SITE_DESCRIPTION } from '../site-config.ts';

export async function GET(context: APIContext): Promise<Response> {
  const posts = await getSortedPosts();
  return rss({
    title: SITE_TITLE,
    description: SITE_DESCRIPTION,
    site: context.site ?? 'http://localhost:4321',
    // Links are already base-prefixed; rss() resolves them against `site`.
    items: posts.slice(0, FEED_ITEMS).map((post) => ({
      title: post.title,
      description: post.description,
      link: post.url,
      categories: post.tags,
      ...(post.date ? { pubDate: post.date } : {}),
    })),
  });
}
