import type { AstroIntegration } from 'astro';
import { build, version as esbuildVersion, type Plugin } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serializePolicy, singleFilePolicy } from '../lib/content-security-policy.ts';
import { attribute, htmlTags } from '../lib/html-tags.ts';
import { inlineProblem, singleFilePage } from '../lib/single-file-page.ts';
import { toolDownloadPath } from '../lib/tool-download.ts';
import { SITE_TITLE } from '../site-config.ts';
import { tools } from '../tools/registry.ts';
import { sha256 } from '../data/site-policy.ts';
import { normaliseBase } from '../lib/base-path.ts';
import { keepBundle, reuseBundle } from './bundle-cache.ts';
import { contentHash } from '../lib/content-hash.ts';
import { codeFingerprint } from './passed-files.ts';

/**
 * Replaces the tool registry, for one bundle, by a registry of one tool that is imported
 * eagerly: the file then holds that tool's code and no other, with no chunk to load later.
 */
function oneToolRegistry(tool: { id: string; title: string; summary: string }, toolsDir: string): Plugin {
  return {
    name: 'fieldnotes-one-tool-registry',
    setup(esbuild) {
      esbuild.onResolve({ filter: /(?:^|\/)registry(?:\.ts)?$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`);
        return resolved === path.join(toolsDir, 'registry.ts') ? { path: 'registry', namespace: 'fieldnotes-one-tool' } : undefined;
      });
      esbuild.onLoad({ filter: /.*/, namespace: 'fieldnotes-one-tool' }, () => ({
        resolveDir: toolsDir,
        loader: 'js',
        contents: [
          `import * as module from ${JSON.stringify(path.join(toolsDir, `${tool.id}.ts`))};`,
          // A tool module exports its definition under a name of its own; find it by its id.
          `const definition = Object.values(module).find((v) => v && typeof v === 'object' && v.id === ${JSON.stringify(tool.id)} && typeof v.run === 'function');`,
          `if (!definition) throw new Error(${JSON.stringify(`src/tools/${tool.id}.ts exports no tool with id ${tool.id}`)});`,
          `export const tools = [{ id: ${JSON.stringify(tool.id)}, title: ${JSON.stringify(tool.title)}, summary: ${JSON.stringify(tool.summary)}, load: async () => definition }];`,
          'export const toolIds = tools.map((t) => t.id);',
          'export function findTool(id) { return tools.find((t) => t.id === id); }',
        ].join('\n'),
      }));
    },
  };
}

async function bundleTool(tool: { id: string; title: string; summary: string }, srcDir: string): Promise<{ js: string; inputs: string[] }> {
  const shell = path.join(srcDir, 'client', 'fn-tool.ts');
  const entry = `single-file-${tool.id}.ts`;
  const theme = path.join(srcDir, 'client', 'theme-preference.ts');
  const result = await build({
    stdin: {
      contents: `import ${JSON.stringify(shell)};\nimport { applyPreference, readPreference } from ${JSON.stringify(theme)};\napplyPreference(readPreference());\n`,
      resolveDir: srcDir,
      sourcefile: entry,
      loader: 'ts',
    },
    bundle: true,
    // One classic script: file:// pages cannot load module chunks, and dynamic imports
    // (fflate for zips, lazily loaded parsers) are folded into the bundle.
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // No module worker can start from file://: with no import.meta.url the shell runs the
    // tool on the main thread (see getWorker in client/fn-tool.ts).
    define: { 'import.meta.url': 'undefined', 'import.meta.env.PROD': 'true', 'import.meta.env.DEV': 'false' },
    plugins: [oneToolRegistry(tool, path.join(srcDir, 'tools'))],
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error(`esbuild wrote no bundle for the ${tool.id} tool`);
  // The entry is written above, not read from a file: it is not an input to hash.
  const inputs = Object.keys(result.metafile.inputs).filter((input) => path.resolve(input) !== path.join(srcDir, entry));
  return { js: js.trim(), inputs };
}

/**
 * The tool's bundle: the last build's when neither this code (`codeKey`), esbuild nor any file
 * the bundle was made from changed (bundle-cache.ts), else a new one. Without a cache folder
 * or a readable source tree (no `codeKey`), always a new one.
 */
async function toolBundle(
  tool: { id: string; title: string; summary: string },
  srcDir: string,
  cacheDir: string | undefined,
  codeKey: string | undefined,
): Promise<{ js: string; reused: boolean }> {
  const key = codeKey && `${codeKey}:${contentHash(JSON.stringify(tool))}`;
  const file = cacheDir && path.join(cacheDir, 'fieldnotes', 'single-file-tools', `${tool.id}.json`);
  if (file && key) {
    const js = await reuseBundle(file, key);
    if (js !== undefined) return { js, reused: true };
  }
  const bundle = await bundleTool(tool, srcDir);
  if (file && key) await keepBundle(file, key, bundle.js, bundle.inputs, process.cwd());
  return { js: bundle.js, reused: false };
}

/**
 * Writes each tool as one self-contained HTML file beside its page
 * (`tools/<id>/fieldnotes-<id>.html`, lib/tool-download.ts): the tool shell, the tool, its
 * libraries and the site's stylesheet, inlined, under a policy that lets the file load
 * nothing. Saved to disk it works offline from file://, e.g. on an air-gapped machine.
 * Runs after the site's policy is written (the file carries its own) and before the origin
 * check and the service worker, which see it like any other built file.
 */
export function singleFileTools(): AstroIntegration {
  let srcDir = '';
  let base = '/';
  let cacheDir: string | undefined;
  return {
    name: 'fieldnotes:single-file-tools',
    hooks: {
      'astro:config:done': ({ config }) => {
        srcDir = fileURLToPath(config.srcDir);
        base = normaliseBase(config.base);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const written: string[] = [];
        let reused = 0;
        // One fingerprint of the bundling code (followed through its imports) for every tool.
        const codeKey = cacheDir ? await codeFingerprint(new URL(import.meta.url), [esbuildVersion, srcDir]) : undefined;
        for (const tool of tools) {
          const page = await readFile(path.join(outDir, 'tools', tool.id, 'index.html'), 'utf8');
          // The page's own stylesheets, so the file looks like the page.
          const sheets = htmlTags(page)
            .filter((t) => t.name === 'link' && (attribute(t, 'rel') ?? '').split(/\s+/).includes('stylesheet'))
            .map((t) => attribute(t, 'href') ?? '')
            .map((href) => (href.startsWith(base) ? href.slice(base.length) : href.replace(/^\//, '')));
          const css = (await Promise.all(sheets.map((sheet) => readFile(path.join(outDir, sheet), 'utf8')))).join('\n').trim();
          const bundle = await toolBundle(tool, srcDir, cacheDir, codeKey);
          const js = bundle.js;
          if (bundle.reused) reused++;
          const problem = inlineProblem('script', js) ?? inlineProblem('style', css);
          if (problem) throw new Error(`The single-file ${tool.id} tool cannot be written: ${problem}.`);
          const policy = serializePolicy(singleFilePolicy({ scriptHashes: [sha256(js)], styleHashes: [sha256(css)] }), 'meta');
          const html = singleFilePage({ toolId: tool.id, title: tool.title, summary: tool.summary, siteTitle: SITE_TITLE, policy, css, js });
          const target = path.join(outDir, toolDownloadPath(tool.id));
          await mkdir(path.dirname(target), { recursive: true });
          await writeFile(target, html);
          written.push(`${tool.id} (${Math.round(Buffer.byteLength(html) / 1024)} KiB)`);
        }
        logger.info(`single-file tools: ${written.join(', ')}` + (reused > 0 ? `; ${reused} of ${tools.length} bundles unchanged since the last build` : ''));
      },
    },
  };
}
