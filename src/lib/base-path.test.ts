import { describe, expect, it } from 'vitest';
import { normaliseBase, withBase } from './base-path.ts';

describe('normaliseBase', () => {
  it.each([
    [undefined, '/'], ['', '/'], ['/', '/'], ['sub', '/sub/'], ['/sub', '/sub/'], ['/sub/', '/sub/'], ['a/b/', '/a/b/'],
  ])('%s → %s', (raw, expected) => expect(normaliseBase(raw)).toBe(expected));
});

describe('withBase', () => {
  it('prefixes root-relative paths once', () => {
    expect(withBase('/sub/', '/tags/x/')).toBe('/sub/tags/x/');
    expect(withBase('/sub/', '/sub/tags/x/')).toBe('/sub/tags/x/');
    expect(withBase('/', '/tags/')).toBe('/tags/');
  });
  it('leaves other URLs alone', () => {
    for (const url of ['https://example.org/', '//cdn.example/x', '#frag', 'rel/path', 'mailto:a@b']) expect(withBase('/sub/', url)).toBe(url);
  });
});
