import { describe, expect, it } from 'vitest';
import { renderFixture } from './render-for-test.ts';

describe('rehypeExternalLinks', () => {
  it('adds rel="noopener noreferrer" to links to other sites only', async () => {
    const { html, expected } = await renderFixture('external-links');
    expect(html).toBe(expected);
    expect(html.match(/rel="noopener noreferrer"/g)).toHaveLength(5);
    expect(html).toContain('<a href="./x/">relative</a>');
    expect(html).toContain('<a href="mailto:a@example.com">mail</a>');
  });
});
