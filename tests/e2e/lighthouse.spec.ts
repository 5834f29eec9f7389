import { test, expect } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/*
 * Lighthouse's mobile preset on the home page, a guide and a tool page, in the same
 * Debian Chromium the other tests use. Accessibility, best practices and SEO must be
 * perfect; performance at least 98.
 */

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Performance is timed: these run on their own, one at a time, after the other tests
// (npm run test:e2e runs them in a second, single-worker pass), so no parallel test skews them.
test.describe.configure({ mode: 'serial' });

for (const [name, path] of [['home', ''], ['a guide', 'kustomize-docker-registry-secret/'], ['a tool', 'tools/secret-to-kustomize/']] as const) {
  test(`lighthouse: ${name} @lighthouse`, async ({ baseURL }) => {
    test.setTimeout(120_000);
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
    try {
      const run = () =>
        lighthouse(new URL(path, baseURL).href, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        });
      // A trace that failed to record (NO_NAVSTART and kin) is Lighthouse's own hiccup,
      // and its advice is to run again; a page problem fails every attempt alike.
      let result = await run();
      for (let attempt = 1; attempt < 3 && result?.lhr.runtimeError; attempt++) result = await run();
      // A run that could not measure (no paint, a timeout) says why instead of scoring 0.
      expect(result?.lhr.runtimeError?.message ?? '', 'Lighthouse runtime error').toBe('');
      const categories = result?.lhr.categories ?? {};
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const failing = Object.values(result?.lhr.audits ?? {})
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id);
      // The timed metrics behind the performance score, so a miss says which one and by how much.
      const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => {
          const audit = result?.lhr.audits[id];
          return `${id} ${audit?.displayValue ?? '?'} (score ${audit?.score ?? '?'})`;
        })
        .join('; ');
      const scores = { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo') };
      test.info().annotations.push({ type: 'lighthouse', description: JSON.stringify({ ...scores, failing }) });
      expect({ ...scores, performance: scores.performance >= 98 }, `failing audits: ${failing.join(', ') || 'none'}; metrics: ${metrics}`).toEqual({
        performance: true,
        accessibility: 100,
        bestPractices: 100,
        seo: 100,
      });
    } finally {
      chrome.kill();
    }
  });
}
