import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { contentHash } from '../lib/content-hash.ts';
import { startJob } from './build-jobs.ts';
import { lockfileText } from './passed-files.ts';
import { COMMON_WORD_MIN_PAGES, COMMON_WORDS_DIR } from '../lib/common-word-results.ts';
import { pageWordsCacheFile, writeCommonWordResultsFiles, writeEmptyCommonWordIndex, type CommonWordResultsOptions, type CommonWordResultsWritten } from './common-word-results.ts';
import { patchPagefindScript } from './pagefind-script-patch.ts';
import { searchIndexCacheDir, writeSearchIndexThroughCache } from './search-index-cache.ts';
import { pageFileStamps, readSearchIndexRecord, updateSearchIndex, writeSearchIndexRecord, type SearchIndexRecord, type SearchIndexUpdate } from './search-index-update.ts';
import type { FileStamp } from '../lib/file-stamp.ts';
import { DEFAULT_CHUNK_BYTES, rechunkSearchIndex, searchChunksCacheDir, type RechunkResult } from './search-index-rechunk.ts';

export interface PagefindIndexOptions {
  /** Characters pagefind keeps inside words; technical prose needs `.` and `_` (e.g. `.dockerconfigjson`). Default: "._-". */
  includeCharacters?: string;
  /** CBOR bytes per index chunk after the build cuts pagefind's index again (search-index-rechunk.ts); 0 keeps pagefind's chunks. Default: DEFAULT_CHUNK_BYTES (24,000). */
  chunkBytes?: number;
  /** Pages a word must be on for the build to work out its first results (lib/common-word-results.ts). Default: COMMON_WORD_MIN_PAGES (1,500). */
  commonWordMinPages?: number;
}

/** The build job (build-jobs.ts) that writes the search index. */
export const SEARCH_INDEX_JOB = 'search index';

/** The pages pagefind reads: every route's index.html (the single-file tools, written later, are not pages). */
export const PAGEFIND_GLOB = '**/index.html';

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

/**
 * Indexes the built site with pagefind's Node API after every build, so search can never
 * drift from the pages. Only elements marked data-pagefind-body (the post text) are indexed.
 * The indexing runs as a build job (build-jobs.ts): the hooks after this one check the pages
 * meanwhile, and the origin check waits for it before it scans pagefind's files. The index
 * is written through a folder in the cache (search-index-cache.ts), so that a rebuild writes
 * only the files that changed; after a build that changed few pages, pagefind reads only
 * those and the last index is updated (search-index-update.ts). Last, pagefind's script is changed to ungzip what it fetches
 * with the browser's own decompression (pagefind-script-patch.ts).
 */
export function pagefindIndex(options: PagefindIndexOptions = {}): AstroIntegration {
  const includeCharacters = options.includeCharacters ?? '._-';
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isFinite(chunkBytes) || chunkBytes < 0) throw new Error(`pagefindIndex: chunkBytes must be a number of bytes, 0 or more, not ${options.chunkBytes}`);
  const commonWordMinPages = options.commonWordMinPages ?? COMMON_WORD_MIN_PAGES;
  if (!Number.isInteger(commonWordMinPages) || commonWordMinPages < 1) {
    throw new Error(`pagefindIndex: commonWordMinPages must be a whole number of pages, 1 or more, not ${options.commonWordMinPages}`);
  }
  let base = '/';
  let cacheDir: string | undefined;
  let chunksCacheDir: string | undefined;
  let wordsCacheFile: string | undefined;
  let root: URL | undefined;
  return {
    name: 'fieldnotes:pagefind-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = searchIndexCacheDir(fileURLToPath(config.cacheDir));
        chunksCacheDir = searchChunksCacheDir(fileURLToPath(config.cacheDir));
        wordsCacheFile = pageWordsCacheFile(fileURLToPath(config.cacheDir));
        root = config.root;
        base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        startJob(SEARCH_INDEX_JOB, ['pagefind', COMMON_WORDS_DIR], async () => {
          const started = performance.now();
          const output = path.join(outDir, 'pagefind');
          const print = cacheDir ? await fingerprint(root, includeCharacters) : '';
          const stamps = cacheDir ? await pageFileStamps(outDir) : undefined;
          const record = cacheDir ? await readSearchIndexRecord(cacheDir) : undefined;
          const update: SearchIndexUpdate =
            cacheDir && stamps ? await tryUpdate({ outDir, dir: cacheDir, output, fingerprint: print, includeCharacters, stamps, record }, logger) : { kind: 'afresh', reason: 'no cache folder' };
          let pageCount: number;
          let kept: boolean | undefined;
          if (update.kind === 'updated') pageCount = update.pages;
          else {
            const { index, errors } = await pagefind.createIndex({ includeCharacters });
            if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
            const added = await index.addDirectory({ path: outDir, glob: PAGEFIND_GLOB });
            if (added.errors.length > 0) throw new Error(`pagefind indexing failed: ${added.errors.join('; ')}`);
            pageCount = added.page_count;
            kept = cacheDir ? await writeThroughCache(index, output, cacheDir, print, logger) : undefined;
            if (kept === undefined) await writeIndex(index, output);
            if (kept !== undefined && cacheDir && stamps) await recordIndex(cacheDir, print, stamps, record, logger);
          }
          await pagefind.close();
          const chunks = chunkBytes > 0 && chunksCacheDir ? await rechunk(output, chunksCacheDir, chunkBytes, logger) : undefined;
          await decompressNatively(output, logger);
          const indexed = performance.now();
          const common = await commonWordResults({ siteDir: outDir, base, minPages: commonWordMinPages, ...(wordsCacheFile ? { wordsCacheFile } : {}) }, logger);
          logger.info(
            (update.kind === 'updated'
              ? `updated the search index of ${pageCount} pages in ${Math.round(indexed - started)} ms (pagefind read ${describeUpdate(update)}; the other pages' entries were kept)`
              : `indexed ${pageCount} pages in ${Math.round(indexed - started)} ms (every page read: ${update.reason}` + (kept ? '; files unchanged since the last build were not written again)' : ')')) +
              (chunks ? `; its chunks cut from ${chunks.before} into ${chunks.after} (${chunks.compressed} compressed afresh)` : '') +
              (common?.words
                ? `; first results of ${common.words} common words worked out in ${Math.round(performance.now() - indexed)} ms` +
                  (common.fragmentsRead < common.fragments ? ` (words of ${common.fragmentsRead} of ${common.fragments} pages read, the others' kept from the last build)` : '')
                : ''),
          );
        });
      },
    },
  };
}

