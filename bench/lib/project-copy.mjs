// Copies of the projects the bench builds, so that its builds never share a cache with the
// builds other engineers run in the checkout at the same time.
//
// Why a copy: Astro keeps per-project build state beside the project — `.astro/` (generated
// types, dev data store) and, in `astro build`, the content layer's data store
// (`data-store.json`) in `cacheDir`, which defaults to `<root>/node_modules/.astro`; Vite
// puts its dependency cache in `<root>/node_modules/.vite`. Two builds of the same root at
// once clobber each other's store, and a "clean" build would delete someone else's cache.
//
// Why node_modules is a folder of symlinks and not one symlink: a symlinked node_modules
// would put node_modules/.astro and node_modules/.vite back into the repo's node_modules,
// shared again. Linking each package keeps resolution identical (same real paths, no
// install) while the caches stay inside the copy.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Entries of the repo's node_modules that are caches, not packages: never linked. */
const CACHE_ENTRIES = new Set(['.astro', '.vite', '.cache']);

function linkNodeModules(repoRoot, dest) {
  const source = path.join(repoRoot, 'node_modules');
  if (!existsSync(source)) throw new Error(`no node_modules in ${repoRoot}: run npm ci first`);
  const target = path.join(dest, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    if (CACHE_ENTRIES.has(name)) continue;
    symlinkSync(path.join(source, name), path.join(target, name));
  }
}

/**
 * Lays out a fresh copy of the Fieldnotes project in dest: astro.config.mjs, tsconfig.json,
 * package.json (and package-lock.json, which Astro hashes into its incremental cache key),
 * src/ and public/, plus a node_modules of symlinks.
 *
 * source "worktree" (default) copies the files as they are in the checkout, uncommitted
 * changes included, so an engineer benches what they are working on; any other value is a
 * git revision (e.g. HEAD) whose committed files are exported with git archive.
 */
export function copyFieldnotes({ repoRoot, dest, source = 'worktree' }) {
  const parts = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', 'src', 'public'];
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  if (source === 'worktree') {
    for (const part of parts) {
      const from = path.join(repoRoot, part);
      if (existsSync(from)) cpSync(from, path.join(dest, part), { recursive: true });
    }
  } else {
    const present = parts.filter((part) => {
      try {
        execFileSync('git', ['cat-file', '-e', `${source}:${part}`], { cwd: repoRoot, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    });
    const tar = execFileSync('git', ['archive', '--format=tar', source, ...present], { cwd: repoRoot, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', dest], { input: tar });
  }
  linkNodeModules(repoRoot, dest);
  return dest;
}

/** A fresh copy of the bare Astro project in bench/floor/, with the same node_modules links. */
export function copyFloor({ repoRoot, dest }) {
  rmSync(dest, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'bench', 'floor'), dest, {
    recursive: true,
    filter: (from) => !/[\\/](node_modules|\.astro|dist)([\\/]|$)/.test(path.relative(repoRoot, from)),
  });
  linkNodeModules(repoRoot, dest);
  return dest;
}

/** Removes a copy's caches and an output folder, so the next build starts from nothing. */
export function cleanBuildState(root, outDir) {
  for (const dir of [path.join(root, '.astro'), path.join(root, 'node_modules', '.astro'), path.join(root, 'node_modules', '.vite'), outDir]) {
    rmSync(dir, { recursive: true, force: true });
  }
}
