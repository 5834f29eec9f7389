import { withBase } from './base-path.ts';

/**
 * The home page lists the newest posts; a large folder (5,000 pages made a 2.4 MB home
 * page) is cut into pages of a fixed size. Page 1 is the home page; page n is /page/<n>/.
 * A tag's list is cut the same way: /tags/<tag>/, then /tags/<tag>/page/<n>/.
 */
export interface ListPage<T> {
  items: T[];
  /** 1-based. */
  number: number;
  /** How many pages there are: at least 1, even for no items. */
  count: number;
}

export const DEFAULT_PAGE_SIZE = 30;

export function listPages<T>(items: readonly T[], size: number): Array<ListPage<T>> {
  const count = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: count }, (_, index) => ({ items: items.slice(index * size, (index + 1) * size), number: index + 1, count }));
}

/** The URL of page `number` of the list whose first page is at `root` ("/" or "/tags/x/"). */
export function listPageUrl(base: string, number: number, root = '/'): string {
  return withBase(base, number === 1 ? root : `${root}page/${number}/`);
}

/** FIELDNOTES_PAGE_SIZE: posts per list page. */
export function pageSizeFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env['FIELDNOTES_PAGE_SIZE'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw new Error(`FIELDNOTES_PAGE_SIZE must be a whole number of posts, 1 or more, got "${raw}"`);
  return size;
}
