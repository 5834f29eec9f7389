import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.ts';
import { builtPages, htmlProblems } from './built-pages.ts';
import { crawlSite } from './crawl.ts';

/*
 * Whole-site gates: every page of the build, not a sample. Each page must pass axe, be
 * valid HTML, and (through the fixtures) log no console error and load nothing from
 * another origin. Runs for the root build and for the /sub/ build.
 */

const outDir = (projectName: string) => (projectName === 'sub' ? 'dist-sub' : 'dist');

test.describe('every page', () => {
  for (const page of builtPages('dist')) {
    test(`${page || '(home)'} passes axe in light and dark`, async ({ page: browserPage }, testInfo) => {
      for (const theme of ['light', 'dark'] as const) {
        await browserPage.emulateMedia({ colorScheme: theme });
        await browserPage.goto(`./${page}`);
        await expect(browserPage.locator('html')).toHaveAttribute('data-theme', theme);
        const results = await new AxeBuilder({ page: browserPage }).analyze();
        const violations = results.violations.map((v) => `${v.id} (${theme}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        expect(violations, `${testInfo.project.name} ${page}`).toEqual([]);
      }
    });
  }
});

test('every page is valid HTML', async ({}, testInfo) => {
  expect(await htmlProblems(outDir(testInfo.project.name))).toEqual([]);
});

test('every internal link and #fragment resolves', async ({ request, baseURL }) => {
  const { pages, broken } = await crawlSite(request, baseURL!);
  expect(pages.length).toBeGreaterThan(5);
  expect(broken).toEqual([]);
});
