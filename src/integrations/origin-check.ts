import type { AstroIntegration } from 'astro';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { htmlTags, type HtmlTag } from '../lib/html-tags.ts';
import { formatFindings, scanFile } from '../lib/origin-scan.ts';
import { finishJobs, jobOutputs } from './build-jobs.ts';
import { builtFiles } from './built-files.ts';
import { contentHash } from '../lib/content-hash.ts';
import { loadAhead } from '../lib/load-ahead.ts';
import { codeFingerprint, loadPassedFiles, lockfileText, type PassedFiles } from './passed-files.ts';
import type { OriginCheckReply, OriginCheckReport, OriginCheckRescan, OriginCheckWorkerData } from './origin-check-thread.ts';

/** Files read at once while the scan works through the ones before them. */
const READ_AHEAD = 32;

/** A scanned file's size and modification time, to tell a later scan what has changed since. */
type Stamps = Map<string, string>;

export interface CheckFolderOptions {
  /** Files (relative to the output folder) not to scan. Default: none. */
  ignore?: (file: string) => boolean;
  /** Origins that count as this site's own (absolute links to it are not foreign). Default: none. */
  ownOrigins?: readonly string[];
  /** Also checks each HTML page against the site's Content-Security-Policy, sharing its parse. Default: no. */
  pagePolicy?: (file: string, html: string, tags: readonly HtmlTag[]) => string[];
  /** Files whose stamp is unchanged since this earlier scan are not scanned again. */
  scannedBefore?: Stamps;
  /** Scans only these files and folders (relative to the output folder; missing ones are skipped). Default: the whole folder. */
  within?: readonly string[];
  /** Files whose content passed in an earlier build are not scanned again; those that pass now are added. */
  passed?: PassedFiles | undefined;
}

/**
 * Scans every HTML, CSS and JS file of a built folder; each problem is one `file:line:column  …`
 * line (origins) or `file:line  …` line (policy).
 */
export async function checkBuiltFolder(
  outDir: string,
  options: CheckFolderOptions = {},
): Promise<{ scanned: number; passedBefore: Set<string>; problems: string[]; policyProblems: string[]; stamps: Stamps }> {
  const label = path.relative(process.cwd(), outDir) || '.';
  const problems: string[] = [];
  const policyProblems: string[] = [];
  const stamps: Stamps = new Map();
  let scanned = 0;
  const passedBefore = new Set<string>();
  const listed = options.within ? await filesWithin(outDir, options.within) : await builtFiles(outDir);
  const files = listed.filter((file) => /\.(?:html?|css|m?js)$/i.test(file) && !options.ignore?.(file));
  // Reads run ahead of the scan; only a file whose stamp changed is read, and only one whose
  // content did not pass before is decoded and scanned.
  const load = async (file: string): Promise<{ stamp: string; bytes?: Buffer }> => {
    const info = await stat(path.join(outDir, file));
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (options.scannedBefore?.get(file) === stamp) return { stamp };
    return { stamp, bytes: await readFile(path.join(outDir, file)) };
  };
  await loadAhead(files, READ_AHEAD, load, ({ stamp, bytes }, file) => {
    stamps.set(file, stamp);
    if (bytes === undefined) return;
    const hash = options.passed ? contentHash(bytes) : undefined;
    if (hash !== undefined && options.passed?.has(hash)) {
      options.passed.add(hash);
      passedBefore.add(file);
      return;
    }
    scanned++;
    const text = bytes.toString('utf8');
    const tags = /\.html?$/i.test(file) ? htmlTags(text) : undefined;
    const found = formatFindings(`${label}/${file}`, scanFile(file, text, { ownOrigins: options.ownOrigins ?? [] }, tags));
    const policy = tags && options.pagePolicy ? options.pagePolicy(`${label}/${file}`, text, tags) : [];
    problems.push(...found);
    policyProblems.push(...policy);
    if (hash !== undefined && found.length === 0 && policy.length === 0) options.passed?.add(hash);
  });
  return { scanned, passedBefore, problems, policyProblems, stamps };
}

