import { describe, expect, it } from 'vitest';
import { metaAttribute } from './code-meta.ts';

describe('metaAttribute', () => {
  it.each([
    ['title="kustomization.yaml"', 'kustomization.yaml'],
    ["title='my file.yaml'", 'my file.yaml'],
    ['title=bare.txt {1,3}', 'bare.txt'],
    ['{1,3-4} title="a b" other="c"', 'a b'],
    ['title=""', ''],
    ['subtitle="no"', undefined],
    ['{1}', undefined],
    ['', undefined],
  ])('%j → %j', (meta, expected) => {
    expect(metaAttribute(meta, 'title')).toBe(expected);
  });

  it('handles absent meta', () => {
    expect(metaAttribute(undefined, 'title')).toBeUndefined();
    expect(metaAttribute(null, 'title')).toBeUndefined();
  });
});
