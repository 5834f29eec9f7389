import type { VFile } from 'vfile';

/**
 * The front matter object Astro hands to the Markdown plugins (`file.data.astro.frontmatter`).
 * What plugins write here comes back as `remarkPluginFrontmatter` and as
 * `entry.rendered.metadata.frontmatter`. Created when absent, so a plugin can always write.
 */
export function frontmatterOf(file: VFile): Record<string, unknown> {
  file.data.astro ??= {};
  file.data.astro.frontmatter ??= {};
  const frontmatter: Record<string, unknown> = file.data.astro.frontmatter;
  return frontmatter;
}

/** A front matter field's value when it is a string with some non-space text. */
export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
