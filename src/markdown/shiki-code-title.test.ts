import { describe, expect, it, vi } from 'vitest';
import { renderFixture, renderForTest } from './render-for-test.ts';

describe('shikiCodeTitle', () => {
  it('frames every block in figure.code-block and captions titled ones (fixture of all code features)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // the fixture's unknown language
    const { html, expected } = await renderFixture('code-blocks');
    warn.mockRestore();
    expect(html).toBe(expected);
    expect(html.match(/<figure class="code-block">/g)).toHaveLength(7);
    expect(html.match(/<figcaption/g)).toHaveLength(1);
  });

  it('puts the caption first, escaped', async () => {
    const { code } = await renderForTest('```yaml title="a <b> & c.yaml"\nx: 1\n```\n');
    expect(code.startsWith('<figure class="code-block"><figcaption class="code-title">a &#x3C;b> &#x26; c.yaml</figcaption><pre ')).toBe(true);
  });

  it('adds no caption for an empty title', async () => {
    const { code } = await renderForTest('```yaml title=""\nx: 1\n```\n');
    expect(code).not.toContain('<figcaption');
  });
});
