/** The folder of rendered HTML files, set by integrations/rendered-html-dir.ts. */
declare const __FIELDNOTES_RENDERED_HTML_DIR__: string;
