// C0 controls other than tab, LF and CR, DEL, and the C1 controls: bytes that decode as UTF-8
// but mean the data is not text a person wants to read (NUL-padded records, terminal escapes…).
const NON_TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

// ignoreBOM keeps a leading U+FEFF in the string, so the text shown matches the bytes exactly.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The bytes as a string when they are valid UTF-8 and read as text; undefined otherwise. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
  return NON_TEXT_CONTROL.test(text) ? undefined : text;
}

/** UTF-8 bytes of a string; lone surrogates become U+FFFD, as TextEncoder specifies. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The first `count` bytes as lowercase hex pairs separated by spaces, with `…` when there are more. */
export function hexPreview(bytes: Uint8Array, count: number): string {
  const shown = bytes.subarray(0, Math.max(0, count));
  const pairs = Array.from(shown, (byte) => byte.toString(16).padStart(2, '0'));
  if (bytes.length > shown.length) pairs.push('…');
  return pairs.join(' ');
}
