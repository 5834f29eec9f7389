/** Turns SITE_BASE ("", "sub", "/sub", "/sub/") into the form Astro expects: "/" or "/sub/". */
export function normaliseBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** Prefixes a root-relative path with the base; leaves other URLs alone. */
export function withBase(base: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  const prefix = normaliseBase(base);
  if (prefix !== '/' && (path === prefix.slice(0, -1) || path.startsWith(prefix))) return path;
  return prefix + path.slice(1);
}
