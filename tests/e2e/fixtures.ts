import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every browser test runs with two guards: a console error fails it, and so does any
 * request to another origin (the site promises to load nothing from elsewhere).
 */
export const test = base.extend<{ guards: { consoleErrors: string[]; foreignRequests: string[] } }>({
  guards: [
    async ({ page, baseURL }, use) => {
      const consoleErrors: string[] = [];
      const foreignRequests: string[] = [];
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      page.on('console', (message) => {
        // A deliberate visit to a missing page logs its own 404; that is the page working.
        const ownStatus = /status of 404/.test(message.text()) && message.location().url === page.url();
        if (message.type() === 'error' && !ownStatus) consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.origin !== origin) foreignRequests.push(request.url());
      });
      await use({ consoleErrors, foreignRequests });
      expect(consoleErrors, 'console errors').toEqual([]);
      expect(foreignRequests, 'requests to other origins').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fails when the page is wider than the viewport (a horizontal scrollbar). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
