/**
 * Hands `use` each item's loaded value one at a time, in the items' order, while up to `ahead`
 * loads run at once: file reads overlap each other and the work done on the files before them,
 * without holding every file in memory. The first failure (of a load or of `use`) is thrown
 * once the loads already started have settled unobserved.
 */
export async function loadAhead<T, R>(
  items: readonly T[],
  ahead: number,
  load: (item: T) => Promise<R>,
  use: (loaded: R, item: T) => void | Promise<void>,
): Promise<void> {
  if (!Number.isInteger(ahead) || ahead < 1) throw new Error(`loadAhead: ahead must be a whole number, 1 or more, not ${ahead}`);
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < ahead) {
      const loading = load(items[next++]!);
      // Awaited in turn below; a failure before its turn must not count as unhandled.
      loading.catch(() => undefined);
      pending.push(loading);
    }
  };
  for (let i = 0; i < items.length; i++) {
    fill();
    const loaded = await pending.shift()!;
    await use(loaded, items[i]!);
  }
}
