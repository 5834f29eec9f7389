import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssUrls, formatFindings, isForeignUrl, isScriptType, scanCss, scanFile, scanHtml, scanJs } from './origin-scan.ts';

const urls = (findings: Array<{ url: string }>) => findings.map((f) => f.url);

describe('isForeignUrl', () => {
  it.each([
    ['/_astro/a.js', false],
    ['a.js', false],
    ['../x/', false],
    ['#top', false],
    ['?q=1', false],
    ['data:image/png;base64,AAAA', false],
    ['blob:http://127.0.0.1/1', false],
    ['mailto:a@example.org', false],
    ['', false],
    ['https://cdn.example.com/a.js', true],
    ['http://cdn.example.com/a.js', true],
    ['//cdn.example.com/a.js', true],
    ['  HTTPS://cdn.example.com/', true],
    ['wss://socket.example.com/', true],
    ['https:cdn.example.com', true],
  ])('%s → %s', (url, foreign) => {
    expect(isForeignUrl(url)).toBe(foreign);
  });

  it('treats the site’s own origin as home', () => {
    const options = { ownOrigins: ['https://docs.example.org'] };
    expect(isForeignUrl('https://docs.example.org/guide/', options)).toBe(false);
    expect(isForeignUrl('//docs.example.org/guide/', options)).toBe(false);
    expect(isForeignUrl('https://docs.example.org.evil.example/', options)).toBe(true);
    expect(isForeignUrl('http://docs.example.org/', options)).toBe(true);
  });
});

describe('scanHtml', () => {
  it('finds every kind of load from another origin, with line and column', () => {
    const html = [
      '<!doctype html><html><head>',
      '<link rel="stylesheet" href="https://cdn.example.com/a.css">',
      '<link rel="preconnect" href="https://fonts.example.com">',
      '<link rel="canonical" href="https://elsewhere.example/page/">',
      '<script src="//cdn.example.com/a.js"></script>',
      '</head><body>',
      '<img src="/ok.png" srcset="/ok-2x.png 2x, https://img.example.com/b.png 3x">',
      '<picture><source srcset="https://img.example.com/c.webp"></picture>',
      '<iframe src="https://frame.example.com/"></iframe>',
      '<video poster="https://img.example.com/p.jpg"></video>',
      '<form action="https://collect.example.com/"></form>',
      '<svg><use href="https://icons.example.com/s.svg#i"></use></svg>',
      '<div style="background: url(\'https://img.example.com/bg.png\')"></div>',
      '<object data="https://x.example.com/o.swf"></object>',
      '</body></html>',
    ].join('\n');
    const found = scanHtml(html);
    expect(urls(found)).toEqual([
      'https://cdn.example.com/a.css',
      'https://fonts.example.com',
      '//cdn.example.com/a.js',
      'https://img.example.com/b.png',
      'https://img.example.com/c.webp',
      'https://frame.example.com/',
      'https://img.example.com/p.jpg',
      'https://collect.example.com/',
      'https://icons.example.com/s.svg#i',
      'https://img.example.com/bg.png',
      'https://x.example.com/o.swf',
    ]);
    expect(found.every((f) => f.code === 'FOREIGN_LOAD')).toBe(true);
    expect(found[0]).toMatchObject({ line: 2, column: 30, via: '<link href>' });
    expect(found[2]).toMatchObject({ line: 5, via: '<script src>' });
  });

  it('does not count links that load nothing (canonical, alternate) or same-origin loads', () => {
    const html = '<link rel="canonical" href="https://x.example/"><link rel="alternate" href="https://x.example/rss.xml"><script src="/_astro/a.js"></script><img src="data:image/gif;base64,R0lGOD">';
    expect(scanHtml(html)).toEqual([]);
  });

  it('allows links to other sites only with rel="noopener noreferrer"', () => {
    const html = [
      '<a href="https://good.example/" rel="noopener noreferrer">ok</a>',
      '<a href="https://good.example/" rel="nofollow noreferrer noopener">ok</a>',
      '<a href="https://bad.example/">no rel</a>',
      '<a href="https://half.example/" rel="noopener">half</a>',
      '<a href="/local/">local</a>',
      '<area href="//map.example/" alt="">',
    ].join('\n');
    const found = scanHtml(html);
    expect(found.map((f) => [f.code, f.url, f.line])).toEqual([
      ['EXTERNAL_LINK_WITHOUT_REL', 'https://bad.example/', 3],
      ['EXTERNAL_LINK_WITHOUT_REL', 'https://half.example/', 4],
      ['EXTERNAL_LINK_WITHOUT_REL', '//map.example/', 6],
    ]);
  });

  it('flags hyperlink auditing (ping) to another origin even on a good link', () => {
    const found = scanHtml('<a href="https://x.example/" rel="noopener noreferrer" ping="https://track.example/p">x</a>');
    expect(found.map((f) => [f.code, f.url])).toEqual([['FOREIGN_LOAD', 'https://track.example/p']]);
  });

  it('scans inline styles and scripts, but not JSON data or escaped text', () => {
    const html = [
      '<style>@import "https://cdn.example.com/x.css"; a { background: url(/ok.png) }</style>',
      '<script type="module">import("https://cdn.example.com/m.js")</script>',
      '<script type="application/ld+json">{"u": "fetch(\'https://x.example/\')"}</script>',
      '<pre><code>&lt;script src="https://cdn.example.com/shown-as-text.js"&gt;</code></pre>',
    ].join('\n');
    const found = scanHtml(html);
    expect(found.map((f) => [f.url, f.line, f.via])).toEqual([
      ['https://cdn.example.com/x.css', 1, 'inline <style> CSS @import'],
      ['https://cdn.example.com/m.js', 2, 'inline <script> JS import()'],
    ]);
  });

  it('decodes character references before judging a URL', () => {
    expect(urls(scanHtml('<img src="https&colon;//x.example/a.png">'))).toEqual(['https://x.example/a.png']);
  });

  it('catches a meta refresh to another site', () => {
    expect(urls(scanHtml('<meta http-equiv="refresh" content="0; url=https://x.example/">'))).toEqual(['https://x.example/']);
  });
});

