#!/usr/bin/env node
// Sums a V8 .cpuprofile (node --cpu-prof; BENCH_CPU_PROF=1 npm run bench writes them) by
// where the time was spent: self time per package (node_modules/<name>), per project file
// (src/…), inclusive time per project file, and self time per function. Shows where a build's CPU goes without opening DevTools.
//
//   node bench/cpu-profile-summary.mjs <file.cpuprofile | folder> [--top 25]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
if (args.length !== 1) {
  console.error('usage: cpu-profile-summary.mjs <file.cpuprofile | folder> [--top N]');
  process.exit(2);
}
const target = args[0];
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f))
  : [target];

/** "node_modules/@scope/pkg", "src/markdown/x.ts", "node internals", or the V8 pseudo-frame. */
function placeOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  const src = /\/(src\/.*)$/.exec(url);
  if (src) return src[1].replace(/\?.*$/, '');
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const byPlace = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const [id, ms] of selfMs) {
    const { callFrame } = byId.get(id);
    const place = placeOf(callFrame.url, callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const fn = `${callFrame.functionName || '(anonymous)'}  ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    total += ms;
  }
  const show = (title, map) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${(ms / 1000).toFixed(2).padStart(8)} s ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
  };
  // Inclusive time per project file (src/…): a sample counts for every project file on its
  // stack, once, so a remark plugin is charged what the visitors it calls cost.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const projectFiles = new Map();
  const stackFiles = (id) => {
    if (projectFiles.has(id)) return projectFiles.get(id);
    const { callFrame } = byId.get(id);
    const place = placeOf(callFrame.url, callFrame.functionName);
    const above = parent.has(id) ? stackFiles(parent.get(id)) : new Set();
    const mine = place.startsWith('src/') && !above.has(place) ? new Set([...above, place]) : above;
    projectFiles.set(id, mine);
    return mine;
  };
  const inclusive = new Map();
  for (const [id, ms] of selfMs) for (const place of stackFiles(id)) inclusive.set(place, (inclusive.get(place) ?? 0) + ms);

  console.log(`${path.basename(file)}: ${(total / 1000).toFixed(1)} s sampled`);
  show('self time by package or file', byPlace);
  show('inclusive time by project file (src/…)', inclusive);
  show('self time by function', byFunction);
}
