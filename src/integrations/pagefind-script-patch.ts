import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { withNativeDecompression } from '../lib/pagefind-native-decompression.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';

/**
 * Rewrites pagefind.js in `dir` (an output's pagefind folder) so that the files it fetches are
 * ungzipped by the browser (lib/pagefind-native-decompression.ts says why). The file in the
 * output is a hard link into the search index cache: it is replaced by a rename, never written
 * through. Throws, leaving the file as it was, when the script has another shape or the result
 * would not parse as a module (a call site moved out of an async method, say).
 */
export async function patchPagefindScript(dir: string): Promise<{ calls: number }> {
  const file = path.join(dir, 'pagefind.js');
  const { script, calls } = withNativeDecompression(await readFile(file, 'utf8'));
  await transform(script, { loader: 'js', format: 'esm', logLevel: 'silent' }).catch((error: unknown) => {
    throw new Error(`pagefind.js would not parse after the change: ${error instanceof Error ? error.message : String(error)}`);
  });
  await writeFileAtomically(file, script);
  return { calls };
}
