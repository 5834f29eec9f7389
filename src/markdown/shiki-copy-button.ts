import type { ShikiTransformer } from 'shiki';
import type { CopyMode } from '../lib/copy-text.ts';
import { metaAttribute } from './code-meta.ts';
import { codeFigure } from './shiki-code-figure.ts';

/**
 * Adds to each block's figure (shiki-code-figure.ts), after the <pre>:
 *
 *   <button type="button" class="copy-code" data-copy="shell" aria-label="Copy code">Copy</button>
 *
 * `data-copy` names how the shown lines become the copied text (lib/copy-text.ts; absent
 * for plain code); the page's script (client/copy-code.ts) reads the lines from the <pre>,
 * skipping those the diff notation marks removed (class "remove"), so what is pasted is the
 * code after the change. The text is not written into the page a second time: that copy
 * doubled the code's share of every page and of the content store.
 * The label is "Copy <title>" for a titled block, so several buttons are told apart.
 */
export interface ShikiCopyButtonOptions {
  /** Visible text of the button. Default: "Copy". */
  label?: string;
  /** Languages whose "$ " prompts are removed. Default: sh, bash, shell, shellscript, zsh, console, shellsession. */
  shellLanguages?: readonly string[];
  /** Languages whose lines without a prompt are output. Default: console, shellsession. */
  sessionLanguages?: readonly string[];
}

export function shikiCopyButton(options: ShikiCopyButtonOptions = {}): ShikiTransformer {
  const label = options.label ?? 'Copy';
  const shellLanguages = options.shellLanguages ?? ['sh', 'bash', 'shell', 'shellscript', 'zsh', 'console', 'shellsession'];
  const sessionLanguages = options.sessionLanguages ?? ['console', 'shellsession'];

  return {
    name: 'fieldnotes:copy-button',
    root(root) {
      const lang = (this.options.lang ?? '').toLowerCase();
      const mode: CopyMode =
        lang === 'diff' ? 'diff' : sessionLanguages.includes(lang) ? 'session' : shellLanguages.includes(lang) ? 'shell' : 'plain';
      const title = metaAttribute(this.options.meta?.__raw, 'title');
      codeFigure(root).children.push({
        type: 'element',
        tagName: 'button',
        properties: {
          type: 'button',
          className: ['copy-code'],
          ...(mode === 'plain' ? {} : { dataCopy: mode }),
          ariaLabel: title ? `${label} ${title}` : `${label} code`,
        },
        children: [{ type: 'text', value: label }],
      });
    },
  };
}
