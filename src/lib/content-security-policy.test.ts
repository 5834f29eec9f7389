import { describe, expect, it } from 'vitest';
import { HEADER_ONLY_DIRECTIVES, headersFile, serializePolicy, singleFilePolicy, sitePolicy } from './content-security-policy.ts';

const directive = (policy: string, name: string) => policy.split('; ').find((d) => d.split(' ')[0] === name);

describe('sitePolicy', () => {
  const policy = sitePolicy({ scriptHashes: ['sha256-abc='] });

  it('allows scripts from the site, by hash, and WebAssembly compilation, nothing else', () => {
    const header = serializePolicy(policy, 'header');
    expect(directive(header, 'script-src')).toBe("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
    expect(header).not.toContain("'unsafe-eval'");
    expect(directive(header, 'script-src')).not.toContain("'unsafe-inline'");
  });

  it('keeps every load and every send on the site', () => {
    const header = serializePolicy(policy, 'header');
    for (const name of ['default-src', 'connect-src', 'worker-src', 'font-src', 'manifest-src']) {
      expect(directive(header, name)).toBe(`${name} 'self'`);
    }
    expect(directive(header, 'object-src')).toBe("object-src 'none'");
    expect(directive(header, 'base-uri')).toBe("base-uri 'self'");
    expect(directive(header, 'form-action')).toBe("form-action 'none'");
    expect(directive(header, 'img-src')).toBe("img-src 'self' data: blob:");
  });

  it('lets style attributes (shiki tokens) through, but not <style> elements', () => {
    const header = serializePolicy(policy, 'header');
    expect(directive(header, 'style-src-attr')).toBe("style-src-attr 'unsafe-inline'");
    expect(directive(header, 'style-src')).toBe("style-src 'self'");
    expect(serializePolicy(sitePolicy({ scriptHashes: [], styleHashes: ['sha256-s='] }), 'header')).toContain("style-src 'self' 'sha256-s='");
  });

  it('puts frame-ancestors in the header only: a meta policy cannot carry it', () => {
    const header = serializePolicy(policy, 'header');
    const meta = serializePolicy(policy, 'meta');
    expect(directive(header, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    for (const name of HEADER_ONLY_DIRECTIVES) expect(directive(meta, name)).toBeUndefined();
    expect(header.startsWith(meta)).toBe(true);
  });
});

describe('singleFilePolicy', () => {
  it('allows only its own inline code and loads nothing', () => {
    const text = serializePolicy(singleFilePolicy({ scriptHashes: ['sha256-js='], styleHashes: ['sha256-css='] }), 'meta');
    expect(text).toBe(
      "default-src 'none'; script-src 'sha256-js='; style-src 'sha256-css='; style-src-attr 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'",
    );
  });

  it('writes an empty source list as none rather than an empty directive', () => {
    expect(serializePolicy(singleFilePolicy({ scriptHashes: [], styleHashes: [] }), 'meta')).toContain("script-src 'none'");
  });
});

describe('headersFile', () => {
  it('applies the policy and the privacy headers to everything under the base path', () => {
    const text = headersFile({ base: '/sub/', policy: "default-src 'self'" });
    const [first, ...rest] = text.split('\n\n');
    expect(first?.split('\n')).toEqual([
      '/sub/*',
      "  Content-Security-Policy: default-src 'self'",
      '  X-Content-Type-Options: nosniff',
      '  Referrer-Policy: no-referrer',
      expect.stringMatching(/^ {2}Permissions-Policy: (?:[a-z-]+=\(\), )+[a-z-]+=\(\)$/),
      '  X-Frame-Options: DENY',
      '  Cross-Origin-Opener-Policy: same-origin',
    ]);
    expect(rest.join('\n\n')).toContain('/sub/sw.js\n  Cache-Control: no-cache');
  });
});
