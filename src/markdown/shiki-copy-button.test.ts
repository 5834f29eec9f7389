import { describe, expect, it } from 'vitest';
import { renderForTest } from './render-for-test.ts';

describe('shikiCopyButton', () => {
  async function button(markdown: string): Promise<string> {
    const { code } = await renderForTest(markdown);
    const match = /<button[^>]*>Copy<\/button>/.exec(code);
    if (!match) throw new Error(`no copy button in ${code}`);
    return match[0];
  }

  it('marks a console block as a session, whose output is not copied', async () => {
    expect(await button('```console\n$ echo hi\nhi\n```\n')).toBe(
      '<button type="button" class="copy-code" data-copy="session" aria-label="Copy code">Copy</button>',
    );
  });

  it('marks shell languages, and leaves other code unmarked (plain)', async () => {
    expect(await button('```bash\n$ make\n```\n')).toContain('data-copy="shell"');
    expect(await button('```yaml\na: 1\n```\n')).toBe('<button type="button" class="copy-code" aria-label="Copy code">Copy</button>');
  });

  it('marks a diff block, which is copied whole', async () => {
    expect(await button('```diff\n- old\n+ new\n```\n')).toContain('data-copy="diff"');
  });

  it('names the button after the block title', async () => {
    expect(await button('```sh title="install.sh"\n$ make install\n```\n')).toContain('data-copy="shell" aria-label="Copy install.sh"');
  });

  it('leaves the removed lines of a diff notation marked, for the script to skip', async () => {
    const { code } = await renderForTest('```ts\nconst a = 1; // [!code --]\nconst a = 2; // [!code ++]\n```\n');
    const lines = [...code.matchAll(/<span class="line([^"]*)">(.*?)<\/span>(?=\n|<\/code>)/g)].map(([, classes, inner]) => ({
      classes: classes!.trim(),
      text: inner!.replace(/<[^>]+>/g, ''),
    }));
    expect(lines).toEqual([
      { classes: 'diff remove', text: 'const a = 1; ' },
      { classes: 'diff add', text: 'const a = 2; ' },
    ]);
  });
});
