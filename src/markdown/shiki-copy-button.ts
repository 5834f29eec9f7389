import type { Element, ElementContent, Root } from 'hast';
import type { ShikiTransformer } from 'shiki';
import { metaAttribute } from './code-meta';
import { codeFigure } from './shiki-code-figure';

/**
 * Adds to each block's figure (shiki-code-figure.ts), after the <pre>:
 *
 *   <button type="button" class="copy-code" data-code="…" aria-label="Copy code">Copy</button>
 *
 * `data-code` holds exactly what Copy puts on the clipboard; a small client script
 * (src/client/copy-code.ts) copies it, with no inline script. What is copied:
 * - the code as shown, after notation comments (`// [!code ++]`) were removed;
 * - without lines marked removed by the diff notation (class `omitLineClass`), so what is
 *   pasted is the code after the change (a ```diff block is copied whole);
 * - without trailing spaces (a removed notation comment leaves one), except in ```diff,
 *   where a context line's space matters;
 * - in shell languages, without the leading "$ " prompt on a line;
 * - in session languages (console, shellsession), only the commands: lines with a "$ "
 *   prompt and the lines that continue them (after a trailing "\"); output lines are left
 *   out. A session with no prompt at all is copied whole.
 * The label is "Copy <title>" for a titled block, so several buttons are told apart.
 */
export interface ShikiCopyButtonOptions {
  /** Visible text of the button. Default: "Copy". */
  label?: string;
  /** Languages whose "$ " prompts are removed. Default: sh, bash, shell, shellscript, zsh, console, shellsession. */
  shellLanguages?: readonly string[];
  /** Languages whose lines without a prompt are output. Default: console, shellsession. */
  sessionLanguages?: readonly string[];
  /** Lines with this class are not copied. Default: "remove" (transformerNotationDiff's removed lines). */
  omitLineClass?: string;
}

const prompt = /^\s*\$ /;

export function shikiCopyButton(options: ShikiCopyButtonOptions = {}): ShikiTransformer {
  const label = options.label ?? 'Copy';
  const shellLanguages = options.shellLanguages ?? ['sh', 'bash', 'shell', 'shellscript', 'zsh', 'console', 'shellsession'];
  const sessionLanguages = options.sessionLanguages ?? ['console', 'shellsession'];
  const omitLineClass = options.omitLineClass ?? 'remove';

  return {
    name: 'fieldnotes:copy-button',
    root(root) {
      // The <code> as it ends up: notation transformers delete lines from it after
      // this.lines was built, so read the tree rather than this.lines.
      const code = findElement(root.children, 'code');
      const lineElements = (code?.children ?? []).filter((node): node is Element => node.type === 'element' && hasClass(node, 'line'));
      const lines = lineElements.filter((line) => !hasClass(line, omitLineClass)).map(textOf);
      const lang = (this.options.lang ?? '').toLowerCase();
      const text = copyText(lines, shellLanguages.includes(lang), sessionLanguages.includes(lang), lang === 'diff');
      const title = metaAttribute(this.options.meta?.__raw, 'title');
      codeFigure(root).children.push({
        type: 'element',
        tagName: 'button',
        properties: {
          type: 'button',
          className: ['copy-code'],
          dataCode: text,
          ariaLabel: title ? `${label} ${title}` : `${label} code`,
        },
        children: [{ type: 'text', value: label }],
      });
    },
  };
}

/** The text to copy from the shown lines; exported for its tests. `keepTrailingSpace` defaults to false. */
export function copyText(shown: readonly string[], shell: boolean, session: boolean, keepTrailingSpace = false): string {
  const lines = keepTrailingSpace ? shown : shown.map((line) => line.replace(/[ \t]+$/, ''));
  if (!shell) return lines.join('\n');
  if (session && lines.some((line) => prompt.test(line))) {
    const commands: string[] = [];
    let continues = false;
    for (const line of lines) {
      if (prompt.test(line)) commands.push(line.replace(prompt, ''));
      else if (continues) commands.push(line);
      else continue;
      continues = /\\$/.test(line);
    }
    return commands.join('\n');
  }
  return lines.map((line) => line.replace(prompt, '')).join('\n');
}

function findElement(nodes: ReadonlyArray<Root['children'][number] | ElementContent>, tagName: string): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    if (node.tagName === tagName) return node;
    const inner = findElement(node.children, tagName);
    if (inner) return inner;
  }
  return undefined;
}

function hasClass(node: Element, className: string): boolean {
  // shiki writes class as a space-separated string; hast-built nodes use a className array.
  const value: unknown = node.properties.className ?? node.properties['class'];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  return list.includes(className);
}

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
