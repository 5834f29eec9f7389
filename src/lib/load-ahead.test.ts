import { describe, expect, it } from 'vitest';
import { loadAhead } from './load-ahead.ts';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loadAhead', () => {
  it('hands the values over in the items’ order, whatever order the loads finish in', async () => {
    const seen: string[] = [];
    // The first item loads slowest, the last fastest.
    await loadAhead([30, 20, 10, 0], 4, async (ms) => {
      await later(ms);
      return `v${ms}`;
    }, (value, item) => void seen.push(`${item}:${value}`));
    expect(seen).toEqual(['30:v30', '20:v20', '10:v10', '0:v0']);
  });

  it('never runs more than `ahead` loads at once, and does run that many', async () => {
    let running = 0;
    let most = 0;
    await loadAhead([...Array(20).keys()], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await later(n % 3);
      running--;
      return n;
    }, () => undefined);
    expect(most).toBe(3);
  });

  it('throws the first failure, and no load is left rejected unobserved', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const used: number[] = [];
      await expect(
        loadAhead([1, 2, 3, 4], 4, async (n) => {
          if (n >= 2) throw new Error(`load ${n} failed`);
          return n;
        }, (n) => void used.push(n)),
      ).rejects.toThrow('load 2 failed');
      expect(used).toEqual([1]);
      await later(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses a window that is not a whole number of 1 or more', async () => {
    await expect(loadAhead([1], 0, async (n) => n, () => undefined)).rejects.toThrow('ahead must be a whole number');
  });
});
