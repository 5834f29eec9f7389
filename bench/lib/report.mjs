// The bench's printed table. Figures only: nothing here passes or fails the run; a target
// column shows where a figure stands (✓ within, ✗ over). 1 KB = 1,024 bytes, 1 MB = 1,024 KB.

const KB = 1024;
const MB = 1024 * 1024;

export const fmt = {
  s: (ms) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`),
  ms: (ms) => (ms === undefined ? '–' : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`),
  bytes: (b) => (b === undefined ? '–' : b >= 1024 * MB ? `${(b / 1024 / MB).toFixed(2)} GB` : b >= MB ? `${(b / MB).toFixed(1)} MB` : b >= KB ? `${(b / KB).toFixed(1)} KB` : `${b} B`),
  kb: (kb) => (kb === undefined ? '–' : fmt.bytes(kb * 1024)),
  ratio: (a, b) => (a === undefined || b === undefined || b === 0 ? '' : `${(a / b).toFixed(2)}×`),
  rate: (mbps) => (mbps === undefined ? '–' : `${mbps.toFixed(0)} MB/s`),
  int: (n) => n.toLocaleString('en'),
  percent: (x) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–'),
};

const KIND_LABEL = { html: 'HTML', css: 'CSS', js: 'JS', 'search data': 'search data (wasm, index, fragments)' };

const check = (value, limit) => (value === undefined ? '' : value <= limit ? '✓' : '✗');

/** Left column padded, the rest right-aligned, with a header row and a rule. */
function table(title, header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c] ?? '').length)));
  const line = (r) => r.map((cell, c) => (c === 0 ? String(cell ?? '').padEnd(widths[c]) : String(cell ?? '').padStart(widths[c]))).join('   ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log('-'.repeat(widths.reduce((a, b) => a + b + 3, -3)));
  for (const r of rows) console.log(line(r));
}

/** One row per astro:build:done hook that logged, in Fieldnotes' order, floor's beside. */
function hookRows(ours, floors) {
  const short = (name) => name.replace(/^(fieldnotes|floor):/, '').replace(/^pagefind-index$/, 'pagefind');
  const names = [...new Set([...ours, ...floors].map((h) => short(h.name)))];
  return names.map((name) => {
    const a = ours.find((h) => short(h.name) === name)?.ms;
    const b = floors.find((h) => short(h.name) === name)?.ms;
    return [`    ${name}`, fmt.s(a), fmt.s(b), fmt.ratio(a, b)];
  });
}

const cpu = (run) => (run.cpuSeconds === undefined ? '–' : fmt.s(run.cpuSeconds * 1000));
/** Under ~100 % a single-threaded build waited: for disk, or for cores other work held. */
const share = (run) => (run.cpuSeconds === undefined ? '–' : `${Math.round((run.cpuSeconds * 1000 * 100) / run.wallMs)} %`);

/** Every run's wall time of one kind, e.g. "31.3 / 30.1 s". */
const runList = (runs, kind) => `${runs.map((run) => (run[kind].wallMs / 1000).toFixed(1)).join(' / ')} s`;

