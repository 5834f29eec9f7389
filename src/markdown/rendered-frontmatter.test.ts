import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { addToFrontmatterList, frontmatterList } from './rendered-frontmatter.ts';

describe('frontmatter lists', () => {
  it('adds new items once each, in a new frontmatter object, leaving the one Astro passed in alone', () => {
    const data = { title: 'A page' };
    const file = new VFile({ data: { astro: { frontmatter: data } } });
    addToFrontmatterList(file, 'k', ['a', 'b', 'a']);
    addToFrontmatterList(file, 'k', ['b', 'c']);
    expect(file.data.astro?.frontmatter).toEqual({ title: 'A page', k: ['a', 'b', 'c'] });
    expect(data).toEqual({ title: 'A page' });
    expect(frontmatterList({ metadata: { frontmatter: file.data.astro?.frontmatter } }, 'k')).toEqual(['a', 'b', 'c']);
  });

  it('reads only strings, and nothing where there is no list', () => {
    expect(frontmatterList({ metadata: { frontmatter: { k: ['x', 2, 'y'] } } }, 'k')).toEqual(['x', 'y']);
    expect(frontmatterList({ metadata: { frontmatter: { k: 'x' } } }, 'k')).toEqual([]);
    expect(frontmatterList({ metadata: {} }, 'k')).toEqual([]);
    expect(frontmatterList(undefined, 'k')).toEqual([]);
  });

  it('does nothing to a file rendered outside Astro', () => {
    const file = new VFile();
    addToFrontmatterList(file, 'k', ['a']);
    expect(file.data.astro).toBeUndefined();
  });
});
