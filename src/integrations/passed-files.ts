import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';

/**
 * The files that passed a build check before, by the hash of their content, so that a
 * rebuild checks only the files that changed. A verdict is a function of a file's content
 * and of the rules, so the record is kept under a fingerprint of the rules (the checking
 * code and its settings): any change to them starts the record afresh, and a record that
 * cannot be read or is kept under another fingerprint counts as empty.
 */
export interface PassedFiles {
  has(hash: string): boolean;
  add(hash: string): void;
  /** Keeps exactly the files added since loading (those of this build) for the next build. */
  save(): Promise<void>;
}

interface Record {
  fingerprint: string;
  passed: string[];
}

export async function loadPassedFiles(file: string, fingerprint: string): Promise<PassedFiles> {
  let before = new Set<string>();
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<Record>;
    if (record.fingerprint === fingerprint && Array.isArray(record.passed)) before = new Set(record.passed);
  } catch {
    // No record yet, or an unreadable one: every file is checked.
  }
  const now = new Set<string>();
  return {
    has: (hash) => before.has(hash),
    add: (hash) => void now.add(hash),
    async save() {
      await writeFileAtomically(file, JSON.stringify({ fingerprint, passed: [...now].sort() } satisfies Record));
    },
  };
}

/** The text of the project's package-lock.json, or '' when there is none: what packages a fingerprint depends on. */
export async function lockfileText(root: URL | undefined): Promise<string> {
  return root ? readFile(new URL('package-lock.json', root), 'utf8').catch(() => '') : '';
}

/**
 * A fingerprint of a module's code: its own source and that of every module it imports by a
 * relative path, followed transitively, plus `settings`. Undefined when a source cannot be
 * read (the module does not run from its source tree), so that no earlier verdict is trusted.
 * Packages the code imports are covered by `settings` (pass the lockfile's text).
 */
export async function codeFingerprint(entry: URL, settings: readonly string[]): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (const setting of settings) hash.update(`${setting}\0`);
  const seen = new Set<string>();
  const pending = [fileURLToPath(entry)];
  try {
    while (pending.length > 0) {
      const file = pending.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = await readFile(file, 'utf8');
      hash.update(`${path.basename(file)}\0${source}\0`);
      for (const match of source.matchAll(/\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), match[1]!);
        pending.push(path.extname(target) === '' ? `${target}.ts` : target);
      }
    }
  } catch {
    return undefined;
  }
  return hash.digest('base64url');
}
