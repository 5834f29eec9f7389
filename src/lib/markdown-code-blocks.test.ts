import { describe, expect, it } from 'vitest';
import { codeBlockByTitle, extractCodeBlocks, parseCodeMeta } from './markdown-code-blocks.ts';

describe('parseCodeMeta', () => {
  it('reads quoted, single-quoted and bare attributes', () => {
    expect(parseCodeMeta(`title="a b.yaml" lang='x y' mode=strict`).attributes).toEqual({
      title: 'a b.yaml',
      lang: 'x y',
      mode: 'strict',
    });
  });

  it('separates the title, highlight ranges and bare flags', () => {
    const meta = parseCodeMeta('title="kustomization.yaml" {3,5-6} showLineNumbers');
    expect(meta.title).toBe('kustomization.yaml');
    expect(meta.highlights).toBe('3,5-6');
    expect(meta.flags).toEqual(['showLineNumbers']);
  });

  it('joins several range groups and accepts an empty meta', () => {
    expect(parseCodeMeta('{1} {4-5}').highlights).toBe('1,4-5');
    expect(parseCodeMeta(null)).toEqual({ title: undefined, attributes: {}, flags: [], highlights: undefined });
    expect(parseCodeMeta('')).toEqual({ title: undefined, attributes: {}, flags: [], highlights: undefined });
  });
});

describe('extractCodeBlocks', () => {
  const markdown = [
    '---',
    'title: Example',
    '---',
    '',
    'Intro.',
    '',
    '```yaml title="kustomization.yaml" {2}',
    'secretGenerator:',
    '  - name: docker-reg',
    '```',
    '',
    ':::caution[Careful]',
    'Inside a callout:',
    '',
    '~~~json title=\'secret.json\'',
    '{"a":1}',
    '~~~',
    ':::',
    '',
    '::base64',
    '',
    '````md',
    '```yaml title="not-a-block.yaml"',
    'x: 1',
    '```',
    '````',
    '',
    '```',
    'plain',
    '```',
    '',
  ].join('\n');

  const blocks = extractCodeBlocks(markdown);

  it('finds every fenced block, including those inside callouts, in order', () => {
    expect(blocks.map((b) => [b.lang, b.title, b.line])).toEqual([
      ['yaml', 'kustomization.yaml', 7],
      ['json', 'secret.json', 15],
      ['md', undefined, 22],
      [null, undefined, 28],
    ]);
  });

  it('keeps the exact text without adding a final newline', () => {
    expect(blocks[0]!.value).toBe('secretGenerator:\n  - name: docker-reg');
    expect(blocks[1]!.value).toBe('{"a":1}');
    expect(blocks[2]!.value).toBe('```yaml title="not-a-block.yaml"\nx: 1\n```');
  });

  it('keeps tabs (Makefile recipes depend on them)', () => {
    const [make] = extractCodeBlocks('```make title="Makefile"\nall:\n\techo hi\n```\n');
    expect(make!.value).toBe('all:\n\techo hi');
  });

  it('looks a block up by title and fails loudly when absent or ambiguous', () => {
    expect(codeBlockByTitle(blocks, 'secret.json').value).toBe('{"a":1}');
    expect(() => codeBlockByTitle(blocks, 'missing.yaml')).toThrow(/Titles present: "kustomization.yaml", "secret.json"/);
    const twice = extractCodeBlocks('```a title="x"\n1\n```\n\n```b title="x"\n2\n```\n');
    expect(() => codeBlockByTitle(twice, 'x')).toThrow(/2 code blocks have title="x" \(lines 1, 5\)/);
  });
});
