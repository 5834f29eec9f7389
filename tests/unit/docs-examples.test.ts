/**
 * Keeps the examples in content/ true: the code blocks of the posts are run through the
 * real tools (kubectl kustomize, bash, base64, make, python3) and the outputs compared
 * with what the posts print.
 *
 * Blocks are found by their fence title (```yaml title="kustomization.yaml"), never by
 * position, so reordering a post cannot make a test check the wrong block. The titles this
 * file relies on are listed next to each describe().
 *
 * Convention for deliberate counter-examples: a block whose title starts with `wrong-`
 * (e.g. title="wrong-kustomization.yaml") shows what NOT to do. It is exempt from the
 * "every YAML/JSON block parses" check (so a post may show broken syntax on purpose), and
 * a test must then prove the post's claim about it by running it.
 *
 * Where a tool is missing the suite is reported as skipped, with the reason in its name,
 * never as passed.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { codeBlockByTitle, extractCodeBlocks, type CodeBlock } from '../../src/lib/markdown-code-blocks.ts';
import { postSchema } from '../../src/lib/post-schema.ts';
import * as ci from './gitlab-ci-keywords.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const contentDir = path.join(repoRoot, 'content');

// ---------------------------------------------------------------------------------------
// Helpers

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return !result.error && result.status === 0;
}

const hasKubectl = commandWorks('kubectl', ['version', '--client']);
const hasShell = commandWorks('bash', ['-c', 'command -v base64 && command -v od && command -v tail && command -v python3']);
const hasMake = commandWorks('make', ['--version']);
const hasTomllib = commandWorks('python3', ['-c', 'import tomllib']);

/** A suite name that says why it was skipped, so a skip is never mistaken for a pass. */
function suiteName(name: string, available: boolean, missing: string): string {
  return available ? name : `${name} — SKIPPED: ${missing}`;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, its real path (kustomize reports resolved paths). */
function tempDir(): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'fieldnotes-docs-')));
  tempDirs.push(dir);
  return dir;
}

/** Writes files (relative path → exact text) below dir. */
function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

function kustomize(dir: string): string {
  const result = run('kubectl', ['kustomize', dir], dir);
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return result.stdout;
}

function bash(script: string, cwd: string): SpawnSyncReturns<string> {
  const result = run('bash', ['-c', `set -euo pipefail\n${script}`], cwd);
  if (result.status !== 0) throw new Error(`bash failed (${result.status}):\n${script}\n${result.stderr}`);
  return result;
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  type?: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: { template?: { spec?: { imagePullSecrets?: Array<{ name: string }> } } };
}

function parseDocuments(text: string): K8sObject[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    return doc.toJSON() as K8sObject;
  });
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

/** Secret data as Kubernetes decodes it: base64 with line breaks ignored. */
function decodeSecretValue(value: string): Buffer {
  return Buffer.from(value.replace(/\s+/g, ''), 'base64');
}

/**
 * The commands of a shell block. With `$ ` prompts, only prompted lines (and their `\`
 * continuations) are commands and everything else is output; without prompts every
 * non-empty line is a command.
 */
function shellCommands(block: CodeBlock): string[] {
  const lines = block.value.split('\n');
  const prompted = lines.some((l) => l.startsWith('$ '));
  const commands: string[] = [];
  let current: string | undefined;
  for (const line of lines) {
    if (current !== undefined) {
      current += `\n${line}`;
      if (!line.endsWith('\\')) {
        commands.push(current);
        current = undefined;
      }
      continue;
    }
    if (prompted && !line.startsWith('$ ')) continue;
    const text = prompted ? line.slice(2) : line;
    if (text.trim() === '') continue;
    if (text.endsWith('\\')) current = text;
    else commands.push(text);
  }
  if (current !== undefined) commands.push(current);
  return commands;
}

/** The output printed after the prompted command `command` in a `$ ` block, up to the next prompt. */
function shownOutput(block: CodeBlock, command: string): string {
  const lines = block.value.split('\n');
  const start = lines.indexOf(`$ ${command}`);
  if (start < 0) throw new Error(`no "$ ${command}" in block at line ${block.line}`);
  const output: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('$ ')) break;
    output.push(line);
  }
  return output.join('\n');
}

