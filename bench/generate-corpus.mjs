#!/usr/bin/env node
// Writes a deterministic corpus of N Markdown pages that look like real docs: nested folders,
// pages with and without front matter, h2/h3 sections, lists, tables, links between pages
// (relative `.md` links and root-relative `/id/` links), callouts and fenced code with titles
// and line marks. The same --pages and --seed always give byte-identical files.
//
//   node bench/generate-corpus.mjs --pages 1000 [--out bench/work/corpus-1000] [--seed 1]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A small seeded PRNG (xorshift32 over a scrambled seed); only this file's randomness source. */
export function createRandom(seed) {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const sample = (list, count) => {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, chance, sample };
}

// Prose vocabulary: the words a search can hit. Kept lowercase and free of punctuation so the
// bench can pick search terms from it directly.
export const VOCABULARY = `
  deployment service ingress namespace secret configmap volume container image registry cluster
  node pod replica rollout rollback manifest kustomize overlay patch generator helm chart release
  pipeline runner artifact cache build test lint coverage branch merge review commit tag version
  certificate token credential rotation vault policy role binding account permission audit
  network proxy gateway route endpoint latency throughput timeout retry backoff circuit breaker
  database migration schema index query replica backup restore snapshot retention storage bucket
  logging metrics tracing dashboard alert threshold incident runbook oncall escalation postmortem
  terraform module provider state workspace variable output backend plan apply drift
  python typescript shell script function handler callback promise stream buffer encoding decoder
  request response header payload webhook queue consumer producer topic partition offset
  feature flag experiment rollout canary blue green traffic mirror shadow weight
  scheduler cron job batch worker concurrency throttle quota limit budget capacity autoscaler
  container runtime kernel memory cpu disk filesystem mount socket port firewall
  install configure upgrade verify troubleshoot monitor deploy migrate secure document
`
  .split(/\s+/)
  .filter(Boolean);

const FILLER = `the a of to and in for with on that this is are be can when your you it from by as
  each every new first then only also before after which should must will into over without`
  .split(/\s+/)
  .filter(Boolean);

// Top-level sections and their subfolders; none is a reserved id (tags, tools, pagefind, …).
const SECTIONS = {
  guides: ['getting-started', 'deployment', 'configuration', 'migration'],
  reference: ['cli', 'api', 'config-files', 'errors'],
  operations: ['kubernetes', 'observability', 'backups', 'incidents'],
  security: ['secrets', 'certificates', 'access'],
  'ci-cd': ['pipelines', 'runners', 'releases'],
  networking: ['ingress', 'dns', 'service-mesh'],
  'data-stores': ['postgres', 'redis', 'object-storage'],
  tutorials: [],
};

const TAGS = ['kubernetes', 'docker', 'ci', 'security', 'networking', 'postgres', 'terraform', 'helm', 'kustomize',
  'observability', 'python', 'typescript', 'shell', 'backups', 'incidents', 'performance', 'migration', 'api', 'cli',
  'gitlab', 'github-actions', 'dns', 'tls', 'secrets', 'redis', 's3', 'logging', 'alerting', 'release', 'how-to'];

const CALLOUT_KINDS = ['note', 'tip', 'caution', 'danger'];

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One path segment as src/lib/entry-id.ts slugs it: NFKC, lowercase, runs of anything but
 * letters and digits become "-", no "-" at either end. */
function slugSegment(segment) {
  return segment.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** The page's URL id, by the rule of src/lib/entry-id.ts `entryIdFromPath` (replicated, since
 * that file is TypeScript and this bench runs without a compile step): the path without its
 * extension, each segment slugged, and a trailing index or README standing for its folder. */
export function idFromPath(relativePath) {
  const segments = relativePath.replace(/\\/g, '/').replace(/\.(md|markdown)$/i, '').split('/').map(slugSegment).filter((s) => s !== '');
  const last = segments.at(-1);
  if (segments.length > 1 && (last === 'readme' || last === 'index')) segments.pop();
  return segments.join('/') || 'index';
}

