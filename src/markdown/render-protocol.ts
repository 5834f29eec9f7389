// Messages between the content loader (render-in-workers.ts) and its render threads
// (render-worker.ts). Everything here must survive structured cloning.
import type { PluginOptions } from './plugins.ts';

/** What Astro passes to a Markdown processor's createRenderer, minus shiki's transformers. */
export interface SharedRenderConfig {
  image: unknown;
  syntaxHighlight: unknown;
  shikiConfig: Record<string, unknown>;
  gfm: unknown;
  smartypants: unknown;
}

export interface RenderWorkerData {
  /** What the thread builds its processor from (markdownProcessor's options). */
  plugins: PluginOptions;
  shared: SharedRenderConfig;
}

/** The options a processor made by markdownProcessor (plugins.ts) was made with, if it was. */
export function pluginOptionsOf(processor: unknown): PluginOptions | undefined {
  const options = (processor as { options?: { pluginOptions?: PluginOptions } } | undefined)?.options?.pluginOptions;
  return typeof options?.base === 'string' ? options : undefined;
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
