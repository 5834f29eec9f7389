import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import remarkDirective from 'remark-directive';
import { describe, expect, it, vi } from 'vitest';
import { renderFixture, renderForTest } from './render-for-test.ts';
import { remarkRestoreDirectives } from './remark-restore-directives.ts';
import { remarkToolDirectives } from './remark-tool-directives.ts';
import { renderError } from './test-errors.ts';

describe('remarkToolDirectives', () => {
  it('turns ::base64 into <fn-tool> with a fallback link, and lists the tool once', async () => {
    const { html, expected, frontmatter } = await renderFixture('tool-base64');
    expect(html).toBe(expected);
    expect(html).toContain('<fn-tool data-tool="base64">');
    expect(frontmatter['tools']).toEqual(['base64']);
  });

  it('puts the base path in the fallback link', async () => {
    const { code } = await renderForTest('::yaml-json\n', { base: '/sub/' });
    expect(code).toContain('<a href="/sub/tools/yaml-json/">Open the YAML ⇄ JSON converter tool</a>');
  });

  it('prefills data-example from the code block with that title, escaped as an attribute', async () => {
    // In a double-quoted attribute only " and & need escaping; < stays as it is (HTML spec 13.1.2.3).
    const { html, expected, frontmatter } = await renderFixture('tool-example-prefill');
    expect(html).toBe(expected);
    expect(html).toContain('data-example="apiVersion: v1\nkind: Secret\nmetadata:\n  name: &#x22;docker-reg&#x22; # quotes, <angle> &#x26; ampersand"');
    expect(frontmatter['tools']).toEqual(['secret-to-kustomize']);
  });

  it('writes tools: [] on a page without tools', async () => {
    const { metadata } = await renderForTest('# Title\n\nNo tools.\n');
    expect(metadata.frontmatter['tools']).toEqual([]);
  });

  it('fails when no code block has the example title, naming the titles there are', async () => {
    const error = await renderError('```yaml title="a.yaml"\na: 1\n```\n\n```json title=\'b.json\'\n{}\n```\n\n::secret-to-kustomize{example="c.yaml"}\n');
    expect(error.reason).toBe(
      '"::secret-to-kustomize" names example "c.yaml", but no code block in this page has that title. Titled code blocks: "a.yaml", "b.json". (line 9, column 1)',
    );
    expect(error.ruleId).toBe('UNKNOWN_EXAMPLE');
  });

  it('says how to title a block when the page has none', async () => {
    const error = await renderError('::base64{example="x"}\n');
    expect(error.reason).toContain('Titled code blocks: none (add title="…" after a code fence\'s language)');
  });

  it('fails on an unknown attribute, naming the valid ones', async () => {
    const error = await renderError('Text.\n\n::base64{mode="encode"}\n');
    expect(error.reason).toBe('"::base64" has no attribute "mode". Valid attributes: example="…". (line 3, column 1)');
    expect(error.ruleId).toBe('BAD_TOOL_ATTRIBUTE');
  });

  it('fails on a label', async () => {
    const error = await renderError('::base64[Decode this]\n');
    expect(error.reason).toContain('takes no [label]');
    expect(error.ruleId).toBe('BAD_TOOL_LABEL');
  });

  it('presets declared options as data-option-<id>', async () => {
    const processor = await createMarkdownProcessor({
      syntaxHighlight: false,
      remarkPlugins: [remarkDirective, [remarkToolDirectives, { optionIds: { base64: ['mode', 'url-safe'] } }], remarkRestoreDirectives],
    });
    const { code } = await processor.render('::base64{mode="encode" url-safe="true"}\n');
    expect(code).toContain('<fn-tool data-tool="base64" data-option-mode="encode" data-option-url-safe="true">');
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(processor.render('::base64{wrap="no"}\n')).rejects.toMatchObject({
      reason: expect.stringContaining('Valid attributes: example="…", mode="…", url-safe="…".'),
    });
    log.mockRestore();
  });
});
