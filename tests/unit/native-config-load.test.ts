import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Astro first imports astro.config.mjs with Node itself and, when that fails, loads it again
 * through a Vite server, module by module: about half a second more on every build and
 * rebuild. Node loads our TypeScript as long as each relative import names its file and the
 * syntax is erasable (tsconfig's erasableSyntaxOnly keeps the second).
 */
describe('the config loads without Vite', () => {
  it('Node imports astro.config.mjs and every module it names', () => {
    const config = pathToFileURL(path.resolve('astro.config.mjs')).href;
    const script = `const m = await import(${JSON.stringify(config)}); console.log(JSON.stringify(m.default.integrations.map((i) => i.name)));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '[]')).toContain('fieldnotes:pagefind-index');
  });

  it('every relative import under src/ names its file', () => {
    const unnamed: string[] = [];
    for (const name of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
      // Tests hold code in strings; Vitest loads them anyway.
      if (!/\.(ts|mts|astro)$/.test(name) || /\.test\.ts$/.test(name)) continue;
      const code = readFileSync(path.join('src', name), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line));
      for (const match of code.join('\n').matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\1/g)) {
        const specifier = match[2]!;
        if (!/\.[a-z0-9]+(\?[\w=&]+)?$/.test(specifier)) unnamed.push(`src/${name}: ${specifier}`);
      }
    }
    expect(unnamed).toEqual([]);
  });
});

/*
 * Astro loads src/content.config.ts through Vite's module runner. 'astro:content' would bring
 * Astro's whole content runtime with it (over a hundred modules, about half a second of every
 * build's start); 'astro/content/config' exports the same defineCollection without it.
 */
describe('the content config stays off the content runtime', () => {
  it("imports nothing from 'astro:content'", () => {
    const code = readFileSync(path.join('src', 'content.config.ts'), 'utf8');
    const specifiers = [...code.matchAll(/^import\s[^;]*?from\s*(['"])([^'"]+)\1/gm)].map((m) => m[2]);
    expect(specifiers).toContain('astro/content/config');
    expect(specifiers).not.toContain('astro:content');
  });

  it("astro/content/config's defineCollection marks a collection with a loader as Astro's runtime one does", async () => {
    const { defineCollection } = await import('astro/content/config');
    const loader = { name: 'test', load: async () => {} };
    expect(defineCollection({ loader })).toMatchObject({ type: 'content_layer', loader });
    expect(() => defineCollection({ loader, type: 'content' } as never)).toThrow(/legacy/);
  });
});
