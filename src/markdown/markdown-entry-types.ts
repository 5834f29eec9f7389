import type { Loader, LoaderContext } from 'astro/loaders';

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

/**
 * Astro's Markdown entry type claims `.md` only, and its glob loader skips other extensions
 * with a warning: a folder written with `.markdown` files lost those pages. This gives every
 * Markdown extension that has no entry type of its own the `.md` one. Wrap the outermost
 * loader, so that the wrappers inside (render-in-workers.ts) see the extensions too.
 */
export function withMarkdownExtensions<L extends Loader>(loader: L): L {
  return {
    ...loader,
    load(context: ContextWithEntryTypes) {
      const entryTypes = context.entryTypes;
      const markdown = entryTypes instanceof Map ? entryTypes.get('.md') : undefined;
      if (!entryTypes || !markdown) return loader.load(context);
      const extended = new Map(entryTypes);
      for (const extension of MARKDOWN_EXTENSIONS) if (!extended.has(extension)) extended.set(extension, markdown);
      return loader.load({ ...context, entryTypes: extended } as LoaderContext);
    },
  };
}
