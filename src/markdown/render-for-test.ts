import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFrontmatter, type MarkdownRenderer, type MarkdownRenderResult } from '@astrojs/markdown-remark';
import { markdownRenderer } from './plugins.ts';

/**
 * Renders Markdown the way the site build does: Astro's own processor with the production
 * plugin lists and shiki config (markdownRenderer in plugins.ts), Astro's defaults for the rest,
 * and the front matter blanked out as Astro's Markdown loader does, so line numbers in
 * errors are the file's.
 */
export interface TestRenderOptions {
  /** Site base path. Default: "/". */
  base?: string;
  /** The page's path inside the content folder. Default: "page.md". */
  path?: string;
}

/** The content folder the test pages live in: it holds the files their .md links name. */
export const testContentDir = fileURLToPath(new URL('./__fixtures__/content/', import.meta.url));

const renderers = new Map<string, Promise<MarkdownRenderer>>();

function rendererFor(base: string): Promise<MarkdownRenderer> {
  let renderer = renderers.get(base);
  if (!renderer) {
    renderer = markdownRenderer({ base, contentDir: testContentDir });
    renderers.set(base, renderer);
  }
  return renderer;
}

export async function renderForTest(markdown: string, options: TestRenderOptions = {}): Promise<MarkdownRenderResult> {
  const { frontmatter, content } = parseFrontmatter(markdown, { frontmatter: 'empty-with-spaces' });
  const renderer = await rendererFor(options.base ?? '/');
  return renderer.render(content, {
    frontmatter,
    fileURL: pathToFileURL(join(testContentDir, options.path ?? 'page.md')),
  });
}

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/**
 * Renders `__fixtures__/<name>/input.md` and returns the HTML with the checked-in
 * `output.html` (or `options.output`, for one input rendered two ways). With UPDATE_FIXTURES=1 the output file is (re)written from the render
 * first — only to be committed after reading it by hand. Without it, a missing output is an
 * error, so a new fixture cannot pass by writing its own expectation.
 */
export async function renderFixture(
  name: string,
  options: TestRenderOptions & { output?: string } = {},
): Promise<{ html: string; expected: string; frontmatter: Record<string, unknown> }> {
  const folder = join(fixturesDir, name);
  const input = readFileSync(join(folder, 'input.md'), 'utf8');
  const result = await renderForTest(input, options);
  const html = `${result.code}\n`;
  const outputPath = join(folder, options.output ?? 'output.html');
  if (process.env['UPDATE_FIXTURES'] === '1') writeFileSync(outputPath, html);
  if (!existsSync(outputPath)) throw new Error(`${outputPath} is missing; run with UPDATE_FIXTURES=1 and check it by hand.`);
  const frontmatter: Record<string, unknown> = result.metadata.frontmatter;
  return { html, expected: readFileSync(outputPath, 'utf8'), frontmatter };
}
