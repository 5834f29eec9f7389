import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownConfigDefaults, parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { markdownProcessor } from './plugins.ts';
import { RENDERS_BEFORE_THREADS_ON_REBUILD, renderInWorkers, threadsFromEnv } from './render-in-workers.ts';

const repo = resolve('.');
const contentDir = join(repo, 'content');

/** The processor astro.config.mjs sets (without the highlighted-code cache), and the Markdown config around it. */
const processor = markdownProcessor({ base: '/', contentDir });
const markdownConfig = { ...markdownConfigDefaults, syntaxHighlight: false, processor };

/** What Astro's Markdown entry type does in the loader's thread (content-entry-type.js). */
async function renderInThisThread() {
  const renderer = await processor.createRenderer(markdownConfig as never);
  return async (entry: { data: Record<string, unknown>; body?: string; filePath?: string }) => {
    const result = await renderer.render(entry.body ?? '', { frontmatter: entry.data, ...(entry.filePath ? { fileURL: pathToFileURL(entry.filePath) } : {}) });
    return { html: result.code, metadata: { ...result.metadata, imagePaths: result.metadata.localImagePaths.concat(result.metadata.remoteImagePaths) } };
  };
}

interface Entry {
  id: string;
  data: Record<string, unknown>;
  body: string;
  filePath: string;
}

function entriesOf(files: Record<string, string>): Entry[] {
  return Object.entries(files).map(([name, text]) => {
    const { frontmatter, content } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
    return { id: name, data: frontmatter, body: content, filePath: join(contentDir, name) };
  });
}

/**
 * Runs renderInWorkers around a loader that renders `entries` the way the glob loader does
 * (through context.entryTypes), and reports what came out and what the wrapper logged.
 */
async function loadThrough(entries: Entry[], { threads, srcDir = join(repo, 'src'), stored = [] }: { threads: number; srcDir?: string; stored?: string[] }) {
  let inThreadCalls = 0;
  const logged: string[] = [];
  const results = new Map<string, unknown>();
  const markdownType = {
    extensions: ['.md'],
    getRenderFunction: async () => {
      const render = await renderInThisThread();
      return (entry: Entry) => {
        inThreadCalls += 1;
        return render(entry);
      };
    },
  };
  const inner: Loader = {
    name: 'test-loader',
    load: async (context) => {
      const type = (context as unknown as { entryTypes: Map<string, typeof markdownType> }).entryTypes.get('.md')!;
      const render = await type.getRenderFunction();
      await Promise.all(
        entries.map(async (entry) => {
          try {
            results.set(entry.id, await render(entry));
          } catch (error) {
            results.set(entry.id, { error: (error as Error).message });
          }
        }),
      );
    },
  };
  const log = (message: string) => logged.push(message);
  const context = {
    config: {
      root: pathToFileURL(`${repo}/`),
      srcDir: pathToFileURL(`${srcDir}/`),
      base: '/',
      image: {},
      markdown: markdownConfig,
    },
    logger: { info: log, warn: log, error: log, debug: log },
    store: { keys: () => stored },
    entryTypes: new Map([['.md', markdownType]]),
  } as unknown as LoaderContext;
  await renderInWorkers(inner, { threads }).load(context);
  return { results, inThreadCalls, logged };
}

const guides = Object.fromEntries(
  readdirSync(contentDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => [name, readFileSync(join(contentDir, name), 'utf8')]),
);

describe('renderInWorkers', () => {
  it('renders every guide on two threads exactly as the loader thread renders it', async () => {
    const entries = entriesOf(guides);
    expect(entries.length).toBeGreaterThan(3);
    const pooled = await loadThrough(entries, { threads: 2 });
    expect(pooled.logged).toContain('rendering Markdown on 2 threads');
    expect(pooled.inThreadCalls).toBe(0);
    const render = await renderInThisThread();
    for (const entry of entries) {
      const expected = await render(entry);
      expect(pooled.results.get(entry.id), entry.id).toEqual(expected);
    }
    // Not vacuous: the guides carry code, tools and derived front matter.
    const html = entries.map((entry) => (pooled.results.get(entry.id) as { html: string }).html).join('');
    expect(html).toContain('class="copy-code"');
    expect(html).toContain('data-tool=');
  });

  it("passes a plugin's error back as the loader thread would throw it", async () => {
    const entries = entriesOf({ 'bad.md': '# Bad\n\nText.\n\n::no-such-tool\n' });
    const pooled = await loadThrough(entries, { threads: 1 });
    const inThread = await loadThrough(entries, { threads: 0 });
    expect(inThread.inThreadCalls).toBe(1);
    expect(pooled.inThreadCalls).toBe(0);
    const error = (pooled.results.get('bad.md') as { error: string }).error;
    expect(error).toMatch(/no-such-tool/);
    expect(pooled.results.get('bad.md')).toEqual(inThread.results.get('bad.md'));
  });

  it('renders in the loader thread, with a warning, when the threads cannot start', async () => {
    const entries = entriesOf({ 'a.md': '# A\n\n```yaml\nkey: value\n```\n' });
    const pooled = await loadThrough(entries, { threads: 2, srcDir: join(repo, 'no-such-src') });
    expect(pooled.logged.some((line) => /could not start/.test(line))).toBe(true);
    expect(pooled.inThreadCalls).toBe(1);
    const render = await renderInThisThread();
    expect(pooled.results.get('a.md')).toEqual(await render(entries[0]!));
  });
});

describe('renderInWorkers on a rebuild (entries already stored)', () => {
  const small = (count: number) =>
    entriesOf(Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}.md`, `# Page ${i}\n\nText ${i}.\n`])));

  it('renders a few edited files in the loader thread, starting no threads', async () => {
    const result = await loadThrough(small(3), { threads: 2, stored: ['old'] });
    expect(result.inThreadCalls).toBe(3);
    expect(result.logged.filter((line) => line.startsWith('rendering Markdown on'))).toEqual([]);
  });

  it(`starts the threads once more than ${RENDERS_BEFORE_THREADS_ON_REBUILD} files need rendering`, async () => {
    const entries = small(RENDERS_BEFORE_THREADS_ON_REBUILD + 4);
    const result = await loadThrough(entries, { threads: 2, stored: ['old'] });
    expect(result.inThreadCalls).toBe(RENDERS_BEFORE_THREADS_ON_REBUILD);
    expect(result.logged).toContain('rendering Markdown on 2 threads');
    const render = await renderInThisThread();
    for (const entry of entries) expect(result.results.get(entry.id), entry.id).toEqual(await render(entry));
  });
});

describe('threadsFromEnv', () => {
  it('defaults to one thread per CPU, and none on one CPU', () => {
    expect(threadsFromEnv({}, 4)).toBe(4);
    expect(threadsFromEnv({ FIELDNOTES_RENDER_THREADS: '' }, 2)).toBe(2);
    expect(threadsFromEnv({}, 1)).toBe(0);
  });

  it('takes FIELDNOTES_RENDER_THREADS and refuses what is not a whole number', () => {
    expect(threadsFromEnv({ FIELDNOTES_RENDER_THREADS: '3' }, 2)).toBe(3);
    expect(threadsFromEnv({ FIELDNOTES_RENDER_THREADS: '0' }, 8)).toBe(0);
    expect(() => threadsFromEnv({ FIELDNOTES_RENDER_THREADS: 'two' }, 2)).toThrow(/FIELDNOTES_RENDER_THREADS must be a whole number.*"two"/);
    expect(() => threadsFromEnv({ FIELDNOTES_RENDER_THREADS: '-1' }, 2)).toThrow(/whole number/);
  });
});
