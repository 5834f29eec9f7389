import { describe, expect, it } from 'vitest';
import { copyText, type CopyMode } from './copy-text.ts';

describe('copyText', () => {
  it.each<[string, string[], CopyMode, string]>([
    ['plain code as shown', ['a: 1', '  b: 2'], 'plain', 'a: 1\n  b: 2'],
    ['a $ in other languages is kept', ['$ not a prompt'], 'plain', '$ not a prompt'],
    ['shell prompts removed, other lines kept', ['$ export A=1', 'echo "$A"'], 'shell', 'export A=1\necho "$A"'],
    ['$VAR at line start is not a prompt', ['$HOME/bin/x'], 'shell', '$HOME/bin/x'],
    ['session output dropped', ['$ echo hi', 'hi', '$ ls', 'a b'], 'session', 'echo hi\nls'],
    ['session continuation kept', ['$ kubectl apply \\', '    -k .', 'created', '$ true'], 'session', 'kubectl apply \\\n    -k .\ntrue'],
    ['indented prompt', ['  $ make'], 'session', 'make'],
    ['session without prompts copied whole', ['output only', 'more'], 'session', 'output only\nmore'],
    ['empty block', [], 'session', ''],
    ['trailing spaces dropped', ['a = 2; ', 'b\t'], 'plain', 'a = 2;\nb'],
    ['diff copied whole, trailing spaces kept', [' context ', '- old', '+new'], 'diff', ' context \n- old\n+new'],
    ['a diff line starting "$ " is kept', ['$ x'], 'diff', '$ x'],
  ])('%s', (_name, lines, mode, expected) => {
    expect(copyText(lines, mode)).toBe(expected);
  });
});
