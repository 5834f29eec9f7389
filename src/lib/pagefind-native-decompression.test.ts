import { afterEach, describe, expect, it, vi } from 'vitest';
import { NATIVE_DECOMPRESS_METHOD, PagefindScriptShapeError, withNativeDecompression } from './pagefind-native-decompression';

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

describe('withNativeDecompression', () => {
  it('adds the method once and sends every call on fetched bytes through it', () => {
    const { script, calls } = withNativeDecompression(SCRIPT);
    expect(calls).toBe(2);
    expect(script.split(`async ${NATIVE_DECOMPRESS_METHOD}(`)).toHaveLength(2);
    expect(script).not.toContain('=this.decompress(new Uint8Array(');
    expect(script.split(`=await this.${NATIVE_DECOMPRESS_METHOD}(new Uint8Array(`)).toHaveLength(3);
  });

  it('inflates pagefind files natively and returns what follows the signature', async () => {
    const instance = instanceOf(withNativeDecompression(SCRIPT).script);
    const payload = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
    const file = await gzip(new Uint8Array([...encoder.encode('pagefind_dcd'), ...payload]));
    expect(await instance.loadMeta(file)).toEqual(payload);
    expect(await instance.loadChunk(file, 'index/en_1.pf_index')).toEqual(payload);
    expect(instance.fallbacks).toEqual([]);
  });

  it("leaves to pagefind's own decompress() what it cannot inflate to a pagefind file", async () => {
    const instance = instanceOf(withNativeDecompression(SCRIPT).script);
    const inflatedAlready = encoder.encode('pagefind_dcd\u0001\u0002');
    const gzipWithoutSignature = await gzip(encoder.encode('not a pagefind file'));
    const truncated = (await gzip(encoder.encode('pagefind_dcd' + 'x'.repeat(500)))).slice(0, 20);
    expect(await instance.loadChunk(inflatedAlready, 'inflated')).toBe('fallback');
    expect(await instance.loadChunk(gzipWithoutSignature, 'unsigned')).toBe('fallback');
    expect(await instance.loadChunk(truncated, 'truncated')).toBe('fallback');
    expect(instance.fallbacks).toEqual(['inflated', 'unsigned', 'truncated']);
  });

  it('leaves everything to decompress() in a browser without DecompressionStream', async () => {
    const file = await gzip(encoder.encode('pagefind_dcd\u0001'));
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
