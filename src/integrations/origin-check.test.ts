import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { checkBuiltFolder, originCheck } from './origin-check.ts';
import { startJob } from './build-jobs.ts';
import { SITE_META_POLICY } from '../data/site-policy.ts';
import { contentHash } from '../lib/content-hash.ts';
import { loadPassedFiles } from './passed-files.ts';

describe('checkBuiltFolder', () => {
  it('names the file, the place and the URL of every foreign load in HTML, CSS and JS', async () => {
    const outDir = await tempFolder({
      'index.html': '<link rel="canonical" href="https://docs.example.org/">\n<a href="https://docs.example.org/x/">home</a>',
      'guide/index.html': '<p>\n<img src="https://img.example.com/a.png"></p>',
      '_astro/site.css': 'a{}\nb{background:url(https://img.example.com/b.png)}',
      '_astro/app.js': 'fetch("https://api.example.com/collect")',
      'feed.xml': '<link href="https://img.example.com/not-scanned"/>',
    });
    const { scanned, problems } = await checkBuiltFolder(outDir, { ownOrigins: ['https://docs.example.org'] });
    const label = path.relative(process.cwd(), outDir);
    expect(scanned).toBe(4);
    expect(problems).toEqual([
      `${label}/_astro/app.js:1:8  JS fetch() loads https://api.example.com/collect from another origin`,
      `${label}/_astro/site.css:2:18  CSS url() loads https://img.example.com/b.png from another origin`,
      `${label}/guide/index.html:2:11  <img src> loads https://img.example.com/a.png from another origin`,
    ]);
  });

  it('passes a clean site and honours ignore', async () => {
    const outDir = await tempFolder({ 'index.html': '<script type="module" src="/_astro/a.js"></script>', 'vendor/x.js': 'import("https://x.example/")' });
    expect((await checkBuiltFolder(outDir, { ignore: (f) => f.startsWith('vendor/') })).problems).toEqual([]);
  });

  it('checks pages against the site policy in the same pass, when asked', async () => {
    const outDir = await tempFolder({ 'index.html': '<p>x</p>', 'a.css': 'a{}' });
    const seen: string[] = [];
    const result = await checkBuiltFolder(outDir, {
      pagePolicy: (file, html, tags) => {
        seen.push(`${file} ${html.length} ${tags.length}`);
        return [`${file}  problem`];
      },
    });
    const label = path.relative(process.cwd(), outDir);
    expect(seen).toEqual([`${label}/index.html 8 1`]);
    expect(result.policyProblems).toEqual([`${label}/index.html  problem`]);
  });

  it('scans again only what changed since an earlier scan', async () => {
    const outDir = await tempFolder({ 'index.html': '<p>x</p>', 'a.js': 'let a;' });
    const first = await checkBuiltFolder(outDir);
    expect(first.scanned).toBe(2);
    await writeFile(path.join(outDir, 'a.js'), 'fetch("https://api.example.com/x")');
    await writeFile(path.join(outDir, 'b.css'), 'b{}');
    const second = await checkBuiltFolder(outDir, { scannedBefore: first.stamps });
    expect(second.scanned).toBe(2);
    expect(second.problems).toHaveLength(1);
    expect(second.problems[0]).toContain('a.js:1:8  JS fetch() loads https://api.example.com/x');
  });

  it('scans only files whose content changed, and never records a file with a problem', async () => {
    const outDir = await tempFolder({ 'index.html': '<p>x</p>', 'a.js': 'let a;', 'b.js': 'fetch("https://api.example.com/x")' });
    const record = path.join(outDir, 'cache', 'passed.json'); // not scanned: not HTML, CSS or JS

    const first = await loadPassedFiles(record, 'rules');
    const one = await checkBuiltFolder(outDir, { passed: first });
    expect([one.scanned, one.passedBefore.size, one.problems.length]).toEqual([3, 0, 1]);
    await first.save();

    await writeFile(path.join(outDir, 'a.js'), 'let a = 2;');
    const second = await loadPassedFiles(record, 'rules');
    const two = await checkBuiltFolder(outDir, { passed: second });
    // index.html is unchanged and passed; a.js changed; b.js failed, so it is scanned again.
    expect([two.scanned, [...two.passedBefore]]).toEqual([2, ['index.html']]);
    expect(two.problems).toHaveLength(1);
    expect(two.problems[0]).toContain('b.js:1:8  JS fetch() loads https://api.example.com/x');
    expect(second.has(contentHash('<p>x</p>'))).toBe(true);
  });
});

