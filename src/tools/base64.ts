import { decodeBase64, decodeBase64Stream, encodeBase64, nativeSetFromBase64 } from '../lib/base64.ts';
import { blobChunks } from '../lib/blob-chunks.ts';
import type { Base64Alphabet } from '../lib/base64.ts';
import { detectFileType } from '../lib/detect-file-type.ts';
import { decodeUtf8Strict, encodeUtf8, hexPreview } from '../lib/text-bytes.ts';
import { optionValue } from './tool.ts';
import type { ToolDefinition, ToolMessage, ToolOption, ToolOutput, ToolResult } from './tool.ts';

const OPTIONS = [
  {
    kind: 'choice',
    id: 'mode',
    label: 'Mode',
    choices: [
      { value: 'decode', label: 'Decode' },
      { value: 'encode', label: 'Encode' },
    ],
    default: 'decode',
    description: 'Decode base64 to bytes, or encode text or a file as base64. Default Decode.',
  },
  {
    kind: 'boolean',
    id: 'strict',
    shownWhen: { option: 'mode', equals: 'decode' },
    label: 'Strict (RFC 4648)',
    default: false,
    description:
      'Decode only. Off (the default) accepts line breaks, missing padding, a data: URL prefix and either alphabet; on rejects anything RFC 4648 §3 does not allow.',
  },
  {
    kind: 'boolean',
    id: 'prettyJson',
    shownWhen: { option: 'mode', equals: 'decode' },
    label: 'Pretty-print JSON',
    default: true,
    description: 'Decode only. Shows decoded JSON indented (on by default); Download always saves the exact decoded bytes.',
  },
  {
    kind: 'choice',
    id: 'alphabet',
    shownWhen: { option: 'mode', equals: 'encode' },
    label: 'Alphabet',
    choices: [
      { value: 'standard', label: 'Standard (+ /)' },
      { value: 'url', label: 'URL-safe (- _)' },
    ],
    default: 'standard',
    description: 'Encode only; decoding recognises either. Default Standard (RFC 4648 §4); URL-safe is §5, used in JWTs and URLs.',
  },
  {
    kind: 'boolean',
    id: 'padding',
    shownWhen: { option: 'mode', equals: 'encode' },
    label: 'Padding (=)',
    default: true,
    description: 'Encode only. Ends the output with = to a multiple of four characters, as RFC 4648 requires. On by default.',
  },
  {
    kind: 'boolean',
    id: 'wrap76',
    shownWhen: { option: 'mode', equals: 'encode' },
    label: 'Wrap at 76 columns',
    default: false,
    description: 'Encode only. Breaks lines every 76 characters like `base64 -w 76` and MIME; off (the default) gives one line, as Kubernetes manifests need.',
  },
] as const satisfies readonly ToolOption[];

const tool = { options: OPTIONS };

// All made with the real command, e.g. `printf '%s' '{"auths":…}' | base64 -w 0`.
const EXAMPLES = {
  'Docker config JSON (.dockerconfigjson)':
    'eyJhdXRocyI6eyJodHRwczovL3JlZ2lzdHJ5LmdpdGxhYi5jb20iOnsidXNlcm5hbWUiOiJ5b3VydXNlcm5hbWUiLCJwYXNzd29yZCI6InlvdXJ0b2tlbiIsImF1dGgiOiJlVzkxY25WelpYSnVZVzFsT25sdmRYSjBiMnRsYmc9PSJ9fX0=',
  'Registry auth field (user:token)': 'eW91cnVzZXJuYW1lOnlvdXJ0b2tlbg==',
  'Plain text with a line break': 'SGVsbG8gZnJvbSBGaWVsZG5vdGVzIQo=',
  // A 1×1 grey PNG, written with Python's zlib and struct.
  'PNG image as a data: URL':
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
} satisfies Record<string, string>;

/**
 * Re-indents JSON text that JSON.parse has accepted, token by token, so numbers, string escapes
 * and duplicate keys stay exactly as written (a parse/stringify round trip would round big
 * numbers and drop duplicates). Matches JSON.stringify(value, null, indent) on its own output.
 */
export function reindentJson(json: string, indent = '  '): string {
  const parts: string[] = [];
  let depth = 0;
  let i = 0;
  const newline = (): void => {
    parts.push('\n', indent.repeat(depth));
  };
  while (i < json.length) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < json.length) {
        const d = json.charCodeAt(end);
        if (d === 0x5c) end += 2;
        else if (d === 0x22) break;
        else end++;
      }
      parts.push(json.slice(i, end + 1));
      i = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      let next = i + 1;
      while (isJsonWhitespace(json.charCodeAt(next))) next++;
      if (json.charCodeAt(next) === c + 2) {
        // `{}` and `[]` stay on one line, as JSON.stringify writes them.
        parts.push(c === 0x7b ? '{}' : '[]');
        i = next + 1;
      } else {
        parts.push(c === 0x7b ? '{' : '[');
        depth++;
        newline();
        i++;
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      newline();
      parts.push(c === 0x7d ? '}' : ']');
      i++;
    } else if (c === 0x2c) {
      parts.push(',');
      newline();
      i++;
    } else if (c === 0x3a) {
      parts.push(': ');
      i++;
    } else if (isJsonWhitespace(c)) {
      i++;
    } else {
      // A number, true, false or null: runs until the next structural character or space.
      let end = i + 1;
      while (end < json.length && !isJsonDelimiter(json.charCodeAt(end))) end++;
      parts.push(json.slice(i, end));
      i = end;
    }
  }
  return parts.join('');
}

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isJsonDelimiter(c: number): boolean {
  return isJsonWhitespace(c) || c === 0x2c || c === 0x3a || c === 0x5d || c === 0x7d;
}

