import { describe, expect, it } from 'vitest';
import { copyText } from './shiki-copy-button';
import { renderForTest } from './render-for-test';

describe('copyText', () => {
  it.each<[string, string[], boolean, boolean, string]>([
    ['plain code as shown', ['a: 1', '  b: 2'], false, false, 'a: 1\n  b: 2'],
    ['a $ in other languages is kept', ['$ not a prompt'], false, false, '$ not a prompt'],
    ['shell prompts removed, other lines kept', ['$ export A=1', 'echo "$A"'], true, false, 'export A=1\necho "$A"'],
    ['$VAR at line start is not a prompt', ['$HOME/bin/x'], true, false, '$HOME/bin/x'],
    ['session output dropped', ['$ echo hi', 'hi', '$ ls', 'a b'], true, true, 'echo hi\nls'],
    ['session continuation kept', ['$ kubectl apply \\', '    -k .', 'created', '$ true'], true, true, 'kubectl apply \\\n    -k .\ntrue'],
    ['indented prompt', ['  $ make'], true, true, 'make'],
    ['session without prompts copied whole', ['output only', 'more'], true, true, 'output only\nmore'],
    ['empty block', [], true, true, ''],
    ['trailing spaces dropped', ['a = 2; ', 'b\t'], false, false, 'a = 2;\nb'],
  ])('%s', (_name, lines, shell, session, expected) => {
    expect(copyText(lines, shell, session)).toBe(expected);
  });
});

describe('shikiCopyButton', () => {
  async function button(markdown: string): Promise<string> {
    const { code } = await renderForTest(markdown);
    const match = /<button[^>]*>Copy<\/button>/.exec(code);
    if (!match) throw new Error(`no copy button in ${code}`);
    return match[0];
  }

  it('copies console commands without prompts and output', async () => {
    expect(await button('```console\n$ echo hi\nhi\n```\n')).toBe(
      '<button type="button" class="copy-code" data-code="echo hi" aria-label="Copy code">Copy</button>',
    );
  });

  it('copies the code after a diff notation change, without the notation comments', async () => {
    expect(await button('```ts\nconst a = 1; // [!code --]\nconst a = 2; // [!code ++]\n```\n')).toContain('data-code="const a = 2;"');
  });

  it('names the button after the block title', async () => {
    expect(await button('```sh title="install.sh"\n$ make install\n```\n')).toContain('data-code="make install" aria-label="Copy install.sh"');
  });

  it('keeps trailing spaces when asked (diff context lines)', () => {
    expect(copyText([' context ', '+new'], false, false, true)).toBe(' context \n+new');
  });

  it('copies a diff block whole', async () => {
    expect(await button('```diff\n- old\n+ new\n```\n')).toContain('data-code="- old\n+ new"');
  });
});