describe('scanCss', () => {
  it('finds url(), @import and image-set() targets, ignoring comments', () => {
    const css = [
      '/* url(https://commented.example/x.png) */',
      '@import url("https://cdn.example.com/a.css");',
      "@import 'https://cdn.example.com/b.css';",
      '.a { background: url(https://img.example.com/c.png) }',
      '.b { background: url(/ok.png), url("data:image/svg+xml,<svg/>") }',
      '.c { background-image: image-set("https://img.example.com/d.png" 1x, "/ok.png" 2x) }',
      '@font-face { src: url(//fonts.example.com/f.woff2) format("woff2") }',
    ].join('\n');
    const found = scanCss(css);
    expect(found.map((f) => [f.url, f.line])).toEqual([
      ['https://cdn.example.com/a.css', 2],
      ['https://img.example.com/c.png', 4],
      ['//fonts.example.com/f.woff2', 7],
      ['https://cdn.example.com/b.css', 3],
      ['https://img.example.com/d.png', 6],
    ]);
  });
});

describe('scanJs', () => {
  it('finds import(), static imports, fetch() and friends with absolute URLs', () => {
    const js = [
      'import x from "https://esm.example.com/x.js";',
      'import "//cdn.example.com/side.js";',
      'await import(`https://cdn.example.com/lazy.js`);',
      "fetch('https://api.example.com/collect', { method: 'POST' });",
      'new Worker("https://cdn.example.com/w.js");',
      "navigator.sendBeacon('https://beacon.example.com/', data);",
      'new WebSocket("wss://socket.example.com/");',
      'import("./local.js"); fetch("/pagefind/pagefind-entry.json"); fetch(url);',
      'const doc = "see https://example.com/ for more";',
    ].join('\n');
    expect(scanJs(js).map((f) => [f.url, f.line, f.via])).toEqual([
      ['https://esm.example.com/x.js', 1, 'JS import'],
      ['//cdn.example.com/side.js', 2, 'JS import'],
      ['https://cdn.example.com/lazy.js', 3, 'JS import()'],
      ['https://api.example.com/collect', 4, 'JS fetch()'],
      ['https://cdn.example.com/w.js', 5, 'JS Worker()'],
      ['https://beacon.example.com/', 6, 'JS sendBeacon()'],
      ['wss://socket.example.com/', 7, 'JS WebSocket()'],
    ]);
  });
});

describe('scanFile and formatFindings', () => {
  it('picks the scanner by extension and names file, line and URL', () => {
    expect(scanFile('a/b.html', '<script src="https://x.example/a.js"></script>')).toHaveLength(1);
    expect(scanFile('a/b.css', 'a{background:url(https://x.example/a.png)}')).toHaveLength(1);
    expect(scanFile('a/b.mjs', 'fetch("https://x.example/")')).toHaveLength(1);
    expect(scanFile('a/b.xml', '<script src="https://x.example/a.js"></script>')).toEqual([]);
    const lines = formatFindings('dist/index.html', scanFile('index.html', '\n  <script src="https://x.example/a.js"></script><a href="https://y.example/">y</a>'));
    expect(lines).toEqual([
      'dist/index.html:2:16  <script src> loads https://x.example/a.js from another origin',
      'dist/index.html:2:58  <a href> without rel="noopener noreferrer": https://y.example/',
    ]);
  });

  it('knows which script types run', () => {
    expect([undefined, '', 'module', 'text/javascript', 'application/ecmascript', 'application/json', 'application/ld+json', 'importmap'].map(isScriptType)).toEqual([
      true, true, true, true, true, false, false, false,
    ]);
  });
});

describe('cssUrls', () => {
  it('finds the same loads whether or not its quick check lets the text through', () => {
    // A comment naming url( in front makes every text take the full path; it is blanked out,
    // so it adds no finding and only moves the offsets by its length.
    const lead = '/*url(*/';
    const piece = fc.constantFrom('url(', 'URL(', 'uRl(', ')', '"a.png"', "'b'", 'https://x.test/c', ' ', '/*', '*/', '@import ', '@IMPORT', 'image-set(', ', ', 'color:red;', 'background:', '\\', 'x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((parts) => parts.join('')), (css) => {
        const full = cssUrls(lead + css).map((u) => ({ ...u, offset: u.offset - lead.length }));
        expect(cssUrls(css)).toEqual(full);
      }),
      { numRuns: 2000 },
    );
  });
});
