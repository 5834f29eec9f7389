import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What Astro's own emptying of the output folder keeps, and so does this. */
const KEEP = new Set(['.git']);

/** The folder beside `outDir` that its old entries move into: hidden, and named for this process. */
export function trashFolder(outDir: string, pid = process.pid): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-old-${pid}`);
}

/**
 * Moves every entry of `outDir` (but .git) into a trash folder beside it, one rename each, and
 * returns the folders to delete: that one and those left by builds that stopped before theirs
 * was gone. Moves nothing when the folder does not exist; stops at the first entry that
 * cannot move (another file system, permissions) and leaves the rest to Astro.
 */
export async function moveAside(outDir: string, logger?: AstroIntegrationLogger): Promise<string[]> {
  const parent = path.dirname(outDir);
  const prefix = `.${path.basename(outDir)}-old-`;
  const trash = trashFolder(outDir);
  const leftovers = (await readdir(parent).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).map((name) => path.join(parent, name));
  let entries: string[];
  try {
    entries = (await readdir(outDir)).filter((name) => !KEEP.has(name));
  } catch {
    entries = [];
  }
  if (entries.length > 0) {
    try {
      await mkdir(trash);
      for (const name of entries) await rename(path.join(outDir, name), path.join(trash, name));
    } catch (error) {
      logger?.debug(`left the output folder for Astro to empty: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return [...new Set([...leftovers, trash])];
}

/**
 * Deletes `folders` and everything in them. On POSIX systems a separate `rm -rf` does it:
 * thousands of unlinks queued on Node's own thread pool would delay the build's file reads
 * and copies behind them. Elsewhere, or if `rm` cannot run, Node's fs.rm.
 */
export function deleteFolders(folders: readonly string[]): Promise<void> {
  const withNode = () => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))).then(() => undefined);
  if (process.platform === 'win32' || folders.length === 0) return withNode();
  return new Promise<void>((resolve, reject) => {
    const child = spawn('rm', ['-rf', '--', ...folders], { stdio: 'ignore' });
    child.on('error', () => withNode().then(resolve, reject));
    child.on('exit', (code) => (code === 0 ? resolve() : withNode().then(resolve, reject)));
  });
}

/**
 * Astro empties the output folder at the start of every build, file by file, while nothing
 * else runs: 0.4 s on a 1,000-page site, seconds on larger ones. This empties it first by
 * moving its entries aside, and deletes them while Vite bundles and the pages render; the
 * build waits for the deletion at its end. Off when the site sets vite.build.emptyOutDir to
 * false, as Astro's own emptying is.
 */
export function clearOutputEarly(): AstroIntegration {
  let outDir: string | undefined;
  let deleting: Promise<void> | undefined;
  return {
    name: 'fieldnotes:clear-output-early',
    hooks: {
      'astro:config:done': ({ config }) => {
        const out = fileURLToPath(config.outDir);
        // Never a folder that holds the project's own (an output folder set to the root).
        const holdsProject = [config.root, config.srcDir, config.publicDir].some((dir) => !path.relative(out, fileURLToPath(dir)).startsWith('..'));
        outDir = config.vite?.build?.emptyOutDir === false || holdsProject ? undefined : out;
      },
      'astro:build:start': async ({ logger }) => {
        if (!outDir) return;
        // The renames are done before Astro empties the folder; the deletion is not awaited.
        const folders = await moveAside(outDir, logger);
        deleting = deleteFolders(folders);
        deleting.catch(() => undefined);
      },
      'astro:build:done': async ({ logger }) => {
        try {
          await deleting;
        } catch (error) {
          logger.warn(`could not delete the last build's files: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    },
  };
}
