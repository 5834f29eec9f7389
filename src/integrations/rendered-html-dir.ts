import type { AstroIntegration } from 'astro';
import { renderedHtmlDir } from '../markdown/rendered-html-files.ts';

/**
 * Tells the pages where the content loader keeps rendered HTML (markdown/rendered-html-files.ts):
 * the folder depends on the resolved cacheDir and the command, which only the config knows.
 */
export function renderedHtmlDirForPages(): AstroIntegration {
  return {
    name: 'fieldnotes:rendered-html-dir',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        const dir = renderedHtmlDir(config.cacheDir, command === 'dev' ? 'dev' : 'build');
        updateConfig({ vite: { define: { __FIELDNOTES_RENDERED_HTML_DIR__: JSON.stringify(dir) } } });
      },
    },
  };
}
