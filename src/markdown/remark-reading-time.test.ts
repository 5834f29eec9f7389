import { describe, expect, it } from 'vitest';
import { renderFixture, renderForTest } from './render-for-test.ts';

describe('remarkReadingTime', () => {
  it('counts prose and inline code words, not code blocks', async () => {
    const { html, expected, frontmatter } = await renderFixture('reading-time');
    expect(html).toBe(expected);
    expect(frontmatter['wordCount']).toBe(8);
    expect(frontmatter['readingTime']).toBe(1);
  });

  it('adds code at half the prose rate to the time', async () => {
    const prose = `${'word '.repeat(220)}\n`;
    const code = `\`\`\`text\n${'token '.repeat(111)}\n\`\`\`\n`;
    const { metadata } = await renderForTest(`${prose}\n${code}`);
    expect(metadata.frontmatter['wordCount']).toBe(220);
    expect(metadata.frontmatter['readingTime']).toBe(3);
  });

  it('does not count a title taken from the h1', async () => {
    const { metadata } = await renderForTest('# Three word title\n\nOne two.\n');
    expect(metadata.frontmatter['wordCount']).toBe(2);
  });
});
