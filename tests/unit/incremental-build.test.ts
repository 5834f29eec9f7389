import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
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
    // Two posts a list page, so that the home page's list and the tags' lists run over several pages.
    env: { ...process.env, FIELDNOTES_CONTENT: content, FIELDNOTES_OUT_DIR: outDir, FIELDNOTES_CACHE_DIR: cacheDir, FIELDNOTES_PAGE_SIZE: '2', ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`astro build failed:\n${output}`);
  return output;
}

/**
 * Whether a built file is the same in both builds. pagefind's data files are compared
 * ungzipped: their names are hashes of that content, and a file the last index is updated
 * with (src/integrations/search-index-update.ts) is gzipped by Node's zlib, pagefind's own
 * by another deflate, which picks other bytes for the same content.
 */
function sameFile(name: string, a: Buffer, b: Buffer | undefined): boolean {
  if (!b) return false;
  if (/^pagefind[\\/].*\.pf_(filter|index|fragment|meta)$/.test(name)) return gunzipSync(a).equals(gunzipSync(b));
  return a.equals(b);
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
    const pages = [...filesOf(out).keys()].filter((name) => name.endsWith('index.html'));
    const unchangedPage = path.join(out, pages.find((name) => /deep-folder/.test(name))!);
    const unchangedInode = statSync(unchangedPage).ino;
    const deletedPage = path.join(out, pages.find((name) => /glossary/.test(name))!);
    // A deploy script that edits the output in place: that page must not be kept as it is.
    const touchedPage = path.join(out, pages.find((name) => /changelog/.test(name))!);
    appendFileSync(touchedPage, '<!-- edited after the build -->');

    // A new title shows on the page itself and in its neighbours' previous/next links.
    const edited = path.join(content, 'Getting Started', 'Install Guide.md');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('# Installing Acme Widgets', '# Installing Acme Widgets, step by step'));
    rmSync(path.join(content, 'référence', 'Glossary.md'));
    const log = build(content, out, path.join(work, 'cache'));
    // Astro says "(cached)" of a page it found in place, "(restored)" of one it copied from its cache.
    const reused = log.split('\n').filter((line) => /\((cached|restored)\)/.test(line));
    expect(reused.length).toBeGreaterThan(0);
    expect(reused.join('\n')).not.toMatch(/install-guide/i);
    // Lists whose posts are unchanged are reused too (their cacheKey is the list they show).
    expect(reused.filter((line) => line.includes('/tags/troubleshooting/'))).toHaveLength(1);
    expect(reused.filter((line) => line.includes('/tags/reference/'))).toEqual([]);
    // The last build's unchanged pages were put back, not copied (src/integrations/unchanged-pages.ts): the very same file.
    expect(log).toMatch(/\d+ pages of the last build were left in place, not copied again; \d+ no longer built were removed/);
    expect(statSync(unchangedPage).ino).toBe(unchangedInode);
    expect(existsSync(deletedPage)).toBe(false);
    expect(readFileSync(touchedPage, 'utf8')).not.toContain('edited after the build');
    // pagefind read only the changed pages, and the last index, kept in the cache, was updated
    // with them (src/integrations/search-index-update.ts).
    expect(log).toMatch(/updated the search index of \d+ pages in \d+ ms \(pagefind read only the pages that changed: \d+ changed, 1 removed;/);
    expect(log).not.toContain('could not update the last search index');
    // The single-file tools' bundles came from the cache too (src/integrations/bundle-cache.ts).
    expect(log).toMatch(/; (\d+) of \1 bundles unchanged since the last build/);

    const fresh = path.join(work, 'fresh');
    build(content, fresh, path.join(work, 'cache-empty'));
    const rebuilt = filesOf(out);
    const expected = filesOf(fresh);
    expect([...rebuilt.keys()].sort()).toEqual([...expected.keys()].sort());
    const differing = [...expected].filter(([name, bytes]) => !sameFile(name, bytes, rebuilt.get(name))).map(([name]) => name);
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
    expect([...expected].filter(([name, bytes]) => !sameFile(name, bytes, healed.get(name))).map(([name]) => name)).toEqual([]);
    expect(readdirSync(htmlDir).length).toBe(markdownFiles.length);

    // A build into another folder on the same cache rewrites Astro's record, which then calls
    // unchanged a page that this folder holds an older copy of: none of its pages may be put back.
    const unchangedFile = path.join(content, 'référence', 'deep folder', 'Ünïcode Notes.md');
    writeFileSync(unchangedFile, `${readFileSync(unchangedFile, 'utf8')}\nA line added for the other folder.\n`);
    const other = path.join(work, 'other');
    build(content, other, path.join(work, 'cache'));
    expect(build(content, out, path.join(work, 'cache'))).not.toContain('left in place');
    const otherFiles = filesOf(other);
    const outFiles = filesOf(out);
    expect([...outFiles.keys()].sort()).toEqual([...otherFiles.keys()].sort());
    expect([...otherFiles].filter(([name, bytes]) => !sameFile(name, bytes, outFiles.get(name))).map(([name]) => name)).toEqual([]);
    expect(readFileSync(unchangedPage, 'utf8')).toContain('A line added for the other folder.');

    // A word changed in one post (its lists show the same title, summary and reading time):
    // pagefind reads that page alone and its entries take the old ones' place in the last
    // index (src/integrations/search-index-update.ts). The site, search index and service
    // worker included, equals a build from an empty cache.
    const prose = path.join(content, 'Getting Started', 'Install Guide.md');
    writeFileSync(prose, readFileSync(prose, 'utf8').replace('You need a computer.', 'You need a workstation.'));
    expect(build(content, out, path.join(work, 'cache'))).toMatch(/updated the search index of \d+ pages in \d+ ms \(pagefind read only the pages that changed: 1 changed;/);
    const freshAgain = path.join(work, 'fresh-again');
    build(content, freshAgain, path.join(work, 'cache-empty-again'));
    const updated = filesOf(out);
    const expectedAgain = filesOf(freshAgain);
    expect([...updated.keys()].sort()).toEqual([...expectedAgain.keys()].sort());
    expect([...expectedAgain].filter(([name, bytes]) => !sameFile(name, bytes, updated.get(name))).map(([name]) => name)).toEqual([]);
    expect(updated.get(path.join('getting-started', 'install-guide', 'index.html'))?.toString()).toContain('You need a workstation.');
  });
});
