export interface FileType {
  /** Human name, e.g. "PNG image". */
  name: string;
  mediaType: string;
  /** Usual file extension, without the dot. */
  extension: string;
}

interface Signature {
  type: FileType;
  /** Where the magic bytes start. */
  offset: number;
  magic: readonly number[];
  /** A second run of magic bytes that must also match, for containers like RIFF. */
  also?: { offset: number; magic: readonly number[] };
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

// Magic numbers from each format's specification, three bytes or more so that arbitrary
// binary data rarely matches by chance. Callers check for text first, so ASCII magic such
// as "BZh" is only tried on data that is not text.
const SIGNATURES: readonly Signature[] = [
  { type: { name: 'PNG image', mediaType: 'image/png', extension: 'png' }, offset: 0, magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: { name: 'JPEG image', mediaType: 'image/jpeg', extension: 'jpg' }, offset: 0, magic: [0xff, 0xd8, 0xff] },
  { type: { name: 'GIF image', mediaType: 'image/gif', extension: 'gif' }, offset: 0, magic: ascii('GIF87a') },
  { type: { name: 'GIF image', mediaType: 'image/gif', extension: 'gif' }, offset: 0, magic: ascii('GIF89a') },
  {
    type: { name: 'WebP image', mediaType: 'image/webp', extension: 'webp' },
    offset: 0,
    magic: ascii('RIFF'),
    also: { offset: 8, magic: ascii('WEBP') },
  },
  { type: { name: 'PDF document', mediaType: 'application/pdf', extension: 'pdf' }, offset: 0, magic: ascii('%PDF-') },
  { type: { name: 'gzip archive', mediaType: 'application/gzip', extension: 'gz' }, offset: 0, magic: [0x1f, 0x8b, 0x08] },
  { type: { name: 'ZIP archive', mediaType: 'application/zip', extension: 'zip' }, offset: 0, magic: [0x50, 0x4b, 0x03, 0x04] },
  // An empty ZIP archive is only its end-of-central-directory record.
  { type: { name: 'ZIP archive', mediaType: 'application/zip', extension: 'zip' }, offset: 0, magic: [0x50, 0x4b, 0x05, 0x06] },
  { type: { name: 'bzip2 archive', mediaType: 'application/x-bzip2', extension: 'bz2' }, offset: 0, magic: ascii('BZh') },
  { type: { name: 'xz archive', mediaType: 'application/x-xz', extension: 'xz' }, offset: 0, magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { type: { name: 'Zstandard archive', mediaType: 'application/zstd', extension: 'zst' }, offset: 0, magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { type: { name: '7-Zip archive', mediaType: 'application/x-7z-compressed', extension: '7z' }, offset: 0, magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  // POSIX ustar: the magic sits in the first header block, after the name and mode fields.
  { type: { name: 'tar archive', mediaType: 'application/x-tar', extension: 'tar' }, offset: 257, magic: ascii('ustar') },
  { type: { name: 'WebAssembly module', mediaType: 'application/wasm', extension: 'wasm' }, offset: 0, magic: [0x00, 0x61, 0x73, 0x6d] },
  { type: { name: 'SQLite database', mediaType: 'application/vnd.sqlite3', extension: 'sqlite' }, offset: 0, magic: ascii('SQLite format 3\u0000') },
  { type: { name: 'WOFF2 font', mediaType: 'font/woff2', extension: 'woff2' }, offset: 0, magic: ascii('wOF2') },
];

function matchesAt(bytes: Uint8Array, offset: number, magic: readonly number[]): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((byte, i) => bytes[offset + i] === byte);
}

/** The file type named by the leading magic bytes, or undefined when none is known. */
export function detectFileType(bytes: Uint8Array): FileType | undefined {
  for (const signature of SIGNATURES) {
    if (!matchesAt(bytes, signature.offset, signature.magic)) continue;
    if (signature.also && !matchesAt(bytes, signature.also.offset, signature.also.magic)) continue;
    return { ...signature.type };
  }
  return undefined;
}
