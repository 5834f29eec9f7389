import { entryIdFromPath } from './entry-id.ts';

/**
 * Page ids ignore case, punctuation and the extension, so two files can name the same page
 * (`Getting Started.md` and `getting-started.md`, `x.md` and `x.markdown`); the content
 * store would keep whichever came last and drop the other without a word. This names the
 * pages and throws on the second claim to an id, naming both files. `isAnotherFile` says
 * whether the first claimant is still a file of its own: one renamed while `astro dev` runs is
 * gone, and on a case-insensitive disk `A.md` renamed to `a.md` is the same file.
 */
export function entryIdClaims(isAnotherFile: (owner: string, entry: string) => boolean): (entry: string) => string {
  const owners = new Map<string, string>();
  return (entry) => {
    const id = entryIdFromPath(entry);
    const owner = owners.get(id);
    if (owner !== undefined && owner !== entry && isAnotherFile(owner, entry)) {
      throw new Error(
        `"${owner}" and "${entry}" would both be the page /${id}/: ` +
          'page addresses ignore case, punctuation and the extension. Rename one of them.',
      );
    }
    owners.set(id, entry);
    return id;
  };
}
