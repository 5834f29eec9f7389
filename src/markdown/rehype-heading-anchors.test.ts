import { describe, expect, it } from 'vitest';
import { renderForTest, renderFixture } from './render-for-test.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('rehypeHeadingAnchors', () => {
  it('adds a named self-link beside each h2–h6, with the ids Astro collects for the TOC', async () => {
    const { html, expected } = await renderFixture('heading-anchors');
    expect(html).toBe(expected);
  });

  it('keeps the collected heading texts free of the link text, and every slug is an id on the page', async () => {
    const input = readFileSync(fileURLToPath(new URL('__fixtures__/heading-anchors/input.md', import.meta.url)), 'utf8');
    const { code, metadata } = await renderForTest(input);
    expect(metadata.headings).toEqual([
      { depth: 2, slug: 'install', text: 'Install' },
      { depth: 2, slug: 'install-1', text: 'Install' },
      { depth: 3, slug: 'the-kubectl-way--more', text: 'The kubectl way & more' },
      { depth: 4, slug: 'quotes-and-braces', text: '“Quotes” and ${braces}' },
      { depth: 2, slug: 'inside-a-callout', text: 'Inside a callout' },
    ]);
    for (const { slug } of metadata.headings) {
      expect(code).toContain(`id="${slug}"`);
      expect(code).toContain(`href="#${slug}"`);
    }
    // No heading contains a link, so its accessible name is its own text.
    const headings = [...code.matchAll(/<h([2-6])[^>]*>(.*?)<\/h\1>/g)].map((match) => match[2]);
    expect(headings).toHaveLength(5);
    for (const inner of headings) expect(inner).not.toContain('<a ');
  });
});
