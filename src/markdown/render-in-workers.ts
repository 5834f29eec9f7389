import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Loader, LoaderContext } from 'astro/loaders';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';
import { normaliseBase } from '../lib/base-path.ts';
import { pluginOptionsOf, type RenderReply, type RenderRequest, type RenderWorkerData, type SharedRenderConfig } from './render-protocol.ts';
import { withMarkdownRenderFunctions, type ContextWithEntryTypes, type RenderFunction } from './markdown-entry-types.ts';

/**
 * Astro's content loader renders every Markdown file on the one thread that also validates,
 * stores and later renders the routes; on a large site that is most of the build. This
 * wraps a loader (the glob loader) so its Markdown renders run on worker threads instead,
 * each with the same processor (render-worker.ts); the loader itself is unchanged: ids,
 * digests and the cache, front matter, schema errors and dev's file watching stay Astro's.
 *
 * Falls back to rendering in the loader's thread, as Astro does, when there is one CPU,
 * when Astro's loader context has no entry types (a future Astro), when an entry cannot be
 * sent to a thread, or when a thread dies; nothing is lost either way.
 */
export interface RenderInWorkersOptions {
  /**
   * Render threads. Default: FIELDNOTES_RENDER_THREADS, else one per CPU
   * (os.availableParallelism()) when there are two or more. 0 renders in the loader's thread.
   */
  threads?: number;
}

export function threadsFromEnv(env: Record<string, string | undefined> = process.env, cpus = availableParallelism()): number {
  const raw = env['FIELDNOTES_RENDER_THREADS'];
  if (raw === undefined || raw.trim() === '') return cpus >= 2 ? cpus : 0;
  const threads = Number(raw);
  if (!Number.isInteger(threads) || threads < 0) {
    throw new Error(`FIELDNOTES_RENDER_THREADS must be a whole number (0 renders in the main thread), got "${raw}"`);
  }
  return threads;
}

export function renderInWorkers(loader: Loader, options: RenderInWorkersOptions = {}): Loader {
  return {
    ...loader,
    async load(context: ContextWithEntryTypes) {
      const threads = options.threads ?? threadsFromEnv();
      if (threads < 1) return loader.load(context);
      const pool = new RenderPool(context, threads);
      const wrapped = withMarkdownRenderFunctions(context, (inThread) => async (config) => pool.renderFunction(() => inThread(config)));
      if (!wrapped) return loader.load(context);
      try {
        await loader.load({ ...context, entryTypes: wrapped } as LoaderContext);
      } finally {
        // Dev's watcher renders single files later, in this thread (see renderFunction).
        await pool.close();
      }
    },
  };
}

interface Pending {
  request: RenderRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * When the store already holds entries (a rebuild, or dev's start), most files are reused and
 * only the edited ones render: this many render in the loader's thread before the threads
 * start, since starting them (bundling the worker, loading shiki in each) costs more than a
 * few renders.
 */
export const RENDERS_BEFORE_THREADS_ON_REBUILD = 16;

class RenderPool {
  readonly #context: LoaderContext;
  readonly #size: number;
  readonly #inThreadFirst: number;
  #requests = 0;
  #threads: Promise<Thread[]> | undefined;
  #closed = false;
  #inThread: Promise<RenderFunction> | undefined;
  #startInThread: (() => Promise<RenderFunction>) | undefined;

  constructor(context: LoaderContext, size: number) {
    this.#context = context;
    this.#size = size;
    this.#inThreadFirst = [...context.store.keys()].length > 0 ? RENDERS_BEFORE_THREADS_ON_REBUILD : 0;
  }

  /** What the wrapped entry type's getRenderFunction returns. */
  renderFunction(startInThread: () => Promise<RenderFunction>): RenderFunction {
    this.#startInThread = startInThread;
    return async (entry) => {
      const seq = ++this.#requests;
      if (this.#closed || seq <= this.#inThreadFirst) return this.#renderInThread(entry);
      const request: RenderRequest = { seq, body: entry.body ?? '', frontmatter: entry.data, filePath: entry.filePath };
      return this.#dispatch(request).catch((error: unknown) => {
        if (error instanceof ThreadUnavailable) return this.#renderInThread(entry);
        throw error;
      });
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const threads = await this.#threads?.catch(() => []);
    await Promise.all((threads ?? []).map(({ worker }) => worker.terminate()));
  }

  async #renderInThread(entry: Parameters<RenderFunction>[0]): Promise<unknown> {
    if (!this.#startInThread) throw new Error('renderFunction() was never called');
    this.#inThread ??= this.#startInThread();
    return (await this.#inThread)(entry);
  }

  async #dispatch(request: RenderRequest): Promise<unknown> {
    this.#threads ??= this.#start().catch((error: unknown) => {
      this.#context.logger.warn(`Markdown render threads could not start (${error instanceof Error ? error.message : String(error)}); rendering in the main thread.`);
      return [];
    });
    const threads = await this.#threads;
    const live = threads.filter((thread) => thread.worker.threadId !== -1);
    if (live.length === 0) throw new ThreadUnavailable();
    // The thread with the fewest renders in flight; the glob loader keeps ten in flight.
    const thread = live.reduce((least, next) => (next.pending.size < least.pending.size ? next : least));
    return new Promise((resolve, reject) => {
      try {
        thread.worker.postMessage(request);
      } catch {
        // Front matter that structured cloning refuses (none that YAML makes).
        reject(new ThreadUnavailable());
        return;
      }
      thread.pending.set(request.seq, { request, resolve, reject });
    });
  }

