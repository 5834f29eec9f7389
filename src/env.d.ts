/** The folder of rendered HTML files, set by integrations/rendered-html-dir.ts. */
declare const __FIELDNOTES_RENDERED_HTML_DIR__: string;

/** The URL of client/search-session.ts as built (integrations/lazy-client-module.ts). */
declare module 'virtual:fieldnotes/search-session' {
  const url: string;
  export default url;
}