function planPages(random, count) {
  // Folders first: each section and subfolder gets an index page (README.md for some, as in
  // repositories), then the rest of the pages are spread over the folders.
  const folders = [];
  for (const [section, subs] of Object.entries(SECTIONS)) {
    folders.push(section);
    for (const sub of subs) {
      folders.push(`${section}/${sub}`);
      // A third level for a few, as larger doc sets have.
      if (random.chance(0.35)) folders.push(`${section}/${sub}/advanced`);
    }
  }
  const pages = [];
  for (const folder of folders) {
    if (pages.length >= count) break;
    pages.push({ file: `${folder}/${random.chance(0.3) ? 'README' : 'index'}.md`, index: true });
  }
  for (let n = pages.length; n < count; n++) {
    const folder = random.pick(folders);
    const words = random.sample(VOCABULARY, random.int(2, 3)).join('-');
    pages.push({ file: `${folder}/${words}-${n}.md`, index: false });
  }
  return pages.map((page, n) => ({ ...page, n, id: idFromPath(page.file) }));
}

function sentence(random, minWords = 8, maxWords = 20) {
  const words = [];
  const length = random.int(minWords, maxWords);
  for (let i = 0; i < length; i++) {
    let word = random.chance(0.55) ? random.pick(VOCABULARY) : random.pick(FILLER);
    if (random.chance(0.04)) word = `\`${random.pick(VOCABULARY)}.${random.pick(['yaml', 'json', 'sh', 'py', 'ts'])}\``;
    else if (random.chance(0.03)) word = `**${word}**`;
    else if (random.chance(0.03)) word = `_${word}_`;
    words.push(word);
  }
  return `${capitalise(words.join(' '))}.`;
}

function paragraph(random, ctx, sentences = random.int(2, 5)) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(random));
  // Links between pages: relative .md links (rewritten by our plugin) and root-relative /id/ links.
  if (random.chance(0.45)) out.push(`See [${random.pick(VOCABULARY)} ${random.pick(VOCABULARY)}](${ctx.relativeLink()}) for details.`);
  if (random.chance(0.2)) out.push(`The [${random.pick(VOCABULARY)} overview](${ctx.rootLink()}) explains the background.`);
  if (random.chance(0.06)) out.push(`Upstream documents it at [example.org](https://example.org/docs/${random.pick(VOCABULARY)}/).`);
  return out.join(' ');
}

function list(random, ordered) {
  const items = [];
  for (let i = 0, count = random.int(3, 7); i < count; i++) {
    items.push(`${ordered ? `${i + 1}.` : '-'} ${sentence(random, 4, 12)}`);
    if (!ordered && random.chance(0.15)) items.push(`  - ${sentence(random, 3, 8)}`);
  }
  return items.join('\n');
}

