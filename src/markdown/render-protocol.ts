// Messages between the content loader (render-in-workers.ts) and its render threads
// (render-worker.ts). Everything here must survive structured cloning.

/** What Astro passes to a Markdown processor's createRenderer, minus shiki's transformers. */
export interface SharedRenderConfig {
  image: unknown;
  syntaxHighlight: unknown;
  shikiConfig: Record<string, unknown>;
  gfm: unknown;
  smartypants: unknown;
}

export interface RenderWorkerData {
  /** The site's base path as Astro resolved it. */
  base: string;
  shared: SharedRenderConfig;
}

export interface RenderRequest {
  seq: number;
  body: string;
  frontmatter: Record<string, unknown>;
  filePath: string | undefined;
}

export type RenderReply =
  | { seq: number; html: string; metadata: Record<string, unknown> & { imagePaths: string[] } }
  | { seq: number; error: string };
