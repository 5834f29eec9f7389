import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  chunkRanges,
  inIndexOrder,
  planChunks,
  readIndexChunk,
  readMetaChunks,
  replaceMetaChunks,
  writeIndexChunk,
  type IndexWord,
  type MetaChunk,
} from '../lib/search-index-chunks.ts';
import { loadAhead } from '../lib/load-ahead.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { decodePagefindFile, encodePagefindFile, linkOrCopy, type PagefindEntry } from './search-index-cache.ts';

/*
 * Cuts the search index that pagefind wrote into smaller chunks (lib/search-index-chunks.ts
 * says why), in the output folder. The output's files are hard links into the search index
 * cache, which pagefind writes over on the next build: nothing here writes through one. New
 * files get new names, the entry file is replaced by a rename, and pagefind's chunks and
 * metadata are unlinked from the output only. The gzipped chunks are kept by content in a cache
 * folder of their own, so a rebuild compresses only the chunks whose words changed.
 */

/** CBOR bytes a chunk aims at: about 11 KB gzip (the median), where pagefind's are about 37 KB. */
export const DEFAULT_CHUNK_BYTES = 24_000;

/** pagefind's chunks read at once (about 40 KB each). */
const CHUNK_READ_AHEAD = 16;

export function searchChunksCacheDir(cacheDir: string): string {
  return path.join(cacheDir, 'fieldnotes', 'search-chunks');
}

export interface RechunkResult {
  /** Chunks pagefind wrote, and chunks now. */
  before: number;
  after: number;
  /** Chunks compressed afresh (the others came from the cache). */
  compressed: number;
}

/**
 * Re-cuts the index in `dir` (an output's pagefind folder) into chunks of about `targetBytes`.
 * On any error the folder is left as pagefind wrote it and the error is thrown.
 */
export async function rechunkSearchIndex(options: { dir: string; cacheDir: string; targetBytes?: number }): Promise<RechunkResult> {
  const { dir, cacheDir } = options;
  const targetBytes = options.targetBytes ?? DEFAULT_CHUNK_BYTES;
  const entryFile = path.join(dir, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(entryFile, 'utf8')) as PagefindEntry;
  await mkdir(cacheDir, { recursive: true });

  const added: string[] = []; // files written into `dir`, removed again if a later step fails
  const replaced: string[] = []; // pagefind's files that the new index no longer names
  const kept = new Set<string>(); // cache files this index uses
  const result: RechunkResult = { before: 0, after: 0, compressed: 0 };
  const newEntry: PagefindEntry = structuredClone(entry);
  try {
    for (const [language, { hash }] of Object.entries(entry.languages)) {
      const metaName = `pagefind.${hash}.pf_meta`;
      const meta = decodePagefindFile(await readFile(path.join(dir, metaName)), metaName);
      const oldChunks = readMetaChunks(meta);
      const words: IndexWord[] = [];
      const names = oldChunks.map((chunk) => `index/${chunk.hash}.pf_index`);
      // Read side by side, decoded in the index's order.
      await loadAhead(names, CHUNK_READ_AHEAD, (name) => readFile(path.join(dir, name)), (bytes, name) => {
        words.push(...readIndexChunk(decodePagefindFile(bytes, name)));
        replaced.push(name);
      });
      if (!inIndexOrder(words)) throw new Error(`the words of the ${language} index are not in order`);

      const groups = planChunks(words, { targetBytes });
      const ranges = chunkRanges(groups);
      const newChunks: MetaChunk[] = [];
      // allSettled: on a failure, every other write has ended before the clean-up below runs.
      const written = await Promise.allSettled(
        groups.map(async (group, i) => {
          const cbor = writeIndexChunk(group);
          const chunkHash = `${language}_${hexDigest(cbor)}`;
          const cached = path.join(cacheDir, `${chunkHash}.pf_index`);
          if (!(await exists(cached))) {
            await writeFileAtomically(cached, await encodePagefindFile(cbor));
            result.compressed++;
          }
          kept.add(path.basename(cached));
          const target = path.join(dir, 'index', `${chunkHash}.pf_index`);
          await linkOrCopy(cached, target);
          added.push(target);
          newChunks[i] = { ...ranges[i]!, hash: chunkHash };
        }),
      );
      const failed = written.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const newMeta = replaceMetaChunks(meta, newChunks);
      const newHash = `${language}_${hexDigest(newMeta)}`;
      const newMetaFile = path.join(dir, `pagefind.${newHash}.pf_meta`);
      await writeFileAtomically(newMetaFile, await encodePagefindFile(newMeta));
      added.push(newMetaFile);
      replaced.push(metaName);
      newEntry.languages[language]!.hash = newHash;
      result.before += oldChunks.length;
      result.after += newChunks.length;
    }
    // The switch: from here on the new chunks are the index.
    await writeFileAtomically(entryFile, JSON.stringify(newEntry));
  } catch (error) {
    await Promise.all(added.map((file) => rm(file, { force: true })));
    throw error;
  }
  await Promise.all(replaced.filter((name) => !added.includes(path.join(dir, name))).map((name) => rm(path.join(dir, name), { force: true })));
  await pruneCache(cacheDir, kept);
  return result;
}

/** Ten hex digits of SHA-256: file names by content, as short as pagefind's own. */
function hexDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 10);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Removes cached chunks this build did not use: the cache holds one index's chunks at most. */
async function pruneCache(cacheDir: string, kept: ReadonlySet<string>): Promise<void> {
  const names = await readdir(cacheDir);
  await Promise.all(names.filter((name) => name.endsWith('.pf_index') && !kept.has(name)).map((name) => rm(path.join(cacheDir, name), { force: true })));
}
