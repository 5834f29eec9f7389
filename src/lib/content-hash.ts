import { createHash } from 'node:crypto';

/** SHA-256 of `data`, base64url: names files by content and tells unchanged content apart. */
export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('base64url');
}