/** The one shell block whose text contains `needle`. */
function shellBlockContaining(blocks: readonly CodeBlock[], needle: string): CodeBlock {
  return only(
    blocks.filter((b) => b.lang === 'sh' && b.value.includes(needle)),
    `sh block containing ${JSON.stringify(needle)}`,
  );
}

function readPost(file: string): { text: string; blocks: CodeBlock[] } {
  const text = readFileSync(path.join(contentDir, file), 'utf8');
  return { text, blocks: extractCodeBlocks(text) };
}

function frontMatter(text: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error('no front matter');
  return parseYaml(match[1]!);
}

// ---------------------------------------------------------------------------------------
// Every post

const postFiles = readdirSync(contentDir)
  .filter((f) => f.endsWith('.md'))
  .sort();

describe('every post', () => {
  it('has the first five posts, and not the placeholder stubs', () => {
    expect(postFiles).toEqual(
      expect.arrayContaining([
        'gitlab-ci-pypi-twine.md',
        'kustomize-docker-registry-secret.md',
        'more-screens.md',
        'octomy-anniversary-2020.md',
        'swat-matrix-team.md',
      ]),
    );
    expect(postFiles).not.toContain('hello.md');
    expect(postFiles).not.toContain('bare.md');
  });

  describe.each(postFiles)('%s', (file) => {
    const { text, blocks } = readPost(file);

    it('has front matter that the post schema accepts, with a date and lowercase tags', () => {
      const data = postSchema.parse(frontMatter(text));
      expect(data.title).toBeTruthy();
      expect(data.description).toBeTruthy();
      expect(data.date).toBeInstanceOf(Date);
      for (const tag of data.tags) expect(tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const prose = blocks.reduce((t, b) => t.replace(b.value, ''), text);
      expect(prose).not.toMatch(/^# /m); // the layout prints the title; no h1 in the body
    });

    it('has YAML and JSON blocks that parse (blocks titled wrong-… excepted)', () => {
      for (const block of blocks) {
        if (block.title?.startsWith('wrong-')) continue;
        const where = `${file}:${block.line} ${block.title ?? ''}`;
        if (block.lang === 'json') expect(() => JSON.parse(block.value), where).not.toThrow();
        if (block.lang === 'yaml' || block.lang === 'yml') {
          const errors = parseAllDocuments(block.value).flatMap((d) => d.errors.map((e) => e.message));
          expect(errors, where).toEqual([]);
        }
      }
    });

    it('only embeds examples that exist as titled blocks in the same post', () => {
      for (const match of text.matchAll(/^::[a-z-]+\{[^}]*example="([^"]+)"[^}]*\}$/gm)) {
        expect(() => codeBlockByTitle(blocks, match[1]!)).not.toThrow();
      }
    });

    it('links only to files that exist', () => {
      for (const match of text.matchAll(/\]\((\.\/[^)#\s]+)(?:#[^)]*)?\)/g)) {
        expect(existsSync(path.join(contentDir, match[1]!)), match[1]).toBe(true);
      }
      for (const match of text.matchAll(/\]\(\/([a-z0-9-]+)\/(?:#[^)]*)?\)/g)) {
        expect(existsSync(path.join(contentDir, `${match[1]!}.md`)), match[1]).toBe(true);
      }
    });
  });
});

// ---------------------------------------------------------------------------------------
// kustomize guide
//
// Titles relied on: secret-docker-reg.json, secret-docker-reg.yaml, secret-docker-reg-inline.yaml,
// kustomization.yaml, deployment.yaml, wrong-kustomization.yaml, Output for wrong-kustomization.yaml,
// overlays/prod/kustomization.yaml, kubectl kustomize overlays/prod, kubectl kustomize .,
// kustomization.yaml (fixed name).

const kustomizeGuide = readPost('kustomize-docker-registry-secret.md');
const kb = kustomizeGuide.blocks;
const dockerJson = codeBlockByTitle(kb, 'secret-docker-reg.json').value;
const example = { registry: 'https://registry.gitlab.com', username: 'yourusername', password: 'SOME SECRET PASSWORD STRING' };

describe('kustomize guide: the example data', () => {
  it('has a one-line JSON with no trailing newline, holding the example credentials', () => {
    expect(dockerJson).not.toMatch(/\n/);
    const config = JSON.parse(dockerJson) as { auths: Record<string, { username: string; password: string; auth: string }> };
    expect(Object.keys(config.auths)).toEqual([example.registry]);
    const entry = config.auths[example.registry]!;
    expect(entry.username).toBe(example.username);
    expect(entry.password).toBe(example.password);
  });

  it('has auth = base64(username:password)', () => {
    const config = JSON.parse(dockerJson) as { auths: Record<string, { username: string; password: string; auth: string }> };
    for (const entry of Object.values(config.auths)) {
      expect(entry.auth).toBe(Buffer.from(`${entry.username}:${entry.password}`).toString('base64'));
    }
  });

  it('has an inline manifest whose .dockerconfigjson decodes to exactly the JSON bytes', () => {
    const secret = only(parseDocuments(codeBlockByTitle(kb, 'secret-docker-reg-inline.yaml').value), 'document');
    expect(secret.kind).toBe('Secret');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(secret.metadata).toMatchObject({ name: 'docker-reg', namespace: 'whatever' });
    expect(Object.keys(secret.data ?? {})).toEqual(['.dockerconfigjson']);
    expect(decodeSecretValue(secret.data!['.dockerconfigjson']!).equals(Buffer.from(dockerJson))).toBe(true);
  });

  it('has a generated manifest (starting point A) with the same bytes', () => {
    const secret = only(parseDocuments(codeBlockByTitle(kb, 'secret-docker-reg.yaml').value), 'document');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(Object.keys(secret.data ?? {})).toEqual(['.dockerconfigjson']);
    expect(decodeSecretValue(secret.data!['.dockerconfigjson']!).equals(Buffer.from(dockerJson))).toBe(true);
  });

  it('quotes the base64 endings of the JSON with and without a final newline correctly', () => {
    expect(Buffer.from(dockerJson).toString('base64').endsWith('fX0=')).toBe(true);
    expect(Buffer.from(`${dockerJson}\n`).toString('base64').endsWith('fX0K')).toBe(true);
    expect(kustomizeGuide.text).toContain('`fX0K` instead of `fX0=`');
  });
});

describe.skipIf(!hasShell)(suiteName('kustomize guide: the shell commands, run with bash', hasShell, 'bash, base64, od, tail or python3 is not on PATH'), () => {
  it('computes auth as printed', () => {
    const block = shellBlockContaining(kb, "'yourusername:SOME SECRET PASSWORD STRING' | base64");
    const [command] = shellCommands(block);
    const dir = tempDir();
    expect(bash(command!, dir).stdout.trimEnd()).toBe(shownOutput(block, command!));
    expect(shownOutput(block, command!)).toBe(Buffer.from(`${example.username}:${example.password}`).toString('base64'));
  });

  it('decodes the pasted value to exactly the JSON file', () => {
    const block = shellBlockContaining(kb, "printf '%s' 'eyJ");
    const dir = tempDir();
    for (const command of shellCommands(block)) bash(command, dir);
    expect(readFileSync(path.join(dir, 'secret-docker-reg.json')).equals(Buffer.from(dockerJson))).toBe(true);
  });

  it('shows the real json.tool and last-byte output', () => {
    const block = shellBlockContaining(kb, 'python3 -m json.tool secret-docker-reg.json');
    const dir = tempDir();
    writeFiles(dir, { 'secret-docker-reg.json': dockerJson });
    for (const command of shellCommands(block)) {
      expect(bash(command, dir).stdout.trimEnd(), command).toBe(shownOutput(block, command));
    }
  });

  it('strips a trailing newline with the commands shown, and shows the real od output', () => {
    const block = shellBlockContaining(kb, 'od -An -c\n  \\n');
    const dir = tempDir();
    writeFiles(dir, { 'secret-docker-reg.json': `${dockerJson}\n` });
    const [check, ...fix] = shellCommands(block);
    expect(bash(check!, dir).stdout.trimEnd()).toBe(shownOutput(block, check!));
    for (const command of fix) bash(command, dir);
    expect(readFileSync(path.join(dir, 'secret-docker-reg.json')).equals(Buffer.from(dockerJson))).toBe(true);
  });
});

describe.skipIf(!hasKubectl)(suiteName('kustomize guide: checked with the real kubectl kustomize', hasKubectl, 'kubectl is not on PATH'), () => {
  const kustomization = codeBlockByTitle(kb, 'kustomization.yaml').value;
  const deployment = codeBlockByTitle(kb, 'deployment.yaml').value;

  function buildMain(files: Record<string, string> = {}): { output: string; secret: K8sObject; deploymentOut: K8sObject } {
    const dir = tempDir();
    writeFiles(dir, {
      'kustomization.yaml': kustomization,
      'deployment.yaml': deployment,
      'secret-docker-reg.json': dockerJson,
      ...files,
    });
    const output = kustomize(dir);
    const objects = parseDocuments(output);
    return {
      output,
      secret: only(objects.filter((o) => o.kind === 'Secret'), 'Secret'),
      deploymentOut: only(objects.filter((o) => o.kind === 'Deployment'), 'Deployment'),
    };
  }

  it('generates docker-reg-<hash> of the right type with one key holding exactly the JSON bytes', () => {
    const { secret } = buildMain();
    expect(secret.metadata.name).toMatch(/^docker-reg-[a-z0-9]{10}$/);
    expect(secret.metadata.namespace).toBe('whatever');
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(Object.keys(secret.data ?? {})).toEqual(['.dockerconfigjson']);
    expect(decodeSecretValue(secret.data!['.dockerconfigjson']!).equals(Buffer.from(dockerJson))).toBe(true);
  });

  it('rewrites the Deployment imagePullSecrets to the hashed name', () => {
    const { secret, deploymentOut } = buildMain();
    expect(deploymentOut.spec?.template?.spec?.imagePullSecrets).toEqual([{ name: secret.metadata.name }]);
  });

  it('prints exactly the output shown in the guide, and names the hash the guide names', () => {
    const { output, secret } = buildMain();
    expect(codeBlockByTitle(kb, 'kubectl kustomize .').value).toBe(output.trimEnd());
    const wrongOutput = codeBlockByTitle(kb, 'Output for wrong-kustomization.yaml').value;
    const mentioned = kustomizeGuide.text.replace(wrongOutput, '').match(/docker-reg-[a-z0-9]{10}\b/g) ?? [];
    expect(mentioned.length).toBeGreaterThan(0);
    expect(new Set(mentioned)).toEqual(new Set([secret.metadata.name]));
  });

  it('does not rewrite the reference of a Deployment in another namespace (the guide warns so)', () => {
    const withoutNamespace = deployment.replace(/^ {2}namespace: whatever\n/m, '');
    expect(withoutNamespace).not.toBe(deployment);
    const { deploymentOut } = buildMain({ 'deployment.yaml': withoutNamespace });
    expect(deploymentOut.spec?.template?.spec?.imagePullSecrets).toEqual([{ name: 'docker-reg' }]);
  });

  it('the wrong form really yields a key named after the file', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'kustomization.yaml': codeBlockByTitle(kb, 'wrong-kustomization.yaml').value,
      'secret-docker-reg.json': dockerJson,
    });
    const output = kustomize(dir);
    const secret = only(parseDocuments(output), 'document');
    expect(Object.keys(secret.data ?? {})).toEqual(['secret-docker-reg.json']);
    expect(decodeSecretValue(secret.data!['secret-docker-reg.json']!).equals(Buffer.from(dockerJson))).toBe(true);
    expect(codeBlockByTitle(kb, 'Output for wrong-kustomization.yaml').value).toBe(output.trimEnd());
  });

  it('quotes the real "not in or below" error for a file outside the kustomization root', () => {
    const deploy = path.join(tempDir(), 'deploy');
    writeFiles(deploy, {
      'secret-docker-reg.json': dockerJson,
      'overlays/prod/kustomization.yaml': codeBlockByTitle(kb, 'overlays/prod/kustomization.yaml').value,
    });
    const result = run('kubectl', ['kustomize', 'overlays/prod'], deploy);
    expect(result.status).not.toBe(0);
    const quoted = codeBlockByTitle(kb, 'kubectl kustomize overlays/prod').value;
    expect(quoted).toContain('is not in or below');
    expect(result.stderr).toContain(quoted.replaceAll('/home/you/deploy', deploy));
  });

  it('changes the hash, not the validity, when the JSON gains a trailing newline', () => {
    const plain = buildMain().secret;
    const withNewline = buildMain({ 'secret-docker-reg.json': `${dockerJson}\n` }).secret;
    expect(withNewline.metadata.name).not.toBe(plain.metadata.name);
    const bytes = decodeSecretValue(withNewline.data!['.dockerconfigjson']!);
    expect(bytes.toString()).toBe(`${dockerJson}\n`);
    expect(() => JSON.parse(bytes.toString())).not.toThrow();
  });

  it('generatorOptions gives the fixed name, labels and annotations shown', () => {
    const fixed = codeBlockByTitle(kb, 'kustomization.yaml (fixed name)').value;
    const options = (parseYaml(fixed) as { generatorOptions: { labels: object; annotations: object } }).generatorOptions;
    const { secret, deploymentOut } = buildMain({ 'kustomization.yaml': fixed });
    expect(secret.metadata.name).toBe('docker-reg');
    expect(secret.metadata.labels).toEqual(options.labels);
    expect(secret.metadata.annotations).toEqual(options.annotations);
    expect(deploymentOut.spec?.template?.spec?.imagePullSecrets).toEqual([{ name: 'docker-reg' }]);
  });

  it('both kubectl create commands write the manifest shown for starting point A', () => {
    const expected = `${codeBlockByTitle(kb, 'secret-docker-reg.yaml').value}\n`;
    for (const needle of ['kubectl create secret docker-registry', 'kubectl create secret generic']) {
      const dir = tempDir();
      writeFiles(dir, { 'secret-docker-reg.json': dockerJson });
      const [command] = shellCommands(shellBlockContaining(kb, needle));
      const result = run('bash', ['-c', command!], dir);
      expect(result.status, result.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'secret-docker-reg.yaml'), 'utf8'), needle).toBe(expected);
    }
  });

  it('uses a JSONPath that selects the .dockerconfigjson value', () => {
    const getCommand = shellCommands(shellBlockContaining(kb, 'kubectl get secret docker-reg'))[0]!;
    const jsonpath = /-o jsonpath='([^']+)'/.exec(getCommand)?.[1];
    expect(jsonpath).toBeDefined();
    const dir = tempDir();
    writeFiles(dir, { 'secret-docker-reg.json': dockerJson });
    // Same expression, applied to the Secret that `kubectl create --dry-run=client` prints (no cluster needed).
    const result = run(
      'kubectl',
      [
        'create', 'secret', 'generic', 'docker-reg', '--namespace', 'whatever',
        '--type=kubernetes.io/dockerconfigjson', '--from-file=.dockerconfigjson=secret-docker-reg.json',
        '--dry-run=client', '-o', `jsonpath=${jsonpath!}`,
      ],
      dir,
    );
    expect(result.status, result.stderr).toBe(0);
    expect(Buffer.from(result.stdout, 'base64').equals(Buffer.from(dockerJson))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// PyPI guide
//
// Titles relied on: .gitlab-ci.yml, .gitlab-ci.yml (Trusted Publishing), Makefile, pyproject.toml.

const pypiGuide = readPost('gitlab-ci-pypi-twine.md');
const pb = pypiGuide.blocks;
const makefile = codeBlockByTitle(pb, 'Makefile').value;

type Job = Record<string, unknown>;

/** Checks a parsed .gitlab-ci.yml against the keyword lists from GitLab's reference. */
function checkPipeline(config: Record<string, unknown>): { jobs: Record<string, Job>; problems: string[] } {
  const problems: string[] = [];
  const subset = (what: string, value: unknown, allowed: readonly string[]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push(`${what}: unknown key "${key}"`);
  };

  const jobs: Record<string, Job> = {};
  for (const [key, value] of Object.entries(config)) {
    if ((ci.globalKeywords as readonly string[]).includes(key)) continue;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`top level: "${key}" is neither a global keyword nor a job`);
      continue;
    }
    jobs[key] = value as Job;
  }

  subset('default', config['default'], ci.defaultKeywords);
  const stages = (config['stages'] as string[] | undefined) ?? ['build', 'test', 'deploy'];

  for (const [name, job] of Object.entries(jobs)) {
    subset(`job ${name}`, job, ci.jobKeywords);
    if (!name.startsWith('.') && !ci.jobBodyKeywords.some((k) => k in job) && !('extends' in job)) {
      problems.push(`job ${name}: no script, trigger or run`);
    }
    if (typeof job['stage'] === 'string' && !stages.includes(job['stage'])) {
      problems.push(`job ${name}: stage "${job['stage']}" is not in stages`);
    }
    subset(`job ${name} artifacts`, job['artifacts'], ci.artifactsKeywords);
    if (typeof job['environment'] === 'object') subset(`job ${name} environment`, job['environment'], ci.environmentKeywords);
    for (const rule of (job['rules'] as unknown[] | undefined) ?? []) subset(`job ${name} rules`, rule, ci.rulesKeywords);
    for (const need of (job['needs'] as unknown[] | undefined) ?? []) {
      const needed = typeof need === 'string' ? need : ((need as Record<string, unknown>)['job'] as string);
      subset(`job ${name} needs`, need, ci.needsKeywords);
      if (!(needed in jobs)) problems.push(`job ${name}: needs unknown job "${needed}"`);
    }
    for (const [tokenName, token] of Object.entries((job['id_tokens'] as Record<string, unknown> | undefined) ?? {})) {
      subset(`job ${name} id_tokens.${tokenName}`, token, ci.idTokenKeywords);
      if (!(token as Record<string, unknown>)?.['aud']) problems.push(`job ${name}: id_tokens.${tokenName} has no aud`);
    }
  }
  return { jobs, problems };
}

/** Make targets defined in a Makefile, with their prerequisites. */
function makeTargets(text: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9_.-]+)\s*:(?![=])\s*(.*)$/.exec(line);
    if (match && !match[1]!.startsWith('.')) targets.set(match[1]!, match[2]!.trim());
  }
  return targets;
}

