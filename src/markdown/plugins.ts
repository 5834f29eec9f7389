import type { RehypePlugins, RemarkPlugins, ShikiConfig } from '@astrojs/markdown-remark';

export interface PluginOptions {
  /** The site's base path, "/" or "/sub/". */
  base: string;
}

/** The one ordered list of remark plugins, used by astro.config.mjs and by the tests. */
export function remarkPlugins(_options: PluginOptions): RemarkPlugins {
  return [];
}

export function rehypePlugins(): RehypePlugins {
  return [];
}

export const shikiConfig: Partial<ShikiConfig> = {
  themes: { light: 'github-light', dark: 'github-dark' },
  defaultColor: false,
};
