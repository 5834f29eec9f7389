import { buildWebManifest } from '../lib/web-manifest.ts';
import { SITE_DESCRIPTION, SITE_TITLE } from '../site-config.ts';

export function GET(): Response {
  const manifest = buildWebManifest({ base: import.meta.env.BASE_URL, name: SITE_TITLE, description: SITE_DESCRIPTION });
  return new Response(JSON.stringify(manifest, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
}
