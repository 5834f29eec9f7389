import { describe, expect, it } from 'vitest';
import { renderFixture } from './render-for-test';
import { renderError } from './test-errors';

describe('remarkCallouts', () => {
  it('renders the four directive kinds, custom titles and nesting', async () => {
    const { html, expected } = await renderFixture('callouts-directives');
    expect(html).toBe(expected);
  });

  it("renders GitHub's five alerts as our four kinds and leaves other blockquotes alone", async () => {
    const { html, expected } = await renderFixture('callouts-github');
    expect(html).toBe(expected);
  });

  it('fails on an unknown container directive, at its line and column, naming the valid ones', async () => {
    const error = await renderError('---\ntitle: x\n---\n\nText.\n\n  :::nope\n  body\n  :::\n');
    expect(error.reason).toBe('Unknown callout ":::nope". Valid callouts: :::note, :::tip, :::caution, :::danger. (line 7, column 3)');
    expect([error.line, error.column]).toEqual([7, 3]);
    expect(error.ruleId).toBe('UNKNOWN_CALLOUT');
    expect(error.fatal).toBe(true);
    expect(error.file).toMatch(/page\.md$/);
  });

  it('fails on attributes, pointing to the [title] form', async () => {
    const error = await renderError(':::tip{.big}\nbody\n:::\n');
    expect(error.reason).toContain('takes no attributes (got class)');
    expect(error.reason).toContain(':::tip[Title]');
    expect([error.line, error.column]).toEqual([1, 1]);
  });
});
