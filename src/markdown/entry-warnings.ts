import type { Loader, LoaderContext } from 'astro/loaders';
import { withMarkdownRenderFunctions, type ContextWithEntryTypes } from './markdown-entry-types.ts';
import { frontmatterList } from './rendered-frontmatter.ts';

/**
 * A page's warnings (a link that resolves nowhere, a remote image, …) print when the page
 * renders (rehype-report-warnings.ts). Astro's content layer renders only the files that
 * changed since the last build, so an unchanged page with a broken link warned once and then
 * never again: a second build looked clean. Each render keeps its warnings in the entry's
 * rendered metadata (under WARNINGS_KEY of its frontmatter, the one place a plugin's data
 * reaches the store), and this wrapper prints those of the entries it did not render, so
 * every build reports every warning the site has, each once.
 */

/** The key, in rendered.metadata.frontmatter, of the warning lines a render printed. */
export const WARNINGS_KEY = 'fieldnotesWarnings';

/** The warning lines kept with a rendered entry, or none. */
export function warningsOf(rendered: { metadata?: Record<string, unknown> | undefined } | undefined): string[] {
  return frontmatterList(rendered, WARNINGS_KEY);
}

export function repeatWarningsOfUnchangedEntries(loader: Loader): Loader {
  return {
    ...loader,
    async load(context: ContextWithEntryTypes) {
      const rendered = new Set<string>();
      const wrapped = withMarkdownRenderFunctions(context, (original) => async (config) => {
        const render = await original(config);
        return async (entry) => {
          rendered.add(entry.id);
          return render(entry);
        };
      });
      if (!wrapped) return loader.load(context);
      await loader.load({ ...context, entryTypes: wrapped } as LoaderContext);

      const kept = [...context.store.values()].filter((entry) => !rendered.has(entry.id)).flatMap((entry) => warningsOf(entry.rendered));
      for (const line of kept.sort()) console.warn(`${line} (unchanged since the last build)`);
    },
  };
}
