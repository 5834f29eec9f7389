import type { AstroIntegration } from 'astro';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_META_POLICY, SITE_POLICY, SITE_SCRIPT_HASHES, sha256 } from '../data/site-policy.ts';
import { headersFile, serializePolicy } from '../lib/content-security-policy.ts';
import { attribute, htmlTags, type HtmlTag } from '../lib/html-tags.ts';
import { isScriptType } from '../lib/origin-scan.ts';
import { positionAt } from '../lib/source-position.ts';
import { normaliseBase } from '../lib/base-path.ts';

/**
 * Problems that the site's policy would cause on one built page, one `file:line  what` line
 * each: a page without the policy, an inline script or style it would block (only the
 * <head>'s theme snippet is allowed, by hash), an inline event handler. A page that carries a
 * policy of its own (a single-file tool) answers for itself and is not checked.
 */
export function pagePolicyProblems(file: string, html: string, tags: readonly HtmlTag[] = htmlTags(html)): string[] {
  const problems: string[] = [];
  const where = (offset: number) => `${file}:${positionAt(html, offset).line}`;
  const meta = tags.find((t) => t.name === 'meta' && (attribute(t, 'http-equiv') ?? '').toLowerCase() === 'content-security-policy');
  if (!meta) problems.push(`${file}  has no Content-Security-Policy <meta>; render the page with layouts/BaseLayout.astro`);
  else if (attribute(meta, 'content') !== SITE_META_POLICY) return [];
  for (const tag of tags) {
    const inline = tag.text !== undefined && tag.text.trim() !== '';
    if (tag.name === 'script' && inline && attribute(tag, 'src') === undefined && isScriptType(attribute(tag, 'type'))) {
      if (!tag.inHead) problems.push(`${where(tag.offset)}  inline <script> in the body; move it to a module in src/client`);
      else if (!SITE_SCRIPT_HASHES.includes(sha256(tag.text ?? ''))) problems.push(`${where(tag.offset)}  inline <script> whose hash the policy does not allow; move it to a module in src/client`);
    }
    if (tag.name === 'style' && inline) problems.push(`${where(tag.offset)}  inline <style>; move it to a stylesheet`);
    for (const attr of tag.attributes) {
      if (/^on[a-z]+$/.test(attr.name)) problems.push(`${where(attr.offset)}  inline event handler ${attr.name} on <${tag.name}>; use addEventListener in src/client`);
    }
  }
  return problems;
}

/**
 * Every page carries the site's Content-Security-Policy as a <meta>, rendered by BaseLayout
 * (data/site-policy.ts) as the first thing after <meta charset>, so it also governs the
 * pre-paint theme script. After the build this writes the same policy, with frame-ancestors
 * and the other headers a meta tag cannot carry, to `_headers`; the origin check runs
 * pagePolicyProblems on every page in the same pass as its own scan.
 *
 * Why not Astro's `security.csp`: it renders its <meta> after our inline theme snippet (so
 * the snippet would run before any policy), does not hash `is:inline` scripts, and lists
 * the hash of every bundled chunk, which 'self' already allows.
 *
 * Why at render time: inserting the tag after the build rewrote every page, a second
 * write of the whole site (about 5 s at 5,000 pages).
 */
export function contentSecurityPolicy(): AstroIntegration {
  let base = '/';
  return {
    name: 'fieldnotes:content-security-policy',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = normaliseBase(config.base);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        await writeFile(path.join(outDir, '_headers'), headersFile({ base, policy: serializePolicy(SITE_POLICY, 'header') }));
        logger.info('_headers written with the Content-Security-Policy; the origin check checks every page against it');
      },
    },
  };
}
