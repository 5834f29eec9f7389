// The origin check's thread (started by origin-check.ts). It scans the built folder at once,
// while the build's jobs still write into it; told that they are done, it scans what changed
// since, records what passed and replies with one report.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { pagePolicyProblems } from './content-security-policy.ts';
import { checkBuiltFolder, loadPassedRecord } from './origin-check.ts';

export interface OriginCheckWorkerData {
  outDir: string;
  ownOrigins: string[];
  /** Where files that passed are recorded; without it every file is scanned. */
  recordFile?: string;
  /** The project's root URL (for the lockfile in the record's fingerprint). */
  root?: string;
}

export interface OriginCheckReport {
  problems: string[];
  policyProblems: string[];
  /** HTML, CSS and JS files in the folder at the end. */
  files: number;
  /** Of those, files whose content passed in an earlier build and was not scanned again. */
  reused: number;
}

export type OriginCheckReply = { ok: true; report: OriginCheckReport } | { ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('origin-check-thread.ts runs on a worker thread, started by origin-check.ts');

const { outDir, ownOrigins, recordFile, root } = workerData as OriginCheckWorkerData;
const passed = loadPassedRecord(recordFile ? pathToFileURL(recordFile) : undefined, root ? new URL(root) : undefined, ownOrigins);
const options = async () => ({ ownOrigins, pagePolicy: pagePolicyProblems, passed: await passed });
const first = options().then((o) => checkBuiltFolder(outDir, o));
// Until its turn below, a failure must not count as unhandled (it would end the thread early).
first.catch(() => undefined);

port.once('message', () => {
  void report().then(
    (done) => port.postMessage({ ok: true, report: done } satisfies OriginCheckReply),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies OriginCheckReply),
  );
});

async function report(): Promise<OriginCheckReport> {
  const before = await first;
  const rest = await checkBuiltFolder(outDir, { ...(await options()), scannedBefore: before.stamps });
  const problems = [...before.problems, ...rest.problems];
  const policyProblems = [...before.policyProblems, ...rest.policyProblems];
  if (problems.length === 0 && policyProblems.length === 0) await (await passed)?.save();
  // Files a job rewrote after the first scan count as scanned unless their new content passed before too.
  const rewritten = new Set([...rest.stamps].filter(([file, stamp]) => before.stamps.get(file) !== stamp).map(([file]) => file));
  const reused = [...before.passedBefore].filter((file) => !rewritten.has(file)).length + rest.passedBefore.size;
  return { problems, policyProblems, files: rest.stamps.size, reused };
}
