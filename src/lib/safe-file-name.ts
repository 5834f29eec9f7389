/**
 * File names that survive every file system a user may unzip into, and that a shell, a zip
 * tool and kustomize all read the same way.
 */

/** Long enough for any Kubernetes key users read; far below the 255-byte limit of ext4, APFS and NTFS. */
export const MAX_FILE_NAME_LENGTH = 128;

/** POSIX "portable filename character set" (POSIX.1-2017, 3.282): letters, digits, '.', '_', '-'. */
const PORTABLE_CHARS = /^[A-Za-z0-9._-]+$/;

/** Names Windows keeps for devices, whatever the extension (`nul.txt` opens the NUL device). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** The part before the first dot, which is what Windows compares with its device names. */
function firstStem(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/**
 * Whether a name can be used as a file name as it is: portable characters only, not hidden
 * (leading '.'), not read as a command-line option (leading '-'), no trailing '.' (Windows drops
 * it), not a Windows device name, and not longer than {@link MAX_FILE_NAME_LENGTH}.
 */
export function isPlainFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= MAX_FILE_NAME_LENGTH &&
    PORTABLE_CHARS.test(name) &&
    !name.startsWith('.') &&
    !name.startsWith('-') &&
    !name.endsWith('.') &&
    !WINDOWS_DEVICE_NAME.test(firstStem(name))
  );
}

/**
 * A readable plain file name made from any text: runs of other characters become one '_',
 * leading dots and dashes and trailing dots go, device names get a '_' after the stem, and long
 * names are cut keeping a short extension. Text with nothing usable left gives `fallback`.
 */
export function toSafeFileName(text: string, fallback: string): string {
  if (!isPlainFileName(fallback)) throw new Error(`fallback file name is not plain: ${fallback}`);
  let name = text
    .normalize('NFKD')
    // Accents go rather than turning every accented letter into '_'.
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[.-]+/, '')
    .replace(/\.+$/, '');
  if (name === '' || /^_*$/.test(name)) return fallback;
  const stem = firstStem(name);
  if (WINDOWS_DEVICE_NAME.test(stem)) name = `${stem}_${name.slice(stem.length)}`;
  if (name.length > MAX_FILE_NAME_LENGTH) {
    const { base, extension } = splitExtension(name);
    const keep = extension.length <= 16 ? extension : '';
    name = base.slice(0, MAX_FILE_NAME_LENGTH - keep.length).replace(/\.+$/, '') + keep;
  }
  return name;
}

/** `tls.crt` → `tls` + `.crt`; a name with no dot after its first character has no extension. */
export function splitExtension(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { base: name, extension: '' };
  return { base: name.slice(0, dot), extension: name.slice(dot) };
}

/**
 * Hands out file names that differ from each other and from reserved names, ignoring case,
 * because macOS and Windows file systems do: `Token` and `token` would overwrite each other
 * when unzipped there. A taken name gets `-2`, `-3`… before its extension.
 */
export class FileNamePool {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.#taken.has(name.toLowerCase());
  }

  /** Returns `candidate`, or the first free numbered variant of it, and marks it taken. */
  claim(candidate: string): string {
    let name = candidate;
    const { base, extension } = splitExtension(candidate);
    for (let n = 2; this.has(name); n++) name = `${base}-${n}${extension}`;
    this.#taken.add(name.toLowerCase());
    return name;
  }
}
