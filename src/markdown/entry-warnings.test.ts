import type { Loader, LoaderContext } from 'astro/loaders';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repeatWarningsOfUnchangedEntries, warningsOf, WARNINGS_KEY } from './entry-warnings.ts';

interface FakeEntry {
  id: string;
  digest: string;
  rendered?: { html: string; metadata?: Record<string, unknown> } | undefined;
}

/** A body's warnings, as rehype-report-warnings keeps them: one per "!" in the text. */
const warningsFor = (id: string, body: string) => [...body.matchAll(/!/g)].map((m) => `[fieldnotes] warning ${id}.md:1:${m.index + 1}: bang`);

/**
 * Runs the wrapper around a loader that, like the glob loader, renders (through
 * context.entryTypes) each file not stored with the same digest, and keeps the rest.
 */
async function load(store: Map<string, FakeEntry>, files: Record<string, string>) {
  const markdownType = {
    getRenderFunction: async () => async (entry: { id: string; body?: string }) => {
      const lines = warningsFor(entry.id, entry.body ?? '');
      for (const line of lines) console.warn(line);
      return { html: `<p>${entry.body}</p>`, metadata: { frontmatter: lines.length > 0 ? { title: entry.id, [WARNINGS_KEY]: lines } : { title: entry.id } } };
    },
  };
  const inner: Loader = {
    name: 'test-loader',
    load: async (context) => {
      const types = (context as unknown as { entryTypes: Map<string, typeof markdownType> }).entryTypes;
      const render = await types.get('.md')!.getRenderFunction();
      for (const [id, body] of Object.entries(files)) {
        if (store.get(id)?.digest === body) continue;
        store.set(id, { id, digest: body, rendered: (await render({ id, body })) as FakeEntry['rendered'] });
      }
      for (const id of [...store.keys()]) if (!(id in files)) store.delete(id);
    },
  };
  const context = { store: { values: () => store.values() }, entryTypes: new Map([['.md', markdownType]]) } as unknown as LoaderContext;
  await repeatWarningsOfUnchangedEntries(inner).load(context);
}

afterEach(() => vi.restoreAllMocks());

describe('repeatWarningsOfUnchangedEntries', () => {
  it('says each warning once per build: at render, or from the store when the file was not rendered again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = new Map<string, FakeEntry>();
    await load(store, { b: 'two! and!', a: 'one!', c: 'none' });
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      '[fieldnotes] warning b.md:1:4: bang',
      '[fieldnotes] warning b.md:1:9: bang',
      '[fieldnotes] warning a.md:1:4: bang',
    ]);

    warn.mockClear();
    // a is edited (rendered again, its warning gone); b and c are reused as they were.
    await load(store, { b: 'two! and!', a: 'one', c: 'none' });
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      '[fieldnotes] warning b.md:1:4: bang (unchanged since the last build)',
      '[fieldnotes] warning b.md:1:9: bang (unchanged since the last build)',
    ]);
  });

  it('leaves a loader alone when Astro gives no entry types', async () => {
    const load = vi.fn(async () => undefined);
    await repeatWarningsOfUnchangedEntries({ name: 'plain', load }).load({ store: { values: () => [] } } as unknown as LoaderContext);
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe('warningsOf', () => {
  it('reads the lines kept under the warnings key', () => {
    expect(warningsOf({ metadata: { frontmatter: { [WARNINGS_KEY]: ['x', 'y'], other: ['z'] } } })).toEqual(['x', 'y']);
  });
});
