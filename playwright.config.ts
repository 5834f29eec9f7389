import { defineConfig } from '@playwright/test';

/*
 * Browser tests run against the built site in Debian's Chromium (no browser download).
 * Two builds are served: the site at the domain root, and the same site under /sub/,
 * as a GitLab Pages project site would have it.
 */
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ROOT_PORT = 4400;
const SUB_PORT = 4401;
const FOREIGN_PORT = 4402;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  timeout: 60_000,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` }, testIgnore: /(sub-base|foreign-docs)\.spec\.ts/ },
    { name: 'sub', use: { baseURL: `http://127.0.0.1:${SUB_PORT}/sub/` }, testMatch: /(sub-base|gates)\.spec\.ts/ },
    // A folder of Markdown written for another tool, built with FIELDNOTES_CONTENT.
    { name: 'foreign', use: { baseURL: `http://127.0.0.1:${FOREIGN_PORT}/` }, testMatch: /foreign-docs\.spec\.ts/ },
  ],
  webServer: [
    { command: `node scripts/serve-static.mjs dist ${ROOT_PORT} /`, url: `http://127.0.0.1:${ROOT_PORT}/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-sub ${SUB_PORT} /sub/`, url: `http://127.0.0.1:${SUB_PORT}/sub/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-foreign ${FOREIGN_PORT} /`, url: `http://127.0.0.1:${FOREIGN_PORT}/`, reuseExistingServer: false },
  ],
});
