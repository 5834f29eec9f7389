import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ManifestEntry, ManifestTransform } from 'workbox-build';
import { fileStamp, sameStamp } from '../lib/file-stamp.ts';
import { loadAhead } from '../lib/load-ahead.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { builtFiles } from './built-files.ts';

/*
 * The precache list as workbox-build's getManifest makes it, without reading every file of
 * the site again on every build. getManifest globs, then reads and md5-hashes each file in
 * turn on the main thread (0.5 s of a 1,000-page rebuild, beside the search index's work);
 * here the files are listed and hashed by the same rules, a file's hash is kept while its
 * size, modification time and inode stay as they were (pages Astro left in place, the search
 * index's files linked from the cache), files whose names are content hashes (which get no
 * revision) are not read at all, and workbox's own transformManifest turns the details into
 * entries, as getManifest does.
 */

/** workbox-build's transformManifest, the second half of getManifest (no exports map; the lockfile pins its version). */
export const WORKBOX_TRANSFORM_MANIFEST = 'workbox-build/build/lib/transform-manifest.js';

interface FileDetails {
  file: string;
  hash: string;
  size: number;
}

type TransformManifest = (options: {
  fileDetails: FileDetails[];
  dontCacheBustURLsMatching?: RegExp;
  manifestTransforms?: ManifestTransform[];
  maximumFileSizeToCacheInBytes?: number;
}) => Promise<{ manifestEntries: ManifestEntry[]; warnings: string[]; count: number; size: number }>;

/** A file's hash as last computed: [size, mtimeMs, inode, md5]. */
type KeptHash = [number, number, number, string];

export interface PrecacheFileHashes {
  /** The hashes kept from the last build, by path inside the output. */
  previous: ReadonlyMap<string, KeptHash>;
  /** The hashes of this build, filled as files are listed. */
  current: Map<string, KeptHash>;
  /** Files read and hashed this build. */
  read: number;
}

export function precacheHashesFile(cacheDir: string): string {
  return path.join(cacheDir, 'fieldnotes', 'precache-hashes.json');
}

export async function readPrecacheHashes(file: string | undefined): Promise<PrecacheFileHashes> {
  let previous = new Map<string, KeptHash>();
  if (file) {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { version?: number; files?: Record<string, KeptHash> };
      if (parsed.version === 1 && parsed.files) previous = new Map(Object.entries(parsed.files));
    } catch {
      // none yet, or unreadable: every file is hashed
    }
  }
  return { previous, current: new Map(), read: 0 };
}

export async function writePrecacheHashes(file: string, hashes: PrecacheFileHashes): Promise<void> {
  await writeFileAtomically(file, JSON.stringify({ version: 1, files: Object.fromEntries(hashes.current) }));
}

/**
 * The files workbox's glob would give for `patterns` ("**\/*" or "<folder>/**\/*") less
 * `ignores` ("<name>", "**\/*.<ext>" or "<folder>/**"): as glob does by default, no file or
 * folder whose name starts with a dot.
 */
export function globbedFiles(files: readonly string[], patterns: readonly string[], ignores: readonly string[]): string[] {
  const matches = (file: string, pattern: string): boolean => {
    if (pattern === '**/*') return true;
    const folder = /^([^*]+)\/\*\*(?:\/\*)?$/.exec(pattern)?.[1];
    if (folder !== undefined) return file.startsWith(`${folder}/`);
    const extension = /^\*\*\/\*(\.[^*/]+)$/.exec(pattern)?.[1];
    if (extension !== undefined) return file.endsWith(extension);
    if (!/[*?[\]{}!]/.test(pattern)) return file === pattern;
    throw new Error(`precache-files: the pattern "${pattern}" is not one this listing knows`);
  };
  return files.filter(
    (file) => !file.split('/').some((part) => part.startsWith('.')) && patterns.some((p) => matches(file, p)) && !ignores.some((p) => matches(file, p)),
  );
}

/**
 * getManifest's result for the files of `outDir` matching `patterns` less `ignores`, with the
 * given transforms, hashing only files whose stamp changed since `hashes.previous`.
 */
export async function precacheManifest(options: {
  outDir: string;
  patterns: readonly string[];
  ignores: readonly string[];
  hashes: PrecacheFileHashes;
  dontCacheBustURLsMatching: RegExp;
  manifestTransforms: ManifestTransform[];
  maximumFileSizeToCacheInBytes: number;
}): Promise<{ manifestEntries: ManifestEntry[]; warnings: string[] }> {
  const { outDir, hashes } = options;
  const files = globbedFiles(await builtFiles(outDir), options.patterns, options.ignores);
  const details: FileDetails[] = [];
  await loadAhead(
    files,
    32,
    async (file) => {
      const full = path.join(outDir, file);
      const stamp = fileStamp(await stat(full));
      // A name that changes with the content gets no revision: its hash is never used.
      if (options.dontCacheBustURLsMatching.test(file)) return [...stamp, ''] as KeptHash;
      const kept = hashes.previous.get(file);
      if (kept && sameStamp(kept, stamp)) return kept;
      const hash = createHash('md5').update(await readFile(full)).digest('hex');
      hashes.read++;
      return [...stamp, hash] as KeptHash;
    },
    (kept, file) => {
      if (kept[3] !== '') hashes.current.set(file, kept);
      details.push({ file, hash: kept[3], size: kept[0] });
    },
  );
  const { transformManifest } = createRequire(import.meta.url)(WORKBOX_TRANSFORM_MANIFEST) as { transformManifest: TransformManifest };
  const result = await transformManifest({
    fileDetails: details,
    dontCacheBustURLsMatching: options.dontCacheBustURLsMatching,
    manifestTransforms: options.manifestTransforms,
    maximumFileSizeToCacheInBytes: options.maximumFileSizeToCacheInBytes,
  });
  for (const pattern of options.patterns) {
    if (globbedFiles(files, [pattern], []).length === 0) result.warnings.push(`no file to precache matches ${pattern} in ${outDir}`);
  }
  return { manifestEntries: result.manifestEntries, warnings: result.warnings };
}
