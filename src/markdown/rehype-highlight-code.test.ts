import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { createMarkdownProcessor, markdownConfigDefaults, parseFrontmatter, type MarkdownRenderer } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { HIGHLIGHTED_CODE_KEY, highlightCacheDir, highlightedBlockFile, pruneHighlightedCode } from './highlighted-code-files.ts';
import { markdownRenderer, rehypePlugins, remarkPlugins, shikiConfig } from './plugins.ts';
import { testContentDir } from './render-for-test.ts';

const fixture = path.join(import.meta.dirname, '__fixtures__', 'code-blocks');

async function render(renderer: MarkdownRenderer, markdown: string) {
  const { frontmatter, content } = parseFrontmatter(markdown, { frontmatter: 'empty-with-spaces' });
  return renderer.render(content, { frontmatter, fileURL: pathToFileURL(path.join(testContentDir, 'page.md')) });
}

function cachedRenderer(dir: string, fingerprint = 'pipeline-1'): Promise<MarkdownRenderer> {
  return markdownRenderer({ base: '/', contentDir: testContentDir, highlightCache: { dir, fingerprint } });
}

describe('rehypeHighlightCode', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders the code fixture as Astro’s shiki plugin did, from an empty cache and then from the kept blocks', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // the fixture's unknown language
    const input = await readFile(path.join(fixture, 'input.md'), 'utf8');
    // Checked in from a render by Astro's own shiki plugin (shiki-code-title.test.ts).
    const expected = await readFile(path.join(fixture, 'output.html'), 'utf8');
    const dir = await tempFolder();
    const cold = await render(await cachedRenderer(dir), input);
    expect(`${cold.code}\n`).toBe(expected);
    // Seven blocks; the one in a language shiki does not know is not kept.
    expect(cold.metadata.frontmatter[HIGHLIGHTED_CODE_KEY]).toHaveLength(7);
    expect(await readdir(dir)).toHaveLength(6);
    const warm = await render(await cachedRenderer(dir), input);
    expect(`${warm.code}\n`).toBe(expected);
    expect(warm.metadata.frontmatter[HIGHLIGHTED_CODE_KEY]).toEqual(cold.metadata.frontmatter[HIGHLIGHTED_CODE_KEY]);
  });

  it('uses a kept block instead of highlighting it again', async () => {
    const dir = await tempFolder();
    const markdown = '```yaml\na: 1\n```\n';
    const first = await render(await cachedRenderer(dir), markdown);
    const [name] = first.metadata.frontmatter[HIGHLIGHTED_CODE_KEY] as string[];
    const planted = { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'text', value: 'kept, not highlighted' }] };
    await writeFile(highlightedBlockFile(dir, name!), deflateRawSync(JSON.stringify(planted)));
    expect((await render(await cachedRenderer(dir), markdown)).code).toBe('<pre>kept, not highlighted</pre>');
    // Another pipeline (shiki upgraded, a transformer edited) does not use it.
    expect((await render(await cachedRenderer(dir, 'pipeline-2'), markdown)).code).toContain('--shiki-light:');
    // Nor does another block.
    expect((await render(await cachedRenderer(dir), '```yaml\na: 2\n```\n')).code).toContain('--shiki-light:');
  });

  it('highlights a block in an unknown language every time, so that each render warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = await tempFolder();
    for (let i = 0; i < 2; i++) await render(await cachedRenderer(dir), '```nosuchlang\nx\n```\n');
    expect(warn.mock.calls.filter(([line]) => String(line).includes('"nosuchlang"'))).toHaveLength(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves alone a block that Astro’s own shiki plugin highlighted already', async () => {
    const options = { base: '/', contentDir: testContentDir };
    const markdown = '```yaml title="a.yaml"\na: 1\n```\n';
    const both = await createMarkdownProcessor({
      syntaxHighlight: 'shiki',
      shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig },
      smartypants: false,
      remarkPlugins: remarkPlugins(options),
      rehypePlugins: rehypePlugins(options),
    });
    const ours = (await render(await markdownRenderer(options), markdown)).code;
    expect(ours.match(/<figure/g)).toHaveLength(1);
    expect((await render(both, markdown)).code).toBe(ours);
  });

  it('is skipped for a page without code, which lists no blocks', async () => {
    const dir = await tempFolder();
    const result = await render(await cachedRenderer(dir), 'Just `inline` code.\n');
    expect(result.metadata.frontmatter[HIGHLIGHTED_CODE_KEY]).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('pruneHighlightedCode', () => {
  it('removes, once the loader is done, the kept blocks that no entry lists', async () => {
    const cacheDir = await tempFolder();
    const dir = highlightCacheDir(cacheDir);
    await mkdir(dir, { recursive: true });
    for (const name of ['used', 'unused']) await writeFile(highlightedBlockFile(dir, name), name);
    const order: string[] = [];
    const loader: Loader = { name: 'test', load: async () => void order.push(`loaded with ${(await readdir(dir)).length} blocks`) };
    const entries = [{ rendered: { html: '', metadata: { frontmatter: { [HIGHLIGHTED_CODE_KEY]: ['used'] } } } }, { rendered: { html: '', metadata: { frontmatter: {} } } }];
    const processor = { options: { pluginOptions: { base: '/', highlightCache: { dir, fingerprint: 'pipeline-1' } } } };
    const context = { store: { values: () => entries }, config: { markdown: { processor } } } as unknown as LoaderContext;
    await pruneHighlightedCode(loader).load(context);
    expect(order).toEqual(['loaded with 2 blocks']);
    expect(await readdir(dir)).toEqual([path.basename(highlightedBlockFile(dir, 'used'))]);
  });
});
