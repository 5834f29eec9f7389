import { describe, expect, it } from 'vitest';
import { renderFixture } from './render-for-test.ts';
import { renderError } from './test-errors.ts';

describe('remarkRestoreDirectives', () => {
  it('gives prose its colons back: nginx:1.25, image:tag, 10:30, C::D, labels and attributes', async () => {
    const { html, expected } = await renderFixture('prose-survival');
    expect(html).toBe(expected);
    for (const text of ['nginx:1.25', 'image:tag', 'at 10:30,', '10:30:15', 'C::D', 'std::vector', 'key:value', 'a:b[<strong>bold</strong>]{x="1"}', 'x:y[]', 'ns:name']) {
      expect(html).toContain(text);
    }
  });

  it('fails on an unknown leaf directive at its line and column, listing the valid names', async () => {
    const error = await renderError('---\ntitle: Unknown\n---\n\nSome text.\n\n::nope\n');
    expect(error.reason).toBe(
      'Unknown directive "::nope". Valid directives: ::base64, ::secret-to-kustomize, ::docker-config, ::yaml-json. (line 7, column 1)',
    );
    expect([error.line, error.column]).toEqual([7, 1]);
    expect(error.ruleId).toBe('UNKNOWN_DIRECTIVE');
    expect(error.source).toBe('fieldnotes');
  });

  it('fails on an unknown leaf directive nested in a list', async () => {
    const error = await renderError('- item\n\n  ::nope{a="b"}\n');
    expect(error.reason).toContain('Unknown directive "::nope"');
    expect([error.line, error.column]).toEqual([3, 3]);
  });
});
