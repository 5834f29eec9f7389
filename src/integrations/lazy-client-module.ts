import { build } from 'esbuild';
import path from 'node:path';
import type { Plugin } from 'vite';
import { contentHash } from '../lib/content-hash.ts';

export interface LazyClientModuleOptions {
  /** What the page script imports for the module's URL, e.g. "virtual:fieldnotes/search-session". */
  id: string;
  /** The module's source, relative to the project root. */
  entry: string;
  /** The file's name in the output, before its content hash: `_astro/<name>.<hash>.js`. */
  name: string;
}

/**
 * A module a page script loads on first use, by URL: `import url from '<id>'` gives
 * `<base>_astro/<name>.<hash>.js`, and `import(url)` loads it.
 *
 * Why not Vite's own `import('./module')`: Vite wraps every analysable dynamic import in its
 * preload helper, a chunk of its own (0.9 KB gzip) that every page would then load before
 * any search, over the page-weight budget. Here esbuild bundles the module by itself (it
 * shares no code with the page script) and the build writes it with a content hash, so the
 * service worker precaches it like Vite's files. In development the URL is the source's,
 * which Vite's dev server transforms as usual.
 */
export function lazyClientModule(options: LazyClientModuleOptions): Plugin {
  const resolvedId = `\0${options.id}`;
  let root = process.cwd();
  let base = '/';
  let serving = false;
  return {
    name: `fieldnotes:lazy-client-module:${options.name}`,
    configResolved(config) {
      root = config.root;
      base = config.base;
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === options.id ? resolvedId : undefined;
    },
    async load(id) {
      if (id !== resolvedId) return undefined;
      if (serving) return `export default ${JSON.stringify(`${base}${options.entry}`)};`;
      const entry = path.join(root, options.entry);
      const bundled = await build({
        entryPoints: [entry],
        absWorkingDir: root, // the metafile's inputs are relative to it
        bundle: true,
        write: false,
        format: 'esm',
        minify: true,
        target: 'es2022',
        legalComments: 'none',
        metafile: true,
      });
      // A change to any of its sources rebuilds the page script that names it.
      for (const input of Object.keys(bundled.metafile.inputs)) this.addWatchFile(path.resolve(root, input));
      const code = bundled.outputFiles[0]?.text ?? '';
      const hash = contentHash(code).slice(0, 8);
      const fileName = `_astro/${options.name}.${hash}.js`;
      this.emitFile({ type: 'asset', fileName, source: code });
      return `export default ${JSON.stringify(`${base}${fileName}`)};`;
    },
  };
}
