// Tools' figures, measured in Chromium on the real site's build (bench/work/site):
//
// - base64 decode of a 50 MB base64 file (76-column lines, deterministic bytes) opened
//   through the tool page's "Open file" input, until the output's "Download" button shows;
//   beside it the same input decoded by the browser's bare Uint8Array.fromBase64 (in a page:
//   file read and decode, and the decode alone), each in fresh pages taking turns to go first,
//   medians of 4; coreutils' `base64 -d`, in the same run; and the longest main-thread task
//   while the tool works (PerformanceObserver 'longtask', observed from page init).
// - secret-to-kustomize on a pasted manifest of 1,000 Secrets, until its outputs are ready.
//
// benchTools() is the hook bench/run.mjs calls; it returns { skipped } when the site has no
// such tool pages, so the bench still runs while the tools are being written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom } from './generate-corpus.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { serveStatic } from './lib/proc.mjs';

const BASE64_TARGET_BYTES = 50 * 1000 * 1000;
const SECRETS = 1000;

/** A base64 file of about 50 MB: random bytes from the seeded PRNG, 76 characters a line. */
export function writeBase64File(file) {
  // 57 bytes encode to one full 76-character line; a line is 77 bytes with its newline.
  const lines = Math.round(BASE64_TARGET_BYTES / 77);
  const random = createRandom(50);
  const raw = Buffer.alloc(lines * 57);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random.next() * 256);
  const encoded = raw.toString('base64');
  const out = Buffer.alloc(lines * 77);
  for (let l = 0; l < lines; l++) {
    out.write(encoded.slice(l * 76, l * 76 + 76), l * 77, 'latin1');
    out[l * 77 + 76] = 0x0a;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, out);
  return { bytes: out.length, decodedBytes: raw.length };
}

