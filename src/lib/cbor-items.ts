/*
 * Just enough CBOR (RFC 8949) to cut a pagefind index into pieces without decoding it: where an
 * item starts and ends, a text string's value, and the heads of arrays and strings we write.
 * A full decoder would turn every word position of the index into a number only for us to
 * encode it again; here the bytes of each item are copied as they are.
 */

export const CBOR_UNSIGNED = 0;
export const CBOR_TEXT = 3;
export const CBOR_ARRAY = 4;

/** Bytes that are not the CBOR we expect; the message says at which byte. */
export class CborFormatError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.offset = offset;
    this.name = 'CborFormatError';
  }
}

export interface CborHead {
  /** Major type, 0–7. */
  major: number;
  /** The argument: a length, a count or the value of an integer (floats: not decoded). */
  value: number;
  /** Offset of the first byte after the head. */
  next: number;
}

export function readHead(bytes: Uint8Array, at: number): CborHead {
  if (at >= bytes.length) throw new CborFormatError('unexpected end of data', at);
  const initial = bytes[at]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, value: info, next: at + 1 };
  if (info > 27) throw new CborFormatError(`unsupported additional information ${info} (indefinite lengths are not used by pagefind)`, at);
  const size = 1 << (info - 24); // 1, 2, 4 or 8 bytes
  if (at + 1 + size > bytes.length) throw new CborFormatError('unexpected end of data', at);
  let value = 0;
  for (let i = 1; i <= size; i++) value = value * 256 + bytes[at + i]!;
  return { major, value, next: at + 1 + size };
}

/** Offset just after `count` consecutive items starting at `at`, nested arrays and maps included. */
export function skipItems(bytes: Uint8Array, at: number, count = 1): number {
  let pending = count;
  let offset = at;
  while (pending > 0) {
    const head = readHead(bytes, offset);
    pending--;
    offset = head.next;
    switch (head.major) {
      case 2: // byte string
      case CBOR_TEXT:
        offset += head.value;
        if (offset > bytes.length) throw new CborFormatError('string runs past the end of data', head.next);
        break;
      case CBOR_ARRAY:
        pending += head.value;
        break;
      case 5: // map: a key and a value per entry
        pending += 2 * head.value;
        break;
      case 6: // tag: one item follows
        pending += 1;
        break;
      // 0, 1 (integers) and 7 (simple values, floats): the head is the whole item.
    }
  }
  return offset;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** The text string at `at`, and the offset after it. */
export function readText(bytes: Uint8Array, at: number): { text: string; next: number } {
  const head = readHead(bytes, at);
  if (head.major !== CBOR_TEXT) throw new CborFormatError(`expected a text string, found major type ${head.major}`, at);
  const end = head.next + head.value;
  if (end > bytes.length) throw new CborFormatError('string runs past the end of data', head.next);
  return { text: utf8Decoder.decode(bytes.subarray(head.next, end)), next: end };
}

/** The head of an array at `at`: its length, and the offset of its first item. */
export function readArrayHead(bytes: Uint8Array, at: number): { length: number; next: number } {
  const head = readHead(bytes, at);
  if (head.major !== CBOR_ARRAY) throw new CborFormatError(`expected an array, found major type ${head.major}`, at);
  return { length: head.value, next: head.next };
}

/** The shortest head for `major` with argument `value` (RFC 8949 §4.2.1, preferred serialization). */
export function writeHead(major: number, value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`CBOR argument out of range: ${value}`);
  const type = major << 5;
  if (value < 24) return Uint8Array.of(type | value);
  const size = value < 0x100 ? 1 : value < 0x10000 ? 2 : value < 0x100000000 ? 4 : 8;
  const head = new Uint8Array(1 + size);
  head[0] = type | (24 + Math.log2(size));
  let rest = value;
  for (let i = size; i >= 1; i--) {
    head[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return head;
}

export function writeText(text: string): Uint8Array {
  const body = utf8Encoder.encode(text);
  return concatBytes([writeHead(CBOR_TEXT, body.length), body]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
