import { describe, expect, it } from 'vitest';
import { buildWebManifest } from './web-manifest.ts';

describe('buildWebManifest', () => {
  it('scopes the app and its icons to the domain root', () => {
    const manifest = buildWebManifest({ base: '/', name: 'Fieldnotes', description: 'Guides.' });
    expect(manifest).toMatchObject({ id: '/', start_url: '/', scope: '/', short_name: 'Fieldnotes', display: 'standalone' });
    expect(manifest.icons.map((i) => i.src)).toEqual(['/icons/icon-192.png', '/icons/icon-512.png', '/icons/icon-maskable-512.png', '/favicon.svg']);
  });

  it.each(['/sub/', 'sub', '/sub', 'sub/'])('keeps a base path (%s) in start_url, scope and icons', (base) => {
    const manifest = buildWebManifest({ base, name: 'Fieldnotes', description: '' });
    expect([manifest.id, manifest.start_url, manifest.scope]).toEqual(['/sub/', '/sub/', '/sub/']);
    expect(manifest.icons.every((i) => i.src.startsWith('/sub/'))).toBe(true);
  });

  it('offers 192 and 512 pixel PNGs and a maskable icon, as installers require', () => {
    const { icons } = buildWebManifest({ base: '/', name: 'Fieldnotes', description: '' });
    const png = icons.filter((i) => i.type === 'image/png');
    expect(png.map((i) => [i.sizes, i.purpose])).toEqual([
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ]);
  });

  it('shortens a long name for the launcher unless a short name is given', () => {
    expect(buildWebManifest({ base: '/', name: 'Platform team field notes', description: '' }).short_name).toBe('Platform tea');
    expect(buildWebManifest({ base: '/', name: 'Platform team field notes', description: '', shortName: 'Notes' }).short_name).toBe('Notes');
  });
});
