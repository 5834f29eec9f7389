#!/usr/bin/env node
// npm run bench: build a generated corpus with Fieldnotes and with the bare-Astro floor, then
// measure page weight, search latency and the tools in Chromium; print a table and write
// bench/results/latest.json. See bench/README.md for what each figure means.
//
//   BENCH_SIZES=1000,5000 (default)   corpus sizes to build
//   BENCH_SIZES=200                   a quick look
//   BENCH_RUNS=3                      build each size this many times, the two projects taking
//                                     turns to go first; the table shows each one's fastest run
//   BENCH_SOURCE=HEAD                 bench a git revision instead of the working tree
//   BENCH_NICE=10                     run builds under nice (figures get noisier)
//   BENCH_SKIP=weight,search,tools    leave parts out
//   BENCH_CPU_PROF=1                  write .cpuprofile files of the clean builds to bench/work/logs/
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.mjs';
import { editOnePage, measureBuild } from './lib/build.mjs';
import { copyFieldnotes, copyFloor } from './lib/project-copy.mjs';
import { stopAll } from './lib/proc.mjs';
import { measurePageWeight } from './page-weight.mjs';
import { measureSearch, specificTerms } from './search-latency.mjs';
import { benchTools } from './tools-bench.mjs';
import { printReport } from './lib/report.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repoRoot, 'bench', 'work');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const logs = path.join(work, 'logs');

const sizes = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map((s) => Number(s.trim()));
const source = process.env.BENCH_SOURCE ?? 'worktree';
const nice = Number(process.env.BENCH_NICE ?? 0);
const runs = Number(process.env.BENCH_RUNS ?? 1);
const cpuProfile = process.env.BENCH_CPU_PROF === '1';
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));

function fail(message) {
  console.error(`\nbench: ${message}`);
  stopAll();
  process.exit(1);
}

if (Number(process.versions.node.split('.')[0]) < 22) {
  fail(`Node ${process.versions.node} runs this; the project pins Node 22. Run it as \`npm run bench\` (npm puts the pinned node first on PATH).`);
}
if (!Number.isInteger(runs) || runs < 1) fail(`BENCH_RUNS must be a positive integer, got "${process.env.BENCH_RUNS}"`);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`BENCH_SIZES must be positive integers separated by commas, got "${process.env.BENCH_SIZES}"`);

/** Search is measured from the guides section's index page, which every corpus has. */
const SEARCH_FROM = '/guides/';

const rel = (p) => path.relative(repoRoot, p);
const step = (text) => console.log(`· ${text}`);

