import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderFixture, renderForTest } from './render-for-test.ts';
import { renderError } from './test-errors.ts';

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
    expect(error.reason).toBe('Unknown callout ":::nope". Valid callouts: :::note, :::tip, :::caution, :::danger, :::info, :::important, :::warning. (line 7, column 3)');
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

  it("reads Docusaurus' and VitePress' names: info and important as notes, warning as caution", async () => {
    const { code } = await renderForTest(':::info\nA.\n:::\n\n:::warning\nB.\n:::\n\n:::important[Read this]\nC.\n:::\n');
    expect(code).toContain('<aside class="callout callout-note" role="note" aria-label="Info"><p class="callout-title">Info</p>');
    expect(code).toContain('<aside class="callout callout-caution" role="note" aria-label="Warning"><p class="callout-title">Warning</p>');
    expect(code).toContain('<aside class="callout callout-note" role="note" aria-label="Read this"><p class="callout-title">Read this</p>');
  });

  describe('a callout spelt with its title after a space', () => {
    afterEach(() => vi.restoreAllMocks());

    it('stays text, with a warning that shows our spelling', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { code } = await renderForTest('Text.\n\n:::tip My title\nBody.\n:::\n\n::: warning\nSpaced.\n:::\n\n::: not a callout\n');
      expect(code).toContain('<p>:::tip My title');
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/page\.md:3:1: ":::tip My title" is not read as a callout; write ":::tip\[My title\]" \(no space after ":::", the title in brackets\)\. \(UNREAD_CALLOUT\)$/),
        expect.stringMatching(/page\.md:7:1: "::: warning" is not read as a callout; write ":::warning" /),
      ]);
    });
  });
});
