import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { pipelineDigest, withPipelineDigest } from './pipeline-digest.ts';
import { markdownProcessor } from './plugins.ts';

const project = () =>
  tempFolder({
    'src/markdown/remark-x.ts': 'export const x = 1;\n',
    'src/markdown/remark-x.test.ts': 'test\n',
    'src/markdown/__fixtures__/page/input.md': '# x\n',
    'src/markdown/__fixtures__/helper.ts': 'export {};\n',
    'src/lib/util.ts': 'export const y = 2;\n',
    'src/tools/tool.ts': 'export {};\n',
    'src/pages/index.astro': '---\n---\n',
    'package-lock.json': '{"lockfileVersion":3}\n',
  });

describe('pipelineDigest', () => {
  it('changes with the pipeline’s code, the lockfile, or a file’s name', async () => {
    const root = await project();
    const first = pipelineDigest(root);
    expect(pipelineDigest(root)).toBe(first);

    await writeFile(path.join(root, 'src/lib/util.ts'), 'export const y = 3;\n');
    const edited = pipelineDigest(root);
    expect(edited).not.toBe(first);

    await writeFile(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
    const upgraded = pipelineDigest(root);
    expect(upgraded).not.toBe(edited);

    await rename(path.join(root, 'src/tools/tool.ts'), path.join(root, 'src/tools/renamed.ts'));
    expect(pipelineDigest(root)).not.toBe(upgraded);
  });

  it('ignores tests, fixtures and code outside the pipeline', async () => {
    const root = await project();
    const first = pipelineDigest(root);
    await writeFile(path.join(root, 'src/markdown/remark-x.test.ts'), 'changed\n');
    await writeFile(path.join(root, 'src/markdown/__fixtures__/helper.ts'), 'export const changed = 1;\n');
    await writeFile(path.join(root, 'src/pages/index.astro'), '---\n// changed\n---\n');
    expect(pipelineDigest(root)).toBe(first);
  });

  it('puts the digest where Astro’s config comparison (a JSON of the config) sees it', () => {
    const processor = withPipelineDigest(markdownProcessor({ base: '/' }), 'abc');
    expect(JSON.stringify({ markdown: { processor } })).toContain('"pipelineDigest":"abc"');
    // The renderer still reads the plugin lists from the same options object.
    expect(processor.options.remarkPlugins.length).toBeGreaterThan(0);
    expect(withPipelineDigest(unified(), 'x').options).toHaveProperty('pipelineDigest', 'x');
  });
});