/** Every file at or under `paths` in `outDir`, sorted, each once; a path that does not exist gives none. */
async function filesWithin(outDir: string, paths: readonly string[]): Promise<string[]> {
  const lists = await Promise.all(
    paths.map(async (within) => {
      const info = await stat(path.join(outDir, within)).catch(() => undefined);
      if (info?.isDirectory()) return (await builtFiles(path.join(outDir, within))).map((file) => `${within}/${file}`);
      return info?.isFile() ? [within] : [];
    }),
  );
  return [...new Set(lists.flat())].sort();
}

/** Whether `file` is one of `paths` or lies under one of them. */
export function isWithin(file: string, paths: readonly string[]): boolean {
  return paths.some((within) => file === within || file.startsWith(`${within}/`));
}

/**
 * Fails the build when a built page, stylesheet or script would load anything from another
 * origin, or links to another site without rel="noopener noreferrer", or when a page breaks
 * the site's Content-Security-Policy (content-security-policy.ts). Runs after every other
 * step that writes HTML or JS (single-file tools, pagefind). The scan runs on a thread of its
 * own (origin-check-thread.ts): reading and hashing every built file would hold the main
 * thread, which the build's other hooks and jobs need, for a third of a second at 1,000
 * pages. It scans the pages while the jobs work (build-jobs.ts), then again what they
 * write, as each job names it. The
 * scanning rules live in lib/origin-scan.ts.
 */
export function originCheck(): AstroIntegration {
  let ownOrigins: string[] = [];
  let root: URL | undefined;
  let record: URL | undefined;
  return {
    name: 'fieldnotes:origin-check',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Absolute links to the configured site (canonical URLs, feeds) point home, not away.
        ownOrigins = config.site ? [new URL(config.site).origin] : [];
        root = config.root;
        record = new URL('fieldnotes/origin-check-passed.json', config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const data: OriginCheckWorkerData = {
          outDir: fileURLToPath(dir),
          ownOrigins,
          ...(record ? { recordFile: fileURLToPath(record) } : {}),
          ...(root ? { root: root.href } : {}),
        };
        const worker = new Worker(new URL('./origin-check-thread.ts', import.meta.url), { workerData: data });
        let report: OriginCheckReport;
        try {
          const reply = waitForReport(worker);
          reply.catch(() => undefined); // awaited below, after the jobs
          const written = jobOutputs();
          await finishJobs();
          // What the jobs wrote or were still writing during the first scan.
          worker.postMessage({ within: written } satisfies OriginCheckRescan);
          report = await reply;
        } finally {
          await worker.terminate();
        }
        const { problems, policyProblems, files, reused } = report;
        if (policyProblems.length > 0) throw new Error(`Content-Security-Policy: these would be blocked at run time:\n  ${policyProblems.join('\n  ')}`);
        if (problems.length > 0) {
          throw new Error(
            `The built site would load from (or link without rel="noopener noreferrer" to) another origin:\n  ${problems.join('\n  ')}\n` +
              'Serve the file from this site instead, or make it a plain link with rel="noopener noreferrer".',
          );
        }
        logger.info(
          `${files} HTML, CSS and JS files load nothing from other origins; every page keeps to the Content-Security-Policy` +
            (reused > 0 ? ` (${reused} unchanged since a build that passed, not scanned again)` : ''),
        );
      },
    },
  };
}

/** The scan thread's one reply; a thread that fails or stops without one rejects. */
function waitForReport(worker: Worker): Promise<OriginCheckReport> {
  return new Promise((resolve, reject) => {
    worker.once('message', (reply: OriginCheckReply) => (reply.ok ? resolve(reply.report) : reject(new Error(`the origin check failed: ${reply.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the origin check's thread stopped (exit code ${code}) before it reported`)));
  });
}

/**
 * The record of files that passed in earlier builds, under a fingerprint of this check's code,
 * its settings and the lockfile. Undefined (every file is scanned) when the code cannot be read.
 */
export async function loadPassedRecord(record: URL | undefined, root: URL | undefined, ownOrigins: readonly string[]): Promise<PassedFiles | undefined> {
  if (!record || !root) return undefined;
  const fingerprint = await codeFingerprint(new URL(import.meta.url), [JSON.stringify(ownOrigins), await lockfileText(root)]);
  return fingerprint === undefined ? undefined : loadPassedFiles(fileURLToPath(record), fingerprint);
}
