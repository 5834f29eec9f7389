import { escapeHtml } from './html-escape.ts';
/**
 * The HTML of a tool saved as one file: the same shell, styles and tool as its page on the
 * site, inlined, under a policy that lets the file load nothing at all. Pure string
 * building; integrations/single-file-tools.ts supplies the bundled code and the policy.
 */
export interface SingleFilePageInput {
  toolId: string;
  title: string;
  summary: string;
  siteTitle: string;
  /** The meta form of the policy (lib/content-security-policy.ts, singleFilePolicy). */
  policy: string;
  css: string;
  js: string;
}

export { escapeHtml };

/**
 * Reports code that would end its <script> or <style> element early (or switch the HTML
 * parser into a comment-like state); such code cannot be inlined as it is.
 */
export function inlineProblem(kind: 'script' | 'style', code: string): string | undefined {
  const closing = new RegExp(`</${kind}`, 'i');
  if (closing.test(code)) return `the ${kind} contains "</${kind}", which would end the element early`;
  if (kind === 'script' && /<!--|<script/i.test(code)) return 'the script contains "<!--" or "<script", which changes how HTML parses it';
  return undefined;
}

export function singleFilePage(input: SingleFilePageInput): string {
  const title = escapeHtml(input.title);
  const site = escapeHtml(input.siteTitle);
  return [
    '<!doctype html>',
    '<html lang="en" data-theme="light">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="content-security-policy" content="${escapeHtml(input.policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${title} · ${site}</title>`,
    `<style>${input.css}</style>`,
    '</head>',
    '<body>',
    '<main id="main">',
    '<div class="page page--tool">',
    `<h1>${title}</h1>`,
    `<p class="lede">${escapeHtml(input.summary)}</p>`,
    `<p class="tool-privacy">A copy of this tool from ${site} that runs from this file alone: it needs no network, and nothing you paste or open is sent, logged or stored.</p>`,
    `<fn-tool data-tool="${escapeHtml(input.toolId)}"><p class="fn-tool__fallback">The ${title} needs JavaScript.</p></fn-tool>`,
    '</div>',
    '</main>',
    `<script>${input.js}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
