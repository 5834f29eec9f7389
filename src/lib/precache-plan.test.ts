import { describe, expect, it } from 'vitest';
import { DEFAULT_PRECACHE_BUDGET, parsePrecacheBudget, planPrecache, precacheTier } from './precache-plan.ts';

describe('precacheTier', () => {
  it.each([
    ['_astro/SearchDialog.abc.js', 'shell'],
    ['_astro/BaseLayout.abc.css', 'shell'],
    ['_astro/tool-worker-abc.js', 'shell'],
    ['manifest.webmanifest', 'shell'],
    ['icons/icon-192.png', 'shell'],
    ['favicon.svg', 'shell'],
    ['index.html', 'shell'],
    ['404.html', 'shell'],
    ['tools/index.html', 'shell'],
    ['pagefind/pagefind.js', 'search'],
    ['pagefind/pagefind-worker.js', 'skip'],
    ['pagefind/pagefind-entry.json', 'search'],
    ['pagefind/pagefind.en_4797a5e3be.pf_meta', 'search'],
    ['pagefind/wasm.en.pagefind', 'search'],
    ['pagefind/index/en_191203c.pf_index', 'search'],
    ['pagefind/filter/en_8cd4258.pf_filter', 'search'],
    ['pagefind/fragment/en_839d497.pf_fragment', 'search-fragment'],
    ['common-words/index.json', 'search'],
    ['common-words/Ab3-_x/the.json', 'search-fragment'],
    ['pagefind/pagefind-ui.js', 'skip'],
    ['pagefind/pagefind-component-ui.css', 'skip'],
    ['tools/base64/index.html', 'tool-page'],
    ['tools/base64/fieldnotes-base64.html', 'download'],
    ['hello/index.html', 'page'],
    ['tags/kubernetes/index.html', 'page'],
    ['_astro/diagram.abc.svg', 'asset'],
    ['sw.js', 'skip'],
    ['_headers', 'skip'],
    ['rss.xml', 'skip'],
    ['sitemap-0.xml', 'skip'],
    ['robots.txt', 'skip'],
  ])('%s is %s', (url, tier) => {
    expect(precacheTier(url)).toBe(tier);
  });
});

const entry = (url: string, size: number) => ({ url, size, revision: 'r' });

describe('planPrecache', () => {
  const site = [
    entry('hello/index.html', 300),
    entry('_astro/app.js', 1000),
    entry('index.html', 200),
    entry('pagefind/pagefind.js', 500),
    entry('pagefind/fragment/en_1.pf_fragment', 50),
    entry('tools/base64/index.html', 100),
    entry('tools/base64/fieldnotes-base64.html', 400),
    entry('rss.xml', 10),
    entry('another/index.html', 300),
  ];

  it('precaches everything but the skipped files when the budget allows', () => {
    const plan = planPrecache(site, DEFAULT_PRECACHE_BUDGET);
    expect(plan.precache.map((e) => e.url)).toEqual([
      '_astro/app.js',
      'index.html',
      'pagefind/pagefind.js',
      'tools/base64/index.html',
      'another/index.html',
      'hello/index.html',
      'pagefind/fragment/en_1.pf_fragment',
      'tools/base64/fieldnotes-base64.html',
    ]);
    expect(plan.deferred).toEqual([]);
    expect(plan.skipped.map((e) => e.url)).toEqual(['rss.xml']);
    expect(plan.bytes).toBe(2850);
    expect(plan.warnings).toEqual([]);
  });

  it('fills the budget tier by tier and leaves the rest to runtime caching', () => {
    // Shell and search take 1700; 400 more fit: the tool page (100) and one page (300).
    const plan = planPrecache(site, 2100);
    expect(plan.precache.map((e) => e.url)).toEqual(['_astro/app.js', 'index.html', 'pagefind/pagefind.js', 'tools/base64/index.html', 'another/index.html']);
    expect(plan.deferred.map((e) => e.url)).toEqual(['hello/index.html', 'pagefind/fragment/en_1.pf_fragment', 'tools/base64/fieldnotes-base64.html']);
    expect(plan.bytes).toBeLessThanOrEqual(2100);
  });

  it('goes on with smaller files after one that does not fit', () => {
    const plan = planPrecache(site, 2150);
    expect(plan.precache.map((e) => e.url)).toContain('pagefind/fragment/en_1.pf_fragment');
    expect(plan.deferred.map((e) => e.url)).toContain('hello/index.html');
  });

  it('always precaches the shell and the search code, and says so when they exceed the budget', () => {
    const plan = planPrecache(site, 0);
    expect(plan.precache.map((e) => e.url)).toEqual(['_astro/app.js', 'index.html', 'pagefind/pagefind.js']);
    expect(plan.warnings).toEqual([expect.stringContaining('1700 bytes')]);
  });
});

describe('parsePrecacheBudget', () => {
  it.each([
    [undefined, DEFAULT_PRECACHE_BUDGET],
    ['', DEFAULT_PRECACHE_BUDGET],
    ['5000000', 5_000_000],
    ['0', 0],
    ['512KB', 512 * 1024],
    ['10 MB', 10 * 1024 * 1024],
    ['1.5mib', 1.5 * 1024 * 1024],
    ['1GB', 1024 ** 3],
  ])('%s → %d bytes', (raw, budget) => {
    expect(parsePrecacheBudget(raw)).toEqual({ ok: true, budget });
  });

  it.each(['-1', 'ten', '10 TB', '1e6'])('reports %s as a mistake', (raw) => {
    const result = parsePrecacheBudget(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(raw);
  });
});
