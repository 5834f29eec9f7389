import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import {
  HTML_FILE_KEY,
  keepRenderedHtmlInFiles,
  moveHtmlToFile,
  readRenderedHtml,
  renderedHtmlDir,
  renderedHtmlFileName,
} from './rendered-html-files.ts';

const HTML = '<h2 id="über">Über “quotes”</h2>\n<p>Ein Absatz.</p>';

describe('moveHtmlToFile and readRenderedHtml', () => {
  it('moves the HTML to a file named in the metadata, and reads the same text back', async () => {
    const dir = await tempFolder();
    const moved = await moveHtmlToFile(dir, 'posts', { html: HTML, metadata: { headings: [{ depth: 2, slug: 'über', text: 'Über' }] } });
    expect(moved.html).toBe('');
    expect(moved.metadata?.['headings']).toEqual([{ depth: 2, slug: 'über', text: 'Über' }]);
    const name = moved.metadata?.[HTML_FILE_KEY];
    expect(name).toBe(renderedHtmlFileName('posts', HTML));
    expect(readRenderedHtml(dir, { id: 'a', rendered: moved })).toBe(HTML);
    // Only the file itself: no temporary file is left behind.
    expect(readdirSync(path.join(dir, 'posts'))).toEqual([path.basename(String(name))]);
  });

  it('names equal HTML alike and different HTML or collections apart', () => {
    expect(renderedHtmlFileName('posts', HTML)).toBe(renderedHtmlFileName('posts', `${HTML}`));
    expect(renderedHtmlFileName('posts', HTML)).not.toBe(renderedHtmlFileName('posts', `${HTML} `));
    expect(renderedHtmlFileName('notes', HTML)).toMatch(/^notes\/[\w-]{32}\.html$/);
  });

  it('reads an entry stored with its HTML inside (no file name) from the store', async () => {
    expect(readRenderedHtml(await tempFolder(), { id: 'a', rendered: { html: HTML, metadata: {} } })).toBe(HTML);
  });

  it('names the Markdown file and the way out when the HTML file is gone', async () => {
    const dir = await tempFolder();
    const moved = await moveHtmlToFile(dir, 'posts', { html: HTML });
    rmSync(path.join(dir, 'posts'), { recursive: true });
    expect(() => readRenderedHtml(dir, { id: 'guide', filePath: 'content/guide.md', rendered: moved })).toThrow(
      /^content\/guide\.md: its rendered HTML is missing from the build cache .*Build again/,
    );
  });

  it('keeps dev and build apart inside the cache folder', async () => {
    const cache = pathToFileURL(`${await tempFolder()}/`);
    expect(renderedHtmlDir(cache, 'dev')).not.toBe(renderedHtmlDir(cache, 'build'));
    expect(renderedHtmlDir(cache, 'build').startsWith(path.join(cache.pathname))).toBe(true);
  });
});

interface FakeEntry {
  id: string;
  digest: string;
  rendered?: { html: string; metadata?: Record<string, unknown> } | undefined;
}

/**
 * Runs keepRenderedHtmlInFiles around a loader that, like the glob loader, renders each
 * file whose id is not stored with the same digest (through context.entryTypes) and stores it.
 */
async function load(cache: string, store: Map<string, FakeEntry>, files: Record<string, string>, { entryTypes = true } = {}) {
  const rendered: string[] = [];
  const markdownType = {
    getRenderFunction: async () => async (entry: { id: string; body?: string }) => {
      rendered.push(entry.id);
      return { html: `<p>${entry.body}</p>`, metadata: { headings: [] } };
    },
  };
  const inner: Loader = {
    name: 'test-loader',
    load: async (context) => {
      const types = (context as unknown as { entryTypes?: Map<string, typeof markdownType> }).entryTypes;
      const render = await (types?.get('.md') ?? markdownType).getRenderFunction();
      for (const [id, body] of Object.entries(files)) {
        if (store.get(id)?.digest === body) continue;
        store.set(id, { id, digest: body, rendered: (await render({ id, body })) as FakeEntry['rendered'] });
      }
      for (const id of [...store.keys()]) if (!(id in files)) store.delete(id);
    },
  };
  const context = {
    collection: 'posts',
    config: { cacheDir: pathToFileURL(`${cache}/`) },
    store: { values: () => store.values(), keys: () => store.keys(), delete: (id: string) => store.delete(id) },
    ...(entryTypes ? { entryTypes: new Map([['.md', markdownType]]) } : {}),
  } as unknown as LoaderContext;
  await keepRenderedHtmlInFiles(inner).load(context);
  return { rendered, dir: renderedHtmlDir(pathToFileURL(`${cache}/`), 'build') };
}

describe('keepRenderedHtmlInFiles', () => {
  it('stores file names instead of HTML, and pages read the HTML back', async () => {
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    const { dir } = await load(cache, store, { a: 'first', b: 'second' });
    expect(store.get('a')?.rendered?.html).toBe('');
    expect(readRenderedHtml(dir, store.get('a')!)).toBe('<p>first</p>');
    expect(readRenderedHtml(dir, store.get('b')!)).toBe('<p>second</p>');
  });

  it('removes the files no entry names after an edit or a deletion', async () => {
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    const { dir } = await load(cache, store, { a: 'first', b: 'second', c: 'third' });
    const before = store.get('a')!.rendered!.metadata![HTML_FILE_KEY] as string;
    const { rendered } = await load(cache, store, { a: 'first, edited', b: 'second' });
    expect(rendered).toEqual(['a']);
    expect(existsSync(path.join(dir, before))).toBe(false);
    expect(readdirSync(path.join(dir, 'posts')).sort()).toEqual(
      [store.get('a'), store.get('b')].map((entry) => path.basename(entry!.rendered!.metadata![HTML_FILE_KEY] as string)).sort(),
    );
  });

  it('renders again a stored entry whose HTML file is gone, instead of failing its page later', async () => {
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    const { dir } = await load(cache, store, { a: 'first', b: 'second' });
    rmSync(path.join(dir, store.get('b')!.rendered!.metadata![HTML_FILE_KEY] as string));
    const { rendered } = await load(cache, store, { a: 'first', b: 'second' });
    expect(rendered).toEqual(['b']);
    expect(readRenderedHtml(dir, store.get('b')!)).toBe('<p>second</p>');
  });

  it('leaves the loader as it is when Astro passes no entry types', async () => {
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    await load(cache, store, { a: 'first' }, { entryTypes: false });
    expect(store.get('a')?.rendered?.html).toBe('<p>first</p>');
    expect(existsSync(path.join(cache, 'fieldnotes'))).toBe(false);
  });
});
