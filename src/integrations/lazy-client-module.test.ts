import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyClientModule } from './lazy-client-module.ts';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const call = (hook: unknown, self: unknown, ...args: unknown[]) => (hook as Hook).call(self, ...args);

/** A project with an entry that imports a second file, so the bundle is seen to include it. */
function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'lazy-module-'));
  writeFileSync(path.join(root, 'helper.ts'), 'export const twice = (n: number): number => n * 2;\n');
  writeFileSync(path.join(root, 'entry.ts'), "import { twice } from './helper';\nexport class Session { run(n: number) { return twice(n) + 1; } }\n");
  return root;
}

describe('lazyClientModule', () => {
  const options = { id: 'virtual:test/session', entry: 'entry.ts', name: 'session' };

  it('emits the bundled module under a hash of its bytes and exports its URL under the base', async () => {
    const root = project();
    const plugin = lazyClientModule(options);
    call(plugin.configResolved, plugin, { root, base: '/sub/', command: 'build' });
    const resolved = call(plugin.resolveId, plugin, options.id) as string;
    expect(call(plugin.resolveId, plugin, 'virtual:other')).toBeUndefined();

    const emitted: Array<{ type: string; fileName: string; source: string }> = [];
    const watched: string[] = [];
    const context = { emitFile: (file: (typeof emitted)[number]) => emitted.push(file), addWatchFile: (file: string) => watched.push(file) };
    const code = (await call(plugin.load, context, resolved)) as string;

    expect(emitted).toHaveLength(1);
    const [file] = emitted;
    const hash = createHash('sha256').update(file!.source).digest('base64url').slice(0, 8);
    expect(file!.fileName).toBe(`_astro/session.${hash}.js`);
    expect(code).toBe(`export default ${JSON.stringify(`/sub/_astro/session.${hash}.js`)};`);
    expect(watched.sort()).toEqual([path.join(root, 'entry.ts'), path.join(root, 'helper.ts')]);

    // The emitted file is one ES module that runs by itself: its import of helper.ts is bundled in.
    const url = `data:text/javascript;base64,${Buffer.from(file!.source).toString('base64')}`;
    const loaded = (await import(/* @vite-ignore */ url)) as { Session: new () => { run(n: number): number } };
    expect(new loaded.Session().run(20)).toBe(41);
  });

  it("gives the source's URL in development, for Vite's dev server to transform", async () => {
    const plugin = lazyClientModule(options);
    call(plugin.configResolved, plugin, { root: project(), base: '/', command: 'serve' });
    const context = { emitFile: () => expect.unreachable('nothing is emitted in development'), addWatchFile: () => undefined };
    expect(await call(plugin.load, context, `\0${options.id}`)).toBe('export default "/entry.ts";');
  });

  it('leaves every other module alone', async () => {
    const plugin = lazyClientModule(options);
    call(plugin.configResolved, plugin, { root: project(), base: '/', command: 'build' });
    expect(await call(plugin.load, {}, '/src/other.ts')).toBeUndefined();
  });
});
