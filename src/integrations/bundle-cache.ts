import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from '../lib/content-hash.ts';
import { writeFileAtomically } from '../lib/write-file-atomically.ts';

/*
 * An esbuild bundle kept between builds beside the hashes of the files esbuild read for it,
 * and reused while the key (the bundling code and its options) and every one of those files
 * are unchanged. A file edited in the instant between esbuild reading it and the record being
 * written would go unnoticed until its next edit; builds do not race edits that closely.
 */

interface Record {
  key: string;
  /** Absolute path → sha256 of the content esbuild read. */
  inputs: { [file: string]: string };
  code: string;
}

async function hashOf(file: string): Promise<string | undefined> {
  try {
    return contentHash(await readFile(file));
  } catch {
    return undefined;
  }
}

/** The bundle recorded in `file` under `key`, if no input changed since; else undefined. */
export async function reuseBundle(file: string, key: string): Promise<string | undefined> {
  let record: Partial<Record>;
  try {
    record = JSON.parse(await readFile(file, 'utf8')) as Partial<Record>;
  } catch {
    return undefined;
  }
  if (record.key !== key || typeof record.code !== 'string' || typeof record.inputs !== 'object' || record.inputs === null) return undefined;
  const inputs = Object.entries(record.inputs);
  if (inputs.length === 0) return undefined;
  const current = await Promise.all(inputs.map(([input]) => hashOf(input)));
  return inputs.every(([, hash], i) => current[i] === hash) ? record.code : undefined;
}

/**
 * Records `code` under `key` with the inputs of esbuild's metafile (`metafileInputs`, paths
 * relative to `workingDir`). Virtual modules ("namespace:path", "<stdin>") are left out: their
 * content comes from the bundling code, which the key covers.
 */
export async function keepBundle(file: string, key: string, code: string, metafileInputs: readonly string[], workingDir: string): Promise<void> {
  const files = metafileInputs.filter((input) => input !== '<stdin>' && !/^[\w-]+:/.test(input)).map((input) => path.resolve(workingDir, input));
  const hashes = await Promise.all(files.map((input) => hashOf(input)));
  if (hashes.some((hash) => hash === undefined)) return; // an input vanished: nothing to trust
  const inputs = Object.fromEntries(files.map((input, i) => [input, hashes[i]!]));
  await writeFileAtomically(file, JSON.stringify({ key, inputs, code } satisfies Record));
}
