import type { Stats } from 'node:fs';

/**
 * What tells a built file from the one a build left: size, modification time and inode. A
 * page Astro leaves in place, or a file linked from a cache, keeps all three; a file written
 * again or replaced changes at least one.
 */
export type FileStamp = [size: number, mtimeMs: number, inode: number];

export function fileStamp(info: Stats): FileStamp {
  return [info.size, info.mtimeMs, info.ino];
}

/** Whether `kept` (a stamp, or a record that starts with one) is `stamp`. */
export function sameStamp(kept: readonly unknown[] | undefined, stamp: FileStamp): boolean {
  return kept !== undefined && kept[0] === stamp[0] && kept[1] === stamp[1] && kept[2] === stamp[2];
}