async function main() {
  mkdirSync(logs, { recursive: true });
  step(`copying the projects into ${rel(work)}/ (Fieldnotes from ${source === 'worktree' ? 'the working tree' : source})`);
  const fieldnotesRoot = copyFieldnotes({ repoRoot, dest: path.join(work, 'fieldnotes-site'), source });
  const floorRoot = copyFloor({ repoRoot, dest: path.join(work, 'floor-site') });

  const results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node, loadAverage: { start: os.loadavg()[0] } },
    source,
    nice,
    builds: [],
  };

  for (const pages of sizes) {
    const corpusDir = path.join(work, `corpus-${pages}`);
    const corpus = generateCorpus({ pages, outDir: corpusDir });
    step(`corpus of ${pages} pages (${(corpus.bytes / 1e6).toFixed(1)} MB of Markdown) in ${rel(corpusDir)}/`);
    const entry = { pages, corpusBytes: corpus.bytes };
    const sites = {
      fieldnotes: { root: fieldnotesRoot, env: (outDir) => ({ FIELDNOTES_CONTENT: corpusDir, FIELDNOTES_OUT_DIR: outDir }) },
      floor: { root: floorRoot, env: (outDir) => ({ FLOOR_CONTENT: corpusDir, FLOOR_OUT_DIR: outDir }) },
    };
    // The page edited for the rebuild; each site edits its own copy of it, restored in between.
    const edited = path.join(corpusDir, corpus.pages[Math.floor(pages / 2)].file);
    const measured = { fieldnotes: [], floor: [] };
    for (let run = 1; run <= runs; run++) {
      // Taking turns to go first evens out a machine that speeds up or slows down over a run.
      const order = run % 2 === 1 ? ['fieldnotes', 'floor'] : ['floor', 'fieldnotes'];
      const of = runs > 1 ? ` (run ${run} of ${runs})` : '';
      for (const name of order) {
        const site = sites[name];
        const outDir = path.join(work, 'out', `${name}-${pages}`);
        const log = (kind) => path.join(logs, `${name}-${pages}-${kind}${runs > 1 ? `-${run}` : ''}.log`);
        step(`${name}: clean build of ${pages} pages${of}`);
        const clean = await measureBuild({ label: `${name} build of ${pages} pages`, root: site.root, outDir, env: site.env(outDir), clean: true, nice, logFile: log('clean'), cpuProfileDir: cpuProfile ? path.join(logs, `${name}-${pages}-cpuprofile`) : undefined });
        step(`${name}: ${(clean.wallMs / 1000).toFixed(1)} s; rebuild after editing ${rel(edited)}`);
        const original = readFileSync(edited);
        editOnePage(edited);
        let rebuild;
        try {
          rebuild = await measureBuild({ label: `${name} rebuild of ${pages} pages`, root: site.root, outDir, env: site.env(outDir), clean: false, nice, logFile: log('rebuild') });
        } finally {
          writeFileSync(edited, original);
        }
        step(`${name}: rebuild ${(rebuild.wallMs / 1000).toFixed(1)} s`);
        measured[name].push({ outDir: rel(outDir), clean, rebuild });
      }
    }
    for (const [name, list] of Object.entries(measured)) {
      const fastest = list.reduce((best, next) => (next.clean.wallMs < best.clean.wallMs ? next : best));
      entry[name] = { ...fastest, runs: list.map(({ clean, rebuild }) => ({ clean: { wallMs: clean.wallMs }, rebuild: { wallMs: rebuild.wallMs } })) };
    }
    results.builds.push(entry);
  }

  if (!skip.has('weight') || !skip.has('tools')) {
    const siteDir = path.join(work, 'site');
    step(`building the real content/ into ${rel(siteDir)}/`);
    results.siteBuild = await measureBuild({
      label: 'build of the real content/',
      root: fieldnotesRoot,
      outDir: siteDir,
      env: { FIELDNOTES_CONTENT: path.join(repoRoot, 'content'), FIELDNOTES_OUT_DIR: siteDir },
      clean: true,
      nice,
      logFile: path.join(logs, 'site.log'),
    });
    if (!skip.has('weight')) {
      step('page weight of a typical guide, in Chromium');
      results.pageWeight = await measurePageWeight({ repoRoot, siteDir, contentDir: path.join(repoRoot, 'content') });
    }
    if (!skip.has('tools')) {
      step('tools, in Chromium');
      results.tools = await benchTools({ repoRoot, siteDir, workDir: work });
    }
  }

  if (!skip.has('search') && results.builds.length > 0) {
    // On the 5,000-page build when there is one, else on the largest.
    const target = results.builds.find((b) => b.pages === 5000) ?? [...results.builds].sort((a, b) => b.pages - a.pages)[0];
    step(`search latency on the ${target.pages}-page build, in Chromium`);
    results.search = {
      pages: target.pages,
      ...(await measureSearch({
        repoRoot,
        siteDir: path.join(repoRoot, target.fieldnotes.outDir),
        pagePath: SEARCH_FROM,
        terms: specificTerms(path.join(work, `corpus-${target.pages}`)),
      })),
    };
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverage.end = os.loadavg()[0];
  mkdirSync(resultsDir, { recursive: true });
  const jsonFile = path.join(resultsDir, 'latest.json');
  writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
  console.log(`\nJSON: ${rel(jsonFile)}   build logs: ${rel(logs)}/`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error))).finally(stopAll);
