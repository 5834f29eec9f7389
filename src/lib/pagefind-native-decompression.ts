/*
 * pagefind's script ungzips every file it fetches (its WebAssembly, metadata, index chunks,
 * fragments) with an inflater written in JavaScript. On a page's first search that code has
 * not been compiled yet, and it takes 20–30 ms of the cold query's time; the browser's own
 * DecompressionStream does the same work natively. This rewrites pagefind's script so that
 * each of the larger files goes through DecompressionStream first, and through pagefind's own
 * decompress() when it is small (NATIVE_MIN_BYTES), when the browser has none, when the bytes
 * are not gzip (a server that inflated them already), or when native decompression fails
 * (pagefind then reports the error as ever).
 */

import { PAGEFIND_SIGNATURE } from './search-index-chunks.ts';

/** The method added to pagefind's instance class, beside its own decompress(). */
export const NATIVE_DECOMPRESS_METHOD = 'decompressNatively';

/**
 * Smaller files stay with pagefind's inflater: a stream costs 2–5 ms of task hops whatever the
 * size, and inflating a 3 KB fragment in JavaScript takes 0.2 ms once that code is compiled.
 * The files at or over it (the WebAssembly, the metadata, most index chunks) are the ones
 * whose inflation in not-yet-compiled JavaScript cost a first query its 20–30 ms.
 */
export const NATIVE_MIN_BYTES = 8192;

const SIGNATURE_BYTES = PAGEFIND_SIGNATURE.length;

// pagefind's decompress() checks the same signature after inflating.
const NATIVE_DECOMPRESS_SOURCE =
  `async ${NATIVE_DECOMPRESS_METHOD}(data,file){` +
  `if(data.length>=${NATIVE_MIN_BYTES}&&typeof DecompressionStream==="function"&&data[0]===31&&data[1]===139){` +
  `try{const inflated=new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());` +
  `if(this.decoder.decode(inflated.subarray(0,${SIGNATURE_BYTES}))===${JSON.stringify(PAGEFIND_SIGNATURE)})return inflated.slice(${SIGNATURE_BYTES});}catch{}}` +
  `return this.decompress(data,file);}`;

/** Where pagefind's own method starts: the new one goes in just before it. */
const DECOMPRESS_DEFINITION = 'decompress(data,file="unknown file"){';
/** pagefind's calls, each on the bytes of a fetched file inside an async method. */
const DECOMPRESS_CALL = '=this.decompress(new Uint8Array(';

export class PagefindScriptShapeError extends Error {
  override name = 'PagefindScriptShapeError';
}

/**
 * pagefind's script (pagefind.js as pagefind writes it) with every file it fetches decompressed
 * natively where the browser can. Returns how many calls now go the native way. Throws a
 * PagefindScriptShapeError when the script does not have the shape this was written against
 * (another pagefind version): the caller then keeps pagefind's script as it is.
 */
export function withNativeDecompression(script: string): { script: string; calls: number } {
  if (script.includes(`${NATIVE_DECOMPRESS_METHOD}(`)) throw new PagefindScriptShapeError(`pagefind's script already has ${NATIVE_DECOMPRESS_METHOD}()`);
  const definitions = script.split(DECOMPRESS_DEFINITION).length - 1;
  if (definitions !== 1) throw new PagefindScriptShapeError(`expected pagefind's script to define decompress(data, file) once, found ${definitions}`);
  const calls = script.split(DECOMPRESS_CALL).length - 1;
  if (calls === 0) throw new PagefindScriptShapeError('found no call of decompress() on fetched bytes in pagefind\'s script');
  const patched = script
    .replace(DECOMPRESS_DEFINITION, NATIVE_DECOMPRESS_SOURCE + DECOMPRESS_DEFINITION)
    .replaceAll(DECOMPRESS_CALL, `=await this.${NATIVE_DECOMPRESS_METHOD}(new Uint8Array(`);
  return { script: patched, calls };
}
