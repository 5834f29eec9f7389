import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postDateAttribute, postDateLabel } from './post-date.ts';

describe('post dates', () => {
  it('reads as day, month and year, in UTC', () => {
    expect(postDateLabel(new Date('2020-01-07'))).toBe('7 January 2020');
    // 23:30 in New York on the 7th is already the 8th in UTC.
    expect(postDateLabel(new Date('2020-01-07T23:30:00-05:00'))).toBe('8 January 2020');
    expect(postDateAttribute(new Date('2020-01-07T23:30:00-05:00'))).toBe('2020-01-08');
    expect(postDateLabel(new Date('2024-02-29T00:00:00Z'))).toBe('29 February 2024');
  });

  it('says what Date#toLocaleDateString says with the same locale and options', () => {
    const options = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } as const;
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(postDateLabel(date)).toBe(date.toLocaleDateString('en-GB', options));
        expect(postDateAttribute(date)).toBe(date.toISOString().slice(0, 10));
      }),
    );
  });
});
