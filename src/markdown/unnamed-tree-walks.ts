import module from 'node:module';

/**
 * unist-util-visit-parents, the tree walk under every remark and rehype plugin (Astro's,
 * smartypants', gfm's and ours), renames each node's visit closure ("node (paragraph)") so
 * that a stack trace says where a walk was. That is one `Object.defineProperty` on a fresh
 * function per node per walk: a fifth of a page's render (41 → 32 ms a page on the bench
 * corpus, same HTML). The render threads load the package with that one statement taken
 * out; nothing else in it changes, and the loader's own thread keeps it as published.
 */
export const VISIT_PARENTS_MODULE = /\/node_modules\/unist-util-visit-parents\/lib\/index\.js$/;

const NAMING_STATEMENT = /Object\.defineProperty\(visit, 'name', \{\s*value:\s*'node \(' \+ color\([^\n]*\) \+ '\)'\s*\}\)/g;

/**
 * The package's source without the naming statement, or undefined when the source does not
 * hold exactly one (another version): then it loads as published.
 */
export function withoutVisitorNames(source: string): string | undefined {
  const found = source.match(NAMING_STATEMENT);
  if (found?.length !== 1) return undefined;
  return source.replace(NAMING_STATEMENT, '');
}

/**
 * Loads unist-util-visit-parents without the naming in this thread, from here on. Call it
 * before anything imports the package. Node's in-thread hooks arrived in 22.15; without them
 * (or when the source is another version's) nothing changes but the speed.
 */
export function loadTreeWalksUnnamed(): boolean {
  const register = (module as { registerHooks?: typeof module.registerHooks }).registerHooks;
  if (typeof register !== 'function') return false;
  register({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!VISIT_PARENTS_MODULE.test(url) || loaded.source == null) return loaded;
      const source = typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source);
      const changed = withoutVisitorNames(source);
      return changed === undefined ? loaded : { ...loaded, source: changed };
    },
  });
  return true;
}
