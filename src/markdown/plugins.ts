import {
  createMarkdownProcessor,
  markdownConfigDefaults,
  unified,
  type MarkdownRenderer,
  type RehypePlugins,
  type RemarkPlugins,
  type ShikiConfig,
} from '@astrojs/markdown-remark';
import { transformerMetaHighlight, transformerNotationDiff, transformerNotationHighlight } from '@shikijs/transformers';
import remarkDirective from 'remark-directive';
import { toolIds } from '../tools/registry.ts';
import { rehypeExternalLinks } from './rehype-external-links.ts';
import { rehypeHeadingAnchors } from './rehype-heading-anchors.ts';
import { rehypeHighlightCode, type HighlightCache, type HighlightCodeOptions } from './rehype-highlight-code.ts';
import { rehypeRawHtml } from './rehype-raw-html.ts';
import { rehypeRemoteEmbeds } from './rehype-remote-embeds.ts';
import { rehypeReportWarnings } from './rehype-report-warnings.ts';
import { rehypeTableAlign } from './rehype-table-align.ts';
import { remarkBaseLinks } from './remark-base-links.ts';
import { remarkCallouts } from './remark-callouts.ts';
import { remarkDerivedMeta } from './remark-derived-meta.ts';
import { remarkMediaImages } from './remark-media-images.ts';
import { remarkMissingImages } from './remark-missing-images.ts';
import { remarkReadingTime } from './remark-reading-time.ts';
import { remarkRestoreDirectives } from './remark-restore-directives.ts';
import { remarkSmartPunctuation } from './remark-smart-punctuation.ts';
import { remarkToolDirectives } from './remark-tool-directives.ts';
import { shikiCodeTitle } from './shiki-code-title.ts';
import type { LinkPluginOptions } from './site-url.ts';
import { shikiCopyButton } from './shiki-copy-button.ts';

export interface PluginOptions {
  /** The site's base path, "/" or "/sub/". */
  base: string;
  /** Absolute path of the content folder; default in remark-base-links.ts (FIELDNOTES_CONTENT or ./content). */
  contentDir?: string;
  /** Where highlighted code blocks are kept between builds (rehype-highlight-code.ts); without it every block is highlighted. */
  highlightCache?: HighlightCache;
}

/**
 * The one ordered list of remark plugins, used by astro.config.mjs and by the tests.
 * Astro runs remark-gfm before these.
 *
 * 1. remark-smart-punctuation first, where Astro would run its own SmartyPants.
 * 2. remark-directive parses :text, ::leaf and :::container directives.
 * 3. Directive owners claim theirs (tools: ::<tool-id>; callouts: every :::container and
 *    GitHub's > [!NOTE] blockquotes).
 * 4. remark-restore-directives turns unclaimed :text directives back into prose and fails
 *    on unknown ::leaf names, so it must come after every owner.
 * 5. remark-derived-meta removes the title h1 before remark-reading-time counts words.
 * 6. remark-media-images turns images of videos and sounds into players, before
 *    remark-base-links (and Astro's image pipeline) would take them for images; then
 *    remark-missing-images turns an image whose file is missing into its alt text.
 * 7. remark-base-links last, so it also sees links that earlier plugins produced.
 */
export function remarkPlugins(options: PluginOptions): RemarkPlugins {
  return [
    remarkSmartPunctuation,
    remarkDirective,
    [remarkToolDirectives, { base: options.base }],
    remarkCallouts,
    [remarkRestoreDirectives, { leafNames: toolIds }],
    remarkDerivedMeta,
    remarkReadingTime,
    [remarkMediaImages, linkOptions(options)],
    remarkMissingImages,
    [remarkBaseLinks, linkOptions(options)],
  ];
}

/**
 * The Markdown processor for astro.config.mjs, and the same one again in each render
 * worker (render-thread.ts): Astro 7 defaults to its native processor; ours are unified
 * plugins. Astro's SmartyPants is off: remark-smart-punctuation does the same, for less.
 */
export function markdownProcessor(options: PluginOptions) {
  const processor = unified({ remarkPlugins: remarkPlugins(options), rehypePlugins: rehypePlugins(options), smartypants: false });
  // Plain data, unlike the plugins: a render thread builds the same processor from them (render-protocol.ts).
  return Object.assign(processor, { options: { ...processor.options, pluginOptions: options } });
}

/**
 * rehype-highlight-code first, where Astro would run its shiki plugin (syntaxHighlight is
 * off in astro.config.mjs: this runs Astro's plugin itself, keeping what it highlighted);
 * Astro runs its own heading-id plugin after these, and
 * rehype-heading-anchors runs that heading-id plugin itself first (see its file).
 * rehype-raw-html comes next, so that the others also see the raw HTML written in Markdown
 * (tables written in HTML get rehype-table-align's classes too);
 * rehype-remote-embeds before rehype-external-links, which gives its new links their rel;
 * rehype-report-warnings last, so that it prints every plugin's warnings.
 */
export function rehypePlugins(options: PluginOptions): RehypePlugins {
  const highlight: HighlightCodeOptions = { shikiConfig: { ...markdownConfigDefaults.shikiConfig, ...shikiConfig }, cache: options.highlightCache };
  return [[rehypeHighlightCode, highlight], [rehypeRawHtml, linkOptions(options)], rehypeTableAlign, rehypeRemoteEmbeds, rehypeHeadingAnchors, rehypeExternalLinks, rehypeReportWarnings];
}

/**
 * Both themes are written as CSS variables (defaultColor: false): spans carry
 * --shiki-light / --shiki-dark and the <pre> --shiki-light-bg / --shiki-dark-bg, and
 * styles/code.css picks one by the site theme, so switching never re-renders or flashes.
 * Languages load on first use from shiki's bundle (yaml, json, shell/bash/console, python,
 * makefile, toml, ini, typescript, diff, dockerfile…); text/plaintext need none; an unknown
 * language warns and renders as plain text instead of failing the build.
 * Transformers, in order: `{1,3-4}` line highlights, `[!code ++]`/`[!code --]` diff and
 * `[!code highlight]` notation, then our title caption and copy button, which read the
 * finished lines (see shiki-copy-button.ts).
 */
export const shikiConfig = {
  // github-dark-default: github-dark's comments (#6a737d on #24292e) fall below 4.5:1 contrast.
  themes: { light: 'github-light', dark: 'github-dark-default' },
  defaultColor: false,
  transformers: [
    transformerMetaHighlight(),
    transformerNotationDiff(),
    transformerNotationHighlight(),
    shikiCodeTitle(),
    shikiCopyButton(),
  ],
} satisfies Partial<ShikiConfig>;

/**
 * The build's renderer outside Astro's loader (the tests, a failed render explained): our
 * plugins (shiki's among them), Astro's defaults for everything else.
 */
export function markdownRenderer(options: PluginOptions): Promise<MarkdownRenderer> {
  return createMarkdownProcessor({
    syntaxHighlight: false,
    smartypants: false,
    remarkPlugins: remarkPlugins(options),
    rehypePlugins: rehypePlugins(options),
  });
}

/** What the link plugins (remark-base-links, rehype-raw-html) take of the plugin options. */
function linkOptions(options: PluginOptions): LinkPluginOptions {
  return options.contentDir === undefined ? { base: options.base } : { base: options.base, contentDir: options.contentDir };
}