/** An object or array, not a bare scalar: only those are worth a .json name and indenting. */
function isJsonDocument(text: string): boolean {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function describeSize(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}

function decode(text: string, strict: boolean, prettyJson: boolean): ToolResult {
  const decoded = decodeBase64(text, { strict });
  if (!decoded.ok) return { ok: false, errors: [decoded.error], messages: [] };
  return describeDecoded(decoded.bytes, decoded.alphabet, prettyJson);
}

/** The output for decoded bytes: their text when they are UTF-8 text, else facts about them. */
function describeDecoded(bytes: Uint8Array, alphabet: Base64Alphabet, prettyJson: boolean): ToolResult {
  const messages: ToolMessage[] = [];
  if (alphabet === 'url') messages.push({ level: 'info', text: 'The input uses the URL-safe alphabet (- and _, RFC 4648 §5).' });

  const asText = decodeUtf8Strict(bytes);
  if (asText !== undefined) {
    const json = isJsonDocument(asText);
    const shown = json && prettyJson ? reindentJson(asText) : asText;
    if (shown !== asText) messages.push({ level: 'info', text: 'JSON is shown indented; Download saves the exact decoded bytes.' });
    const output: ToolOutput = { label: 'Decoded', fileName: json ? 'decoded.json' : 'decoded.txt', bytes, text: shown };
    return { ok: true, outputs: [output], messages };
  }

  const type = detectFileType(bytes);
  const output: ToolOutput = {
    label: 'Decoded',
    fileName: `decoded.${type?.extension ?? 'bin'}`,
    bytes,
    facts: [
      ['Size', describeSize(bytes.length)],
      ['Detected type', type ? `${type.name} (${type.mediaType})` : 'Unknown binary data'],
      ['First 32 bytes (hex)', hexPreview(bytes, 32)],
    ],
  };
  messages.push({ level: 'info', text: 'The decoded bytes are not UTF-8 text; Download saves them unchanged.' });
  return { ok: true, outputs: [output], messages };
}

function encode(source: Uint8Array, alphabet: Base64Alphabet, padding: boolean, wrap76: boolean): ToolResult {
  const text = encodeBase64(source, { alphabet, padding, wrap: wrap76 ? 76 : 0 });
  const output: ToolOutput = { label: 'Encoded', fileName: 'encoded.txt', bytes: encodeUtf8(text), text };
  return { ok: true, outputs: [output], messages: [] };
}

export const base64Tool = {
  id: 'base64',
  inputLabel: 'Base64 or text',
  hasMainInput: true,
  options: OPTIONS,
  examples: EXAMPLES,
  run(input, options) {
    const mode = optionValue<string>(tool, options, 'mode');
    if (mode === 'encode') {
      // An opened file is encoded byte for byte; typed text as its UTF-8 bytes.
      const source = input.bytes ?? encodeUtf8(input.text ?? '');
      const alphabet: Base64Alphabet = optionValue<string>(tool, options, 'alphabet') === 'url' ? 'url' : 'standard';
      return encode(source, alphabet, optionValue<boolean>(tool, options, 'padding'), optionValue<boolean>(tool, options, 'wrap76'));
    }
    // A binary file opened for decoding has no text; its bytes (lossily as UTF-8) still show where it stops being base64.
    const text = input.text ?? (input.bytes ? new TextDecoder().decode(input.bytes) : '');
    return decode(text, optionValue<boolean>(tool, options, 'strict'), optionValue<boolean>(tool, options, 'prettyJson'));
  },
  async runFile(file, options, onProgress) {
    // Plain lenient decoding streams; everything else (encode, strict, errors to locate) runs whole.
    if (optionValue<string>(tool, options, 'mode') !== 'decode' || optionValue<boolean>(tool, options, 'strict')) return undefined;
    const setFromBase64 = nativeSetFromBase64();
    if (!setFromBase64) return undefined;
    const bytes = await decodeBase64Stream(blobChunks(file), file.size, setFromBase64, (read) => onProgress(read / Math.max(1, file.size)));
    return bytes && describeDecoded(bytes, 'standard', optionValue<boolean>(tool, options, 'prettyJson'));
  },
} satisfies ToolDefinition;
