import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * Astro's incremental build copies a post page from its cache when the page's code and
 * cacheKey are unchanged (src/data/page-cache-key.ts). A key that misses some data the
 * page shows leaves a stale page behind, so: build, rename one page, build again on the
 * same cache, and compare every file with a build from an empty cache.
 */
const work = mkdtempSync(path.join(tmpdir(), 'fieldnotes-incremental-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function build(content: string, outDir: string, cacheDir: string): string {
  const result = spawnSync('npx', ['astro', 'build'], {
    env: { ...process.env, FIELDNOTES_CONTENT: content, FIELDNOTES_OUT_DIR: outDir, FIELDNOTES_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`astro build failed:\n${output}`);
  return output;
}

function filesOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), readFileSync(full));
  }
  return files;
}

describe('a rebuild after an edit', { timeout: 600_000 }, () => {
  it('reuses unchanged pages and equals a build from an empty cache', () => {
    const content = path.join(work, 'content');
    cpSync('tests/fixtures/foreign-docs', content, { recursive: true });
    const out = path.join(work, 'out');
    build(content, out, path.join(work, 'cache'));

    // A new title shows on the page itself and in its neighbours' previous/next links.
    const edited = path.join(content, 'Getting Started', 'Install Guide.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('# Installing Acme Widgets', '# Installing Acme Widgets, step by step'));
    const log = build(content, out, path.join(work, 'cache'));
    const restored = log.split('\n').filter((line) => line.includes('(restored)'));
    expect(restored.length).toBeGreaterThan(0);
    expect(restored.join('\n')).not.toMatch(/install-guide/i);
    // pagefind wrote its index over the last one, kept in the cache (src/integrations/search-index-cache.ts).
    expect(log).toContain('files unchanged since the last build were not written again');
    expect(log).not.toContain('could not keep the search index');
    // The single-file tools' bundles came from the cache too (src/integrations/bundle-cache.ts).
    expect(log).toMatch(/; (\d+) of \1 bundles unchanged since the last build/);

    const fresh = path.join(work, 'fresh');
    build(content, fresh, path.join(work, 'cache-empty'));
    const rebuilt = filesOf(out);
    const expected = filesOf(fresh);
    expect([...rebuilt.keys()].sort()).toEqual([...expected.keys()].sort());
    const differing = [...expected].filter(([name, bytes]) => !bytes.equals(rebuilt.get(name)!)).map(([name]) => name);
    expect(differing).toEqual([]);
    expect(rebuilt.get(path.join('getting-started', 'install-guide', 'index.html'))?.toString()).toContain('step by step');
    // The last build's files were moved aside and deleted during the build (src/integrations/clear-output-early.ts).
    expect(readdirSync(work).filter((name) => name.startsWith('.out-old-'))).toEqual([]);

    // The rendered HTML lives in files beside the content store (src/markdown/rendered-html-files.ts):
    // one per page, the edited page's old version removed.
    const htmlDir = path.join(work, 'cache', 'fieldnotes', 'rendered-html', 'build', 'posts');
    const markdownFiles = readdirSync(content, { recursive: true }).filter((name) => /\.(md|markdown)$/.test(String(name)));
    const htmlFiles = readdirSync(htmlDir);
    expect(htmlFiles.length).toBe(markdownFiles.length);

    // A file lost from the cache is rendered again, not a failed or empty page. A search index
    // left unsealed (a build stopped while pagefind wrote) is written afresh.
    rmSync(path.join(htmlDir, htmlFiles[0]!));
    rmSync(path.join(work, 'cache', 'fieldnotes', 'search-index', '.sealed'));
    expect(build(content, out, path.join(work, 'cache'))).not.toContain('were not written again');
    const healed = filesOf(out);
    expect([...expected].filter(([name, bytes]) => !bytes.equals(healed.get(name)!)).map(([name]) => name)).toEqual([]);
    expect(readdirSync(htmlDir).length).toBe(markdownFiles.length);
  });
});
