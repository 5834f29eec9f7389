import type { AstroIntegration } from 'astro';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlTags, type HtmlTag } from '../lib/html-tags';
import { formatFindings, scanFile } from '../lib/origin-scan';
import { finishJobs } from './build-jobs';
import { builtFiles, readBuiltText } from './built-files';
import { pagePolicyProblems } from './content-security-policy';

export interface OriginCheckOptions {
  /** Files (relative to the output folder) not to scan. Default: none. */
  ignore?: (file: string) => boolean;
}

/** A scanned file's size and modification time, to tell a later scan what has changed since. */
type Stamps = Map<string, string>;

export interface CheckFolderOptions extends OriginCheckOptions {
  /** Origins that count as this site's own (absolute links to it are not foreign). Default: none. */
  ownOrigins?: readonly string[];
  /** Also checks each HTML page against the site's Content-Security-Policy, sharing its parse. Default: no. */
  pagePolicy?: (file: string, html: string, tags: readonly HtmlTag[]) => string[];
  /** Files whose stamp is unchanged since this earlier scan are not scanned again. */
  scannedBefore?: Stamps;
}

/**
 * Scans every HTML, CSS and JS file of a built folder; each problem is one `file:line:column  …`
 * line (origins) or `file:line  …` line (policy).
 */
export async function checkBuiltFolder(
  outDir: string,
  options: CheckFolderOptions = {},
): Promise<{ scanned: number; problems: string[]; policyProblems: string[]; stamps: Stamps }> {
  const label = path.relative(process.cwd(), outDir) || '.';
  const problems: string[] = [];
  const policyProblems: string[] = [];
  const stamps: Stamps = new Map();
  let scanned = 0;
  for (const file of await builtFiles(outDir)) {
    if (!/\.(?:html?|css|m?js)$/i.test(file) || options.ignore?.(file)) continue;
    const info = await stat(path.join(outDir, file));
    const stamp = `${info.size}:${info.mtimeMs}`;
    stamps.set(file, stamp);
    if (options.scannedBefore?.get(file) === stamp) continue;
    scanned++;
    const text = await readBuiltText(outDir, file, { last: true });
    const tags = /\.html?$/i.test(file) ? htmlTags(text) : undefined;
    problems.push(...formatFindings(`${label}/${file}`, scanFile(file, text, { ownOrigins: options.ownOrigins ?? [] }, tags)));
    if (tags && options.pagePolicy) policyProblems.push(...options.pagePolicy(`${label}/${file}`, text, tags));
  }
  return { scanned, problems, policyProblems, stamps };
}

/**
 * Fails the build when a built page, stylesheet or script would load anything from another
 * origin, or links to another site without rel="noopener noreferrer", or when a page breaks
 * the site's Content-Security-Policy (content-security-policy.ts). Runs after every other
 * step that writes HTML or JS (single-file tools, pagefind), before the service worker
 * precaches the result. It scans the pages while pagefind indexes them (build-jobs.ts), then
 * what pagefind wrote. The scanning rules live in lib/origin-scan.ts.
 */
export function originCheck(options: OriginCheckOptions = {}): AstroIntegration {
  let ownOrigins: string[] = [];
  return {
    name: 'fieldnotes:origin-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Absolute links to the configured site (canonical URLs, feeds) point home, not away.
        ownOrigins = config.site ? [new URL(config.site).origin] : [];
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const first = await checkBuiltFolder(outDir, { ...options, ownOrigins, pagePolicy: pagePolicyProblems });
        await finishJobs();
        // What the jobs wrote or were still writing during the first scan.
        const rest = await checkBuiltFolder(outDir, { ...options, ownOrigins, pagePolicy: pagePolicyProblems, scannedBefore: first.stamps });
        const problems = [...first.problems, ...rest.problems];
        const policyProblems = [...first.policyProblems, ...rest.policyProblems];
        if (policyProblems.length > 0) throw new Error(`Content-Security-Policy: these would be blocked at run time:\n  ${policyProblems.join('\n  ')}`);
        if (problems.length > 0) {
          throw new Error(
            `The built site would load from (or link without rel="noopener noreferrer" to) another origin:\n  ${problems.join('\n  ')}\n` +
              'Serve the file from this site instead, or make it a plain link with rel="noopener noreferrer".',
          );
        }
        logger.info(`${rest.stamps.size} HTML, CSS and JS files load nothing from other origins; every page keeps to the Content-Security-Policy`);
      },
    },
  };
}
