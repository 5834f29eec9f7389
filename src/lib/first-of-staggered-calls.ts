export interface StaggerOptions {
  /** How many calls at most. */
  count: number;
  /** Milliseconds between the start of one call and the next. */
  spacingMs: number;
}

/**
 * Starts `call` up to `count` times, `spacingMs` apart, and settles as the first of them
 * settles; no call starts after that. For an API that, called before it is ready, checks again
 * only every so often: calls offset from one another notice the ready state sooner than one
 * call would (five calls 10 ms apart against a 50 ms check see it within 10 ms).
 */
export function firstOfStaggeredCalls<T>(call: () => Promise<T>, { count, spacingMs }: StaggerOptions): Promise<T> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number of at least 1, not ${count}`);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let started = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer); // no call starts after this
      finish();
    };
    const start = () => {
      started++;
      let pending: Promise<T>;
      try {
        pending = call();
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
      if (started < count) timer = setTimeout(start, spacingMs);
    };
    start();
  });
}