function table(random) {
  const columns = random.sample(['Name', 'Default', 'Type', 'Description', 'Required', 'Since'], random.int(3, 4));
  const rows = [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`];
  for (let r = 0, count = random.int(3, 8); r < count; r++) {
    rows.push(`| ${columns.map((c) => (c === 'Name' ? `\`${random.pick(VOCABULARY)}_${random.pick(VOCABULARY)}\`` : c === 'Required' ? random.pick(['yes', 'no']) : c === 'Since' ? `v${random.int(1, 4)}.${random.int(0, 20)}` : sentence(random, 2, 6).replace(/\.$/, ''))).join(' | ')} |`);
  }
  return rows.join('\n');
}

const CODE = {
  yaml: (random) => {
    const name = `${random.pick(VOCABULARY)}-${random.pick(VOCABULARY)}`;
    return {
      file: random.pick(['kustomization.yaml', 'deployment.yaml', 'values.yaml', '.gitlab-ci.yml', 'config.yaml']),
      lines: ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, `  namespace: ${random.pick(VOCABULARY)}`, 'spec:',
        `  replicas: ${random.int(1, 5)}`, '  template:', '    spec:', '      containers:', `        - name: ${name}`,
        `          image: registry.example.org/${name}:${random.int(1, 9)}.${random.int(0, 30)}.${random.int(0, 9)}`,
        '          resources:', `            limits: { cpu: ${random.int(100, 900)}m, memory: ${random.int(64, 1024)}Mi }`].slice(0, random.int(6, 14)),
    };
  },
  json: (random) => ({
    file: random.pick(['package.json', 'config.json', 'tsconfig.json', 'policy.json']),
    lines: ['{', `  "name": "${random.pick(VOCABULARY)}-${random.pick(VOCABULARY)}",`, `  "version": "${random.int(0, 5)}.${random.int(0, 20)}.${random.int(0, 9)}",`,
      `  "${random.pick(VOCABULARY)}": { "enabled": ${random.chance(0.5)}, "limit": ${random.int(1, 500)} },`,
      `  "tags": ["${random.pick(TAGS)}", "${random.pick(TAGS)}"]`, '}'],
  }),
  sh: (random) => ({
    file: random.pick(['install.sh', 'deploy.sh', 'backup.sh']),
    lines: [`kubectl -n ${random.pick(VOCABULARY)} get pods -l app=${random.pick(VOCABULARY)}`,
      `kubectl apply -k overlays/${random.pick(['staging', 'production', 'dev'])}`,
      `export ${random.pick(VOCABULARY).toUpperCase()}_TOKEN="$(cat token.txt)"`,
      `curl -fsSL https://example.org/${random.pick(VOCABULARY)} | sh -s -- --version ${random.int(1, 3)}.${random.int(0, 9)}`,
      `echo "done: ${random.pick(VOCABULARY)}"`].slice(0, random.int(2, 5)),
  }),
  python: (random) => {
    const fn = `${random.pick(VOCABULARY)}_${random.pick(VOCABULARY)}`;
    return {
      file: `${random.pick(VOCABULARY)}.py`,
      lines: ['import json', 'from pathlib import Path', '', `def ${fn}(path: Path, limit: int = ${random.int(1, 100)}) -> dict:`,
        `    """${capitalise(random.pick(VOCABULARY))} the ${random.pick(VOCABULARY)}."""`, '    data = json.loads(path.read_text())',
        `    return {k: v for k, v in data.items() if len(str(v)) < limit}`, '', `print(${fn}(Path("${random.pick(VOCABULARY)}.json")))`],
    };
  },
  typescript: (random) => {
    const fn = `${random.pick(VOCABULARY)}${capitalise(random.pick(VOCABULARY))}`;
    return {
      file: `${random.pick(VOCABULARY)}.ts`,
      lines: [`export interface ${capitalise(random.pick(VOCABULARY))}Options {`, `  ${random.pick(VOCABULARY)}: string;`, `  limit?: number;`, '}', '',
        `export async function ${fn}(url: string, limit = ${random.int(1, 100)}): Promise<string[]> {`,
        '  const response = await fetch(url);', "  if (!response.ok) throw new Error(`HTTP ${response.status}`);",
        '  const items = (await response.json()) as string[];', '  return items.slice(0, limit);', '}'],
    };
  },
};

function codeBlock(random) {
  const lang = random.pick(Object.keys(CODE));
  const { file, lines } = CODE[lang](random);
  const meta = [];
  if (random.chance(0.6)) meta.push(`title="${file}"`);
  if (random.chance(0.4)) {
    const a = random.int(1, Math.max(1, lines.length - 1));
    meta.push(random.chance(0.5) ? `{${a},${Math.min(lines.length, a + 2)}}` : `{${a}-${Math.min(lines.length, a + 1)}}`);
  }
  return ['```' + lang + (meta.length ? ` ${meta.join(' ')}` : ''), ...lines, '```'].join('\n');
}

function callout(random, ctx) {
  const kind = random.pick(CALLOUT_KINDS);
  const title = random.chance(0.4) ? `[${capitalise(random.pick(VOCABULARY))} ${random.pick(VOCABULARY)}]` : '';
  return [`:::${kind}${title}`, paragraph(random, ctx, random.int(1, 2)), ':::'].join('\n');
}

