import { decode } from 'cborg';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../lib/temp-folder-for-test.ts';
import { filesOf, indexedPage, linkedOutput, pagefindIndexOf } from './search-index-test-files.ts';
import { rechunkSearchIndex } from './search-index-rechunk.ts';

afterAll(() => pagefind.close());

const SITE = {
  'one/index.html': indexedPage('One', 'Rolling out a canary deployment behind the ingress; configmap and configure the registry.'),
  'two/index.html': indexedPage('Two', 'Rotating the registry credential in the cluster with kustomize and a secretGenerator.'),
  'three/index.html': indexedPage('Three', 'Restoring a database snapshot after an incident; the config map holds twine settings.'),
  'four/index.html': indexedPage('Four', 'Uploading a Python package to PyPI from GitLab CI with twine and an API token.'),
};

/** A pagefind data file, decoded by cborg: gzip, then the signature, then CBOR. */
function readPagefindFile(file: string): unknown {
  const bytes = gunzipSync(readFileSync(file));
  expect(bytes.subarray(0, 12).toString()).toBe('pagefind_dcd');
  return decode(bytes.subarray(12));
}

type Meta = [string, unknown[], Array<[string, string, string]>, ...unknown[]];
type Chunk = [Array<[string, ...unknown[]]>];

function metaOf(dir: string): { hash: string; meta: Meta } {
  const entry = JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: { en: { hash: string } } };
  const hash = entry.languages.en.hash;
  return { hash, meta: readPagefindFile(path.join(dir, `pagefind.${hash}.pf_meta`)) as Meta };
}

/** Every word entry of the index in `dir`, chunk after chunk. */
function wordsOf(dir: string): Array<[string, ...unknown[]]> {
  return metaOf(dir).meta[2].flatMap(([, , hash]) => (readPagefindFile(path.join(dir, 'index', `${hash}.pf_index`)) as Chunk)[0]);
}

describe('rechunkSearchIndex', () => {
  it('cuts the index into more chunks that hold the same words, and routes every word to its chunk', async () => {
    const source = await pagefindIndexOf(SITE);
    const before = filesOf(source);
    const output = await linkedOutput(source);
    const { meta: oldMeta, hash: oldHash } = metaOf(output);
    const oldWords = wordsOf(output);

    const result = await rechunkSearchIndex({ dir: output, cacheDir: await tempFolder(), targetBytes: 120 });

    expect(result.before).toBe(oldMeta[2].length);
    expect(result.after).toBeGreaterThan(4 * result.before);
    expect(result.compressed).toBe(result.after);
    const { meta, hash } = metaOf(output);
    expect(hash).not.toBe(oldHash);
    expect(meta[2]).toHaveLength(result.after);
    // The pages, filters and everything else in the metadata are as pagefind wrote them.
    expect([meta[0], meta[1], ...meta.slice(3)]).toEqual([oldMeta[0], oldMeta[1], ...oldMeta.slice(3)]);
    expect(wordsOf(output)).toEqual(oldWords);
    // pagefind's chunks and metadata are gone from the output: only the new ones are left.
    const names = readdirSync(path.join(output, 'index')).map((name) => name.replace('.pf_index', ''));
    expect(names.sort()).toEqual(meta[2].map(([, , h]) => h).sort());
    expect(readdirSync(output).filter((name) => name.endsWith('.pf_meta'))).toEqual([`pagefind.${hash}.pf_meta`]);
    // Routing as pagefind does it: the first chunk whose [from, to] holds the word.
    for (const [word] of oldWords) {
      const chunk = meta[2].find(([from, to]) => Buffer.compare(Buffer.from(word), Buffer.from(from)) >= 0 && Buffer.compare(Buffer.from(word), Buffer.from(to)) <= 0);
      const held = (readPagefindFile(path.join(output, 'index', `${chunk![2]}.pf_index`)) as Chunk)[0].map(([w]) => w);
      expect(held).toContain(word);
    }
    // Nothing was written through the hard links into the folder pagefind wrote.
    expect(filesOf(source)).toEqual(before);
  });

  it('takes unchanged chunks from its cache and keeps only the last index there', async () => {
    const cacheDir = await tempFolder();
    const source = await pagefindIndexOf(SITE);
    const first = await linkedOutput(source);
    const made = await rechunkSearchIndex({ dir: first, cacheDir, targetBytes: 120 });
    const again = await linkedOutput(source);
    expect(await rechunkSearchIndex({ dir: again, cacheDir, targetBytes: 120 })).toEqual({ ...made, compressed: 0 });
    expect(filesOf(again)).toEqual(filesOf(first));

    // One page changed: only the chunks of its words are compressed again, and the cache holds this index's chunks alone.
    const edited = await pagefindIndexOf({ ...SITE, 'four/index.html': indexedPage('Four', 'Uploading a Python package to PyPI from GitLab CI with twine and a scoped token.') });
    const next = await linkedOutput(edited);
    const changed = await rechunkSearchIndex({ dir: next, cacheDir, targetBytes: 120 });
    expect(changed.compressed).toBeGreaterThan(0);
    expect(changed.compressed).toBeLessThan(changed.after);
    expect(readdirSync(cacheDir).sort()).toEqual(readdirSync(path.join(next, 'index')).sort());
  });

  it('leaves the output as pagefind wrote it when a chunk cannot be read', async () => {
    const source = await pagefindIndexOf(SITE);
    const output = await linkedOutput(source);
    const [, , hash] = metaOf(output).meta[2][0]!;
    const broken = path.join(output, 'index', `${hash}.pf_index`);
    await writeFile(`${broken}.new`, 'not gzip'); // a new file, not written through the link
    await rename(`${broken}.new`, broken);
    const before = filesOf(output);

    await expect(rechunkSearchIndex({ dir: output, cacheDir: await tempFolder(), targetBytes: 120 })).rejects.toThrow();
    expect(filesOf(output)).toEqual(before);
  });

  it('takes back the files it added when a write fails half-way', async () => {
    const source = await pagefindIndexOf(SITE);
    const names = readdirSync(path.join(await rechunked(source), 'index')).sort();
    // A folder in the cache where the last chunk's file should be: linking and copying it fail.
    const cacheDir = await tempFolder();
    await mkdir(path.join(cacheDir, names.at(-1)!));
    const output = await linkedOutput(source);
    const before = filesOf(output);

    await expect(rechunkSearchIndex({ dir: output, cacheDir, targetBytes: 120 })).rejects.toThrow();
    expect(filesOf(output)).toEqual(before);
  });
});

async function rechunked(source: string): Promise<string> {
  const output = await linkedOutput(source);
  await rechunkSearchIndex({ dir: output, cacheDir: await tempFolder(), targetBytes: 120 });
  return output;
}
