import { mkdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash } from '../lib/content-hash.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';

/*
 * Astro's incremental build copies every unchanged page from its cache into the output
 * folder, unless the page's file is already there. Copies of 1,000 pages took about a
 * second of an 8 s rebuild here, while the same files sat in the last build's output,
 * moved aside to be deleted (clear-output-early.ts). So the last build's pages are put back
 * after Astro empties the folder, and Astro leaves them in place.
 *
 * Astro trusts a file it finds there, so a page comes back only when it is certainly the
 * one Astro would copy: the last build into this folder must be the build that wrote
 * Astro's incremental record (no build into another folder since, which may have changed
 * what that record says), and the file must be as that build left it (same size and
 * modification time: nothing edited it since). Anything else is left for deletion, and
 * Astro renders or copies that page as it would have.
 */

/** What a finished build left in its output folder, for the next build to check. */
export interface OutputRecord {
  version: 1;
  outDir: string;
  /** Digest of Astro's incremental-build record as that build left it. */
  astroRecord: string;
  /** Each page file, relative to outDir: [size, mtimeMs]. */
  pages: Record<string, [number, number]>;
}

const VERSION = 1;
/** The page files this puts back: Astro writes every page route as <path>/index.html. */
export const PAGE_FILE = 'index.html';

export function outputRecordFile(cacheDir: string): string {
  return path.join(cacheDir, 'fieldnotes', 'last-output.json');
}

/** Astro's record of the last incremental build (astro/dist/core/build/incremental.js). */
export function astroRecordFile(cacheDir: string): string {
  return path.join(cacheDir, 'incremental-build.json');
}

/** A digest of `file`, or undefined when it cannot be read. */
export async function fileDigest(file: string): Promise<string | undefined> {
  return readFile(file).then(contentHash, () => undefined);
}

/**
 * Reads the record and deletes it: a build that stops before it writes a new one leaves
 * none, so the next build puts nothing back. Undefined when there is none or it is unreadable.
 */
export async function takeOutputRecord(file: string): Promise<OutputRecord | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  await rm(file, { force: true });
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as OutputRecord;
    return record.version === VERSION && typeof record.pages === 'object' ? record : undefined;
  } catch {
    return undefined;
  }
}

/** A file's [size, mtimeMs], as the record keeps it; undefined when it is not a file. */
async function fileStamp(file: string): Promise<[number, number] | undefined> {
  const now = await stat(file).catch(() => undefined);
  return now?.isFile() ? [now.size, now.mtimeMs] : undefined;
}

/**
 * The pages of `record` that may go back into `outDir` from `from` (where the last build's
 * output was moved): none unless the record is of this folder and Astro's record is still
 * the one it saw; then each page whose file in `from` is unchanged.
 */
export async function pagesToPutBack(options: {
  record: OutputRecord | undefined;
  outDir: string;
  astroRecord: string | undefined;
  from: string;
}): Promise<string[]> {
  const { record, outDir, astroRecord, from } = options;
  if (!record || record.outDir !== outDir || astroRecord === undefined || record.astroRecord !== astroRecord) return [];
  const unchanged = await Promise.all(
    Object.entries(record.pages).map(async ([page, [size, mtimeMs]]) => {
      const now = await fileStamp(path.join(from, page));
      return now?.[0] === size && now[1] === mtimeMs ? page : undefined;
    }),
  );
  return unchanged.filter((page): page is string => page !== undefined);
}

/** Moves `pages` (relative paths) from `from` into `to`. Returns those that moved; one that cannot is left where it was. */
export async function putBack(from: string, to: string, pages: readonly string[]): Promise<string[]> {
  const folders = new Set(pages.map((page) => path.dirname(path.join(to, page))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  const moved = await Promise.all(
    pages.map((page) =>
      rename(path.join(from, page), path.join(to, page)).then(
        () => page,
        () => undefined,
      ),
    ),
  );
  return moved.filter((page): page is string => page !== undefined);
}

/**
 * The page files this build wrote or kept, relative to `outDir`, from the astro:build:done
 * hook's `assets` (each route's files, kept ones included).
 */
export function builtPages(outDir: string, assets: Map<string, URL[]>): Set<string> {
  const pages = new Set<string>();
  for (const urls of assets.values()) {
    for (const url of urls) {
      const file = path.relative(outDir, fileURLToPath(url));
      if (path.basename(file) === PAGE_FILE) pages.add(file);
    }
  }
  return pages;
}

/**
 * Deletes the pages put back that this build did not build (their Markdown was deleted or
 * renamed), and the folders that leaves empty. Returns the deleted pages.
 */
export async function removeStalePages(outDir: string, putBackPages: readonly string[], built: ReadonlySet<string>): Promise<string[]> {
  const stale = putBackPages.filter((page) => !built.has(page));
  for (const page of stale) {
    await rm(path.join(outDir, page), { force: true });
    // Up to the output folder, each folder the page leaves empty; rmdir fails on the first that is not.
    for (let folder = path.dirname(page); folder !== '.' && folder !== path.dirname(folder); folder = path.dirname(folder)) {
      if (!(await rmdir(path.join(outDir, folder)).then(() => true, () => false))) break;
    }
  }
  return stale;
}

/** Records `pages` of `outDir` as this build leaves them, with the digest of Astro's record. */
export async function writeOutputRecord(file: string, options: { outDir: string; astroRecord: string; pages: Iterable<string> }): Promise<void> {
  const entries = await Promise.all(
    [...options.pages].map(async (page) => {
      const stamp = await fileStamp(path.join(options.outDir, page));
      return stamp ? ([page, stamp] as const) : undefined;
    }),
  );
  const record: OutputRecord = {
    version: VERSION,
    outDir: options.outDir,
    astroRecord: options.astroRecord,
    pages: Object.fromEntries(entries.filter((entry) => entry !== undefined)),
  };
  await writeFileAtomically(file, JSON.stringify(record));
}