describe('PyPI guide: the pipelines use only real GitLab CI keywords', () => {
  for (const title of ['.gitlab-ci.yml', '.gitlab-ci.yml (Trusted Publishing)']) {
    describe(title, () => {
      const config = parseYaml(codeBlockByTitle(pb, title).value) as Record<string, unknown>;
      const { jobs, problems } = checkPipeline(config);

      it('uses only keywords from GitLab\'s CI/CD YAML reference, at the top level, in default and in every job', () => {
        expect(problems).toEqual([]);
        expect(Object.keys(jobs).sort()).toEqual(['build', 'upload-pypi']);
      });

      it('builds dist/ once, keeps it as an expiring artifact and passes it to the upload job', () => {
        expect(config['stages']).toEqual(['build', 'deploy']);
        const build = jobs['build']!;
        expect(build['script']).toEqual(['make dist']);
        expect(build['artifacts']).toMatchObject({ paths: ['dist/'] });
        expect((build['artifacts'] as Record<string, unknown>)['expire_in']).toBeTruthy();
        const upload = jobs['upload-pypi']!;
        expect(upload['needs']).toEqual([{ job: 'build', artifacts: true }]);
        expect(upload['script']).toEqual(['make upload']);
      });

      it('uploads only in tag pipelines', () => {
        expect(jobs['upload-pypi']!['rules']).toEqual([{ if: '$CI_COMMIT_TAG' }]);
        expect(jobs['build']!['rules']).toBeUndefined();
      });

      it('calls only make targets that the Makefile defines', () => {
        const targets = makeTargets(makefile);
        for (const job of Object.values(jobs)) {
          for (const line of (job['script'] as string[] | undefined) ?? []) {
            for (const target of /^make\s+(.*)$/.exec(line)?.[1]?.split(/\s+/) ?? []) expect(targets.has(target), target).toBe(true);
          }
        }
      });
    });
  }

  it('the token pipeline sets the __token__ user name and keeps the password out of the file', () => {
    const text = codeBlockByTitle(pb, '.gitlab-ci.yml').value;
    const upload = (parseYaml(text) as Record<string, Job>)['upload-pypi']!;
    expect(upload['variables']).toEqual({ TWINE_USERNAME: '__token__' });
    expect(text).not.toContain('TWINE_PASSWORD');
    expect(text).not.toMatch(/pypi-[A-Za-z0-9_-]{8,}/);
  });

  it('the Trusted Publishing pipeline asks for a PYPI_ID_TOKEN with audience pypi and stores no credential', () => {
    const text = codeBlockByTitle(pb, '.gitlab-ci.yml (Trusted Publishing)').value;
    const config = parseYaml(text) as Record<string, Job>;
    const upload = config['upload-pypi']!;
    expect(upload['id_tokens']).toEqual({ PYPI_ID_TOKEN: { aud: 'pypi' } });
    expect(upload['environment']).toBe('pypi');
    expect(text).not.toContain('TWINE_');
    expect(JSON.stringify(config['default'])).toContain('twine>=6.1');
  });
});

