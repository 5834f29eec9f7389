/**
 * A page's id is its path below the content folder without the extension, each
 * segment slugged. The same function names pages in the loader and resolves
 * relative `.md` links in the Markdown plugins, so the two can never disagree.
 */
export function slugSegment(segment: string): string {
  return segment
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function entryIdFromPath(relativePath: string): string {
  const withoutExt = relativePath.replace(/\\/g, '/').replace(/\.(md|markdown)$/i, '');
  const segments = withoutExt.split('/').map(slugSegment).filter((s) => s !== '');
  // README.md and index.md stand for their folder, as on GitHub and most doc tools.
  const last = segments.at(-1);
  if (segments.length > 1 && (last === 'readme' || last === 'index')) segments.pop();
  return segments.join('/') || 'index';
}
