import { normaliseBase } from './base-path.ts';

/**
 * The web app manifest (https://www.w3.org/TR/appmanifest/). It is built per build, not
 * kept in public/, because start_url, scope and the icon paths depend on the base path:
 * a copy of the site under /sub/ must install as its own app, scoped to /sub/.
 */
export interface WebManifestInput {
  /** The site's base path: "/" or "/sub/" (other spellings are normalised). */
  base: string;
  name: string;
  description: string;
  /** Default: the name, cut to 12 characters (what launchers show under the icon). */
  shortName?: string;
  /** Default: '#1d4ed8', the favicon's blue. */
  themeColor?: string;
  /** Default: '#ffffff', the light theme's background. */
  backgroundColor?: string;
}

export interface WebManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: 'any' | 'maskable';
}

export interface WebManifest {
  id: string;
  name: string;
  short_name: string;
  description: string;
  start_url: string;
  scope: string;
  display: 'standalone';
  theme_color: string;
  background_color: string;
  icons: WebManifestIcon[];
}

/** Icon files, relative to the base path (made by scripts/make-icons.mjs from public/favicon.svg). */
export const MANIFEST_ICONS: ReadonlyArray<Omit<WebManifestIcon, 'src'> & { path: string }> = [
  { path: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
  { path: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
  { path: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  { path: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
];

export function buildWebManifest(input: WebManifestInput): WebManifest {
  const base = normaliseBase(input.base);
  const shortName = input.shortName ?? (input.name.length <= 12 ? input.name : input.name.slice(0, 12).trimEnd());
  return {
    id: base,
    name: input.name,
    short_name: shortName,
    description: input.description,
    start_url: base,
    scope: base,
    display: 'standalone',
    theme_color: input.themeColor ?? '#1d4ed8',
    background_color: input.backgroundColor ?? '#ffffff',
    icons: MANIFEST_ICONS.map(({ path, ...icon }) => ({ src: `${base}${path}`, ...icon })),
  };
}
