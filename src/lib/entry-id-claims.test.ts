import { describe, expect, it } from 'vitest';
import { entryIdClaims } from './entry-id-claims.ts';

describe('entryIdClaims', () => {
  it('names pages as entryIdFromPath does', () => {
    const claim = entryIdClaims(() => true);
    expect(claim('Guides/Getting Started.md')).toBe('guides/getting-started');
    expect(claim('docs/README.md')).toBe('docs');
    // the same file again (each sync, each edit in dev) is no conflict
    expect(claim('Guides/Getting Started.md')).toBe('guides/getting-started');
  });

  it('throws on a second file with the same id, naming both and the page', () => {
    const claim = entryIdClaims(() => true);
    claim('Guides/Getting Started.md');
    claim('docs/README.md');
    expect(() => claim('guides/getting-started.markdown')).toThrow(
      '"Guides/Getting Started.md" and "guides/getting-started.markdown" would both be the page /guides/getting-started/: page addresses ignore case, punctuation and the extension. Rename one of them.',
    );
    expect(() => claim('docs/index.md')).toThrow('"docs/README.md" and "docs/index.md" would both be the page /docs/: ');
  });

  it('lets a file that is gone, or the same file under another case, keep no claim', () => {
    const gone = new Set(['Old Name.md']);
    const claim = entryIdClaims((owner) => !gone.has(owner));
    claim('Old Name.md');
    expect(claim('old-name.md')).toBe('old-name');
    const sameFile = entryIdClaims((owner, entry) => owner.toLowerCase() !== entry.toLowerCase());
    sameFile('Notes.md');
    expect(sameFile('notes.md')).toBe('notes');
  });
});
