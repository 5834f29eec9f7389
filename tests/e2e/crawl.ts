import type { APIRequestContext } from '@playwright/test';

export interface CrawlResult {
  pages: string[];
  broken: string[];
}

const ATTRIBUTE = /\s(?:href|src|poster|data)=(?:"([^"]*)"|'([^']*)')/g;
const SRCSET = /\ssrcset=(?:"([^"]*)"|'([^']*)')/g;
const ID = /\sid=(?:"([^"]*)"|'([^']*)')/g;

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * Follows every same-origin link and asset (href, src, poster, data, each srcset candidate) from the start page and reports each one
 * that does not resolve, including #fragments that name no element on their page.
 * Links that leave the base path count as broken: under /sub/ nothing may point at /.
 */
export async function crawlSite(request: APIRequestContext, startUrl: string): Promise<CrawlResult> {
  const start = new URL(startUrl);
  const basePath = start.pathname;
  const queue = [start.href];
  const seen = new Set(queue);
  const ids = new Map<string, Set<string>>();
  const fragments: Array<{ from: string; page: string; id: string }> = [];
  const broken: string[] = [];
  const pages: string[] = [];

  while (queue.length > 0) {
    const url = queue.shift()!;
    const response = await request.get(url);
    if (!response.ok()) {
      broken.push(`${url} → ${response.status()}`);
      continue;
    }
    if (!(response.headers()['content-type'] ?? '').includes('text/html')) continue;
    pages.push(url);
    const html = await response.text();
    ids.set(url, new Set([...html.matchAll(ID)].map((m) => decodeEntities(m[1] ?? m[2] ?? ''))));
    const srcsetUrls = [...html.matchAll(SRCSET)].flatMap((m) =>
      decodeEntities(m[1] ?? m[2] ?? '')
        .split(',')
        .map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''),
    );
    for (const raw of [...[...html.matchAll(ATTRIBUTE)].map((m) => decodeEntities(m[1] ?? m[2] ?? '')), ...srcsetUrls]) {
      if (raw === '' || /^(mailto|tel|data|javascript):/i.test(raw)) continue;
      const target = new URL(raw, url);
      if (target.origin !== start.origin) continue;
      if (!target.pathname.startsWith(basePath)) {
        broken.push(`${url} links outside the base path: ${raw}`);
        continue;
      }
      const page = target.href.split('#')[0]!;
      if (target.hash) fragments.push({ from: url, page, id: decodeURIComponent(target.hash.slice(1)) });
      if (!seen.has(page)) {
        seen.add(page);
        queue.push(page);
      }
    }
  }
  for (const { from, page, id } of fragments) {
    const known = ids.get(page);
    if (known && !known.has(id)) broken.push(`${from} → ${page}#${id}: no element has that id`);
  }
  return { pages, broken };
}
