import type { VFile } from 'vfile';

/*
 * A plugin's data reaches Astro's content store, and a later build that reuses a render,
 * only through the render's frontmatter (rendered.metadata.frontmatter). These keep lists of
 * strings there, under keys of our own.
 */

/** The strings listed under `key` in a render's frontmatter, or none. */
export function frontmatterList(rendered: { metadata?: Record<string, unknown> | undefined } | undefined, key: string): string[] {
  const frontmatter = rendered?.metadata?.['frontmatter'];
  if (typeof frontmatter !== 'object' || frontmatter === null) return [];
  const list = (frontmatter as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** Adds `items` not listed yet to the list under `key` of the page being rendered. */
export function addToFrontmatterList(file: VFile, key: string, items: readonly string[]): void {
  const astro = file.data.astro;
  if (!astro) return;
  const listed = frontmatterList({ metadata: { frontmatter: astro.frontmatter } }, key);
  const added = items.filter((item, index) => !listed.includes(item) && items.indexOf(item) === index);
  // A new object: the frontmatter Astro passed in may be the entry's own data.
  if (added.length > 0) astro.frontmatter = { ...astro.frontmatter, [key]: [...listed, ...added] };
}
