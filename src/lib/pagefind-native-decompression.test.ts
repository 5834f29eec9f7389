import { afterEach, describe, expect, it, vi } from 'vitest';
import { NATIVE_DECOMPRESS_METHOD, NATIVE_MIN_BYTES, PagefindScriptShapeError, withNativeDecompression } from './pagefind-native-decompression.ts';

afterEach(() => vi.unstubAllGlobals());

// The parts of pagefind's instance class that the change touches, in pagefind 1.6's spelling.
const SCRIPT = [
  'class Instance{constructor(){this.decoder=new TextDecoder();this.fallbacks=[];}',
  'decompress(data,file="unknown file"){this.fallbacks.push(file);return "fallback";}',
  'async loadMeta(bytes){this.searchMeta=this.decompress(new Uint8Array(bytes),"Pagefind metadata");return this.searchMeta;}',
  'async loadChunk(bytes,url){let chunk=this.decompress(new Uint8Array(bytes),url);return chunk;}}',
].join('');

interface Instance {
  fallbacks: string[];
  loadMeta(bytes: Uint8Array): Promise<Uint8Array | string>;
  loadChunk(bytes: Uint8Array, url: string): Promise<Uint8Array | string>;
}

function instanceOf(script: string): Instance {
  const Instance = new Function(`${script};return Instance;`)() as new () => Instance;
  return new Instance();
}

const encoder = new TextEncoder();

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** Bytes that gzip cannot shrink much (a linear congruential sequence), so their file is large. */
function noise(length: number): Uint8Array {
  let state = 12345;
  return Uint8Array.from({ length }, () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24);
}

/** A pagefind file (gzip around the signature and `payload`). */
function pagefindFile(payload: Uint8Array): Promise<Uint8Array> {
  return gzip(new Uint8Array([...encoder.encode('pagefind_dcd'), ...payload]));
}

describe('withNativeDecompression', () => {
  it('adds the method once and sends every call on fetched bytes through it', () => {
    const { script, calls } = withNativeDecompression(SCRIPT);
    expect(calls).toBe(2);
    expect(script.split(`async ${NATIVE_DECOMPRESS_METHOD}(`)).toHaveLength(2);
    expect(script).not.toContain('=this.decompress(new Uint8Array(');
    expect(script.split(`=await this.${NATIVE_DECOMPRESS_METHOD}(new Uint8Array(`)).toHaveLength(3);
  });

  it('inflates large pagefind files natively and returns what follows the signature', async () => {
    const instance = instanceOf(withNativeDecompression(SCRIPT).script);
    const payload = noise(20_000);
    const file = await pagefindFile(payload);
    expect(file.length).toBeGreaterThanOrEqual(NATIVE_MIN_BYTES);
    expect(await instance.loadMeta(file)).toEqual(payload);
    expect(await instance.loadChunk(file, 'index/en_1.pf_index')).toEqual(payload);
    expect(instance.fallbacks).toEqual([]);
  });

  it("leaves to pagefind's own decompress() what it cannot inflate to a pagefind file", async () => {
    const instance = instanceOf(withNativeDecompression(SCRIPT).script);
    const inflatedAlready = new Uint8Array([...encoder.encode('pagefind_dcd'), ...noise(NATIVE_MIN_BYTES)]);
    const gzipWithoutSignature = await gzip(noise(20_000));
    const truncated = (await pagefindFile(noise(20_000))).slice(0, NATIVE_MIN_BYTES);
    const small = await pagefindFile(noise(NATIVE_MIN_BYTES / 2));
    expect(small.length).toBeLessThan(NATIVE_MIN_BYTES);
    expect(await instance.loadChunk(inflatedAlready, 'inflated')).toBe('fallback');
    expect(await instance.loadChunk(gzipWithoutSignature, 'unsigned')).toBe('fallback');
    expect(await instance.loadChunk(truncated, 'truncated')).toBe('fallback');
    expect(await instance.loadChunk(small, 'small')).toBe('fallback');
    expect(instance.fallbacks).toEqual(['inflated', 'unsigned', 'truncated', 'small']);
  });

  it('leaves everything to decompress() in a browser without DecompressionStream', async () => {
    const file = await pagefindFile(noise(20_000));
    vi.stubGlobal('DecompressionStream', undefined);
    const instance = instanceOf(withNativeDecompression(SCRIPT).script);
    expect(await instance.loadMeta(file)).toBe('fallback');
    expect(instance.fallbacks).toEqual(['Pagefind metadata']);
  });

  it('refuses a script of another shape, saying what it missed', () => {
    const noDefinition = SCRIPT.replace('decompress(data,file="unknown file"){', 'inflate(data){');
    const twoDefinitions = SCRIPT + SCRIPT;
    const noCalls = SCRIPT.replaceAll('this.decompress(', 'this.other(');
    expect(() => withNativeDecompression(noDefinition)).toThrow(/define decompress\(data, file\) once, found 0/);
    expect(() => withNativeDecompression(twoDefinitions)).toThrow(/once, found 2/);
    expect(() => withNativeDecompression(noCalls)).toThrow(/no call of decompress\(\)/);
    expect(() => withNativeDecompression(withNativeDecompression(SCRIPT).script)).toThrow(PagefindScriptShapeError);
  });
});
