import { zipSync } from 'fflate';

/** A fixed date: the same files always make the same archive, byte for byte. */
const ARCHIVE_DATE = new Date('2020-01-01T00:00:00Z');

/** Zips files (name → bytes) into one archive, in the order given. */
export function zipFiles(files: Readonly<Record<string, Uint8Array>>): Uint8Array {
  return zipSync({ ...files }, { level: 6, mtime: ARCHIVE_DATE });
}
