import { describe, expect, it } from 'vitest';
import { postSchema } from './post-schema';

describe('postSchema', () => {
  it('accepts a complete front matter and coerces dates', () => {
    const parsed = postSchema.parse({ title: 'T', description: 'D', date: '2020-01-07', updated: '2020-02-01', tags: ['a'], draft: true });
    expect(parsed.date?.toISOString()).toBe('2020-01-07T00:00:00.000Z');
    expect(parsed.draft).toBe(true);
  });
  it('accepts no front matter at all, with defaults', () => {
    expect(postSchema.parse({})).toEqual({ tags: [], draft: false });
  });
  it('rejects a misspelt field, naming it', () => {
    const result = postSchema.safeParse({ tilte: 'x' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('tilte');
  });
  it('rejects wrong types, naming the field', () => {
    const result = postSchema.safeParse({ tags: 'one', date: 'not a date' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['tags', 'date']));
  });
});
