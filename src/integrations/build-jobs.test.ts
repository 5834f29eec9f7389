import { describe, expect, it } from 'vitest';
import { finishJobs, jobDone, jobOutputs, startJob } from './build-jobs.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('build jobs', () => {
  it('a job that waits for another after finishJobs was called still waits for it', async () => {
    const seen: string[] = [];
    startJob('index', [], async () => {
      await later(30);
      seen.push('index done');
    });
    startJob('service worker', [], async () => {
      await later(5); // finishJobs runs before this job asks
      await jobDone('index');
      seen.push('service worker listed the index');
    });
    await finishJobs();
    expect(seen).toEqual(['index done', 'service worker listed the index']);
  });

  it('rethrows the first failure once every job has settled, and forgets them', async () => {
    const seen: string[] = [];
    startJob('fails', [], async () => {
      throw new Error('pagefind could not start');
    });
    startJob('slow', [], async () => {
      await later(20);
      seen.push('slow done');
    });
    await expect(finishJobs()).rejects.toThrow('pagefind could not start');
    expect(seen).toEqual(['slow done']);
    await expect(finishJobs()).resolves.toBeUndefined();
    await expect(jobDone('fails')).resolves.toBeUndefined();
  });

  it('lists what the running jobs write, each path once, until they are finished', async () => {
    startJob('search index', ['pagefind', 'common-words'], async () => undefined);
    startJob('service worker', ['sw.js', 'pagefind'], async () => undefined);
    expect(jobOutputs()).toEqual(['pagefind', 'common-words', 'sw.js']);
    await finishJobs();
    expect(jobOutputs()).toEqual([]);
  });
});
