import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BackgroundHold, readSearchActivity, searchActivityChannel } from './search-activity.ts';

describe('readSearchActivity', () => {
  it('reads the three messages', () => {
    for (const type of ['search-active', 'search-idle', 'search-asked'] as const) {
      expect(readSearchActivity({ type })).toEqual({ type });
    }
  });

  it('drops anything else, and anything a message carries beyond its type', () => {
    for (const data of [null, undefined, 'search-active', 7, {}, { type: 'SKIP_WAITING' }, { type: ['search-active'] }]) {
      expect(readSearchActivity(data)).toBeUndefined();
    }
    expect(readSearchActivity({ type: 'search-active', query: 'secret' })).toEqual({ type: 'search-active' });
  });
});

describe('searchActivityChannel', () => {
  it('gives each base path a channel of its own', () => {
    expect(searchActivityChannel('/')).not.toBe(searchActivityChannel('/sub/'));
  });
});

describe('BackgroundHold', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Resolves to the fake time at which passed() resolved. */
  const whenPassed = (hold: BackgroundHold): { at: number | undefined } => {
    const seen: { at: number | undefined } = { at: undefined };
    void hold.passed().then(() => {
      seen.at = Date.now();
    });
    return seen;
  };

  it('is open until held, and passes at once then', async () => {
    const hold = new BackgroundHold();
    expect(hold.held).toBe(false);
    const seen = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at).toBe(Date.now());
  });

  it('holds for the time given, then lets every waiter through', async () => {
    const start = Date.now();
    const hold = new BackgroundHold();
    hold.hold(2000);
    expect(hold.held).toBe(true);
    const first = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(500);
    const second = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(1499);
    expect([first.at, second.at]).toEqual([undefined, undefined]);
    await vi.advanceTimersByTimeAsync(1);
    expect([first.at, second.at]).toEqual([start + 2000, start + 2000]);
    expect(hold.held).toBe(false);
  });

  it('extends the hold on each new sign, and a shorter one never cuts it short', async () => {
    const start = Date.now();
    const hold = new BackgroundHold();
    hold.hold(2000);
    const seen = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(1500);
    hold.hold(2000); // until start + 3500
    hold.hold(200); // ends earlier: no effect
    await vi.advanceTimersByTimeAsync(1999);
    expect(seen.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.at).toBe(start + 3500);
  });

  it('opens at once on release, and holds again afterwards', async () => {
    const start = Date.now();
    const hold = new BackgroundHold();
    hold.hold(2000);
    const seen = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(300);
    hold.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at).toBe(start + 300);
    hold.hold(1000);
    const again = whenPassed(hold);
    await vi.advanceTimersByTimeAsync(999);
    expect(again.at).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(again.at).toBe(start + 1300);
  });

  it('leaves no timer behind once everyone has passed', async () => {
    const hold = new BackgroundHold();
    hold.hold(1000);
    void hold.passed();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(0);
    hold.hold(1000); // nobody waiting: nothing to wake
    expect(vi.getTimerCount()).toBe(0);
  });
});
