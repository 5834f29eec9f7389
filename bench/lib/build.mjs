// One measured `astro build` of a project copy, and what the bench reads out of it.
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { runMeasured } from './proc.mjs';
import { cleanBuildState } from './project-copy.mjs';

/** Total bytes and file count of a folder, recursively. */
export function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  let html = 0;
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        bytes += statSync(full).size;
        files++;
        if (entry.name.endsWith('.html')) html++;
      }
    }
  };
  walk(dir);
  return { bytes, files, html };
}

/**
 * Where the time of a build went, from the arrival times of Astro's log lines:
 * startup (config, Vite) → content sync (the content layer loads and renders every Markdown
 * entry: remark, rehype, shiki) → bundling (Vite builds the pages' code) → rendering the
 * static routes (layouts, listings) → post-build hooks (sitemap, pagefind) → exit.
 */
export function phasesFromLog(lines, wallMs) {
  const at = (pattern, after = 0) => lines.find((l) => l.at >= after && pattern.test(l.text))?.at;
  const syncStart = at(/\[content\] Syncing content/);
  const syncEnd = at(/\[content\] Synced content/);
  const routesStart = at(/generating static routes/);
  const routesEnd = routesStart === undefined ? undefined : at(/✓ Completed in/, routesStart);
  const builtLine = at(/page\(s\) built in/);
  const pagefindLine = lines.find((l) => /indexed \d+ pages in (\d+) ms/.test(l.text));
  const pagefindMs = pagefindLine ? Number(/indexed \d+ pages in (\d+) ms/.exec(pagefindLine.text)[1]) : undefined;
  const span = (a, b) => (a !== undefined && b !== undefined ? Math.max(0, b - a) : undefined);
  // Each astro:build:done hook that logs ("HH:MM:SS [name] …") is charged the time since the
  // previous log line: hooks run one after another and log when they finish. A hook that
  // logs nothing is charged to the next one that does.
  const hooks = [];
  if (routesEnd !== undefined && builtLine !== undefined) {
    let previous = routesEnd;
    for (const line of lines) {
      if (line.at <= routesEnd || line.at > builtLine) continue;
      // "12:00:00 [name] …", or with a level first: "12:00:00 [WARN] [name] …".
      const name = /^\d\d:\d\d:\d\d (?:\[(?:WARN|ERROR|INFO|DEBUG)\] )?\[([^\]]+)\]/.exec(line.text)?.[1];
      if (!name || name === 'build') continue;
      const existing = hooks.find((h) => h.name === name);
      if (existing) existing.ms += line.at - previous;
      else hooks.push({ name, ms: line.at - previous });
      previous = line.at;
    }
  }
  return {
    startupMs: syncStart,
    contentSyncMs: span(syncStart, syncEnd),
    bundleMs: span(syncEnd, routesStart),
    renderRoutesMs: span(routesStart, routesEnd),
    postBuildMs: span(routesEnd, builtLine),
    pagefindMs,
    exitMs: span(builtLine, wallMs),
    hooks,
  };
}

/**
 * Builds `root` (a project copy) with `env` and measures it. `clean` deletes the copy's
 * caches and the output folder first. Throws with the build's last lines if it fails.
 */
export async function measureBuild({ label, root, outDir, env, clean, logFile, nice, cpuProfileDir }) {
  if (clean) cleanBuildState(root, outDir);
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  // With a profile folder, node writes a .cpuprofile of the build's main process there
  // (bench/cpu-profile-summary.mjs sums it by package and file).
  if (cpuProfileDir) rmSync(cpuProfileDir, { recursive: true, force: true });
  const profile = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const run = await runMeasured({
    label,
    command: process.execPath,
    args: [...profile, astro, 'build'],
    cwd: root,
    env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    nice,
    logFile,
  });
  const size = folderSize(outDir);
  let pagefindBytes = 0;
  try {
    pagefindBytes = folderSize(path.join(outDir, 'pagefind')).bytes;
  } catch {
    pagefindBytes = 0;
  }
  return {
    wallMs: run.wallMs,
    cpuSeconds: run.cpuSeconds,
    peakTreeRssKb: run.peakTreeRssKb,
    maxProcessRssKb: run.maxProcessRssKb,
    outBytes: size.bytes,
    outFiles: size.files,
    htmlPages: size.html,
    pagefindBytes,
    phases: phasesFromLog(run.lines, run.wallMs),
  };
}

/** Changes one page's text (a new paragraph at the end), as an author's edit would. */
export function editOnePage(file, round = 1) {
  const before = readFileSync(file, 'utf8');
  appendFileSync(file, `\nAn edit for the rebuild measurement, round ${round}: the rollout note now names the canary step.\n`);
  return before.length;
}
