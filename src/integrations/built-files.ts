import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Every file under a built folder, as paths relative to it with forward slashes, sorted. */
export async function builtFiles(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
