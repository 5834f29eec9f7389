import { describe, expect, it } from 'vitest';
import { SITE_POLICY_META, sha256 } from '../data/site-policy.ts';
import { THEME_SNIPPET } from '../lib/theme-snippet.ts';
import { pagePolicyProblems } from './content-security-policy.ts';

const page = (head: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head>\n<body>\n${body}\n</body></html>`;
const goodHead = `${SITE_POLICY_META}<script>${THEME_SNIPPET}</script><script type="module" src="/_astro/a.js"></script>`;

describe('the site policy', () => {
  it("allows the theme snippet by its hash, and nothing else inline", () => {
    const hash = sha256(THEME_SNIPPET);
    expect(hash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    expect(SITE_POLICY_META).toContain(`script-src 'self' 'wasm-unsafe-eval' '${hash}';`);
    expect(SITE_POLICY_META).toContain("style-src 'self';");
    expect(SITE_POLICY_META.match(/sha256-/g)).toHaveLength(1);
  });
});

describe('pagePolicyProblems', () => {
  it('passes a page as BaseLayout renders it', () => {
    expect(pagePolicyProblems('a/index.html', page(goodHead, '<p>Text with <code>&lt;script&gt;</code>.</p>'))).toEqual([]);
  });

  it('reports a page without the policy', () => {
    expect(pagePolicyProblems('b.html', page(`<script>${THEME_SNIPPET}</script>`, '<p>x</p>'))).toEqual([
      'b.html  has no Content-Security-Policy <meta>; render the page with layouts/BaseLayout.astro',
    ]);
  });

  it('reports what the policy would block, with the line', () => {
    const html = page(`${goodHead}<script>alert(1)</script><style>p{color:red}</style>`, '<script>track()</script>\n<button onclick="go()">Go</button>');
    expect(pagePolicyProblems('c.html', html)).toEqual([
      'c.html:1  inline <script> whose hash the policy does not allow; move it to a module in src/client',
      'c.html:1  inline <style>; move it to a stylesheet',
      'c.html:3  inline <script> in the body; move it to a module in src/client',
      'c.html:4  inline event handler onclick on <button>; use addEventListener in src/client',
    ]);
  });

  it('leaves scripts alone that the policy allows: external, JSON data, empty', () => {
    const body = '<script type="application/json">{"a":1}</script><script src="/x.js"></script><script> </script>';
    expect(pagePolicyProblems('d.html', page(goodHead, body))).toEqual([]);
  });
});

describe('pagePolicyProblems on a page with a policy of its own', () => {
  it('leaves it to that policy (a single-file tool hashes its own inline script)', () => {
    const own = `<meta http-equiv="content-security-policy" content="default-src 'none'; script-src 'sha256-abc='">`;
    expect(pagePolicyProblems('tool.html', page(`${own}<script>run()</script>`, '<p>x</p>'))).toEqual([]);
  });
});
