import { describe, expect, it } from 'vitest';
import { truncateAtWord } from './remark-derived-meta.ts';
import { renderFixture, renderForTest } from './render-for-test.ts';

describe('remarkDerivedMeta', () => {
  it('takes title and description from a file without front matter, and drops the title h1', async () => {
    const { html, expected, frontmatter } = await renderFixture('derived-no-frontmatter');
    expect(html).toBe(expected);
    expect(html).not.toContain('<h1');
    expect(frontmatter['title']).toBe('Setting up CI for “Fieldnotes”');
    // The image-only paragraph has no text; the next paragraph is the description, cut to 160.
    expect(frontmatter['descriptionCut']).toBe(true);
    expect(`${frontmatter['description']}…`).toBe(
      'This guide walks through a complete continuous integration setup for a documentation site: building the pages, checking links and publishing the result to…',
    );
    expect([...String(frontmatter['description'])].length).toBeLessThanOrEqual(160);
  });

  it('drops an h1 that repeats the front matter title (quotes curled by smartypants) and keeps the given description', async () => {
    const { html, expected, frontmatter } = await renderFixture('derived-duplicate-h1');
    expect(html).toBe(expected);
    expect(html).not.toContain('<h1');
    expect(frontmatter['title']).toBe("Don't repeat the title");
    expect(frontmatter['description']).toBe('Given by the author.');
  });

  it('moves every heading one level down when h1s remain, keeping the outline', async () => {
    const { html, expected } = await renderFixture('derived-demote');
    expect(html).toBe(expected);
    expect(html.match(/<h\d/g)).toEqual(['<h2', '<h3', '<h2', '<h6']);
  });

  it('writes no title when the page has no leading h1, leaving the file-name fallback to the layout', async () => {
    const { metadata, code } = await renderForTest('Intro.\n\n## Section\n\n# Late h1\n');
    expect(metadata.frontmatter['title']).toBeUndefined();
    expect(metadata.frontmatter['description']).toBe('Intro.');
    expect(code).toContain('<h3 id="section">');
    expect(code).toContain('<h2 id="late-h1">');
  });

  it('writes no description when the page has no paragraph', async () => {
    const { metadata } = await renderForTest('# Only a title\n\n- a list\n');
    expect(metadata.frontmatter['title']).toBe('Only a title');
    expect(metadata.frontmatter['description']).toBeUndefined();
  });
});

describe('truncateAtWord', () => {
  it.each([
    ['short text', 20, 'short text'],
    ['exactly ten', 11, 'exactly ten'],
    ['one two three four', 10, 'one two…'],
    ['one two, three', 9, 'one two…'],
    ['one two three', 8, 'one two…'],
    ['supercalifragilistic', 6, 'super…'],
    ['café crème brûlée', 12, 'café crème…'],
    ['😀😀😀 😀😀😀', 5, '😀😀😀…'],
  ])('%j at %i → %j', (text, max, expected) => {
    expect(truncateAtWord(text, max)).toBe(expected);
  });
});
