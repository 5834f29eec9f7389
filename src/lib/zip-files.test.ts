import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from './zip-files.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('zipFiles', () => {
  const files = {
    'kustomization.yaml': encode('secretGenerator:\n- name: regcred\n'),
    '.dockerconfigjson': encode('{"auths":{}}'),
    'binary.bin': new Uint8Array([0, 255, 1, 254]),
  };

  it('holds every file with its exact bytes', () => {
    const unzipped = unzipSync(zipFiles(files));
    expect(Object.keys(unzipped)).toEqual(Object.keys(files));
    for (const [name, bytes] of Object.entries(files)) expect(unzipped[name]).toEqual(bytes);
  });

  it('makes the same archive for the same files, whenever it runs', () => {
    const first = zipFiles(files);
    expect(zipFiles(files)).toEqual(first);
    // The modification time written is the fixed one, not the clock: bytes 12-13 of the
    // local file header are the DOS date (years since 1980, month, day), in local time as
    // zip tools read it; in UTC, 2020-01-01 is 0x5021.
    const header = new DataView(first.buffer, first.byteOffset);
    expect(header.getUint32(0, true)).toBe(0x04034b50);
    const day = new Date('2020-01-01T00:00:00Z');
    expect(header.getUint16(12, true)).toBe(((day.getFullYear() - 1980) << 9) | ((day.getMonth() + 1) << 5) | day.getDate());
  });

  it('zips nothing into an empty archive', () => {
    expect(Object.keys(unzipSync(zipFiles({})))).toEqual([]);
  });
});
