#!/usr/bin/env node
// Makes the web app icons in public/icons from public/favicon.svg. Run once after changing
// the favicon (npm run icons); the PNGs are committed so that a build never depends on
// sharp, which Astro installs only as an optional dependency.
import { readFile, mkdir } from 'node:fs/promises';
import sharp from 'sharp';

const svg = await readFile('public/favicon.svg');
await mkdir('public/icons', { recursive: true });
for (const size of [192, 512]) {
  await sharp(svg, { density: 72 * (size / 32) }).resize(size, size).png({ compressionLevel: 9 }).toFile(`public/icons/icon-${size}.png`);
}
// A maskable icon fills the whole square: launchers cut their own shape from its middle 80 %
// (https://www.w3.org/TR/appmanifest/#icon-masks), so the mark sits inside that safe zone.
const mark = await sharp(svg, { density: 72 * (384 / 32) }).resize(384, 384).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: '#1d4ed8' } })
  .composite([{ input: mark, gravity: 'centre' }])
  .png({ compressionLevel: 9 })
  .toFile('public/icons/icon-maskable-512.png');
console.log('wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png');
