import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Misuse must fail the real build with a message a writer can act on: the file, the
 * line and column, and what would have been valid. Each case builds a tiny folder.
 */
function build(contentDir: string): { status: number | null; output: string } {
  return builds(contentDir, 1)[0]!;
}

/** Builds `contentDir` `times` times in a row, each after the last, sharing one cache. */
function builds(contentDir: string, times: number): { status: number | null; output: string }[] {
  const outDir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-build-'));
  // Its own cache too: a failed build must not leave anything in the project's cache, nor
  // race a build that uses it.
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'fieldnotes-cache-'));
  try {
    return Array.from({ length: times }, () => {
      const result = spawnSync('npx', ['astro', 'build'], {
        env: { ...process.env, FIELDNOTES_CONTENT: contentDir, FIELDNOTES_OUT_DIR: outDir, FIELDNOTES_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
        encoding: 'utf8',
        timeout: 240_000,
      });
      return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

describe('the build fails on misuse', { timeout: 300_000 }, () => {
  it('an unknown ::directive names the file, line, column and the valid names', () => {
    const { status, output } = build('tests/fixtures/broken-directive');
    expect(status).not.toBe(0);
    expect(output).toMatch(/broken-directive\/typo\.md:7:1: Unknown directive "::base46"/);
    expect(output).toContain('::base64');
  });

  it('bad front matter names the file and the fields', () => {
    const { status, output } = build('tests/fixtures/broken-frontmatter');
    expect(status).not.toBe(0);
    expect(output).toContain('bad-date.md');
    expect(output).toMatch(/\bdate\b/);
    expect(output).toMatch(/\btags\b/);
  });

  it('two files that would be the same page name both files and the page', () => {
    const { status, output } = build('tests/fixtures/same-page-twice');
    expect(status).not.toBe(0);
    // The glob's order decides which file is named first.
    expect(output).toMatch(/"(Getting Started|getting-started)\.md" and "(?!\1)(Getting Started|getting-started)\.md" would both be the page \/getting-started\//);
  });
});

describe('the build warns and goes on', { timeout: 300_000 }, () => {
  it('a link to a Markdown file that is not there names the file, line and column, in every build', () => {
    const [first, second] = builds('tests/fixtures/broken-link', 2);
    const warning = /broken-link\/page\.md:6:15: Link "\.\/nope\.md" left as written: there is no file nope\.md in the content folder\.[^\n]*/g;
    expect(first?.status).toBe(0);
    // Line 6 of the file: the front matter counts, as in the author's editor.
    expect(first?.output.match(warning)).toHaveLength(1);
    // The second build reuses the page's render from the cache, and still says it, once.
    expect(second?.status).toBe(0);
    const again = second?.output.match(warning) ?? [];
    expect(again).toHaveLength(1);
    expect(again[0]).toMatch(/\(unchanged since the last build\)$/);
  });
});
