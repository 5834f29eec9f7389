/**
 * The site's Content-Security-Policy, built in one place so that the <meta> tag on every
 * page, the `_headers` file and the tests all agree. Readers paste credentials into the
 * tools; the policy's job is that nothing on a page can send them anywhere, and that no
 * script runs that the build did not put there.
 */

/** A source expression list per directive, in the order they are written. */
export type CspDirectives = ReadonlyArray<readonly [directive: string, sources: readonly string[]]>;

/** A CSP hash source such as `sha256-…` (without quotes). */
export type CspHash = `sha256-${string}` | `sha384-${string}` | `sha512-${string}`;

export interface SitePolicyInput {
  /** Hashes of the inline scripts the layout owns (the pre-paint theme snippet). */
  scriptHashes: readonly CspHash[];
  /** Hashes of inline <style> elements in the head, if any. Default: none. */
  styleHashes?: readonly CspHash[];
}

/** Directives that a <meta> policy must not carry: browsers ignore them there and log an error. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors', 'report-uri', 'report-to', 'sandbox'];

const quote = (hash: CspHash) => `'${hash}'`;

/**
 * The policy of every page of the site:
 * - default-src 'self': anything not named below comes from this site only.
 * - script-src 'self' + hashes: our bundled modules, plus only the inline scripts whose exact
 *   text the build hashed. 'wasm-unsafe-eval' lets pagefind compile its WebAssembly and
 *   nothing more (it does not allow eval of JavaScript).
 * - style-src 'self': stylesheets from this site only; <style> elements only by hash.
 * - style-src-attr 'unsafe-inline': shiki writes each token's colours as a style attribute
 *   (`style="--shiki-light:#…;--shiki-dark:#…"`). Hashing them would need 'unsafe-hashes' and
 *   one hash per distinct attribute in the content, so the policy would change with every
 *   post. Style attributes cannot run script, and the CSS exfiltration tricks they allow
 *   need url() loads, which img-src/font-src/default-src 'self' block.
 * - img-src 'self' data: blob: — data: for small inline images written by CSS or content.
 * - connect-src 'self': fetch (pagefind's index, the service worker) may reach this site
 *   only, so pasted secrets cannot be posted anywhere.
 * - worker-src 'self': the tool worker, pagefind's worker and the service worker.
 * - object-src 'none', base-uri 'self', form-action 'none' (no form on the site submits),
 *   frame-src 'none' (nothing is framed), manifest-src 'self'.
 * - frame-ancestors 'none' (header only): no other site may frame these pages.
 */
export function sitePolicy(input: SitePolicyInput): CspDirectives {
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...input.scriptHashes.map(quote)]],
    ['style-src', ["'self'", ...(input.styleHashes ?? []).map(quote)]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['frame-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
}

/**
 * The policy of a tool saved as one HTML file and opened from disk: its origin is opaque,
 * so 'self' means nothing; only its own inline script and style (by hash) may run, and it
 * may load nothing at all (the download links are blob: navigations, not loads).
 */
export function singleFilePolicy(input: { scriptHashes: readonly CspHash[]; styleHashes: readonly CspHash[] }): CspDirectives {
  return [
    ['default-src', ["'none'"]],
    ['script-src', input.scriptHashes.map(quote)],
    ['style-src', input.styleHashes.map(quote)],
    // Same reasoning as the site: tools may colour output through style attributes.
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ['data:', 'blob:']],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
}

/** The policy as a header value, or as a <meta> content (without the header-only directives). */
export function serializePolicy(directives: CspDirectives, target: 'meta' | 'header'): string {
  return directives
    .filter(([name]) => target === 'header' || !HEADER_ONLY_DIRECTIVES.includes(name))
    .map(([name, sources]) => (sources.length > 0 ? `${name} ${sources.join(' ')}` : `${name} 'none'`))
    .join('; ');
}

export interface HeadersFileInput {
  /** The site's base path, "/" or "/sub/". */
  base: string;
  /** The header form of the policy. */
  policy: string;
}

/**
 * What Permissions-Policy turns off: no page of the site needs any of these. Only features
 * that browsers know are listed: Chromium logs a console error for each unknown name.
 */
export const DISABLED_FEATURES: readonly string[] = [
  'accelerometer', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'magnetometer', 'microphone',
  'midi', 'payment', 'publickey-credentials-get', 'usb', 'serial', 'hid',
];

/**
 * A `_headers` file (Netlify, Cloudflare Pages) with the same policy as the <meta> tags,
 * plus the headers a meta tag cannot set. The service worker must always be revalidated so
 * that a new build is noticed; hashed assets never change, so they may be cached for a year.
 */
export function headersFile(input: HeadersFileInput): string {
  const lines = [
    `${input.base}*`,
    `  Content-Security-Policy: ${input.policy}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    `  Permissions-Policy: ${DISABLED_FEATURES.map((f) => `${f}=()`).join(', ')}`,
    '  X-Frame-Options: DENY',
    '  Cross-Origin-Opener-Policy: same-origin',
    '',
    `${input.base}sw.js`,
    '  Cache-Control: no-cache',
    '',
    `${input.base}_astro/*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    '',
  ];
  return lines.join('\n');
}
