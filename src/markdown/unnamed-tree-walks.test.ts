import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { VISIT_PARENTS_MODULE, withoutVisitorNames } from './unnamed-tree-walks.ts';

const require = createRequire(import.meta.url);
const packageEntry = require.resolve('unist-util-visit-parents');
const libraryFile = packageEntry.replace(/index\.js$/, 'lib/index.js');
const published = readFileSync(libraryFile, 'utf8');

describe('withoutVisitorNames', () => {
  it('takes out the one naming statement of the installed version and nothing else', () => {
    // Found by hand, not by the module's pattern: from the call to the end of its argument list.
    const start = published.indexOf("Object.defineProperty(visit, 'name', {");
    expect(start).toBeGreaterThan(0);
    expect(published.indexOf("Object.defineProperty(visit, 'name'", start + 1)).toBe(-1);
    const end = published.indexOf('})', start) + 2;
    expect(published.slice(start, end)).toContain("'node (' + color(");
    expect(withoutVisitorNames(published)).toBe(published.slice(0, start) + published.slice(end));
  });

  it('leaves a source alone unless it holds exactly one naming statement', () => {
    const start = published.indexOf("Object.defineProperty(visit, 'name', {");
    const statement = published.slice(start, published.indexOf('})', start) + 2);
    expect(withoutVisitorNames(published.replace(statement, ''))).toBeUndefined();
    expect(withoutVisitorNames(published.replace(statement, `${statement}\n${statement}`))).toBeUndefined();
    expect(withoutVisitorNames('export const visit = () => {}')).toBeUndefined();
  });

  it('knows the package file by its URL on any platform', () => {
    expect(VISIT_PARENTS_MODULE.test(pathToFileURL(libraryFile).href)).toBe(true);
    expect(VISIT_PARENTS_MODULE.test('file:///C:/site/node_modules/unist-util-visit-parents/lib/index.js')).toBe(true);
    expect(VISIT_PARENTS_MODULE.test('file:///site/node_modules/unist-util-visit/lib/index.js')).toBe(false);
    expect(VISIT_PARENTS_MODULE.test('file:///site/node_modules/unist-util-visit-parents/index.js')).toBe(false);
  });
});

/** A walk that skips, replaces and returns indexes, and the stack seen at its first text node. */
const WALK = `
  const tree = { type: 'root', children: [
    { type: 'heading', children: [{ type: 'text', value: 'a' }] },
    { type: 'paragraph', children: [{ type: 'text', value: 'b' }, { type: 'emphasis', children: [{ type: 'text', value: 'c' }] }] },
    { type: 'code', value: 'd' },
    { type: 'list', children: [{ type: 'listItem', children: [{ type: 'text', value: 'skipped' }] }] },
    { type: 'paragraph', children: [{ type: 'text', value: 'e' }, { type: 'text', value: 'removed' }, { type: 'text', value: 'f' }] },
  ] };
  const seen = [];
  let stack = '';
  visitParents(tree, (node, ancestors) => {
    seen.push(node.type + ':' + ancestors.map((a) => a.type).join('>') + ':' + (node.value ?? ''));
    if (!stack && node.type === 'text') stack = new Error('where').stack;
    if (node.type === 'list') return SKIP;
    if (node.value === 'e') { ancestors.at(-1).children.splice(1, 1); }
    return undefined;
  });
  const reversed = [];
  visitParents(tree, 'text', (node) => { reversed.push(node.value); }, true);
`;

/** Runs WALK on a thread that installs the hook first (or not) and loads the package after. */
function walkOnThread(install: boolean): Promise<{ installed: boolean; seen: string[]; reversed: string[]; stack: string }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      let installed = false;
      if (workerData.install) installed = (await import(workerData.hook)).loadTreeWalksUnnamed();
      const { visitParents, SKIP } = await import(workerData.visitParents);
      ${WALK}
      parentPort.postMessage({ installed, seen, reversed, stack });
    })().catch((error) => parentPort.postMessage({ error: String(error && error.stack) }));`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { install, hook: new URL('./unnamed-tree-walks.ts', import.meta.url).href, visitParents: pathToFileURL(packageEntry).href },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (reply) => {
      void worker.terminate();
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply);
    });
    worker.once('error', reject);
  });
}

describe('loadTreeWalksUnnamed', () => {
  it('loads the package without naming its closures, and it walks exactly as published', async () => {
    const [unnamed, published] = await Promise.all([walkOnThread(true), walkOnThread(false)]);
    expect(unnamed.installed).toBe(true);
    // As published, the walk's frames are named after the nodes ("node (text)").
    expect(published.stack).toMatch(/at node \(.*text.*\)/);
    expect(unnamed.stack).not.toMatch(/at node \(/);
    expect(unnamed.stack).toContain('unist-util-visit-parents/lib/index.js');
    expect(unnamed.seen).toEqual(published.seen);
    expect(unnamed.reversed).toEqual(published.reversed);
    // Worked out by hand: pre-order, the list's children skipped, "removed" spliced out before it is reached.
    expect(published.seen).toEqual([
      'root::',
      'heading:root:',
      'text:root>heading:a',
      'paragraph:root:',
      'text:root>paragraph:b',
      'emphasis:root>paragraph:',
      'text:root>paragraph>emphasis:c',
      'code:root:d',
      'list:root:',
      'paragraph:root:',
      'text:root>paragraph:e',
      'text:root>paragraph:f',
    ]);
    expect(published.reversed).toEqual(['f', 'e', 'skipped', 'c', 'b', 'a']);
  });
});
