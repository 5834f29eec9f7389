import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { headersFile, serializePolicy, sitePolicy, type CspHash } from '../lib/content-security-policy';
import { escapeHtml } from '../lib/html-escape';
import { attribute, htmlTags, type HtmlTag } from '../lib/html-tags';
import { isScriptType } from '../lib/origin-scan';
import { positionAt } from '../lib/source-position';
import { builtFiles, readBuiltText, writeBuiltText } from './built-files';
import { normaliseBase } from '../lib/base-path';

export function sha256(text: string): CspHash {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}


const hasCspMeta = (tags: readonly HtmlTag[]) =>
  tags.some((t) => t.name === 'meta' && (attribute(t, 'http-equiv') ?? '').toLowerCase() === 'content-security-policy');

/**
 * Puts the site's Content-Security-Policy (lib/content-security-policy.ts) on every built
 * page as the first thing after <meta charset>, so it also governs the pre-paint theme
 * script, and writes the same policy, with frame-ancestors and the other headers a meta
 * tag cannot carry, to `_headers`.
 *
 * Why not Astro's `security.csp`: it renders its <meta> after our inline theme snippet (so
 * the snippet would run before any policy), does not hash `is:inline` scripts, and lists
 * the hash of every bundled chunk, which 'self' already allows.
 *
 * Inline scripts and <style> elements are hashed only in the <head>, which the layout owns.
 * One in the body (raw HTML in a post, a component's is:inline script) or an inline event
 * handler fails the build: the policy would block it, so it would silently not work.
 * Pages that already carry a policy (none today) are left alone.
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
        const files = (await builtFiles(outDir)).filter((f) => f.endsWith('.html'));
        const pages = await Promise.all(files.map(async (file) => ({ file, html: await readBuiltText(outDir, file) })));
        const scriptHashes = new Set<CspHash>();
        const styleHashes = new Set<CspHash>();
        const problems: string[] = [];
        const targets: Array<{ file: string; html: string; at: number }> = [];
        for (const { file, html } of pages) {
          const tags = htmlTags(html);
          if (hasCspMeta(tags)) continue;
          const where = (offset: number) => `${file}:${positionAt(html, offset).line}`;
          for (const tag of tags) {
            const inline = tag.text !== undefined && tag.text.trim() !== '';
            if (tag.name === 'script' && inline && attribute(tag, 'src') === undefined && isScriptType(attribute(tag, 'type'))) {
              if (tag.inHead) scriptHashes.add(sha256(tag.text ?? ''));
              else problems.push(`${where(tag.offset)}  inline <script> in the body; move it to a module in src/client`);
            }
            if (tag.name === 'style' && inline) {
              if (tag.inHead) styleHashes.add(sha256(tag.text ?? ''));
              else problems.push(`${where(tag.offset)}  inline <style> in the body; move it to a stylesheet`);
            }
            for (const attr of tag.attributes) {
              if (/^on[a-z]+$/.test(attr.name)) problems.push(`${where(attr.offset)}  inline event handler ${attr.name} on <${tag.name}>; use addEventListener in src/client`);
            }
          }
          const charset = tags.find((t) => t.name === 'meta' && attribute(t, 'charset') !== undefined);
          const head = tags.find((t) => t.name === 'head');
          const at = charset?.end ?? head?.end;
          if (at === undefined) problems.push(`${file}  has no <head> to put the policy in`);
          else targets.push({ file, html, at });
        }
        if (problems.length > 0) throw new Error(`Content-Security-Policy: these would be blocked at run time:\n  ${problems.join('\n  ')}`);

        const directives = sitePolicy({ scriptHashes: [...scriptHashes].sort(), styleHashes: [...styleHashes].sort() });
        const meta = `<meta http-equiv="content-security-policy" content="${escapeHtml(serializePolicy(directives, 'meta'))}">`;
        await Promise.all(targets.map(({ file, html, at }) => writeBuiltText(outDir, file, html.slice(0, at) + meta + html.slice(at))));
        await writeFile(path.join(outDir, '_headers'), headersFile({ base, policy: serializePolicy(directives, 'header') }));
        logger.info(`policy on ${targets.length} pages (${scriptHashes.size} inline script hash${scriptHashes.size === 1 ? '' : 'es'}), _headers written`);
      },
    },
  };
}
