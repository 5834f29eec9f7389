import type { APIContext } from 'astro';

export function GET(context: APIContext): Response {
  const sitemap = new URL(`${import.meta.env.BASE_URL}sitemap-index.xml`, context.site ?? 'http://localhost:4321');
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap.href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
