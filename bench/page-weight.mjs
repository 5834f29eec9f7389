// Page weight of a typical guide of the real site: what a reader downloads before opening
// search, and what opening search and running one query adds. Measured in Chromium on the
// served build, by summing every response's body by kind (raw and gzip).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { idFromPath } from './generate-corpus.mjs';
import { launchBrowser, recordResponses, sumByKind } from './lib/browser.mjs';
import { serveStatic } from './lib/proc.mjs';

/**
 * The typical guide: among the Markdown files that hold fenced code (how-to guides), the one
 * of median size (the lower median for an even count). BENCH_GUIDE=<id> picks another.
 */
export function typicalGuide(contentDir) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|markdown)$/i.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        pages.push({ id: idFromPath(path.relative(contentDir, full)), bytes: Buffer.byteLength(text), text, hasCode: /^\s*(```|~~~)/m.test(text) });
      }
    }
  };
  walk(contentDir);
  if (process.env.BENCH_GUIDE) {
    const chosen = pages.find((p) => p.id === process.env.BENCH_GUIDE);
    if (!chosen) throw new Error(`BENCH_GUIDE=${process.env.BENCH_GUIDE}: no page with that id in ${contentDir}`);
    return chosen;
  }
  const guides = pages.filter((p) => p.hasCode);
  const pool = (guides.length > 0 ? guides : pages).sort((a, b) => a.bytes - b.bytes || a.id.localeCompare(b.id));
  if (pool.length === 0) throw new Error(`no Markdown pages in ${contentDir}`);
  return pool[Math.floor((pool.length - 1) / 2)];
}

/** A word to search for that the guide itself uses: its most frequent word of 6+ letters. */
function wordFrom(text) {
  const counts = new Map();
  for (const word of text.toLowerCase().match(/\p{L}{6,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'search';
}

export async function measurePageWeight({ repoRoot, siteDir, contentDir }) {
  const guide = typicalGuide(contentDir);
  const word = wordFrom(guide.text.replace(/^---[\s\S]*?\n---/, ''));
  const server = await serveStatic({ repoRoot, dir: siteDir });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const recorder = recordResponses(page);
    const url = `${server.url}${guide.id}/`;
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || response.status() !== 200) throw new Error(`page weight: ${url} answered ${response?.status()}`);
    await recorder.settled();
    const before = await recorder.take();

    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await page.locator('.search__results a').first().waitFor({ timeout: 30_000 });
    await recorder.settled(); // the fragments of the results after the first
    const search = await recorder.take();
    recorder.stop();
    await context.close();
    return {
      page: `/${guide.id}/`,
      markdownBytes: guide.bytes,
      searchWord: word,
      beforeSearch: sumByKind(before),
      searchAdds: sumByKind(search),
      resources: { beforeSearch: before, searchAdds: search },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
