import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { decodeFilter, decodeMeta, decodeWordChunk } from '../lib/pagefind-index-format.ts';
import { decodePagefindFile, writeSearchIndexThroughCache } from './search-index-cache.ts';
import { pageFileStamps, pageUrl, readSearchIndexRecord, SEARCH_INDEX_RECORD, updateSearchIndex, writeSearchIndexRecord } from './search-index-update.ts';

afterAll(() => pagefind.close());

const INCLUDE = '._-';
const FINGERPRINT = 'test-fingerprint';

interface PostOptions {
  tags?: string[];
  body?: boolean;
  meta?: string;
}

/** A built post: a nav outside the indexed element, tags as filters, an anchored heading. */
function post(title: string, text: string, { tags = [], body = true, meta = '' }: PostOptions = {}): string {
  const filters = tags.map((tag) => `<span data-pagefind-filter="tag">${tag}</span>`).join('');
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Home Tags Tools</nav><main${body ? ' data-pagefind-body' : ''}><h1>${title}</h1>${filters}${meta}<p>${text}</p><h2 id="details">Details</h2><p>Pull from registry.example.com with a .dockerconfigjson secret.</p></main></body></html>`;
}

const listing = (text: string) => `<!doctype html><html lang="en"><head><title>All posts</title></head><body><main><h1>All posts</h1><p>${text}</p></main></body></html>`;

const SITE: Record<string, string> = {
  'index.html': listing('Canary, registry, café.'),
  'one/index.html': post('Canary rollout', 'Shift traffic to the canary behind the ingress.', { tags: ['deploy', 'kubernetes'] }),
  'two/index.html': post('Registry secret', 'Turn the docker-registry Secret into a generator.', { tags: ['kubernetes'] }),
  'three/index.html': post('Café notes', 'The café and the cafe are two spellings of one word.', { tags: ['notes'] }),
  'four/index.html': post('Snapshots', 'Restore a database snapshot after an incident.', { tags: ['backups'] }),
  'five/index.html': post('Twine upload', 'Upload the wheel to PyPI from GitLab CI with twine.', { tags: ['python', 'deploy'] }),
  'six/index.html': post('Anniversary', 'A year of notes, kept in one folder.', { tags: ['notes'] }),
  'guides/seven/index.html': post('Focus', 'Work in long blocks and leave the inbox closed.', { tags: ['essays'] }),
  'guides/eight/index.html': post('Checklists', 'Write the release checklist before the release.', { tags: ['essays', 'deploy'] }),
};

async function site(files: Record<string, string>): Promise<string> {
  return tempFolder(files);
}

/** What the build does after pagefind indexed every page: the index in the cache, linked into the output, and its record. */
async function indexEveryPage(siteDir: string): Promise<{ dir: string; output: string }> {
  const dir = path.join(await tempFolder(), 'search-index');
  const output = path.join(siteDir, 'pagefind');
  const stamps = await pageFileStamps(siteDir);
  const { index } = await pagefind.createIndex({ includeCharacters: INCLUDE });
  if (!index) throw new Error('pagefind did not start');
  await index.addDirectory({ path: siteDir, glob: '**/index.html' });
  await writeSearchIndexThroughCache({
    dir,
    fingerprint: FINGERPRINT,
    output,
    write: async (to) => {
      const written = await index.writeFiles({ outputPath: to });
      expect(written.errors).toEqual([]);
    },
  });
  await index.deleteIndex();
  expect(await writeSearchIndexRecord({ dir, fingerprint: FINGERPRINT, stamps })).toBe(true);
  return { dir, output };
}

/** pagefind's own index of the site as it is now, in a folder of its own. */
async function freshIndex(siteDir: string, includeCharacters = INCLUDE): Promise<string> {
  const out = await tempFolder();
  const { index } = await pagefind.createIndex({ includeCharacters });
  if (!index) throw new Error('pagefind did not start');
  await index.addDirectory({ path: siteDir, glob: '**/index.html' });
  const written = await index.writeFiles({ outputPath: out });
  expect(written.errors).toEqual([]);
  await index.deleteIndex();
  return out;
}

async function update(siteDir: string, dir: string, output: string, options: { maxChanged?: number; includeCharacters?: string } = {}) {
  return updateSearchIndex({
    outDir: siteDir,
    dir,
    output,
    fingerprint: FINGERPRINT,
    includeCharacters: options.includeCharacters ?? INCLUDE,
    stamps: await pageFileStamps(siteDir),
    record: await readSearchIndexRecord(dir),
    ...(options.maxChanged === undefined ? {} : { maxChanged: options.maxChanged }),
  });
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/**
 * An index with every page number replaced by the page's URL: what search answers from it,
 * whatever order the pages were numbered in.
 */
async function byUrl(dir: string) {
  const read = (name: string) => readFile(path.join(dir, name));
  const entry = JSON.parse(await readFile(path.join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number }> };
  const [language, { hash, page_count }] = Object.entries(entry.languages)[0]!;
  const meta = decodeMeta(decodePagefindFile(await read(`pagefind.${hash}.pf_meta`), hash));
  const fragments = await Promise.all(meta.pages.map(async (page) => (await read(`fragment/${page.hash}.pf_fragment`).then((b) => decodePagefindFile(b, page.hash))).toString()));
  const urls = fragments.map((fragment) => (JSON.parse(fragment) as { url: string }).url);
  const words: Record<string, Record<string, string>> = {};
  for (const chunk of meta.chunks) {
    for (const word of decodeWordChunk(decodePagefindFile(await read(`index/${chunk.hash}.pf_index`), chunk.hash))) {
      const postings: Record<string, string> = {};
      for (const p of word.postings) postings[urls[p.page]!] = hex(p.rest);
      for (const v of word.variants) for (const p of v.postings) postings[`${urls[p.page]!} as ${v.form}`] = hex(p.rest);
      words[word.word] = postings;
    }
  }
  const filters: Record<string, Record<string, string[]>> = {};
  for (const filter of meta.filters) {
    const decoded = decodeFilter(decodePagefindFile(await read(`filter/${filter.hash}.pf_filter`), filter.hash));
    filters[decoded.filter] = Object.fromEntries(decoded.values.map((v) => [v.value, v.pages.map((p) => urls[p]!).sort()]));
  }
  const pages = Object.fromEntries(meta.pages.map((page, i) => [urls[i]!, { item: hex(page.item), fragment: fragments[i] }]));
  return { language, pageCount: page_count, version: meta.version, metaFields: meta.metaFields, pages, words, filters };
}

async function names(dir: string, folder: string): Promise<string[]> {
  return (await readdir(path.join(dir, folder))).sort();
}

describe('updateSearchIndex', () => {
  it('gives the index pagefind gives, after pages are edited, retagged, added, removed and taken out of the index', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);

    await writeFile(path.join(siteDir, 'two/index.html'), post('Registry secret', 'Turn the Secret into a secretGenerator with a .dockerconfigjson key.', { tags: ['kubernetes'] }));
    await writeFile(path.join(siteDir, 'three/index.html'), post('Café notes', 'The café and the cafe are two spellings of one word.', { tags: ['notes', 'essays'] }));
    await rm(path.join(siteDir, 'four'), { recursive: true });
    await writeFile(path.join(siteDir, 'five/index.html'), post('Twine upload', 'Upload the wheel.', { body: false }));
    await mkdir(path.join(siteDir, 'guides/nine'));
    await writeFile(path.join(siteDir, 'guides/nine/index.html'), post('Résumé', 'A new page with new words: résumé, kustomize.', { tags: ['essays', 'backups', 'python'] }));
    await writeFile(path.join(siteDir, 'index.html'), listing('Canary, registry, café, résumé.'));

    const result = await update(siteDir, dir, output, {});
    expect(result).toEqual({ kind: 'updated', pages: 7, changed: 2, added: 1, removed: 2 });
    const fresh = await byUrl(await freshIndex(siteDir));
    expect(await byUrl(output)).toEqual(fresh);
    // The case covers what it means to: accented variants, pages moving between filter values, a page gone.
    expect(Object.keys(fresh.words['cafe'] ?? {})).toContain('/three/ as café');
    expect(fresh.filters['tag']?.['essays']).toEqual(['/guides/eight/', '/guides/nine/', '/guides/seven/', '/three/']);
    expect(fresh.filters['tag']?.['backups']).toEqual(['/guides/nine/']);
    expect(fresh.filters['tag']?.['python']).toEqual(['/guides/nine/']);
    expect(Object.keys(fresh.pages)).not.toContain('/five/');

    // And again from the updated index: it holds its own record.
    await writeFile(path.join(siteDir, 'one/index.html'), post('Canary rollout', 'Shift half of the traffic.', { tags: ['deploy'] }));
    expect(await update(siteDir, dir, output, {})).toMatchObject({ kind: 'updated', changed: 1 });
    expect(await byUrl(output)).toEqual(await byUrl(await freshIndex(siteDir)));
  });

  it('writes the very files pagefind writes when a page is edited in place', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    await writeFile(path.join(siteDir, 'six/index.html'), post('Anniversary', 'Two years of notes, kept in one folder, café included.', { tags: ['notes'] }));

    expect(await update(siteDir, dir, output)).toMatchObject({ kind: 'updated', changed: 1, added: 0, removed: 0 });
    const fresh = await freshIndex(siteDir);
    // Same page numbers, so the same chunks and fragments, by name and by content.
    for (const folder of ['index', 'fragment']) {
      expect(await names(output, folder)).toEqual(await names(fresh, folder));
      for (const name of await names(fresh, folder)) {
        const ours = decodePagefindFile(await readFile(path.join(output, folder, name)), name);
        const theirs = decodePagefindFile(await readFile(path.join(fresh, folder, name)), name);
        expect(hex(ours)).toBe(hex(theirs));
      }
    }
    expect(await byUrl(output)).toEqual(await byUrl(fresh));
    // The output's files are the cache's (linked), and the record stays out of the output.
    expect(await names(output, 'index')).toEqual(await names(dir, 'index'));
    expect((await readdir(output)).some((name) => name.startsWith('.'))).toBe(false);
  });

  it('reads no page when none changed, and links the index into the output again', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    const before = await byUrl(output);
    await rm(output, { recursive: true });
    expect(await update(siteDir, dir, output)).toEqual({ kind: 'updated', pages: 8, changed: 0, added: 0, removed: 0 });
    expect(await byUrl(output)).toEqual(before);
  });

  it('leaves the index to pagefind when too many pages changed', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    for (const file of ['one', 'two', 'three']) await writeFile(path.join(siteDir, file, 'index.html'), post(file, 'Rewritten.'));
    expect(await update(siteDir, dir, output, { maxChanged: 2 })).toEqual({ kind: 'afresh', reason: '3 of 9 pages changed' });
    // The same pages in another folder (another output folder on the same cache): all new to the record.
    expect(await update(await site(SITE), dir, output)).toEqual({ kind: 'afresh', reason: 'every page changed' });
    expect(await readFile(path.join(dir, '.sealed'), 'utf8')).toBe(FINGERPRINT);
  });

  it('leaves the index to pagefind when a filter value appears or goes', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    await writeFile(path.join(siteDir, 'two/index.html'), post('Registry secret', 'Same words.', { tags: ['kubernetes', 'secrets'] }));
    expect(await update(siteDir, dir, output)).toEqual({ kind: 'afresh', reason: 'a filter value appeared or went' });
    await writeFile(path.join(siteDir, 'two/index.html'), post('Registry secret', 'Same words.', { tags: ['kubernetes'] }));
    await writeFile(path.join(siteDir, 'four/index.html'), post('Snapshots', 'No tag now.'));
    expect(await update(siteDir, dir, output)).toEqual({ kind: 'afresh', reason: 'a filter value appeared or went' });
  });

  it('leaves the index to pagefind when a page brings a meta field no page had', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    await writeFile(path.join(siteDir, 'two/index.html'), post('Registry secret', 'Same words.', { meta: '<span data-pagefind-meta="author">Ana</span>' }));
    expect(await update(siteDir, dir, output)).toEqual({ kind: 'afresh', reason: 'the pages’ meta fields changed' });
  });

  it('leaves the index to pagefind when pagefind reads an unchanged page differently', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    await writeFile(path.join(siteDir, 'two/index.html'), post('Registry secret', 'Edited.', { tags: ['kubernetes'] }));
    // Without "." kept in words, "registry.example.com" on every page is indexed otherwise.
    expect(await update(siteDir, dir, output, { includeCharacters: '_' })).toEqual({
      kind: 'afresh',
      reason: 'pagefind reads the unchanged page differently from the last index',
    });
  });

  it('leaves the index to pagefind without a record or with another fingerprint', async () => {
    const siteDir = await site(SITE);
    const { dir, output } = await indexEveryPage(siteDir);
    const stamps = await pageFileStamps(siteDir);
    const record = await readSearchIndexRecord(dir);
    const base = { outDir: siteDir, dir, output, includeCharacters: INCLUDE, stamps };
    expect(await updateSearchIndex({ ...base, fingerprint: 'other', record })).toMatchObject({ kind: 'afresh' });
    await rm(path.join(dir, SEARCH_INDEX_RECORD));
    expect(await updateSearchIndex({ ...base, fingerprint: FINGERPRINT, record: await readSearchIndexRecord(dir) })).toMatchObject({ kind: 'afresh' });
  });
});

describe('pageFileStamps and pageUrl', () => {
  it('lists every index.html with its size, and names its URL by its folder', async () => {
    const siteDir = await site({ 'index.html': 'a', 'x/index.html': 'bc', 'x/other.html': 'd', 'x/y/index.html': '' });
    const stamps = await pageFileStamps(siteDir);
    expect([...stamps.keys()].sort()).toEqual(['index.html', 'x/index.html', 'x/y/index.html']);
    expect(stamps.get('x/index.html')![0]).toBe(2);
    expect([...stamps.keys()].sort().map(pageUrl)).toEqual(['/', '/x/', '/x/y/']);
  });

  it('percent-encodes a page’s URL as pagefind does', async () => {
    // What pagefind itself gives these folders (its fragments' "url").
    const files = ['référence/deep folder/Ünïcode Notes/index.html', "a&b+c=d@e'f(g)/index.html"];
    const siteDir = await site(Object.fromEntries(files.map((file) => [file, post('T', 'Words.')])));
    const indexed = await byUrl(await freshIndex(siteDir));
    expect(Object.keys(indexed.pages).sort()).toEqual(files.map(pageUrl).sort());
    expect(pageUrl(files[0]!)).toBe('/r%C3%A9f%C3%A9rence/deep%20folder/%C3%9Cn%C3%AFcode%20Notes/');
  });
});
