/**
 * Post-build work that runs while the astro:build:done hooks after it do theirs: Astro runs
 * those hooks one after another, and pagefind (its own process, on other cores) would
 * otherwise leave this one idle. A job's failure fails the build where it is awaited: the
 * service worker's job awaits pagefind's before it lists the files, and the origin check
 * awaits every job before it scans their output. Each job names what it writes in the
 * output folder, so that the origin check scans only that again once the jobs are done.
 */
interface Job {
  done: Promise<unknown>;
  writes: readonly string[];
}

const jobs = new Map<string, Job>();

/** `writes`: the files and folders, relative to the output folder, that the job writes or changes. */
export function startJob(name: string, writes: readonly string[], run: () => Promise<unknown>): void {
  const done = run();
  // Awaited later; until then a rejection must not count as unhandled.
  done.catch(() => undefined);
  jobs.set(name, { done, writes });
}

/** What the jobs started so far write, each path once. */
export function jobOutputs(): string[] {
  return [...new Set([...jobs.values()].flatMap((job) => job.writes))];
}

/**
 * Waits for every job started so far and forgets them; rethrows the first failure once all have
 * settled. A job stays known until then: one that waits for another (jobDone) after this was
 * called must still find it.
 */
export async function finishJobs(): Promise<void> {
  const running = [...jobs.entries()];
  const settled = await Promise.allSettled(running.map(([, job]) => job.done));
  for (const [name, job] of running) if (jobs.get(name) === job) jobs.delete(name);
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Waits for the job of that name if one is running; rethrows its failure. */
export async function jobDone(name: string): Promise<void> {
  await jobs.get(name)?.done;
}