function buildTable(entry) {
  const f = entry.fieldnotes;
  const b = entry.floor;
  const per = (run) => run.clean.wallMs / entry.pages;
  const phases = (key) => [fmt.s(f.clean.phases[key]), fmt.s(b.clean.phases[key]), fmt.ratio(f.clean.phases[key], b.clean.phases[key])];
  table(
    `Build: ${fmt.int(entry.pages)} pages (${fmt.bytes(entry.corpusBytes)} of Markdown)`,
    ['', 'Fieldnotes', 'floor', 'Fieldnotes ÷ floor'],
    [
      ['wall time, clean build', fmt.s(f.clean.wallMs), fmt.s(b.clean.wallMs), fmt.ratio(f.clean.wallMs, b.clean.wallMs)],
      ...((f.runs?.length ?? 1) > 1 ? [['  every run (fastest above)', runList(f.runs, 'clean'), runList(b.runs, 'clean'), '']] : []),
      ['  per page', fmt.ms(per(f)), fmt.ms(per(b)), ''],
      ['  CPU time (user + system)', cpu(f.clean), cpu(b.clean), fmt.ratio(f.clean.cpuSeconds, b.clean.cpuSeconds)],
      ['  CPU time ÷ wall time', share(f.clean), share(b.clean), ''],
      ['peak RSS, whole process tree', fmt.kb(f.clean.peakTreeRssKb), fmt.kb(b.clean.peakTreeRssKb), fmt.ratio(f.clean.peakTreeRssKb, b.clean.peakTreeRssKb)],
      ['  peak RSS, largest process', fmt.kb(f.clean.maxProcessRssKb), fmt.kb(b.clean.maxProcessRssKb), fmt.ratio(f.clean.maxProcessRssKb, b.clean.maxProcessRssKb)],
      ['output folder', fmt.bytes(f.clean.outBytes), fmt.bytes(b.clean.outBytes), fmt.ratio(f.clean.outBytes, b.clean.outBytes)],
      ['  HTML pages', fmt.int(f.clean.htmlPages), fmt.int(b.clean.htmlPages), ''],
      ['  search index (pagefind/)', fmt.bytes(f.clean.pagefindBytes), fmt.bytes(b.clean.pagefindBytes), fmt.ratio(f.clean.pagefindBytes, b.clean.pagefindBytes)],
      ['rebuild after one page changed', fmt.s(f.rebuild.wallMs), fmt.s(b.rebuild.wallMs), fmt.ratio(f.rebuild.wallMs, b.rebuild.wallMs)],
      ['  rebuild ÷ its clean build', fmt.percent(f.rebuild.wallMs / f.clean.wallMs), fmt.percent(b.rebuild.wallMs / b.clean.wallMs), ''],
      ['  its CPU time', cpu(f.rebuild), cpu(b.rebuild), fmt.ratio(f.rebuild.cpuSeconds, b.rebuild.cpuSeconds)],
      ['  its CPU time ÷ wall time', share(f.rebuild), share(b.rebuild), ''],
      ['  its content sync', fmt.s(f.rebuild.phases.contentSyncMs), fmt.s(b.rebuild.phases.contentSyncMs), fmt.ratio(f.rebuild.phases.contentSyncMs, b.rebuild.phases.contentSyncMs)],
      ['  its rendering the routes', fmt.s(f.rebuild.phases.renderRoutesMs), fmt.s(b.rebuild.phases.renderRoutesMs), fmt.ratio(f.rebuild.phases.renderRoutesMs, b.rebuild.phases.renderRoutesMs)],
      ['  its post-build hooks', fmt.s(f.rebuild.phases.postBuildMs), fmt.s(b.rebuild.phases.postBuildMs), fmt.ratio(f.rebuild.phases.postBuildMs, b.rebuild.phases.postBuildMs)],
      ['phases of the clean build:', '', '', ''],
      ['  startup (config, Vite)', ...phases('startupMs')],
      ['  content sync (Markdown → HTML)', ...phases('contentSyncMs')],
      ['  bundling (Vite)', ...phases('bundleMs')],
      ['  rendering the routes', ...phases('renderRoutesMs')],
      ['  post-build hooks', ...phases('postBuildMs')],
      ...hookRows(f.clean.phases.hooks, b.clean.phases.hooks),
      ['  exit', ...phases('exitMs')],
    ],
  );
}

function weightTable(w) {
  const row = (label, sums, key) => [label, fmt.bytes(sums[key]?.raw ?? 0), fmt.bytes(sums[key]?.gzip ?? 0), String(sums[key]?.count ?? 0)];
  const before = w.beforeSearch;
  const core = ['html', 'css', 'js'].reduce((acc, k) => ({ raw: acc.raw + (before[k]?.raw ?? 0), gzip: acc.gzip + (before[k]?.gzip ?? 0) }), { raw: 0, gzip: 0 });
  const otherBefore = Object.keys(before).filter((k) => !['html', 'css', 'js', 'total'].includes(k));
  const searchKinds = Object.keys(w.searchAdds).filter((k) => k !== 'total');
  table(
    `Page weight: ${w.page} (a typical guide of content/; search word "${w.searchWord}")`,
    ['', 'raw', 'gzip', 'files', 'target'],
    [
      ['before search is opened', '', '', '', ''],
      ...['html', 'css', 'js'].map((k) => [...row(`  ${KIND_LABEL[k]}`, before, k), '']),
      ['  HTML + CSS + JS', fmt.bytes(core.raw), fmt.bytes(core.gzip), '', `≤ 14.0 KB gzip ${check(core.gzip, 14 * KB)}`],
      ...otherBefore.map((k) => [...row(`  ${KIND_LABEL[k] ?? k} (not counted)`, before, k), '']),
      ['opening search and one query add', '', '', '', ''],
      ...searchKinds.map((k) => [...row(`  ${KIND_LABEL[k] ?? k}`, w.searchAdds, k), '']),
      [...row('  total', w.searchAdds, 'total'), ''],
    ],
  );
}

