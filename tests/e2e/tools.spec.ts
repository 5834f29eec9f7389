import AxeBuilder from '@axe-core/playwright';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parseAllDocuments } from 'yaml';
import { test, expect } from './fixtures.ts';
import type { Download, Page } from '@playwright/test';

/*
 * Each tool driven the way a reader drives it: by its labels, by keyboard, with files,
 * downloads and the network cut. A recorder proves nothing leaves the page, and storage
 * is checked empty afterwards.
 */

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
const MANIFESTS = 'tests/fixtures/manifests';

async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync((await download.path())!);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Starts recording every request the page makes from now on. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (/^(https?|wss?):/.test(request.url())) seen.push(request.url());
  });
  return seen;
}

async function expectNothingStored(page: Page, url: string): Promise<void> {
  const state = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).length,
    url: location.href,
  }));
  expect(state).toEqual({ local: 0, session: 0, cookie: '', databases: 0, url });
}

async function openTool(page: Page, id: string): Promise<void> {
  await page.goto(`./tools/${id}/`);
  // The shell replaces its fallback link when the tool's code has loaded.
  await expect(page.locator(`fn-tool[data-tool="${id}"] form`)).toBeVisible();
  // The shell loads its zip and worker code when the page is idle; wait for that.
  await expect(page.locator(`fn-tool[data-tool="${id}"][data-ready]`)).toBeAttached();
  await page.waitForLoadState('networkidle');
}

/** Writes each file from a zip to a fresh folder and returns it. */
function unzipToFolder(zip: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-zip-'));
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return dir;
}

interface ResourceData {
  kind: string;
  name: string;
  namespace?: string;
  type?: string;
  values: Record<string, string>;
}

/** Secret/ConfigMap values as base64 of their bytes, from a manifest or kustomize's output. */
function resourcesOf(yamlText: string): ResourceData[] {
  return parseAllDocuments(yamlText)
    .map((doc) => doc.toJS() as Record<string, unknown> | null)
    .filter((obj): obj is Record<string, unknown> => !!obj && (obj['kind'] === 'Secret' || obj['kind'] === 'ConfigMap'))
    .map((obj) => {
      const meta = obj['metadata'] as { name: string; namespace?: string };
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries((obj['data'] as Record<string, string>) ?? {})) {
        values[k] = obj['kind'] === 'Secret' ? Buffer.from(v.replace(/\s/g, ''), 'base64').toString('base64') : Buffer.from(v).toString('base64');
      }
      for (const [k, v] of Object.entries((obj['binaryData'] as Record<string, string>) ?? {})) values[k] = Buffer.from(v.replace(/\s/g, ''), 'base64').toString('base64');
      for (const [k, v] of Object.entries((obj['stringData'] as Record<string, string>) ?? {})) values[k] = Buffer.from(v).toString('base64');
      const resource: ResourceData = { kind: String(obj['kind']), name: meta.name, values };
      if (meta.namespace) resource.namespace = meta.namespace;
      if (obj['kind'] === 'Secret') resource.type = String(obj['type'] ?? 'Opaque');
      return resource;
    });
}