/** A multi-document manifest of `count` Opaque Secrets in a few namespaces. */
export function secretsManifest(count = SECRETS) {
  const random = createRandom(1000);
  const docs = [];
  for (let i = 0; i < count; i++) {
    const keys = ['username', 'password', 'api-key', 'dsn'].slice(0, 2 + (i % 3));
    const data = keys.map((k) => `  ${k}: ${Buffer.from(`${k}-${i}-${Math.floor(random.next() * 1e9).toString(36)}`).toString('base64')}`);
    docs.push(['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: app-${i}-credentials`, `  namespace: team-${i % 7}`, 'type: Opaque', 'data:', ...data].join('\n'));
  }
  return `${docs.join('\n---\n')}\n`;
}

/** Installed before any page script: records every long task from page init. */
function observeLongTasks() {
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Resolves once a "Download" button shows in the tool's outputs, or rejects on a tool error. */
function waitForToolResult({ timeoutMs, downloadButton }) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tool gave no result within ${timeoutMs} ms`)), timeoutMs);
    const check = () => {
      const errors = document.querySelector('.tool__errors')?.textContent?.trim();
      if (errors) {
        clearTimeout(timer);
        observer.disconnect();
        reject(new Error(`tool reported: ${errors.slice(0, 300)}`));
        return;
      }
      const done = downloadButton
        ? [...document.querySelectorAll('.tool__outputs button')].some((b) => b.textContent?.trim() === 'Download')
        : /ready/.test(document.querySelector('.tool__status')?.textContent ?? '');
      if (done) {
        clearTimeout(timer);
        observer.disconnect();
        resolve(performance.now());
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

/** Page helpers, installed before any page script runs. */
const BENCH_HELPERS = `(${observeLongTasks})(); window.__benchWaitForTool = ${waitForToolResult};`;

/** Rounds of the base64 measurements; the tool and the bare decoder take turns to go first. */
const BASE64_ROUNDS = 4;

/** A fresh page of the tool with the bench's helpers installed. */
async function toolPage(browser, url) {
  const context = await browser.newContext();
  await context.addInitScript(BENCH_HELPERS);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  return { context, page };
}

/** The tool decodes `file`, opened through its "Open file" input: ms and the longest main-thread task. */
async function base64ToolRun(browser, url, file) {
  const { context, page } = await toolPage(browser, url);
  const fileInput = page.getByLabel('Open file');
  await fileInput.waitFor({ state: 'attached', timeout: 15_000 });
  // The start is the file input's change event, taken in the page (capture phase, before the
  // tool's own listener); the end is the Download button's insertion.
  await page.evaluate(() => {
    const input = document.querySelector('input[type=file][aria-label="Open file"]');
    window.__benchStart = undefined;
    input.addEventListener('change', () => (window.__benchStart ??= performance.now()), { capture: true });
    window.__benchDone = window.__benchWaitForTool({ timeoutMs: 300_000, downloadButton: true });
  });
  await fileInput.setInputFiles(file);
  const end = await page.evaluate(() => window.__benchDone);
  const start = await page.evaluate(() => window.__benchStart);
  const longTasks = await page.evaluate(() => window.__benchLongTasks);
  const during = longTasks.filter((t) => t.start + t.duration >= start && t.start <= end);
  await context.close();
  return { ms: end - start, longestTaskMs: during.reduce((max, t) => Math.max(max, t.duration), 0), longTasks: during.length };
}

/**
 * The browser's bare decoder on the same file, from a file input of our own, in a page of its
 * own. fromBase64 skips ASCII whitespace itself, so the lines go in as they are. Two figures:
 * file in → bytes (read included, as the tool is timed), and the decode alone.
 */
async function base64NativeRun(browser, url, file) {
  const { context, page } = await toolPage(browser, url);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#bench-file', file);
  const native = await page.evaluate(async () => {
    if (typeof Uint8Array.fromBase64 !== 'function') return { available: false };
    const file = document.querySelector('#bench-file').files[0];
    const t0 = performance.now();
    const text = await file.text();
    const t1 = performance.now();
    const bytes = Uint8Array.fromBase64(text);
    const t2 = performance.now();
    return { available: true, ms: t2 - t0, decodeOnlyMs: t2 - t1, decodedBytes: bytes.length };
  });
  await context.close();
  return native;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The tool and the bare decoder, each in a fresh page, BASE64_ROUNDS times, taking turns to go
 * first. Reads of one file in one page get faster (a third read took 200 ms where the first
 * took about 300), so neither may follow the other in a page; single runs moved by a third, so
 * medians.
 */
async function benchBase64({ browser, url, file, size }) {
  const toolRuns = [];
  const nativeRuns = [];
  for (let round = 0; round < BASE64_ROUNDS; round++) {
    const order = round % 2 === 0 ? ['tool', 'native'] : ['native', 'tool'];
    for (const which of order) {
      if (which === 'tool') toolRuns.push(await base64ToolRun(browser, url, file));
      else nativeRuns.push(await base64NativeRun(browser, url, file));
    }
  }
  const available = nativeRuns.every((n) => n.available);
  const toolMs = median(toolRuns.map((r) => r.ms));
  const nativeMs = available ? median(nativeRuns.map((n) => n.ms)) : undefined;
  const nativeDecodeOnlyMs = available ? median(nativeRuns.map((n) => n.decodeOnlyMs)) : undefined;

  const coreutils = spawnSync('bash', ['-c', 'TIMEFORMAT=%R; time base64 -d "$1" > /dev/null', 'bench', file], { encoding: 'utf8' });
  const coreutilsMs = coreutils.status === 0 ? Number(coreutils.stderr.trim().split('\n').at(-1)) * 1000 : undefined;

  // MB/s of base64 input, 1 MB = 2^20 bytes as everywhere in the bench.
  const mbps = (ms) => (ms ? size.bytes / 2 ** 20 / (ms / 1000) : undefined);
  return {
    inputBytes: size.bytes,
    decodedBytes: size.decodedBytes,
    rounds: BASE64_ROUNDS,
    toolMs,
    toolMBps: mbps(toolMs),
    toolRunsMs: toolRuns.map((r) => r.ms),
    longestTaskMs: Math.max(...toolRuns.map((r) => r.longestTaskMs)),
    longTasks: Math.max(...toolRuns.map((r) => r.longTasks)),
    nativeMs,
    nativeMBps: mbps(nativeMs),
    nativeRunsMs: available ? nativeRuns.map((n) => n.ms) : undefined,
    nativeDecodeOnlyMs,
    nativeDecodeOnlyMBps: mbps(nativeDecodeOnlyMs),
    nativeAvailable: available,
    coreutilsMs,
    coreutilsMBps: mbps(coreutilsMs),
  };
}

async function benchSecrets({ browser, url }) {
  const manifest = secretsManifest();
  const context = await browser.newContext();
  await context.addInitScript(BENCH_HELPERS);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const textarea = page.locator('textarea.tool__textarea').first();
  await textarea.waitFor({ timeout: 15_000 });
  // A paste: the whole text arrives in one input event; timed in the page from that event to
  // the status line saying the outputs are ready (the tool's 150 ms input debounce included).
  const result = await page.evaluate(async (text) => {
    const area = document.querySelector('textarea.tool__textarea');
    const done = window.__benchWaitForTool({ timeoutMs: 300_000, downloadButton: false });
    const start = performance.now();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    const end = await done;
    return { ms: end - start, start, end, outputs: document.querySelectorAll('.tool-output').length };
  }, manifest);
  const longTasks = await page.evaluate(() => window.__benchLongTasks);
  const longestTaskMs = longTasks.filter((t) => t.start + t.duration >= result.start && t.start <= result.end).reduce((m, t) => Math.max(m, t.duration), 0);
  await context.close();
  return { secrets: SECRETS, manifestBytes: Buffer.byteLength(manifest), ms: result.ms, outputs: result.outputs, longestTaskMs };
}

/**
 * The tools' figures. `siteDir` is a build of the real site; `workDir` is where input files
 * go. Each tool is skipped (with the reason) when its page is not in the build.
 */
export async function benchTools({ repoRoot, siteDir, workDir }) {
  const base64Page = path.join(siteDir, 'tools', 'base64', 'index.html');
  const secretsPage = path.join(siteDir, 'tools', 'secret-to-kustomize', 'index.html');
  const figures = {};
  if (!existsSync(base64Page) && !existsSync(secretsPage)) return { skipped: 'no /tools/base64/ or /tools/secret-to-kustomize/ page in the build' };
  const server = await serveStatic({ repoRoot, dir: siteDir });
  const browser = await launchBrowser();
  try {
    if (existsSync(base64Page)) {
      const file = path.join(workDir, 'base64-50mb.txt');
      const size = existsSync(file) && statSync(file).size === Math.round(BASE64_TARGET_BYTES / 77) * 77 ? { bytes: statSync(file).size, decodedBytes: Math.round(BASE64_TARGET_BYTES / 77) * 57 } : writeBase64File(file);
      figures.base64 = await benchBase64({ browser, url: `${server.url}tools/base64/`, file, size });
    } else figures.base64 = { skipped: 'no /tools/base64/ page' };
    if (existsSync(secretsPage)) figures.secrets = await benchSecrets({ browser, url: `${server.url}tools/secret-to-kustomize/` });
    else figures.secrets = { skipped: 'no /tools/secret-to-kustomize/ page' };
  } finally {
    await browser.close();
    server.stop();
  }
  return figures;
}
