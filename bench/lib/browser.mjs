// Headless Chromium for the page-weight, search and tools figures: the system's Chromium
// (the same one the browser tests use), driven by Playwright. Always closed by the caller's
// finally, and on exit.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const open = new Set();
process.on('exit', () => {
  for (const browser of open) void browser.close().catch(() => {});
});

export async function launchBrowser() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium, or node scripts/ensure-chromium.mjs) or set CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  open.add(browser);
  browser.on('disconnected', () => open.delete(browser));
  return browser;
}

/** The kinds of resource we sum, from Playwright's resourceType(). */
export function kindOf(resourceType, url) {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet') return 'css';
  if (resourceType === 'script') return 'js';
  if (url.endsWith('.wasm') || /\/pagefind\//.test(url)) return 'search data';
  if (resourceType === 'image' || resourceType === 'font') return resourceType;
  return 'other';
}

/**
 * Records every response a page receives from now on: its kind, URL, the bytes of its body as
 * sent (`wire`: what Chromium received, compressed or not, without headers), the body's own
 * bytes (`raw`, uncompressed) and those gzip-compressed here (node:zlib, default level). The
 * bench's static server gzips text as real hosts do, so `wire` is what a reader downloads;
 * `gzip` is the estimate earlier figures used, and files pagefind already stores compressed
 * (pf_* chunks) barely shrink again in it.
 */
export function recordResponses(page) {
  const entries = [];
  const waiting = [];
  const onResponse = (response) => {
    const request = response.request();
    const task = Promise.all([response.body(), request.sizes()])
      .then(([body, sizes]) => {
        entries.push({
          url: response.url(),
          kind: kindOf(request.resourceType(), response.url()),
          status: response.status(),
          wire: sizes.responseBodySize,
          raw: body.length,
          gzip: gzipSync(body).length,
        });
      })
      .catch(() => {
        // Redirects and aborted requests have no body.
      });
    waiting.push(task);
  };
  page.on('response', onResponse);
  // Requests in flight, so settled() can wait for the last of them: Playwright's
  // waitForLoadState('networkidle') returns at once once the page's load has gone idle, and
  // a query's later fragments are fetched long after that.
  const inFlight = new Set();
  let lastChange = Date.now();
  const onRequest = (request) => {
    inFlight.add(request);
    lastChange = Date.now();
  };
  const onDone = (request) => {
    inFlight.delete(request);
    lastChange = Date.now();
  };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  return {
    /** Resolves once no request has been in flight for `quietMs` (and none for longer than `timeoutMs`). */
    async settled(quietMs = 500, timeoutMs = 30_000) {
      const started = Date.now();
      while (inFlight.size > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() - started > timeoutMs) throw new Error(`requests still in flight after ${timeoutMs} ms: ${[...inFlight].map((r) => r.url()).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    /** Waits for pending bodies, then returns the entries so far and starts a new list. */
    async take() {
      await Promise.all(waiting.splice(0));
      return entries.splice(0);
    },
    stop() {
      page.off('response', onResponse);
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      page.off('requestfailed', onDone);
    },
  };
}

/** Sums entries by kind: { html: { wire, raw, gzip, count }, …, total: {…} }. */
export function sumByKind(entries) {
  const sums = { total: { wire: 0, raw: 0, gzip: 0, count: 0 } };
  for (const e of entries) {
    sums[e.kind] ??= { wire: 0, raw: 0, gzip: 0, count: 0 };
    for (const key of [e.kind, 'total']) {
      sums[key].wire += e.wire;
      sums[key].raw += e.raw;
      sums[key].gzip += e.gzip;
      sums[key].count += 1;
    }
  }
  return sums;
}
