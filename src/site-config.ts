/**
 * Site-wide settings read once at build time. Environment variables let a user build
 * their own folder of Markdown under their own URL without editing code.
 */
export const SITE_TITLE = process.env['FIELDNOTES_TITLE'] ?? 'Fieldnotes';
export const SITE_DESCRIPTION =
  process.env['FIELDNOTES_DESCRIPTION'] ??
  'Practical guides to shipping software, with tools that run in your browser and never send what you paste.';
