import { createHash } from 'node:crypto';
import * as siteConfig from '../site-config.ts';

/**
 * The cacheKey a page returns from getStaticPaths for Astro's incremental build
 * (experimental.incrementalBuild in astro.config.mjs): when the page's code and this key
 * are both unchanged, Astro copies the page from the previous build instead of rendering
 * it. Astro tracks the code and the Markdown the page renders; the key must cover every
 * other piece of data the page shows (its summary, its neighbours' titles, the site's
 * settings), or an edit elsewhere would leave a stale copy.
 */
export function pageCacheKey(pageData: unknown): string {
  const input = JSON.stringify({ site: { ...siteConfig }, page: pageData });
  return createHash('sha256').update(input).digest('base64url');
}
