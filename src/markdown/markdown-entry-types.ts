import type { LoaderContext } from 'astro/loaders';

/** The subset of Astro's content entry types a loader wrapper needs (the type itself is internal). */
export interface EntryType {
  getRenderFunction?: (config: LoaderContext['config']) => Promise<RenderFunction>;
  [key: string]: unknown;
}
export type RenderFunction = (entry: { id: string; data: Record<string, unknown>; body?: string; filePath?: string; digest?: string }) => Promise<unknown>;
export type ContextWithEntryTypes = LoaderContext & { entryTypes?: Map<string, EntryType> };

export const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkdn', '.mkd', '.mdwn']);

/**
 * The context's entry types with every Markdown type's getRenderFunction replaced by
 * `wrap(original)`; one wrapped type per original, however many extensions share it.
 * Undefined when Astro's context has no entry types (a future Astro): callers then leave
 * the loader as it is.
 */
export function withMarkdownRenderFunctions(
  context: ContextWithEntryTypes,
  wrap: (original: NonNullable<EntryType['getRenderFunction']>) => NonNullable<EntryType['getRenderFunction']>,
): Map<string, EntryType> | undefined {
  const entryTypes = context.entryTypes;
  if (!(entryTypes instanceof Map)) return undefined;
  const wrapped = new Map<string, EntryType>();
  const byType = new Map<EntryType, EntryType>();
  for (const [extension, type] of entryTypes) {
    if (!MARKDOWN_EXTENSIONS.has(extension) || !type.getRenderFunction) {
      wrapped.set(extension, type);
      continue;
    }
    let replaced = byType.get(type);
    if (!replaced) {
      replaced = { ...type, getRenderFunction: wrap(type.getRenderFunction.bind(type)) };
      byType.set(type, replaced);
    }
    wrapped.set(extension, replaced);
  }
  return wrapped;
}
