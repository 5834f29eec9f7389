import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import { describe, expect, it, vi } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { linkedFilesManifestPath, type LinkedFilesManifest } from '../markdown/linked-files.ts';
import { contentFileForRequest, contentTypeOf, linkedFiles } from './linked-files.ts';

/** Runs the integration's hooks as a build would: config, then build:done on `outDir`. */
async function runBuildDone(cache: string, outDir: string) {
  const integration = linkedFiles();
  const logger = { info: vi.fn(), warn: vi.fn() } as unknown as AstroIntegrationLogger;
  const hooks = integration.hooks as Record<string, (options: unknown) => Promise<void> | void>;
  await hooks['astro:config:done']!({ config: { cacheDir: pathToFileURL(`${cache}/`) } });
  await hooks['astro:build:done']!({ dir: pathToFileURL(`${outDir}/`), logger });
  return logger;
}

async function writeManifest(cache: string, manifest: LinkedFilesManifest) {
  const file = linkedFilesManifestPath(pathToFileURL(`${cache}/`));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(manifest));
}

describe('linkedFiles', () => {
  it('copies each listed file to its path in the output, byte for byte', async () => {
    const content = await tempFolder({ 'Getting Started/example config.yaml': 'a: 1\n', 'b.txt': 'bee' });
    const cache = await tempFolder();
    const out = await tempFolder({ 'index.html': '<p>home</p>' });
    await writeManifest(cache, { contentDir: content, files: { 'Getting Started/example config.yaml': ['guide.md'], 'b.txt': ['x.md'] } });
    const logger = await runBuildDone(cache, out);
    expect(await readFile(path.join(out, 'Getting Started/example config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(await readFile(path.join(out, 'b.txt'), 'utf8')).toBe('bee');
    expect(logger.info).toHaveBeenCalledWith('published 2 files of the content folder that pages link to');
  });

  it('never replaces a file the build wrote, and names the pages that link to it', async () => {
    const content = await tempFolder({ 'robots.txt': 'mine' });
    const cache = await tempFolder();
    const out = await tempFolder({ 'robots.txt': 'the site’s' });
    await writeManifest(cache, { contentDir: content, files: { 'robots.txt': ['a.md', 'b.md'] } });
    await expect(runBuildDone(cache, out)).rejects.toThrow('a.md, b.md link to robots.txt, which cannot be published: the site already has a page or file at /robots.txt');
    expect(await readFile(path.join(out, 'robots.txt'), 'utf8')).toBe('the site’s');
  });

  it('does nothing when no page links to a file', async () => {
    const cache = await tempFolder();
    const out = await tempFolder();
    const logger = await runBuildDone(cache, out);
    expect(logger.info).not.toHaveBeenCalled();
  });
});

describe('contentTypeOf (astro dev)', () => {
  it('names the types of files that pages link to, show and play', () => {
    expect(contentTypeOf('Getting Started/chime.WAV')).toBe('audio/wav');
    expect(contentTypeOf('demo.webm')).toBe('video/webm');
    expect(contentTypeOf('talk.vtt')).toBe('text/vtt; charset=utf-8');
    expect(contentTypeOf('example config.yaml')).toBe('text/plain; charset=utf-8');
    expect(contentTypeOf('archive.tar.zst')).toBe('application/octet-stream');
  });
});

describe('contentFileForRequest (astro dev)', () => {
  it('finds the file where the build would publish it, under the base path', async () => {
    const content = await tempFolder({ 'Getting Started/example config.yaml': 'a', 'guide.md': '# g', 'page.html': '<p>', 'sub/x.txt': 'x' });
    expect(contentFileForRequest('/sub/Getting%20Started/example%20config.yaml?v=1', '/sub/', content)).toBe(path.join(content, 'Getting Started/example config.yaml'));
    expect(contentFileForRequest('/sub/x.txt', '/', content)).toBe(path.join(content, 'sub/x.txt'));
  });

  it('leaves pages, code, folders, other paths and escapes to the rest of the server', async () => {
    const content = await tempFolder({ 'guide.md': '# g', 'page.html': '<p>', 'app.js': '', 'sub/x.txt': 'x' });
    const outside = path.basename(await tempFolder({ 'secret.txt': 's' }));
    for (const url of ['/guide.md', '/page.html', '/app.js', '/sub/', '/sub', '/missing.txt', `/../${outside}/secret.txt`, `/%2e%2e/${outside}/secret.txt`, '/%E0%A4%A.txt', '/other/x.txt']) {
      expect(contentFileForRequest(url, '/', content), url).toBeUndefined();
    }
    expect(contentFileForRequest('/sub/x.txt', '/docs/', content)).toBeUndefined();
  });
});