/** Updates the last index for the pages that changed; any failure leaves it to pagefind to index every page. */
async function tryUpdate(options: Parameters<typeof updateSearchIndex>[0], logger: AstroIntegrationLogger): Promise<SearchIndexUpdate> {
  try {
    return await updateSearchIndex(options);
  } catch (error) {
    logger.warn(`could not update the last search index (${error instanceof Error ? error.message : String(error)}); indexing every page`);
    return { kind: 'afresh', reason: 'the update failed' };
  }
}

function describeUpdate({ changed, added, removed }: Extract<SearchIndexUpdate, { kind: 'updated' }>): string {
  const parts = [`${changed} changed`, added > 0 ? `${added} new` : '', removed > 0 ? `${removed} removed` : ''].filter(Boolean);
  return changed + added + removed === 0 ? 'no page: none changed' : `only the pages that changed: ${parts.join(', ')}`;
}

/** Notes what the index was made from, for the next build's update; without the note, that build indexes every page. */
async function recordIndex(dir: string, fingerprint: string, stamps: ReadonlyMap<string, FileStamp>, previous: SearchIndexRecord | undefined, logger: AstroIntegrationLogger): Promise<void> {
  try {
    await writeSearchIndexRecord({ dir, fingerprint, stamps, previous });
  } catch (error) {
    logger.warn(`the next build will index every page: could not record this index (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function writeIndex(index: PagefindIndex, outputPath: string): Promise<void> {
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
}

/**
 * Writes the index into the cache folder over the last one, prunes it and links it into the
 * output. Returns whether the last index was reused, or undefined when the cache could not be
 * used: then the cache is cleared and the caller writes the index afresh.
 */
async function writeThroughCache(
  index: PagefindIndex,
  output: string,
  cache: string,
  fingerprint: string,
  logger: AstroIntegrationLogger,
): Promise<boolean | undefined> {
  try {
    return await writeSearchIndexThroughCache({ dir: cache, fingerprint, output, write: (dir) => writeIndex(index, dir) });
  } catch (error) {
    logger.warn(`could not keep the search index in the cache (${error instanceof Error ? error.message : String(error)}); writing it afresh`);
    await rm(cache, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
    return undefined;
  }
}

/** Cuts the index into smaller chunks; when that fails, search still works on pagefind's own, so the build goes on. */
async function rechunk(output: string, cache: string, targetBytes: number, logger: AstroIntegrationLogger): Promise<RechunkResult | undefined> {
  try {
    return await rechunkSearchIndex({ dir: output, cacheDir: cache, targetBytes });
  } catch (error) {
    logger.warn(`kept pagefind's own index chunks: could not cut them smaller (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/** Lets pagefind's script ungzip natively; when it cannot be changed, search still works as pagefind wrote it. */
async function decompressNatively(output: string, logger: AstroIntegrationLogger): Promise<void> {
  try {
    await patchPagefindScript(output);
  } catch (error) {
    logger.warn(`kept pagefind's script as it is: could not let it decompress natively (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Works out common words' first results; when that fails, pagefind answers them as it does any other query. */
async function commonWordResults(options: CommonWordResultsOptions, logger: AstroIntegrationLogger): Promise<CommonWordResultsWritten | undefined> {
  try {
    return await writeCommonWordResultsFiles(options);
  } catch (error) {
    logger.warn(`common words are left to pagefind: could not work out their first results (${error instanceof Error ? error.message : String(error)})`);
    await writeEmptyCommonWordIndex(options.siteDir);
    return undefined;
  }
}

/** What the cached files depend on besides their content: pagefind's version (through the lockfile) and its options. */
async function fingerprint(root: URL | undefined, includeCharacters: string): Promise<string> {
  return contentHash(`${includeCharacters}\0${await lockfileText(root)}`);
}
