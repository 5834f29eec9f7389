import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatFindings, scanFile } from '../lib/origin-scan';
import { builtFiles, readBuiltText } from './built-files';

export interface OriginCheckOptions {
  /** Files (relative to the output folder) not to scan. Default: none. */
  ignore?: (file: string) => boolean;
}

/** Scans every HTML, CSS and JS file of a built folder; each problem is one `file:line:column  …` line. */
export async function checkBuiltFolder(
  outDir: string,
  options: OriginCheckOptions & { ownOrigins?: readonly string[] } = {},
): Promise<{ scanned: number; problems: string[] }> {
  const label = path.relative(process.cwd(), outDir) || '.';
  const problems: string[] = [];
  let scanned = 0;
  for (const file of await builtFiles(outDir)) {
    if (!/\.(?:html?|css|m?js)$/i.test(file) || options.ignore?.(file)) continue;
    scanned++;
    // Pages come from the text the CSP hook wrote (no second read); this is their last reader.
    const text = await readBuiltText(outDir, file, { last: true });
    problems.push(...formatFindings(`${label}/${file}`, scanFile(file, text, { ownOrigins: options.ownOrigins ?? [] })));
  }
  return { scanned, problems };
}

/**
 * Fails the build when a built page, stylesheet or script would load anything from another
 * origin, or links to another site without rel="noopener noreferrer". Runs after every
 * other step that writes HTML or JS (pagefind, CSP, single-file tools), before the service
 * worker precaches the result. The scanning rules live in lib/origin-scan.ts.
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
        const { scanned, problems } = await checkBuiltFolder(outDir, { ...options, ownOrigins });
        if (problems.length > 0) {
          throw new Error(
            `The built site would load from (or link without rel="noopener noreferrer" to) another origin:\n  ${problems.join('\n  ')}\n` +
              'Serve the file from this site instead, or make it a plain link with rel="noopener noreferrer".',
          );
        }
        logger.info(`${scanned} HTML, CSS and JS files load nothing from other origins`);
      },
    },
  };
}
