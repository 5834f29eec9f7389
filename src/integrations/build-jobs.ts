/**
 * Post-build work that runs while the astro:build:done hooks after it do theirs: Astro runs
 * those hooks one after another, and pagefind (its own process, on other cores) would
 * otherwise leave this one idle. A job's failure fails the build where it is awaited: the
 * service worker's job awaits pagefind's before it lists the files, and the origin check
 * awaits every job before it scans their output.
 */
const jobs = new Map<string, Promise<unknown>>();

export function startJob(name: string, run: () => Promise<unknown>): void {
  const job = run();
  // Awaited later; until then a rejection must not count as unhandled.
  job.catch(() => undefined);
  jobs.set(name, job);
}

/** Waits for every job started so far; rethrows the first failure. */
export async function finishJobs(): Promise<void> {
  const running = [...jobs.values()];
  jobs.clear();
  await Promise.all(running);
}

/** Waits for the job of that name if one is running; rethrows its failure. */
export async function jobDone(name: string): Promise<void> {
  await jobs.get(name);
}
