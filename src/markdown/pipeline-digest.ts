import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Astro keeps a page's rendered Markdown while the file and the config are unchanged, and it
 * compares the config as JSON, where plugins are functions and leave no trace. So an edited
 * plugin, or an upgraded highlighter, kept serving the old rendering until each file changed.
 * A digest of what the pipeline is made of, set into the processor's options, makes such a
 * change a config change: Astro then renders every page again, and says so.
 */

/** Folders, relative to the project, whose code the Markdown pipeline runs (tests and fixtures aside). */
export const PIPELINE_SOURCES = ['src/markdown', 'src/lib', 'src/tools'] as const;
/** Pins every dependency's version, shiki's and remark's included. */
export const PIPELINE_LOCKFILE = 'package-lock.json';

const isTestFile = (file: string) => /\.test\.[cm]?[jt]s$/.test(file) || file.split('/').includes('__fixtures__');

export function pipelineDigest(root: string, sources: readonly string[] = PIPELINE_SOURCES, lockfile = PIPELINE_LOCKFILE): string {
  const files: string[] = [];
  for (const source of sources) {
    const dir = path.join(root, source);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const file = `${source}/${name.split(path.sep).join('/')}`;
      if (/\.[cm]?[jt]s$/.test(file) && !isTestFile(file)) files.push(file);
    }
  }
  if (existsSync(path.join(root, lockfile))) files.push(lockfile);
  const hash = createHash('sha256');
  // Names too, so that a moved file counts; sorted, so that the walk's order does not.
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('base64url');
}

/** `processor` with the digest among its options, where Astro's config comparison sees it. */
export function withPipelineDigest<P extends { options: object }>(processor: P, digest: string): P {
  Object.assign(processor.options, { pipelineDigest: digest });
  return processor;
}