function dateFor(random) {
  const year = random.int(2019, 2026);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

function renderPage(random, page, pages) {
  const dir = path.posix.dirname(page.file);
  const ctx = {
    relativeLink: () => {
      const target = random.pick(pages);
      let rel = path.posix.relative(dir, target.file);
      if (!rel.startsWith('.')) rel = random.chance(0.5) ? `./${rel}` : rel;
      return rel;
    },
    rootLink: () => `/${random.pick(pages).id}/`,
  };
  const topic = random.sample(VOCABULARY, 3);
  const title = page.index
    ? `${capitalise(dir.split('/').at(-1).replace(/-/g, ' '))} overview`
    : `${capitalise(random.pick(['how to', 'understanding', 'configuring', 'troubleshooting', 'migrating']))} ${topic.join(' ')}`;
  const out = [];
  const style = random.next();
  if (style < 0.55) {
    // Full front matter.
    const tags = random.sample(TAGS, random.int(1, 4));
    out.push('---', `title: ${title}`, `description: ${JSON.stringify(sentence(random, 8, 16).replace(/[`*_]/g, ""))}`, `date: ${dateFor(random)}`, `tags: [${tags.join(', ')}]`, '---', '');
  } else if (style < 0.75) {
    // Partial front matter, as many real pages have.
    out.push('---', `title: ${title}`, ...(random.chance(0.5) ? [`date: ${dateFor(random)}`] : []), '---', '');
  } else {
    // No front matter: the title comes from the first h1, the description from the first paragraph.
    out.push(`# ${title}`, '');
  }
  out.push(paragraph(random, ctx), '');
  const sections = random.int(2, 6);
  for (let s = 0; s < sections; s++) {
    out.push(`## ${capitalise(random.pick(VOCABULARY))} ${random.pick(VOCABULARY)}${s > 0 && random.chance(0.2) ? ` ${s + 1}` : ''}`, '');
    out.push(paragraph(random, ctx), '');
    const blocks = random.int(1, 4);
    for (let b = 0; b < blocks; b++) {
      const kind = random.next();
      if (kind < 0.3) out.push(codeBlock(random));
      else if (kind < 0.5) out.push(list(random, random.chance(0.4)));
      else if (kind < 0.62) out.push(table(random));
      else if (kind < 0.77) out.push(callout(random, ctx));
      else out.push(paragraph(random, ctx));
      out.push('');
    }
    if (random.chance(0.5)) {
      out.push(`### ${capitalise(random.pick(VOCABULARY))} ${random.pick(VOCABULARY)}`, '', paragraph(random, ctx), '');
      if (random.chance(0.5)) out.push(codeBlock(random), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * Writes the corpus into outDir (emptied first) and returns what the bench needs to know:
 * the files (relative paths and ids), their total bytes and the prose vocabulary.
 */
export function generateCorpus({ pages: count, outDir, seed = 1 }) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`--pages must be a positive integer, got ${count}`);
  const random = createRandom(seed * 1_000_003 + count);
  const pages = planPages(random, count);
  rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  for (const page of pages) {
    const text = renderPage(random, page, pages);
    const file = path.join(outDir, page.file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  }
  return { outDir, pages: pages.map(({ file, id }) => ({ file, id })), bytes, vocabulary: VOCABULARY };
}

function parseArgs(argv) {
  const args = { pages: 1000, seed: 1, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    if (flag === '--pages') args.pages = Number(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--out') args.out = value;
    else throw new Error(`unknown flag ${flag}; usage: generate-corpus.mjs --pages N [--out DIR] [--seed S]`);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const outDir = path.resolve(args.out ?? path.join('bench', 'work', `corpus-${args.pages}`));
  const result = generateCorpus({ pages: args.pages, outDir, seed: args.seed });
  console.log(`wrote ${result.pages.length} pages, ${(result.bytes / 1024).toFixed(0)} KB, to ${path.relative(process.cwd(), outDir) || '.'}`);
}
