import { describe, expect, it } from 'vitest';
import { entryIdFromPath, slugSegment } from './entry-id.ts';

describe('entryIdFromPath', () => {
  it('slugs each folder and the file name', () => {
    expect(entryIdFromPath('Guides/My First Post.md')).toBe('guides/my-first-post');
    expect(entryIdFromPath('notes\\Über Größe.markdown')).toBe('notes/über-größe');
  });
  it('lets README and index stand for their folder, except at the root', () => {
    expect(entryIdFromPath('guides/README.md')).toBe('guides');
    expect(entryIdFromPath('guides/index.md')).toBe('guides');
    expect(entryIdFromPath('README.md')).toBe('readme');
  });
  it('never returns an empty id', () => {
    expect(entryIdFromPath('!!!.md')).toBe('index');
    expect(slugSegment('  C++ & Rust  ')).toBe('c-rust');
  });
});
