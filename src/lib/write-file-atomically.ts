import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `file` (and its folder) by writing a temporary file beside it and renaming that into
 * place: a build that stops half-way never leaves a truncated file under the real name, and
 * builds running side by side never read each other's half-written one.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
