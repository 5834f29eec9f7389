import { defineConfig } from '@playwright/test';

/*
 * Browser tests run against the built site in Debian's Chromium (no browser download).
 * Two builds are served: the site at the domain root, and the same site under /sub/,
 * as a GitLab Pages project site would have it.
 */
const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// FIELDNOTES_TEST_PORT moves the servers (default 4400–4404), so two checkouts can run the tests at once.
const PORT = Number(process.env['FIELDNOTES_TEST_PORT'] ?? 4400);
const ROOT_PORT = PORT;
const SUB_PORT = PORT + 1;
const FOREIGN_PORT = PORT + 2;
/** Serves dist-sub, then dist-sub-v2 once a test "deploys" it (scripts/serve-static.mjs). */
const UPDATE_PORT = PORT + 3;
/** Serves dist-budget: the site built with FIELDNOTES_PRECACHE_BUDGET=0. */
const BUDGET_PORT = PORT + 4;
/** The service worker's suites; every other suite runs with service workers blocked. */
const OFFLINE_SPECS = /(offline|locked-down|single-file|update|precache-budget)\.spec\.ts/;

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
    // Each test is a fresh browser profile: without this, every one would install the worker
    // and download the whole precache. The offline projects below allow it.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/` }, testIgnore: [/(sub-base|foreign-docs)\.spec\.ts/, OFFLINE_SPECS] },
    { name: 'sub', use: { baseURL: `http://127.0.0.1:${SUB_PORT}/sub/` }, testMatch: /(sub-base|gates|lighthouse)\.spec\.ts/ },
    // A folder of Markdown written for another tool, built with FIELDNOTES_CONTENT.
    { name: 'foreign', use: { baseURL: `http://127.0.0.1:${FOREIGN_PORT}/` }, testMatch: /foreign-docs\.spec\.ts/ },
    // Offline after one visit, the policy on every page, and the single-file tools (root build);
    // the same offline and policy suites under /sub/; and a new deploy replacing the old one.
    { name: 'offline', use: { baseURL: `http://127.0.0.1:${ROOT_PORT}/`, serviceWorkers: 'allow' }, testMatch: /(offline|locked-down|single-file)\.spec\.ts/ },
    { name: 'offline-sub', use: { baseURL: `http://127.0.0.1:${SUB_PORT}/sub/`, serviceWorkers: 'allow' }, testMatch: /(offline|locked-down)\.spec\.ts/ },
    { name: 'update', use: { baseURL: `http://127.0.0.1:${UPDATE_PORT}/sub/`, serviceWorkers: 'allow' }, testMatch: /update\.spec\.ts/ },
    { name: 'budget', use: { baseURL: `http://127.0.0.1:${BUDGET_PORT}/`, serviceWorkers: 'allow' }, testMatch: /precache-budget\.spec\.ts/ },
  ],
  webServer: [
    { command: `node scripts/serve-static.mjs dist ${ROOT_PORT} /`, url: `http://127.0.0.1:${ROOT_PORT}/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-sub ${SUB_PORT} /sub/`, url: `http://127.0.0.1:${SUB_PORT}/sub/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-foreign ${FOREIGN_PORT} /`, url: `http://127.0.0.1:${FOREIGN_PORT}/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-sub,dist-sub-v2 ${UPDATE_PORT} /sub/`, url: `http://127.0.0.1:${UPDATE_PORT}/sub/`, reuseExistingServer: false },
    { command: `node scripts/serve-static.mjs dist-budget ${BUDGET_PORT} /`, url: `http://127.0.0.1:${BUDGET_PORT}/`, reuseExistingServer: false },
  ],
});
