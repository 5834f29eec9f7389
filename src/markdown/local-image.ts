import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { VFile } from 'vfile';

/**
 * Astro's image pipeline takes every relative image (not a URL, not root-relative) from the
 * Markdown file's folder, and when the file is not there it stops the whole build with an
 * error that names neither the page nor the line. The image plugins ask here first, so that a
 * missing image is a warning at its place and the rest of the folder still builds.
 */

/** The file path Astro would read for image URL `url`, or undefined if the URL is not a local image. */
export function localImagePath(url: string): string | undefined {
  if (url === '' || url.startsWith('/') || url.startsWith('#') || URL.canParse(url)) return undefined;
  try {
    return decodeURI(url);
  } catch {
    return undefined;
  }
}

/** Whether `url`, written in `file`, names a local image that is not on disk. False when it cannot tell. */
export function isMissingLocalImage(url: string, file: VFile): boolean {
  const path = localImagePath(url);
  if (path === undefined || !file.path) return false;
  const page = isAbsolute(file.path) ? file.path : resolve(file.path);
  return !existsSync(resolve(dirname(page), path));
}

export function warnMissingImage(file: VFile, url: string, place: VFile['messages'][number]['place']): void {
  file.message(`Image "${url}" left out: there is no such file beside the page; its alt text stands in.`, { place, ruleId: 'MISSING_IMAGE', source: 'fieldnotes' });
}
