import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstOfStaggeredCalls } from './first-of-staggered-calls.ts';

/**
 * An API like pagefind's before its WebAssembly is ready: a call checks at once, then again
 * every 50 ms, and resolves with the (fake) time it found the API ready.
 */
function pollingApi(readyAt: number) {
  const api = {
    calls: 0,
    async call(): Promise<number> {
      api.calls++;
      while (Date.now() < readyAt) await new Promise((wake) => setTimeout(wake, 50));
      return Date.now();
    },
  };
  return api;
}

describe('firstOfStaggeredCalls', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sees a polling API ready within the spacing, where one call waits for its next check', async () => {
    // Ready at 73 ms. One call checks at 0, 50, 100: it answers at 100. Calls started at
    // 0, 10, 20, 30 and 40 check at 50, 60, 70, 80, 90, …: the one started at 30 answers at 80.
    const single = pollingApi(73);
    const alone = single.call();
    const staggered = pollingApi(73);
    const first = firstOfStaggeredCalls(() => staggered.call(), { count: 5, spacingMs: 10 });
    await vi.advanceTimersByTimeAsync(200);
    await expect(alone).resolves.toBe(100);
    await expect(first).resolves.toBe(80);
    expect(staggered.calls).toBe(5);
  });

  it('starts no more calls once one has answered', async () => {
    const api = pollingApi(0);
    const first = firstOfStaggeredCalls(() => api.call(), { count: 5, spacingMs: 10 });
    await vi.advanceTimersByTimeAsync(100);
    await expect(first).resolves.toBe(0);
    expect(api.calls).toBe(1);
  });

  it('starts at most count calls', async () => {
    const api = pollingApi(1000);
    void firstOfStaggeredCalls(() => api.call(), { count: 3, spacingMs: 10 });
    await vi.advanceTimersByTimeAsync(500);
    expect(api.calls).toBe(3);
  });

  it('rejects with the first failure and starts no more calls', async () => {
    let calls = 0;
    const failure = new Error('WebAssembly failed to load');
    const first = firstOfStaggeredCalls(
      () => {
        calls++;
        return new Promise<never>((_, reject) => setTimeout(() => reject(failure), 15));
      },
      { count: 5, spacingMs: 10 },
    );
    const seen = expect(first).rejects.toBe(failure);
    await vi.advanceTimersByTimeAsync(100);
    await seen;
    expect(calls).toBe(2); // started at 0 and 10; the first failed at 15
  });

  it('turns a call that throws into a rejection', async () => {
    const first = firstOfStaggeredCalls(
      () => {
        throw new TypeError('not a function');
      },
      { count: 2, spacingMs: 10 },
    );
    await expect(first).rejects.toThrow('not a function');
  });

  it('refuses a count below one', () => {
    expect(() => firstOfStaggeredCalls(async () => 1, { count: 0, spacingMs: 10 })).toThrow(RangeError);
  });
});
