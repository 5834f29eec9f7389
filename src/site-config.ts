import { pageSizeFromEnv } from './lib/list-pages.ts';

/**
 * Site-wide settings read once at build time. Environment variables let a user build
 * their own folder of Markdown under their own URL without editing code.
 */
export const SITE_TITLE = process.env['FIELDNOTES_TITLE'] ?? 'Fieldnotes';
export const SITE_DESCRIPTION =
  process.env['FIELDNOTES_DESCRIPTION'] ??
  'Practical guides to shipping software, with tools that run in your browser and never send what you paste.';

/** Posts per list page: the home page shows the newest, /page/2/ and on the rest. */
export const PAGE_SIZE = pageSizeFromEnv();

/** Items in rss.xml: feed readers fetch it again and again, and want what is new. */
export const FEED_ITEMS = 50;
