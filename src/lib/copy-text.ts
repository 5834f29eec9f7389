/**
 * What a code block's Copy button puts on the clipboard, from the lines the block shows
 * (after notation comments were removed, without lines the diff notation marks removed):
 * - plain: the lines, without trailing spaces (a removed notation comment leaves one);
 * - shell: the same, without a leading "$ " prompt on a line;
 * - session (console, shellsession): only the commands, i.e. lines with a "$ " prompt and
 *   the lines that continue them after a trailing "\"; output is left out. A session with
 *   no prompt at all is copied whole;
 * - diff: the lines as they are, trailing spaces included (a context line's space matters).
 * The build marks each block's mode (markdown/shiki-copy-button.ts); the page's script
 * (client/copy-code.ts) reads the lines and calls this.
 */
export type CopyMode = 'plain' | 'shell' | 'session' | 'diff';

export const COPY_MODES: readonly CopyMode[] = ['plain', 'shell', 'session', 'diff'];

const prompt = /^\s*\$ /;

export function copyText(shown: readonly string[], mode: CopyMode): string {
  if (mode === 'diff') return shown.join('\n');
  const lines = shown.map((line) => line.replace(/[ \t]+$/, ''));
  if (mode === 'plain') return lines.join('\n');
  if (mode === 'session' && lines.some((line) => prompt.test(line))) {
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