describe('originCheck (the integration, its scan on a thread of its own)', () => {
  const page = (body: string) => `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="${SITE_META_POLICY}"></head><body>${body}</body>`;

  /** Runs the integration's two hooks as a build would; resolves to what it logged. */
  async function runCheck(outDir: string, cacheDir: string): Promise<string[]> {
    const logged: string[] = [];
    const logger = { info: (line: string) => void logged.push(line) };
    const { hooks } = originCheck();
    const config = { site: 'https://docs.example.org', root: pathToFileURL(`${cacheDir}/`), cacheDir: pathToFileURL(`${cacheDir}/`) };
    await (hooks['astro:config:done'] as unknown as (o: object) => Promise<void> | void)({ config });
    await (hooks['astro:build:done'] as unknown as (o: object) => Promise<void>)({ dir: pathToFileURL(`${outDir}/`), logger });
    return logged;
  }

  it('passes a clean site, and the next build does not scan again what passed', async () => {
    const outDir = await tempFolder({ 'index.html': page('<a href="https://docs.example.org/x/">home</a>'), '_astro/a.js': 'let a;' });
    const cacheDir = await tempFolder();
    expect(await runCheck(outDir, cacheDir)).toEqual(['2 HTML, CSS and JS files load nothing from other origins; every page keeps to the Content-Security-Policy']);
    expect(await runCheck(outDir, cacheDir)).toEqual([
      '2 HTML, CSS and JS files load nothing from other origins; every page keeps to the Content-Security-Policy (2 unchanged since a build that passed, not scanned again)',
    ]);
  });

  it('fails the build on a foreign load, naming the file, line and column', async () => {
    const outDir = await tempFolder({ 'guide/index.html': page('\n<img src="https://img.example.com/a.png">') });
    await expect(runCheck(outDir, await tempFolder())).rejects.toThrow(/guide\/index\.html:2:11 {2}<img src> loads https:\/\/img\.example\.com\/a\.png from another origin/);
  });

  it('fails the build on a page that breaks the policy', async () => {
    const outDir = await tempFolder({ 'index.html': '<p onclick="go()">x</p>' });
    await expect(runCheck(outDir, await tempFolder())).rejects.toThrow(/Content-Security-Policy: these would be blocked at run time:[\s\S]*index\.html {2}has no Content-Security-Policy <meta>/);
  });

  it('scans what a build job writes after the first scan', async () => {
    const outDir = await tempFolder({ 'index.html': page('<p>x</p>') });
    startJob('writes late', ['late.js'], async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await writeFile(path.join(outDir, 'late.js'), 'fetch("https://api.example.com/collect")');
    });
    await expect(runCheck(outDir, await tempFolder())).rejects.toThrow(/late\.js:1:8 {2}JS fetch\(\) loads https:\/\/api\.example\.com\/collect/);
  });

  it('counts the files as the jobs left them: what a job removed is gone, what it added is scanned', async () => {
    const outDir = await tempFolder({ 'index.html': page('<p>x</p>'), 'pagefind/old.js': 'let old;', 'pagefind/keep.js': 'let keep;' });
    startJob('rewrites its folder', ['pagefind'], async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await rm(path.join(outDir, 'pagefind', 'old.js'));
      await writeFile(path.join(outDir, 'pagefind', 'new.js'), 'let fresh;');
    });
    expect(await runCheck(outDir, await tempFolder())).toEqual(['3 HTML, CSS and JS files load nothing from other origins; every page keeps to the Content-Security-Policy']);
  });
});
