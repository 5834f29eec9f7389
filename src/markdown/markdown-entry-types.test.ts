import type { Loader, LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { withMarkdownExtensions, type ContextWithEntryTypes, type EntryType } from './markdown-entry-types.ts';

/** A loader that records the entry types it was given. */
function recordingLoader(): { loader: Loader; seen: Array<Map<string, EntryType> | undefined> } {
  const seen: Array<Map<string, EntryType> | undefined> = [];
  return { seen, loader: { name: 'recording', load: async (context: ContextWithEntryTypes) => void seen.push(context.entryTypes) } };
}

describe('withMarkdownExtensions', () => {
  it('gives .markdown and the other Markdown extensions the .md entry type, keeping the rest', async () => {
    const md: EntryType = { getRenderFunction: async () => async () => ({}) };
    const json: EntryType = {};
    const own: EntryType = {};
    const { loader, seen } = recordingLoader();
    const context = { entryTypes: new Map([['.md', md], ['.json', json], ['.mdown', own]]) } as unknown as LoaderContext;
    await withMarkdownExtensions(loader).load(context);
    const types = seen[0]!;
    expect(types.get('.markdown')).toBe(md);
    expect(types.get('.mkd')).toBe(md);
    expect(types.get('.mdown')).toBe(own);
    expect(types.get('.json')).toBe(json);
    // Astro's own map is left as it was.
    expect((context as ContextWithEntryTypes).entryTypes?.has('.markdown')).toBe(false);
  });

  it('passes the context through when it has no entry types', async () => {
    const { loader, seen } = recordingLoader();
    await withMarkdownExtensions(loader).load({} as LoaderContext);
    expect(seen).toEqual([undefined]);
  });
});
