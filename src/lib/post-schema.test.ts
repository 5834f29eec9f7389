import { describe, expect, it } from 'vitest';
import { postSchema } from './post-schema.ts';

describe('postSchema', () => {
  it('accepts a complete front matter and coerces dates', () => {
    const parsed = postSchema.parse({ title: 'T', description: 'D', date: '2020-01-07', updated: '2020-02-01', tags: ['a'], draft: true });
    expect(parsed.date?.toISOString()).toBe('2020-01-07T00:00:00.000Z');
    expect(parsed.draft).toBe(true);
  });
  it('accepts no front matter at all, with defaults', () => {
    expect(postSchema.parse({})).toEqual({ tags: [], draft: false });
  });
  it('rejects a misspelt field, naming it and the field it looks like', () => {
    const result = postSchema.safeParse({ tilte: 'x', tag: ['a'], Date: '2020-01-01', descripton: 'd' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['tilte', 'Unknown field "tilte": did you mean "title"?'],
      ['tag', 'Unknown field "tag": did you mean "tags"?'],
      ['Date', 'Unknown field "Date": did you mean "date"?'],
      ['descripton', 'Unknown field "descripton": did you mean "description"?'],
    ]);
  });
  it('ignores the fields of other tools and keeps only ours', () => {
    const parsed = postSchema.parse({ title: 'T', layout: 'post', weight: 3, sidebar_position: 2, author: 'A', slug: 'x', type: 'doc', lang: 'en', created: '2020-01-01' });
    expect(parsed).toEqual({ title: 'T', description: undefined, date: undefined, updated: undefined, tags: [], draft: false });
    expect(Object.keys(parsed)).toEqual(['title', 'description', 'date', 'updated', 'tags', 'draft']);
  });
  it('takes YAML numbers as text, a string of tags as a list, an empty date as none', () => {
    const parsed = postSchema.parse({ title: 2024, tags: 'kubernetes, kustomize ,', date: null, updated: '' });
    expect(parsed.title).toBe('2024');
    expect(parsed.tags).toEqual(['kubernetes', 'kustomize']);
    expect(parsed.date).toBeUndefined();
    expect(parsed.updated).toBeUndefined();
    expect(postSchema.parse({ tags: [2024, 'a'] }).tags).toEqual(['2024', 'a']);
  });
  it('rejects wrong types, naming the field', () => {
    const result = postSchema.safeParse({ tags: { kubernetes: true }, date: 'not a date' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tags', 'date']));
  });
});
