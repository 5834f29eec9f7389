import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { LINKED_FILES_KEY, linkedFilesManifestPath, listLinkedFiles, type LinkedFilesManifest } from './linked-files.ts';

interface FakeEntry {
  id: string;
  filePath: string;
  digest: string;
  rendered?: { html: string; metadata?: Record<string, unknown> } | undefined;
}

/**
 * Runs listLinkedFiles around a loader that, like the glob loader, renders each file not
 * stored with the same digest; a page's body names the files it links to, comma-separated.
 */
async function load(content: string, cache: string, store: Map<string, FakeEntry>, pages: Record<string, string>) {
  const rendered: string[] = [];
  const inner: Loader = {
    name: 'test-loader',
    load: async () => {
      for (const [id, body] of Object.entries(pages)) {
        if (store.get(id)?.digest === body) continue;
        rendered.push(id);
        const links = body.split(',').filter(Boolean);
        store.set(id, { id, filePath: `content/${id}.md`, digest: body, rendered: { html: '', metadata: { frontmatter: { [LINKED_FILES_KEY]: links } } } });
      }
    },
  };
  const context = {
    config: { cacheDir: pathToFileURL(`${cache}/`) },
    store: { values: () => store.values(), delete: (id: string) => store.delete(id) },
  } as unknown as LoaderContext;
  await listLinkedFiles(inner, content).load(context);
  const manifest = JSON.parse(await readFile(linkedFilesManifestPath(pathToFileURL(`${cache}/`)), 'utf8')) as LinkedFilesManifest;
  return { rendered, manifest };
}

describe('listLinkedFiles', () => {
  it('lists every linked file with the pages that link to it, those of reused pages included', async () => {
    const content = await tempFolder({ 'a.yaml': 'a', 'docs/b.pdf': 'b' });
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    const first = await load(content, cache, store, { one: 'a.yaml,docs/b.pdf', two: 'a.yaml', three: '' });
    expect(first.manifest).toEqual({ contentDir: path.resolve(content), files: { 'a.yaml': ['content/one.md', 'content/two.md'], 'docs/b.pdf': ['content/one.md'] } });

    // Nothing changed: nothing renders, and the list is the same.
    const second = await load(content, cache, store, { one: 'a.yaml,docs/b.pdf', two: 'a.yaml', three: '' });
    expect(second.rendered).toEqual([]);
    expect(second.manifest).toEqual(first.manifest);
  });

  it('renders again a reused page whose linked file is gone', async () => {
    const content = await tempFolder({ 'a.yaml': 'a', 'b.txt': 'b' });
    const cache = await tempFolder();
    const store = new Map<string, FakeEntry>();
    await load(content, cache, store, { one: 'a.yaml', two: 'b.txt' });
    await rm(path.join(content, 'b.txt'));
    const { rendered } = await load(content, cache, store, { one: 'a.yaml', two: 'b.txt' });
    expect(rendered).toEqual(['two']);
  });
});