  async #start(): Promise<Thread[]> {
    const { config, logger } = this.#context;
    const script = await bundleWorker(config.root, config.srcDir);
    const plugins = pluginOptionsOf(config.markdown.processor) ?? { base: normaliseBase(config.base) };
    const workerData: RenderWorkerData = { plugins, shared: sharedRenderConfig(config) };
    logger.info(`rendering Markdown on ${this.#size} thread${this.#size === 1 ? '' : 's'}`);
    return Array.from({ length: this.#size }, () => {
      const thread: Thread = { worker: new Worker(script, { workerData }), pending: new Map() };
      thread.worker.on('message', (reply: RenderReply) => {
        const pending = thread.pending.get(reply.seq);
        if (!pending) return;
        thread.pending.delete(reply.seq);
        if ('error' in reply) pending.reject(new Error(reply.error));
        else pending.resolve({ html: reply.html, metadata: reply.metadata });
      });
      // A thread that dies hands its renders back to the loader's thread.
      const fail = (reason: string) => {
        if (thread.pending.size > 0 && !this.#closed) logger.warn(`a Markdown render thread stopped (${reason}); its ${thread.pending.size} files render in the main thread`);
        for (const pending of thread.pending.values()) pending.reject(new ThreadUnavailable());
        thread.pending.clear();
      };
      thread.worker.on('error', (error) => fail(error.message));
      thread.worker.on('exit', (code) => fail(`exit code ${code}`));
      return thread;
    });
  }
}

class ThreadUnavailable extends Error {}

/** The config Astro passes to createRenderer, minus what cannot cross threads. */
function sharedRenderConfig(config: LoaderContext['config']): SharedRenderConfig {
  const { transformers: _functions, ...shikiConfig } = config.markdown.shikiConfig;
  return {
    image: structuredClone(config.image),
    syntaxHighlight: config.markdown.syntaxHighlight,
    shikiConfig,
    gfm: config.markdown.gfm,
    smartypants: config.markdown.smartypants,
  };
}

/**
 * The worker is TypeScript importing TypeScript, which Node cannot start as is: esbuild
 * bundles our modules (packages stay imports) into a folder under node_modules/.cache, named
 * by the hash of what it wrote, so that builds running side by side never write the files
 * another one runs. The bundle is split: the entry installs its load hook and then imports
 * the renderer's chunk (render-worker.ts); one file would import every package before the hook.
 */
async function bundleWorker(root: URL, srcDir: URL): Promise<URL> {
  const { build } = await import('esbuild');
  const outdir = path.join(fileURLToPath(new URL('node_modules/.cache/fieldnotes/', root)), 'markdown-render-worker');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('markdown/render-worker.ts', srcDir))],
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    write: false,
    logLevel: 'silent',
  });
  const files = result.outputFiles.map((file) => ({ name: path.relative(outdir, file.path), contents: file.contents }));
  const entryFile = files.find(({ name }) => name === 'render-worker.mjs');
  if (!entryFile) throw new Error('esbuild wrote no worker');
  const hash = createHash('sha256');
  for (const { name, contents } of files.sort((a, b) => (a.name < b.name ? -1 : 1))) hash.update(name).update(contents);
  const folder = `${outdir}-${hash.digest('hex').slice(0, 16)}`;
  const entry = path.join(folder, entryFile.name);
  // The entry goes last: once it is there, so is everything it imports.
  if (!existsSync(entry)) {
    await Promise.all(files.filter((file) => file !== entryFile).map(({ name, contents }) => writeFileAtomically(path.join(folder, name), contents)));
    await writeFileAtomically(entry, entryFile.contents);
  }
  return pathToFileURL(entry);
}
