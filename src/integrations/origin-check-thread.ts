// The origin check's thread (started by origin-check.ts). It scans the built folder at once,
// while the build's jobs still write into it; told that they are done and what they write,
// it scans that again where it changed, records what passed and replies with one report.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { pagePolicyProblems } from './content-security-policy.ts';
import { checkBuiltFolder, isWithin, loadPassedRecord } from './origin-check.ts';

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

/** Sent once the build's jobs are done: the files and folders they wrote, to scan again. */
export interface OriginCheckRescan {
  within: string[];
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

port.once('message', ({ within }: OriginCheckRescan) => {
  void report(within).then(
    (done) => port.postMessage({ ok: true, report: done } satisfies OriginCheckReply),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies OriginCheckReply),
  );
});

async function report(within: string[]): Promise<OriginCheckReport> {
  const before = await first;
  const rest = await checkBuiltFolder(outDir, { ...(await options()), scannedBefore: before.stamps, within });
  const problems = [...before.problems, ...rest.problems];
  const policyProblems = [...before.policyProblems, ...rest.policyProblems];
  if (problems.length === 0 && policyProblems.length === 0) await (await passed)?.save();
  // The files now: those the jobs left alone as the first scan found them, and theirs as they are.
  const untouched = [...before.stamps.keys()].filter((file) => !isWithin(file, within));
  // Files a job rewrote after the first scan count as scanned unless their new content passed before too.
  const rewritten = new Set([...rest.stamps].filter(([file, stamp]) => before.stamps.get(file) !== stamp).map(([file]) => file));
  const reused = [...before.passedBefore].filter((file) => !rewritten.has(file) && (!isWithin(file, within) || rest.stamps.has(file))).length + rest.passedBefore.size;
  return { problems, policyProblems, files: untouched.length + rest.stamps.size, reused };
}
