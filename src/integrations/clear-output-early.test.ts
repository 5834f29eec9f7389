import type { AstroConfig, AstroIntegration, AstroIntegrationLogger } from 'astro';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { clearOutputEarly, deleteFolders, moveAside, trashFolder } from './clear-output-early.ts';

describe('moveAside', () => {
  it('moves every entry but .git into a trash folder beside the output, and names old trash too', async () => {
    const root = await tempFolder({ 'dist/index.html': 'home', 'dist/a/index.html': 'a', 'dist/.git/HEAD': 'ref', '.dist-old-1/x.html': 'stale' });
    const outDir = path.join(root, 'dist');
    const folders = await moveAside(outDir);
    expect(readdirSync(outDir)).toEqual(['.git']);
    expect(readdirSync(trashFolder(outDir)).sort()).toEqual(['a', 'index.html']);
    expect(folders.sort()).toEqual([path.join(root, '.dist-old-1'), trashFolder(outDir)].sort());
  });

  it('moves nothing when the output folder is missing or empty', async () => {
    const root = await tempFolder();
    expect(await moveAside(path.join(root, 'dist'))).toEqual([trashFolder(path.join(root, 'dist'))]);
    await mkdir(path.join(root, 'dist'));
    await moveAside(path.join(root, 'dist'));
    expect(existsSync(trashFolder(path.join(root, 'dist')))).toBe(false);
  });
});

describe('deleteFolders', () => {
  it('deletes nested folders and ignores ones that do not exist', async () => {
    const root = await tempFolder({ 'a/b/c.html': 'c', 'a/d.html': 'd', 'e/f.html': 'f', 'keep.html': 'k' });
    await deleteFolders([path.join(root, 'a'), path.join(root, 'e'), path.join(root, 'missing')]);
    expect(readdirSync(root)).toEqual(['keep.html']);
  });
});

describe('clearOutputEarly, hook by hook', () => {
  // The hooks as Astro calls them, with Astro's own part played by hand: emptying the folder
  // and writing (or, for a page found in place, not writing) each page.
  type Hooks = Required<AstroIntegration['hooks']>;
  const call = async <K extends keyof Hooks>(integration: AstroIntegration, hook: K, params: unknown) =>
    (integration.hooks[hook] as unknown as (p: unknown) => Promise<void> | void)(params);

  it('puts back the pages of the last build, removes one no longer built, and deletes the rest on every build of the process', async () => {
    const root = await tempFolder({ 'project/src/x.ts': '', 'cache/incremental-build.json': '{"routes":{}}' });
    const outDir = path.join(root, 'out');
    const config = {
      root: pathToFileURL(path.join(root, 'project/')),
      srcDir: pathToFileURL(path.join(root, 'project/src/')),
      publicDir: pathToFileURL(path.join(root, 'project/public/')),
      outDir: pathToFileURL(`${outDir}/`),
      cacheDir: pathToFileURL(path.join(root, 'cache/')),
      experimental: { incrementalBuild: true },
    } as unknown as AstroConfig;
    const logger = { info: vi.fn(), warn: vi.fn(), debug: vi.fn() } as unknown as AstroIntegrationLogger;
    const { first, last } = clearOutputEarly();
    await call(first, 'astro:config:done', { config, logger });

    const build = async (astroWrites: Record<string, string>, built: string[]) => {
      await call(first, 'astro:build:start', { logger });
      expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]); // what Astro's own emptying would find
      await call(first, 'astro:build:setup', { logger });
      for (const [page, html] of Object.entries(astroWrites)) {
        await mkdir(path.dirname(path.join(outDir, page)), { recursive: true });
        await writeFile(path.join(outDir, page), html);
      }
      const assets = new Map([['/[...slug]', built.map((page) => pathToFileURL(path.join(outDir, page)))]]);
      await call(first, 'astro:build:done', { assets, logger, dir: config.outDir, pages: [] });
      await call(last, 'astro:build:done', { assets, logger, dir: config.outDir, pages: [] });
      expect(readdirSync(root).filter((name) => name.startsWith('.out-old-'))).toEqual([]);
    };

    const a = path.join('a', 'index.html');
    const b = path.join('b', 'index.html');
    await build({ [a]: 'a', [b]: 'b', '_astro/x.js': 'js' }, [a, b]);
    const inode = statSync(path.join(outDir, a)).ino;

    // Astro finds a in place and writes nothing for it; b is no longer built.
    await build({ '_astro/y.js': 'js' }, [a]);
    expect(statSync(path.join(outDir, a)).ino).toBe(inode);
    expect(readFileSync(path.join(outDir, a), 'utf8')).toBe('a');
    expect(readdirSync(outDir).sort()).toEqual(['_astro', 'a']);
    expect(readdirSync(path.join(outDir, '_astro'))).toEqual(['y.js']);
    expect(logger.info).toHaveBeenLastCalledWith('1 pages of the last build were left in place, not copied again; 1 no longer built were removed');
  });
});