function searchTable(s) {
  const gzipMedian = median(s.cold.map((c) => c.gzipBytes));
  table(
    `Search: ${fmt.int(s.pages)}-page build, from ${s.page}, median of ${s.words.length} words`,
    ['', 'figure', 'target'],
    [
      ['keystroke → first result, search just opened (cold)', fmt.ms(s.coldMedianMs), `≤ 150 ms ${check(s.coldMedianMs, 150)}`],
      ...(s.pagefindAloneMedianMs === undefined
        ? []
        : [
            ['  floor: pagefind alone, no UI (import → first fragment)', fmt.ms(s.pagefindAloneMedianMs), ''],
            [`    its load / search / fragment`, `${fmt.ms(s.pagefindAloneSplitMs.load)} / ${fmt.ms(s.pagefindAloneSplitMs.search)} / ${fmt.ms(s.pagefindAloneSplitMs.fragment)}`, ''],
            ['    pages matching the word', fmt.int(s.resultsMedian), ''],
          ]),
      ['keystroke → first result, search loaded (warm)', fmt.ms(s.warmMedianMs), `≤ 150 ms ${check(s.warmMedianMs, 150)}`],
      ...(s.moreMedianMs === undefined ? [] : [['"More results" pressed cold, no warm-up → sixth result', fmt.ms(s.moreMedianMs), '']]),
      ['bytes fetched for the first query, as sent (text gzipped by the server)', fmt.bytes(s.firstQueryWireBytesMedian), `≤ 150.0 KB ${check(s.firstQueryWireBytesMedian, 150 * KB)}`],
      ['  the same bodies uncompressed', fmt.bytes(s.firstQueryBytesMedian), ''],
      ['  the same bodies, each gzip-compressed by the bench', fmt.bytes(gzipMedian), ''],
      ...(s.specificTerms
        ? [
            [`specific terms (${s.specificTerms.terms.length} identifiers, e.g. ${s.specificTerms.terms[0]}):`, '', ''],
            ['  keystroke → first result, cold', fmt.ms(s.specificTerms.coldMedianMs), `≤ 150 ms ${check(s.specificTerms.coldMedianMs, 150)}`],
            ['  floor: pagefind alone', fmt.ms(s.specificTerms.pagefindAloneMedianMs), ''],
            ['  pages matching the term', fmt.int(s.specificTerms.resultsMedian), ''],
            ['  bytes for the first query, as sent', fmt.bytes(s.specificTerms.firstQueryWireBytesMedian), `≤ 150.0 KB ${check(s.specificTerms.firstQueryWireBytesMedian, 150 * KB)}`],
            ['    uncompressed / each gzip-compressed by the bench', `${fmt.bytes(s.specificTerms.firstQueryBytesMedian)} / ${fmt.bytes(s.specificTerms.firstQueryGzipBytesMedian)}`, ''],
          ]
        : []),
    ],
  );
}

function toolsTable(t) {
  if (t.skipped) {
    console.log(`\nTools: skipped (${t.skipped})`);
    return;
  }
  const rows = [];
  if (t.base64?.skipped) rows.push(['base64', `skipped: ${t.base64.skipped}`, '']);
  else if (t.base64) {
    const b = t.base64;
    rows.push(
      [`base64 decode of ${fmt.bytes(b.inputBytes)} (76-column lines), tool page`, fmt.rate(b.toolMBps), fmt.s(b.toolMs)],
      ...(b.toolRunsMs ? [[`  every run of ${b.rounds}`, '', b.toolRunsMs.map((ms) => fmt.s(ms)).join(' ')]] : []),
      ['  bare Uint8Array.fromBase64, file in → bytes', b.nativeAvailable ? fmt.rate(b.nativeMBps) : 'not in this browser', fmt.s(b.nativeMs)],
      ...(b.nativeRunsMs ? [[`  every run of ${b.rounds}`, '', b.nativeRunsMs.map((ms) => fmt.s(ms)).join(' ')]] : []),
      ['  bare Uint8Array.fromBase64, decode alone (text in memory)', b.nativeAvailable ? fmt.rate(b.nativeDecodeOnlyMBps) : 'not in this browser', fmt.s(b.nativeDecodeOnlyMs)],
      ['  base64 -d (coreutils)', fmt.rate(b.coreutilsMBps), fmt.s(b.coreutilsMs)],
      ['  tool ÷ bare fromBase64, file in → bytes (time)', fmt.ratio(b.toolMs, b.nativeMs), ''],
      ['  tool ÷ bare fromBase64, decode alone (time)', fmt.ratio(b.toolMs, b.nativeDecodeOnlyMs), ''],
      ['  longest main-thread task while the tool works', fmt.ms(b.longestTaskMs), `${b.longTasks} long tasks`],
    );
  }
  if (t.secrets?.skipped) rows.push(['secret-to-kustomize', `skipped: ${t.secrets.skipped}`, '']);
  else if (t.secrets) {
    rows.push(
      [`secret-to-kustomize, ${fmt.int(t.secrets.secrets)} Secrets pasted (${fmt.bytes(t.secrets.manifestBytes)})`, fmt.s(t.secrets.ms), `${fmt.int(t.secrets.outputs)} outputs`],
      ['  longest main-thread task', fmt.ms(t.secrets.longestTaskMs), ''],
    );
  }
  table('Tools (real site build, Chromium)', ['', 'figure', 'time / note'], rows);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function printReport(results) {
  const m = results.machine;
  console.log(`\nFieldnotes bench — ${m.cpus} cores, ${m.memoryGb} GB, Node ${m.node}, ${results.source === 'worktree' ? 'working tree' : results.source}${results.nice ? `, nice ${results.nice}` : ''}`);
  if (m.loadAverage) console.log(`load average (1 min) at start ${m.loadAverage.start.toFixed(1)}, at end ${m.loadAverage.end?.toFixed(1) ?? '–'}: above ~0.5 other work shared the cores and times are inflated; CPU time is the steadier figure`);
  for (const entry of results.builds) buildTable(entry);
  if (results.pageWeight) weightTable(results.pageWeight);
  if (results.search) searchTable(results.search);
  if (results.tools) toolsTable(results.tools);
}