test.describe('base64', () => {
  test('decodes pasted text and downloads the exact bytes', async ({ page }) => {
    await openTool(page, 'base64');
    const requests = recordRequests(page);
    const text = '{"auths":{"https://registry.gitlab.com":{"username":"yourusername"}}}';
    await page.getByRole('radio', { name: 'Decode' }).check();
    await page.getByRole('textbox', { name: /base64/i }).first().fill(Buffer.from(text).toString('base64'));
    const output = page.locator('.tool-output').first();
    await expect(output.locator('textarea')).toHaveValue(/yourusername/);
    const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
    expect((await bytesOf(download)).toString('utf8')).toBe(text);
    expect(requests).toEqual([]);
    await expectNothingStored(page, page.url());
  });

  test('shows markup as text, never as HTML', async ({ page }) => {
    await openTool(page, 'base64');
    const markup = '<img src=x onerror=alert(1)>';
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.getByRole('textbox', { name: /base64/i }).first().fill(Buffer.from(markup).toString('base64'));
    await expect(page.locator('.tool-output').first().locator('textarea')).toHaveValue(markup);
    expect(await page.locator('fn-tool img').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  test('reports bad input with its position, announced as an alert, and offers no download', async ({ page }) => {
    await openTool(page, 'base64');
    await page.getByRole('textbox', { name: /base64/i }).first().fill('QUJD\nR%==');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('line 2, column 2');
    await expect(alert).toContainText('BAD_BASE64_CHAR');
    await expect(page.getByRole('button', { name: 'Download' })).toHaveCount(0);
  });

  test('a large opened file with one bad character reports its line and column', async ({ page }) => {
    await openTool(page, 'base64');
    // Over the worker threshold, so it takes the streaming path first and must fall back to find the place.
    const lines = Array.from({ length: 30_000 }, () => 'QUJD'.repeat(19));
    lines[20_000] = `QUJD%${lines[20_000]!.slice(5)}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-bad-'));
    const file = path.join(dir, 'bad.b64');
    writeFileSync(file, lines.join('\n'));
    try {
      await page.getByLabel('Open file').setInputFiles(file);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText('line 20001, column 5', { timeout: 30_000 });
      await expect(alert).toContainText('BAD_BASE64_CHAR');
      await expect(page.getByRole('button', { name: 'Download' })).toHaveCount(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('opens a binary file, detects its type and downloads it unchanged', async ({ page }) => {
    await openTool(page, 'base64');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37) % 256))]);
    await page.getByLabel('Open file').setInputFiles({ name: 'image.b64', mimeType: 'text/plain', buffer: Buffer.from(png.toString('base64')) });
    const output = page.locator('.tool-output').first();
    await expect(output).toContainText('PNG');
    const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
    expect(sha256(await bytesOf(download))).toBe(sha256(png));
  });

  test('encodes a file, by keyboard alone', async ({ page }) => {
    await openTool(page, 'base64');
    await page.getByRole('radio', { name: 'Decode' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Encode' })).toBeChecked();
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    await page.getByLabel('Open file').setInputFiles({ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await expect(page.locator('.tool-output').first().locator('textarea')).toHaveValue(bytes.toString('base64'));
  });

  test('decodes a 50 MB file in a worker and downloads every byte', async ({ page }) => {
    test.setTimeout(180_000);
    await openTool(page, 'base64');
    // Deterministic bytes: a linear congruential sequence, wrapped at 76 columns like base64 -w 76.
    const size = 50 * 1024 * 1024;
    const original = Buffer.alloc(size);
    let x = 12345;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      original[i] = x >>> 24;
    }
    const wrapped = original.toString('base64').replace(/.{76}/g, '$&\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-big-'));
    const file = path.join(dir, 'big.b64');
    writeFileSync(file, wrapped);
    try {
      await page.getByLabel('Open file').setInputFiles(file);
      const output = page.locator('.tool-output').first();
      await expect(output.getByRole('button', { name: 'Download' })).toBeVisible({ timeout: 120_000 });
      // The file was read in pieces with progress reported (the streaming path), up to its end.
      expect(Number(await page.locator('.tool__progress').getAttribute('value'))).toBeGreaterThan(0.99);
      const [download] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
      expect(sha256(await bytesOf(download))).toBe(sha256(original));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('secret-to-kustomize', () => {
  test.skip(!hasKubectl && !process.env['FIELDNOTES_REQUIRE_KUBECTL'], 'kubectl is not installed: the zip cannot be built with the real kustomize');

  for (const manifest of ['docker-registry.yaml', 'generic-files.yaml', 'tls.yaml', 'configmap-binary.yaml']) {
    test(`${manifest}: the zip builds with kubectl kustomize into the same objects`, async ({ page, context }) => {
      await openTool(page, 'secret-to-kustomize');
      const source = readFileSync(path.join(MANIFESTS, manifest), 'utf8');
      const requests = recordRequests(page);
      await context.setOffline(true);
      await page.getByLabel('Open file').setInputFiles(path.join(MANIFESTS, manifest));
      await expect(page.getByRole('button', { name: 'Download all (.zip)' })).toBeVisible();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all (.zip)' }).click()]);
      const dir = unzipToFolder(await bytesOf(download));
      try {
        const built = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
        const expected = resourcesOf(source);
        const actual = resourcesOf(built).map((r) => ({ ...r, name: r.name.replace(/-[a-z0-9]{10}$/, '') }));
        expect(actual).toEqual(expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(requests).toEqual([]);
      await expectNothingStored(page, page.url());
    });
  }

  test('shows the registry credentials of a dockerconfigjson Secret', async ({ page }) => {
    await openTool(page, 'secret-to-kustomize');
    await page.getByRole('textbox', { name: /manifests/i }).fill(readFileSync(path.join(MANIFESTS, 'docker-registry.yaml'), 'utf8'));
    await expect(page.locator('.tool__messages')).toContainText('registry');
    await expect(page.locator('.tool-output').first().locator('textarea')).toHaveValue(/\.dockerconfigjson=/);
  });

  test('draws every output of a large manifest, then says they are ready', async ({ page }) => {
    await openTool(page, 'secret-to-kustomize');
    // 150 Secrets of two keys: their kustomization.yaml and 300 files, drawn over several tasks.
    const docs = Array.from({ length: 150 }, (_, i) =>
      ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: app-${i}`, 'type: Opaque', 'data:', `  user: ${Buffer.from(`user-${i}`).toString('base64')}`, `  pass: ${Buffer.from(`pass-${i}`).toString('base64')}`].join('\n'),
    );
    await page.getByRole('textbox', { name: /manifests/i }).fill(docs.join('\n---\n'));
    await expect(page.getByRole('status').filter({ hasText: 'outputs ready' })).toHaveText('301 outputs ready.');
    await expect(page.locator('.tool-output')).toHaveCount(301);
    await expect(page.locator('.tool-output').last().locator('textarea')).toHaveValue('pass-149');
  });

  test('reports a YAML error with line and column', async ({ page }) => {
    await openTool(page, 'secret-to-kustomize');
    await page.getByRole('textbox', { name: /manifests/i }).fill('apiVersion: v1\nkind: Secret\nmetadata:\n  name: [oops\n');
    await expect(page.getByRole('alert')).toContainText(/line \d+, column \d+/);
  });
});

test.describe('docker-config', () => {
  test('builds the .dockerconfigjson that kubectl would', async ({ page }) => {
    test.skip(!hasKubectl, 'kubectl is not installed');
    await openTool(page, 'docker-config');
    await page.getByLabel('Registry server').fill('https://registry.gitlab.com');
    await page.getByLabel('Username').fill('yourusername');
    await page.getByLabel('Password or token').fill('SOME SECRET <PASSWORD> & "STRING"');
    const secret = execFileSync('kubectl', ['create', 'secret', 'docker-registry', 'x', '--docker-server=https://registry.gitlab.com', '--docker-username=yourusername', '--docker-password=SOME SECRET <PASSWORD> & "STRING"', '--dry-run=client', '-o', 'yaml'], { encoding: 'utf8' });
    const expected = Buffer.from(resourcesOf(secret)[0]!.values['.dockerconfigjson']!, 'base64').toString('utf8');
    await expect(page.locator('.tool-output').first().locator('textarea')).toHaveValue(expected);
  });
});

test.describe('yaml-json', () => {
  test('converts multi-document YAML to a JSON array', async ({ page }) => {
    await openTool(page, 'yaml-json');
    await page.locator('fn-tool textarea').first().fill('a: 1\n---\nb: [x, y]\n');
    const value = await page.locator('.tool-output').first().locator('textarea').inputValue();
    expect(JSON.parse(value)).toEqual([{ a: 1 }, { b: ['x', 'y'] }]);
  });
});

test.describe('every tool page', () => {
  for (const id of ['base64', 'secret-to-kustomize', 'docker-config', 'yaml-json']) {
    test(`${id} has no axe violations with an example loaded`, async ({ page }) => {
      await openTool(page, id);
      const example = page.getByLabel('Load an example');
      if ((await example.count()) > 0) {
        const first = await example.locator('option').nth(1).getAttribute('value');
        if (first) await example.selectOption(first);
      }
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});

test.describe('a tool\'s own page', () => {
  for (const id of ['base64', 'secret-to-kustomize', 'docker-config', 'yaml-json']) {
    test(`${id}: nothing moves when the script starts`, async ({ page }) => {
      await openTool(page, id);
      // Layout shifts since navigation, as the browser recorded them (buffered).
      const shifts = await page.evaluate(
        () =>
          new Promise<number[]>((resolve) => {
            new PerformanceObserver((list) => resolve(list.getEntries().map((e) => (e as PerformanceEntry & { value: number }).value))).observe({
              type: 'layout-shift',
              buffered: true,
            });
            // No shift at all means no callback: answer after a frame with nothing.
            requestAnimationFrame(() => setTimeout(() => resolve([]), 50));
          }),
      );
      expect(shifts).toEqual([]);
    });
  }

  test('zips in the worker: the page never loads the zip code', async ({ page }) => {
    const requests = recordRequests(page);
    await openTool(page, 'secret-to-kustomize');
    await page.getByRole('textbox', { name: /manifests/i }).fill(readFileSync(path.join(MANIFESTS, 'generic-files.yaml'), 'utf8'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all (.zip)' }).click()]);
    const files = Object.keys(unzipSync(await bytesOf(download)));
    expect(files).toContain('kustomization.yaml');
    expect(files.length).toBeGreaterThan(1);
    expect(requests.filter((url) => url.includes('/tool-worker'))).toHaveLength(1);
    expect(requests.filter((url) => /\/zip-files\.[^/]*\.js$/.test(url))).toEqual([]);
  });

  test('a large pasted manifest converts in the worker; a small one on the page', async ({ page }) => {
    // Records what the page hands its worker, so the test sees where each conversion ran.
    await page.addInitScript(() => {
      const posted: string[] = [];
      (window as unknown as { posted: string[] }).posted = posted;
      const postMessage = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: { kind?: string; toolId?: string }, ...rest: [StructuredSerializeOptions?]) {
        posted.push(`${message.kind}:${message.toolId}`);
        return postMessage.call(this, message, ...rest);
      } as Worker['postMessage'];
    });
    await openTool(page, 'secret-to-kustomize');
    const secret = (i: number) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: app-${i}`, 'type: Opaque', 'data:', `  token: ${Buffer.from(`token-${i}`).toString('base64')}`].join('\n');
    const input = page.getByRole('textbox', { name: /manifests/i });
    const status = page.locator('fn-tool .tool__status');
    // About 40,000 characters, over what a YAML tool converts on the page, pasted: fill()
    // types a text this long slowly.
    await input.evaluate((area: HTMLTextAreaElement, text) => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, Array.from({ length: 400 }, (_, i) => secret(i)).join('\n---\n'));
    await expect(status).toHaveText('401 outputs ready.');
    await input.fill(secret(0));
    await expect(status).toHaveText('2 outputs ready.');
    expect(await page.evaluate(() => (window as unknown as { posted: string[] }).posted)).toEqual(['run:secret-to-kustomize']);
  });

  test('where the worker cannot start, large inputs and zips run on the page', async ({ page }) => {
    const requests = recordRequests(page);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A worker whose script fails as it starts, as one that did not load fails; it is held
    // back until a job waits on it, so the job is the one that has to move to the page.
    await page.route('**/tool-worker-*.js', async (route) => {
      await released;
      await route.fulfill({ contentType: 'text/javascript', body: "throw new Error('this worker cannot start');" });
    });
    await page.goto('./tools/base64/');
    await expect(page.locator('fn-tool[data-tool="base64"] form')).toBeVisible();
    // Over the size that goes to the worker (1 MB of text).
    const original = Buffer.alloc(900_000, 'fieldnotes ');
    await page.getByRole('radio', { name: 'Decode' }).check();
    await page.getByLabel('Base64 or text').fill(original.toString('base64'));
    await expect(page.locator('.tool__progress')).toBeVisible();
    release();
    const output = page.locator('.tool-output').first();
    const [decoded] = await Promise.all([page.waitForEvent('download'), output.getByRole('button', { name: 'Download' }).click()]);
    expect(sha256(await bytesOf(decoded))).toBe(sha256(original));

    await openTool(page, 'secret-to-kustomize');
    await page.getByRole('textbox', { name: /manifests/i }).fill(readFileSync(path.join(MANIFESTS, 'generic-files.yaml'), 'utf8'));
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all (.zip)' }).click()]);
    expect(Object.keys(unzipSync(await bytesOf(zip)))).toContain('kustomization.yaml');
    expect(requests.filter((url) => /\/zip-files\.[^/]*\.js$/.test(url))).toHaveLength(1);
  });

  test('text typed before the script starts is kept and converted', async ({ page }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // Hold every script back, so the reader types into the form the HTML shipped.
    await page.route('**/_astro/*.js', async (route) => {
      await released;
      await route.continue();
    });
    // Module scripts hold DOMContentLoaded back, so wait only for the response.
    await page.goto('./tools/base64/', { waitUntil: 'commit' });
    await page.getByLabel('Base64 or text').fill('aGVsbG8=');
    release();
    await expect(page.locator('fn-tool[data-tool="base64"][data-ready]')).toBeAttached();
    await expect(page.getByLabel('Base64 or text')).toHaveValue('aGVsbG8=');
    await expect(page.locator('.tool-output').first().locator('textarea')).toHaveValue('hello');
  });
});

test('the kustomize guide embeds the decoder and the converter, prefilled', async ({ page }) => {
  await page.goto('./kustomize-docker-registry-secret/');
  // Embedded tools start when scrolled near, not on load.
  await expect(page.locator('fn-tool[data-tool="base64"] form')).toHaveCount(0);
  await page.locator('fn-tool[data-tool="base64"]').scrollIntoViewIfNeeded();
  await expect(page.locator('fn-tool[data-tool="base64"] form')).toBeVisible();
  const converter = page.locator('fn-tool[data-tool="secret-to-kustomize"]');
  await converter.scrollIntoViewIfNeeded();
  await expect(converter.locator('form')).toBeVisible();
  await expect(converter.getByRole('textbox').first()).not.toHaveValue('');
  await expect(converter.locator('.tool-output').first().locator('textarea')).toHaveValue(/secretGenerator/);
});
