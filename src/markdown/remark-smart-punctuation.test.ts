import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter, type MarkdownRenderer } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { describe, expect, it } from 'vitest';
import { FIRST_PASS_MAY_CHANGE, SECOND_PASS_MAY_CHANGE, remarkSmartPunctuation } from './remark-smart-punctuation.ts';

// Astro's own SmartyPants (remark-smartypants) against ours, with nothing else in the way.
const astros = createMarkdownProcessor({ syntaxHighlight: false });
const ours = createMarkdownProcessor({ syntaxHighlight: false, smartypants: false, remarkPlugins: [remarkSmartPunctuation] });
const plain = createMarkdownProcessor({ syntaxHighlight: false, smartypants: false });

async function html(renderer: Promise<MarkdownRenderer>, markdown: string): Promise<string> {
  return (await (await renderer).render(markdown)).code;
}

describe('remarkSmartPunctuation', () => {
  it('curls quotes and turns dashes, dots and backticks into their characters', async () => {
    // Worked out by hand from SmartyPants' rules.
    expect(await html(ours, 'He said "hi" -- twice...')).toBe('<p>He said “hi” — twice…</p>');
    expect(await html(ours, "``Backticks'' and it's . . . spaced")).toBe('<p>“Backticks” and it’s … spaced</p>');
    expect(await html(ours, '# "Title"')).toBe('<h1 id="title">“Title”</h1>');
  });

  it('pairs quotes across a link and leaves inline code and code blocks alone', async () => {
    expect(await html(ours, '"[a link](/x/)" ends')).toBe('<p>“<a href="/x/">a link</a>” ends</p>');
    expect(await html(ours, 'Run `echo "a" -- b...` now')).toBe('<p>Run <code>echo "a" -- b...</code> now</p>');
    expect(await html(ours, '```\n"a" -- b...\n```')).toBe(await html(plain, '```\n"a" -- b...\n```'));
  });

  it('renders every guide and Markdown fixture as Astro’s SmartyPants does', async () => {
    const folders = ['content', 'tests/fixtures/foreign-docs', 'src/markdown/__fixtures__'].map((folder) => join(process.cwd(), folder));
    const guides = folders.flatMap((folder) =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(md|markdown)$/.test(name))
        .map((name) => join(folder, name)),
    );
    expect(guides.length).toBeGreaterThan(30);
    let changedBySmartypants = 0;
    for (const name of guides) {
      const { content } = parseFrontmatter(readFileSync(name, 'utf8'));
      const expected = await html(astros, content);
      expect(await html(ours, content), name).toBe(expected);
      if (expected !== (await html(plain, content))) changedBySmartypants += 1;
    }
    // Enough of them have something for SmartyPants to do that the comparison means something.
    expect(changedBySmartypants).toBeGreaterThanOrEqual(5);
  });

  it('renders any Markdown made of quotes, dashes, dots, backticks and markup as Astro’s SmartyPants does', async () => {
    const piece = fc.constantFrom(
      'word', 'it', 's', '80s', ' ', '  ', '\n', '\n\n', '"', "'", '`', '``', "''", '-', '--', '---', '.', '..', '...', '. . .', '. .',
      '\u0085', '\u00a0', '*', '_', '**', '[link](/x/)', '`code "q" -- ...`', '# ', '## ', '> ', '- ', '1. ', '<b>', '</b>', '&quot;',
      '\n| a | "b" |\n| - | - |\n| c... | \'d\' |\n', ':::note\n', '\n:::\n', ',', '!', '?', '(', ')',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')), async (markdown) => {
        expect(await html(ours, markdown)).toBe(await html(astros, markdown));
      }),
      { numRuns: 400 },
    );
  });
});

describe('the passes that may be skipped', () => {
  // The two passes as remark-smartypants runs them, straight from retext-smartypants.
  const firstPass = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
  const secondPass = retext().use(retextSmartypants, { quotes: false });
  const text = fc
    .array(fc.constantFrom('a', 'b', ' ', '\t', '\n', '\u0085', '.\u0085', '\u00a0', '\u2003', '.', '-', '`', "'", '"', '–', '—', '…', '80s', '!'), { maxLength: 30 })
    .map((chars) => chars.join(''));

  it('the second pass changes nothing in text its pattern does not match', () => {
    fc.assert(
      fc.property(text, (value) => {
        if (!SECOND_PASS_MAY_CHANGE.test(value)) expect(String(secondPass.processSync(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
    // …and the pattern is no wider than it needs to be for the cases it names.
    for (const changed of ['a -- b', 'a...', 'a . . . b', 'a .\u0085.\u0085. b', 'a.\t.\n.', "``a''"]) {
      expect(SECOND_PASS_MAY_CHANGE.test(changed)).toBe(true);
      expect(String(secondPass.processSync(changed))).not.toBe(changed);
    }
  });

  it('the first pass changes nothing in text without a straight quote', () => {
    fc.assert(
      fc.property(text, (value) => {
        if (!FIRST_PASS_MAY_CHANGE.test(value)) expect(String(firstPass.processSync(value))).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});
