import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Stream, encodeBase64, type NativeSetFromBase64 } from './base64.ts';

/*
 * Node 22 has no Uint8Array.prototype.setFromBase64, so these tests pass a stand-in written
 * from the TC39 text (whole 4-character groups, ASCII whitespace skipped, a SyntaxError on
 * any other character, "stop-before-partial" leaving a partial group unread). The browser
 * tests decode a 50 MB file through Chromium's own.
 */
const standIn: NativeSetFromBase64 = (target, text, { lastChunkHandling }) => {
  const out: number[] = [];
  let group = '';
  let read = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if ('\t\n\f\r '.includes(char)) continue;
    if (!/[A-Za-z0-9+/=]/.test(char)) throw new SyntaxError(`not base64 at ${i}`);
    group += char;
    if (group.length === 4) {
      out.push(...Buffer.from(group, 'base64'));
      group = '';
      read = i + 1;
    }
  }
  if (lastChunkHandling === 'loose') {
    if (group.length === 1) throw new SyntaxError('one character left over');
    if (group !== '') out.push(...Buffer.from(group, 'base64'));
    read = text.length;
  }
  target.set(out);
  return { read, written: out.length };
};

async function* piecesOf(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(start, Math.max(start, cut));
    start = Math.max(start, cut);
  }
  yield bytes.subarray(start);
}

const ascii = (text: string) => new TextEncoder().encode(text);

async function decodeInPieces(text: string, cuts: number[] = []) {
  const bytes = ascii(text);
  const progress: number[] = [];
  const out = await decodeBase64Stream(piecesOf(bytes, cuts), bytes.length, standIn, (n) => progress.push(n));
  return { out, progress };
}

describe('decodeBase64Stream', () => {
  it('decodes RFC 4648 §10 vectors split at every position', async () => {
    for (const [text, plain] of [['Zm9vYmFy', 'foobar'], ['Zm9vYmE=', 'fooba'], ['Zm9vYg==', 'foob'], ['Zg==', 'f'], ['', '']] as const) {
      for (let cut = 0; cut <= text.length; cut++) {
        const { out } = await decodeInPieces(text, [cut]);
        expect(out && new TextDecoder().decode(out), `${text} cut at ${cut}`).toBe(plain);
      }
    }
  });

  it('any bytes, wrapped or not, split anywhere, come back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(0, 4, 64, 76),
        fc.boolean(),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 6 }),
        async (bytes, wrap, crlf, cuts) => {
          let text = encodeBase64(bytes, { wrap });
          if (crlf) text = text.replace(/\n/g, '\r\n');
          const { out } = await decodeInPieces(`  ${text}\n`, cuts);
          expect(out).toEqual(bytes);
        },
      ),
    );
  });

  it('reports the input bytes consumed, piece by piece, up to the whole', async () => {
    const text = encodeBase64(new Uint8Array(300).fill(7), { wrap: 76 });
    const { progress } = await decodeInPieces(text, [100, 250]);
    expect(progress).toEqual([100, 250, text.length]);
  });

  it('leaves to the whole-text decoder what needs it: errors, data: URLs, the URL-safe alphabet', async () => {
    expect((await decodeInPieces('Zm9v\nYm%y')).out).toBeUndefined();
    expect((await decodeInPieces(' data:text/plain;base64,Zm9v', [3])).out).toBeUndefined();
    expect((await decodeInPieces('-_-_')).out).toBeUndefined();
    expect((await decodeInPieces('Zm9vY')).out).toBeUndefined(); // one character left over
  });
});
