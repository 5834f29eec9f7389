import { createHash } from 'node:crypto';
import { serializePolicy, sitePolicy, type CspDirectives, type CspHash } from '../lib/content-security-policy.ts';
import { escapeHtml } from '../lib/html-escape.ts';
import { THEME_SNIPPET } from '../lib/theme-snippet.ts';

export function sha256(text: string): CspHash {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The inline scripts a page may carry: the pre-paint theme snippet, by hash. */
export const SITE_SCRIPT_HASHES: readonly CspHash[] = [sha256(THEME_SNIPPET)];

/** The site's policy; the reasons for each directive are in lib/content-security-policy.ts. */
export const SITE_POLICY: CspDirectives = sitePolicy({ scriptHashes: SITE_SCRIPT_HASHES, styleHashes: [] });

/** The policy as a <meta> tag carries it (no header-only directives). */
export const SITE_META_POLICY = serializePolicy(SITE_POLICY, 'meta');

/**
 * The policy as the <meta> tag BaseLayout renders first in every <head>, before the theme
 * snippet it governs, escaped by the same escaper as every other tag the build writes.
 */
export const SITE_POLICY_META = `<meta http-equiv="content-security-policy" content="${escapeHtml(SITE_META_POLICY)}">`;
