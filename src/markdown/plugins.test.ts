import { afterEach, describe, expect, it, vi } from 'vitest';
import config from '../../astro.config.mjs';
import { rehypePlugins, remarkPlugins, shikiConfig } from './plugins.ts';
import type { HighlightCodeOptions } from './rehype-highlight-code.ts';
import { renderForTest } from './render-for-test.ts';

/** The plugin functions of a list, in order, without their options. */
function attachers(list: ReadonlyArray<unknown>): unknown[] {
  return list.map((entry) => (Array.isArray(entry) ? entry[0] : entry));
}

function names(list: ReadonlyArray<unknown>): string[] {
  return attachers(list).map((fn) => (typeof fn === 'function' ? fn.name : String(fn)));
}

describe('plugins.ts', () => {
  it('keeps the documented order', () => {
    expect(names(remarkPlugins({ base: '/' }))).toEqual([
      'remarkSmartPunctuation',
      'remarkDirective',
      'remarkToolDirectives',
      'remarkCallouts',
      'remarkRestoreDirectives',
      'remarkDerivedMeta',
      'remarkReadingTime',
      'remarkMediaImages',
      'remarkMissingImages',
      'remarkBaseLinks',
    ]);
    expect(names(rehypePlugins({ base: '/' }))).toEqual(['rehypeHighlightCode', 'rehypeRawHtml', 'rehypeTableAlign', 'rehypeRemoteEmbeds', 'rehypeHeadingAnchors', 'rehypeExternalLinks', 'rehypeReportWarnings']);
  });

  it('is the list and shiki config astro.config.mjs uses', () => {
    const processor = config.markdown?.processor;
    expect(processor?.name).toBe('unified');
    const options: unknown = processor?.options;
    const used = options as { remarkPlugins: unknown[]; rehypePlugins: unknown[]; smartypants: unknown };
    expect(attachers(used.remarkPlugins)).toEqual(attachers(remarkPlugins({ base: '/' })));
    // Astro's own SmartyPants off: remark-smart-punctuation does it (twice would be wrong).
    expect(used.smartypants).toBe(false);
    expect(attachers(used.rehypePlugins)).toEqual(attachers(rehypePlugins({ base: '/' })));
    // Astro's shiki plugin runs inside rehype-highlight-code, with our config.
    expect(config.markdown?.syntaxHighlight).toBe(false);
    const [, highlight] = used.rehypePlugins[0] as [unknown, HighlightCodeOptions];
    expect(highlight.shikiConfig).toMatchObject(shikiConfig);
    expect(highlight.cache?.dir).toMatch(/fieldnotes[\\/]highlighted-code$/);
  });
});

describe('shikiConfig languages', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(['yaml', 'json', 'sh', 'shell', 'bash', 'console', 'python', 'makefile', 'toml', 'ini', 'typescript', 'ts', 'diff', 'dockerfile'])(
    'highlights %s',
    async (lang) => {
      const warn = vi.spyOn(console, 'warn');
      const { code } = await renderForTest(`\`\`\`${lang}\nname = "x" # 1\n\`\`\`\n`);
      expect(warn).not.toHaveBeenCalled();
      expect(code).toContain(`data-language="${lang}"`);
      // Both themes as CSS variables, no inline default colour.
      expect(code).toContain('--shiki-light:');
      expect(code).toContain('--shiki-dark:');
      expect(code).not.toMatch(/style="color:/);
    },
  );

  it.each(['text', 'plaintext', ''])('renders %j as plain text without a warning', async (lang) => {
    const warn = vi.spyOn(console, 'warn');
    const { code } = await renderForTest(`\`\`\`${lang}\nplain\n\`\`\`\n`);
    expect(warn).not.toHaveBeenCalled();
    expect(code).toContain('<span class="line"><span>plain</span></span>');
  });

  it('renders an unknown language as plain text with a warning instead of failing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { code } = await renderForTest('```nosuchlang\nx\n```\n');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"nosuchlang"'));
    expect(code).toContain('data-language="plaintext"');
  });
});
