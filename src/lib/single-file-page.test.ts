import { describe, expect, it } from 'vitest';
import { htmlTags } from './html-tags.ts';
import { escapeHtml, inlineProblem, singleFilePage } from './single-file-page.ts';

const input = {
  toolId: 'base64',
  title: 'Base64 <decoder>',
  summary: 'Decode & encode.',
  siteTitle: 'Fieldnotes',
  policy: "default-src 'none'; script-src 'sha256-x='",
  css: 'body{color:red}',
  js: 'console.log(1<2)',
};

describe('singleFilePage', () => {
  const html = singleFilePage(input);
  const tags = htmlTags(html);

  it('puts the policy before any script or style', () => {
    const names = tags.map((t) => t.name);
    expect(names.indexOf('meta')).toBeLessThan(names.indexOf('style'));
    const policy = tags.find((t) => t.attributes.some((a) => a.value === 'content-security-policy'));
    expect(policy?.attributes.find((a) => a.name === 'content')?.value).toBe(input.policy);
    expect(names.filter((n) => n === 'meta').length).toBe(5);
  });

  it('inlines the code and styles verbatim, and loads nothing', () => {
    expect(tags.find((t) => t.name === 'script')?.text).toBe(input.js);
    expect(tags.find((t) => t.name === 'style')?.text).toBe(input.css);
    expect(tags.some((t) => t.attributes.some((a) => ['src', 'href'].includes(a.name)))).toBe(false);
  });

  it('mounts the tool shell for the tool, with text escaped', () => {
    expect(html).toContain('<fn-tool data-tool="base64">');
    expect(html).toContain('<h1>Base64 &lt;decoder&gt;</h1>');
    expect(html).toContain('Decode &amp; encode.');
  });
});

describe('inlineProblem', () => {
  it('accepts ordinary code and rejects what would end the element early', () => {
    expect(inlineProblem('script', 'a<b')).toBeUndefined();
    expect(inlineProblem('script', 'x="</SCRIPT>"')).toContain('</script');
    expect(inlineProblem('script', 'x="<!--"')).toContain('<!--');
    expect(inlineProblem('style', 'a{content:"</style>"}')).toContain('</style');
    expect(inlineProblem('style', 'a{}')).toBeUndefined();
  });
});

describe('escapeHtml', () => {
  it('escapes the four characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