describe('PyPI guide: the Makefile', () => {
  it('indents every recipe line with a tab and defines the targets the post describes', () => {
    const lines = makefile.split('\n');
    const indented = lines.filter((l) => /^\s/.test(l) && l.trim() !== '');
    expect(indented.length).toBeGreaterThan(0);
    for (const line of indented) expect(line.startsWith('\t'), JSON.stringify(line)).toBe(true);
    const targets = makeTargets(makefile);
    expect([...targets.keys()]).toEqual(['dist', 'upload', 'clean']);
    expect(targets.get('upload')).toBe(''); // upload never rebuilds
    expect(makefile).toContain('\t$(PYTHON) -m build\n');
    expect(makefile).toContain('\t$(PYTHON) -m twine check dist/*\n');
  });

  it.skipIf(!hasMake)(suiteName('is accepted by the real make (dry run), and rejected with the quoted error when tabs become spaces', hasMake, 'make is not on PATH'), () => {
    const dir = tempDir();
    writeFiles(dir, { Makefile: `${makefile}\n`, 'Spaces.mk': `${makefile.replace(/^\t/gm, '    ')}\n` });
    const ok = run('make', ['-n', 'dist', 'upload'], dir);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('python -m twine upload --non-interactive dist/*');
    const broken = run('make', ['-n', '-f', 'Spaces.mk', 'dist'], dir);
    expect(broken.status).not.toBe(0);
    const quoted = /`(Makefile:\d+: \*\*\* missing separator\. {2}Stop\.)`/.exec(pypiGuide.text)?.[1];
    expect(quoted).toBeDefined();
    expect(broken.stderr).toContain(quoted!.replace('Makefile:', 'Spaces.mk:'));
  });
});

describe.skipIf(!hasTomllib)(suiteName('PyPI guide: pyproject.toml', hasTomllib, 'python3 with tomllib (3.11+) is not on PATH'), () => {
  it('is shown, parses as TOML and names the example package', () => {
    const toml = codeBlockByTitle(pb, 'pyproject.toml').value;
    const result = spawnSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], {
      input: toml,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as {
      'build-system': { requires: string[]; 'build-backend': string };
      project: { name: string; version: string; readme: string };
    };
    expect(data['build-system']['build-backend']).toBe('setuptools.build_meta');
    expect(data.project).toMatchObject({ name: 'web-minify', readme: 'README.md' });
    expect(data.project.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
