/**
 * Secret and ConfigMap manifests → a kustomization.yaml whose secretGenerator and
 * configMapGenerator rebuild them, plus the files those generators read.
 *
 * Reading works on the YAML node tree rather than on plain objects so that every error can point
 * at the exact spot in the input (eemeli/yaml keeps source ranges on nodes).
 */
import { Document, isAlias, isMap, isNode, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Scalar, YAMLMap } from 'yaml';
import type { ToolError, ToolMessage } from '../tools/tool.ts';
import { decodeBase64 } from './base64.ts';
import { FileNamePool, isPlainFileName, toSafeFileName } from './safe-file-name.ts';
import { positionAt } from './source-position.ts';
import { decodeUtf8Strict, encodeUtf8 } from './text-bytes.ts';

export type KustomizeErrorCode =
  | 'YAML_SYNTAX'
  | 'NOT_A_MAPPING'
  | 'MISSING_NAME'
  | 'NOT_A_STRING'
  | 'NOT_A_BOOLEAN'
  | 'BAD_BASE64'
  | 'INVALID_KEY'
  | 'DUPLICATE_KEY'
  | 'DUPLICATE_RESOURCE'
  | 'NO_RESOURCES';

export interface KustomizeError extends ToolError {
  code: KustomizeErrorCode;
}

export interface GeneratorEntry {
  key: string;
  bytes: Uint8Array;
}

/** One Secret or ConfigMap, reduced to what a generator can express. */
export interface GeneratorResource {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  namespace?: string;
  /** The Secret type; absent for Opaque (kustomize's default) and for ConfigMaps. */
  type?: string;
  labels: Array<[string, string]>;
  annotations: Array<[string, string]>;
  immutable: boolean;
  /** Keys in input order; for a Secret, stringData has already replaced data of the same key. */
  entries: GeneratorEntry[];
  /** Where it was read, for messages: `document 2` or `document 1, item 3`. */
  origin: string;
}

export type ManifestReading =
  | { ok: true; resources: GeneratorResource[]; messages: ToolMessage[] }
  | { ok: false; errors: KustomizeError[]; messages: ToolMessage[] };

/** The annotation `kubectl apply` adds: a full copy of the object, Secret data included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata the API server sets; not worth a message when dropped. */
const SERVER_SET_METADATA = new Set(['creationTimestamp', 'resourceVersion', 'uid', 'selfLink', 'generation', 'managedFields']);

/** Kubernetes' rule for Secret and ConfigMap keys (IsConfigMapKey in apimachinery validation). */
export function isValidDataKey(key: string): boolean {
  return key.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(key) && key !== '.' && !key.startsWith('..');
}

/**
 * Words YAML 1.1 reads as booleans. kubectl parses manifests by YAML 1.1 rules (sigs.k8s.io/yaml),
 * so `enabled: yes` in ConfigMap data is a boolean there and the apply fails, though YAML 1.2
 * (and this parser) reads a string.
 */
const YAML_11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

interface ReadContext {
  text: string;
  doc: Document.Parsed;
  errors: KustomizeError[];
  messages: ToolMessage[];
}

function fail(context: ReadContext, code: KustomizeErrorCode, message: string, offset: number | undefined): void {
  const error: KustomizeError = { code, message };
  if (offset !== undefined) error.position = positionAt(context.text, offset);
  context.errors.push(error);
}

function resolved(context: ReadContext, node: unknown): unknown {
  return isAlias(node) ? node.resolve(context.doc) : node;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/** The value node under a key of a mapping, aliases followed; undefined when the key is absent. */
function field(context: ReadContext, map: YAMLMap, key: string): unknown {
  for (const pair of map.items) {
    const keyNode = resolved(context, pair.key);
    if (isScalar(keyNode) && keyNode.value === key) return resolved(context, pair.value);
  }
  return undefined;
}

function stringField(context: ReadContext, map: YAMLMap, key: string): string | undefined {
  const value = field(context, map, key);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

const isEmpty = (node: unknown): boolean => node === undefined || node === null || (isScalar(node) && node.value === null);

function describeNode(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (isScalar(node)) return node.value === null ? 'empty' : `a ${typeof node.value}`;
  return 'not a value';
}

/** Each key and value of a mapping, keys as the text Kubernetes would see (YAML numbers become strings). */
function* pairs(context: ReadContext, map: YAMLMap): Generator<{ key: string; keyOffset: number | undefined; value: unknown }> {
  for (const pair of map.items) {
    const keyNode = resolved(context, pair.key);
    const key = isScalar(keyNode) && keyNode.value !== null ? String(keyNode.value) : undefined;
    if (key === undefined) {
      fail(context, 'NOT_A_STRING', 'A key here must be plain text.', startOf(keyNode));
      continue;
    }
    yield { key, keyOffset: startOf(keyNode), value: resolved(context, pair.value) };
  }
}

/**
 * The text value of a node that Kubernetes types as a string, or undefined after reporting why
 * not. `null` is the empty string, as Go's JSON decoding gives for a string map value.
 */
function stringValue(context: ReadContext, node: unknown, what: string, offset: number | undefined): string | undefined {
  if (isScalar(node) && node.value === null) return '';
  if (isScalar(node) && typeof node.value === 'string') {
    if (node.type === 'PLAIN' && YAML_11_BOOLEAN.test(node.value)) {
      fail(context, 'NOT_A_STRING', `${what} is "${node.value}", which kubectl reads as a boolean (YAML 1.1); put it in quotes.`, startOf(node) ?? offset);
      return undefined;
    }
    return node.value;
  }
  const hint = isScalar(node) ? '; put it in quotes' : '';
  fail(context, 'NOT_A_STRING', `${what} must be a string, but it is ${describeNode(node)}${hint}.`, startOf(node) ?? offset);
  return undefined;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/**
 * Where in the source the character at `valueOffset` of a scalar's value is. Folding only changes
 * whitespace, and base64 is all non-whitespace, so the n-th non-blank character of the value is
 * the n-th non-blank character of the scalar's source. Escapes in double quotes break that; the
 * check on the character found then gives up, and the caller falls back to the scalar's start.
 */
export function sourceOffsetInScalar(text: string, scalar: Scalar, valueOffset: number): number | undefined {
  const [start, end] = scalar.range ?? [];
  if (start === undefined || end === undefined || typeof scalar.value !== 'string') return undefined;
  const value = scalar.value;
  let from = start;
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') from = start + 1;
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    // Skip the header line (`|`, `>-`, maybe a comment).
    while (from < end && text[from] !== '\n' && text[from] !== '\r') from++;
  }
  let wanted = 0;
  for (let i = 0; i < Math.min(valueOffset, value.length); i++) if (!isSpace(value[i])) wanted++;
  let seen = 0;
  let lastNonBlank: number | undefined;
  for (let i = from; i < end; i++) {
    if (isSpace(text[i])) continue;
    if (valueOffset < value.length && seen === wanted) return text[i] === value[valueOffset] ? i : undefined;
    seen++;
    lastNonBlank = i;
  }
  // The error is at the end of the value (missing characters or padding): point just after it.
  if (valueOffset >= value.length && lastNonBlank !== undefined) {
    return scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? lastNonBlank : lastNonBlank + 1;
  }
  return undefined;
}

function stringMap(context: ReadContext, node: unknown, what: string): Array<[string, string]> {
  if (isEmpty(node)) return [];
  if (!isMap(node)) {
    fail(context, 'NOT_A_MAPPING', `${what} must be a mapping, but it is ${describeNode(node)}.`, startOf(node));
    return [];
  }
  const out: Array<[string, string]> = [];
  for (const { key, keyOffset, value } of pairs(context, node)) {
    const text = stringValue(context, value, `${what} "${key}"`, keyOffset);
    if (text !== undefined) out.push([key, text]);
  }
  return out;
}

interface RawEntry {
  key: string;
  keyOffset: number | undefined;
  valueNode: unknown;
}

function dataEntries(context: ReadContext, node: unknown, what: string): RawEntry[] {
  if (isEmpty(node)) return [];
  if (!isMap(node)) {
    fail(context, 'NOT_A_MAPPING', `${what} must be a mapping, but it is ${describeNode(node)}.`, startOf(node));
    return [];
  }
  const entries: RawEntry[] = [];
  for (const { key, keyOffset, value } of pairs(context, node)) {
    if (!isValidDataKey(key)) {
      fail(
        context,
        'INVALID_KEY',
        `${what} key "${key}" is not a valid key: use only letters, digits, '-', '_' and '.', not starting with '..'.`,
        keyOffset,
      );
      continue;
    }
    entries.push({ key, keyOffset, valueNode: value });
  }
  return entries;
}

function base64Entry(context: ReadContext, entry: RawEntry, what: string): Uint8Array | undefined {
  const text = stringValue(context, entry.valueNode, `${what} "${entry.key}"`, entry.keyOffset);
  if (text === undefined) return undefined;
  // Kubernetes decodes data with the standard alphabet; '-' and '_' would be rejected there too.
  const decoded = decodeBase64(text, { alphabet: 'standard' });
  if (decoded.ok) return decoded.bytes;
  const scalar = entry.valueNode;
  const inValue = decoded.error.position?.offset;
  const inSource = isScalar(scalar) && inValue !== undefined ? sourceOffsetInScalar(context.text, scalar, inValue) : undefined;
  const offset = inSource ?? startOf(scalar) ?? entry.keyOffset;
  fail(context, 'BAD_BASE64', `${what} "${entry.key}" is not valid base64: ${decoded.error.message}`, offset);
  return undefined;
}

function label(kind: string, name: string | undefined, origin: string): string {
  return name === undefined ? `${kind} (${origin})` : `${kind} "${name}" (${origin})`;
}

function readResource(context: ReadContext, map: YAMLMap, kind: 'Secret' | 'ConfigMap', origin: string): GeneratorResource | undefined {
  const errorsBefore = context.errors.length;
  const metadataNode = field(context, map, 'metadata');
  const metadata = isMap(metadataNode) ? metadataNode : undefined;
  const name = metadata ? stringField(context, metadata, 'name') : undefined;
  if (!name) {
    const generateName = metadata ? stringField(context, metadata, 'generateName') : undefined;
    const hint = generateName ? ' A generator needs a fixed name; generateName cannot be kept.' : '';
    fail(context, 'MISSING_NAME', `${kind} (${origin}) has no metadata.name.${hint}`, startOf(metadata) ?? startOf(map));
    return undefined;
  }
  const what = label(kind, name, origin);
  const resource: GeneratorResource = { kind, name, labels: [], annotations: [], immutable: false, entries: [], origin };

  if (metadata) {
    const namespace = stringField(context, metadata, 'namespace');
    if (namespace) resource.namespace = namespace;
    resource.labels = stringMap(context, field(context, metadata, 'labels'), `${what}: label`);
    resource.annotations = stringMap(context, field(context, metadata, 'annotations'), `${what}: annotation`).filter(([key]) => {
      if (key !== LAST_APPLIED) return true;
      context.messages.push({ level: 'info', text: `${what}: left out the ${LAST_APPLIED} annotation; it is a copy of the whole object, data included.` });
      return false;
    });
    const dropped: string[] = [];
    for (const { key } of pairs(context, metadata)) {
      if (!['name', 'namespace', 'labels', 'annotations', 'generateName'].includes(key) && !SERVER_SET_METADATA.has(key)) dropped.push(key);
    }
    if (dropped.length > 0) {
      context.messages.push({ level: 'warning', text: `${what}: a generator cannot keep metadata.${dropped.join(', metadata.')}; left out.` });
    }
  }

  const immutable = field(context, map, 'immutable');
  if (!isEmpty(immutable)) {
    if (isScalar(immutable) && typeof immutable.value === 'boolean') resource.immutable = immutable.value;
    else fail(context, 'NOT_A_BOOLEAN', `${what}: immutable must be true or false.`, startOf(immutable));
  }

  const byKey = new Map<string, GeneratorEntry>();
  if (kind === 'Secret') {
    const type = stringField(context, map, 'type');
    if (type && type !== 'Opaque') resource.type = type;
    for (const entry of dataEntries(context, field(context, map, 'data'), `${what}: data`)) {
      const bytes = base64Entry(context, entry, `${what}: data`);
      if (bytes) byKey.set(entry.key, { key: entry.key, bytes });
    }
    for (const entry of dataEntries(context, field(context, map, 'stringData'), `${what}: stringData`)) {
      const text = stringValue(context, entry.valueNode, `${what}: stringData "${entry.key}"`, entry.keyOffset);
      if (text === undefined) continue;
      // The API server merges stringData over data, so the stringData value is the one stored.
      if (byKey.has(entry.key)) {
        context.messages.push({ level: 'info', text: `${what}: stringData "${entry.key}" replaces data "${entry.key}", as the API server would.` });
      }
      byKey.set(entry.key, { key: entry.key, bytes: encodeUtf8(text) });
    }
  } else {
    for (const entry of dataEntries(context, field(context, map, 'data'), `${what}: data`)) {
      const text = stringValue(context, entry.valueNode, `${what}: data "${entry.key}"`, entry.keyOffset);
      if (text !== undefined) byKey.set(entry.key, { key: entry.key, bytes: encodeUtf8(text) });
    }
    for (const entry of dataEntries(context, field(context, map, 'binaryData'), `${what}: binaryData`)) {
      const bytes = base64Entry(context, entry, `${what}: binaryData`);
      if (!bytes) continue;
      if (byKey.has(entry.key)) {
        fail(context, 'DUPLICATE_KEY', `${what}: "${entry.key}" is in both data and binaryData; Kubernetes rejects that.`, entry.keyOffset);
        continue;
      }
      if (isUtf8(bytes)) {
        context.messages.push({
          level: 'info',
          text: `${what}: binaryData "${entry.key}" is valid UTF-8 text, so kustomize will put it under data; the bytes stay the same.`,
        });
      }
      byKey.set(entry.key, { key: entry.key, bytes });
    }
  }
  resource.entries = [...byKey.values()];
  return context.errors.length === errorsBefore ? resource : undefined;
}

/** kustomize's test for data versus binaryData (Go's utf8.Valid): control characters are fine. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function readObject(context: ReadContext, node: unknown, origin: string, resources: GeneratorResource[]): void {
  if (!isMap(node)) {
    const where = origin.charAt(0).toUpperCase() + origin.slice(1);
    fail(context, 'NOT_A_MAPPING', `${where} is ${describeNode(node)}, not a Kubernetes object (a mapping with kind and metadata).`, startOf(node));
    return;
  }
  const kind = stringField(context, node, 'kind');
  const apiVersion = stringField(context, node, 'apiVersion');
  const metadata = field(context, node, 'metadata');
  const name = isMap(metadata) ? stringField(context, metadata, 'name') : undefined;
  const items = field(context, node, 'items');
  if (kind !== undefined && /List$/.test(kind) && isSeq(items)) {
    items.items.forEach((item, index) => readObject(context, resolved(context, item), `${origin}, item ${index + 1}`, resources));
    return;
  }
  if ((kind === 'Secret' || kind === 'ConfigMap') && (apiVersion === undefined || apiVersion === 'v1')) {
    const resource = readResource(context, node, kind, origin);
    if (resource) resources.push(resource);
    return;
  }
  const text =
    kind === undefined
      ? `Skipped ${origin}: it has no kind, so it is not a Secret or ConfigMap.`
      : `Skipped ${label(apiVersion && apiVersion !== 'v1' ? `${kind} (${apiVersion})` : kind, name, origin)}: only v1 Secrets and ConfigMaps become generators.`;
  context.messages.push({ level: 'warning', text });
}

/** Reads every Secret and ConfigMap in a YAML stream (several documents, `kind: List` items). */
export function readGeneratorResources(text: string): ManifestReading {
  const errors: KustomizeError[] = [];
  const messages: ToolMessage[] = [];
  const resources: GeneratorResource[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: false });
  for (const doc of docs) {
    for (const error of doc.errors) {
      errors.push({ code: 'YAML_SYNTAX', message: `YAML syntax: ${error.message}`, position: positionAt(text, error.pos[0]) });
    }
  }
  if (errors.length > 0) return { ok: false, errors, messages };

  docs.forEach((doc, index) => {
    // A document holding only comments, or the empty one after a trailing `---`.
    if (isEmpty(doc.contents)) return;
    const context: ReadContext = { text, doc, errors, messages };
    readObject(context, doc.contents, `document ${index + 1}`, resources);
  });

  const seen = new Map<string, GeneratorResource>();
  for (const resource of resources) {
    const id = `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
    const earlier = seen.get(id);
    if (earlier) {
      errors.push({
        code: 'DUPLICATE_RESOURCE',
        message: `${label(resource.kind, resource.name, resource.origin)} has the same kind, namespace and name as the one in ${earlier.origin}; kustomize cannot generate both.`,
      });
    } else seen.set(id, resource);
  }
  if (errors.length === 0 && resources.length === 0) {
    errors.push({ code: 'NO_RESOURCES', message: 'No v1 Secret or ConfigMap found in the input.' });
  }
  return errors.length > 0 ? { ok: false, errors, messages } : { ok: true, resources, messages };
}

export interface KustomizationOptions {
  /** Put short single-line text values in `literals` instead of files. Default false. */
  literals: boolean;
  /** Add `generatorOptions.disableNameSuffixHash: true`, so names stay exactly as in the input. Default false. */
  disableNameSuffixHash: boolean;
}

export interface GeneratedFile {
  fileName: string;
  bytes: Uint8Array;
  key: string;
  resource: GeneratorResource;
}

export interface KustomizationBuild {
  /** The kustomization.yaml text. */
  kustomization: string;
  /** Every file the kustomization reads, in the order it names them. */
  files: GeneratedFile[];
}

export const KUSTOMIZATION_FILE_NAME = 'kustomization.yaml';

/** kustomize refuses a folder holding more than one of these, so no data file may take one. */
const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The longest value written as a literal; longer ones read better as files. */
export const MAX_LITERAL_LENGTH = 64;

/**
 * The value as a `key=value` literal would carry it, or undefined when a file is better or
 * needed: not UTF-8, longer than MAX_LITERAL_LENGTH, line breaks or other invisible characters,
 * blanks at either end (easy to lose when editing), or a quote at either end (kustomize strips
 * a pair of matching quotes around a literal value, so `'x'` would become `x`).
 */
export function literalValue(bytes: Uint8Array): string | undefined {
  const text = decodeUtf8Strict(bytes);
  if (text === undefined || [...text].length > MAX_LITERAL_LENGTH) return undefined;
  if (/[\p{C}\p{Zl}\p{Zp}]/u.test(text) || /[^\S ]/u.test(text)) return undefined;
  if (/^[ "']|[ "']$/.test(text)) return undefined;
  return text;
}

/**
 * The file name a key's value would like, before collisions are settled. `prefix` is the
 * resource's file-safe name; `prefixed` says whether every file of the resource carries it.
 */
export function preferredFileName(key: string, prefix: string, prefixed: boolean): string {
  // Registry credentials are JSON; a name ending in .json opens in an editor that shows it as such.
  if (key === '.dockerconfigjson') return `${prefix}.json`;
  if (key === '.dockercfg') return `${prefix}.dockercfg.json`;
  const base = isPlainFileName(key) ? key : toSafeFileName(key, 'value');
  return prefixed ? toSafeFileName(`${prefix}.${base}`, base) : base;
}

/** Per-resource name prefixes, told apart by kind and then by number when names are shared. */
function filePrefixes(resources: readonly GeneratorResource[]): string[] {
  const safeName = (resource: GeneratorResource): string => toSafeFileName(resource.name, resource.kind === 'Secret' ? 'secret' : 'configmap');
  const count = new Map<string, number>();
  for (const resource of resources) count.set(safeName(resource), (count.get(safeName(resource)) ?? 0) + 1);
  const pool = new FileNamePool();
  return resources.map((resource) => {
    const name = safeName(resource);
    const shared = (count.get(name) ?? 0) > 1;
    return pool.claim(shared ? `${name}-${resource.kind.toLowerCase()}` : name);
  });
}

/**
 * The kustomization and its files. With one resource, a key that is a plain file name is used as
 * it is (`files: [username]`); with several, every file starts with its resource's name
 * (`tls-a.tls.crt`) so equal keys never meet; any other key gets a readable file name and the
 * `key=file` form. Names are unique ignoring case and never a kustomization file name.
 */
export function buildKustomization(resources: readonly GeneratorResource[], options: KustomizationOptions): KustomizationBuild {
  const pool = new FileNamePool(KUSTOMIZATION_FILE_NAMES);
  const prefixes = filePrefixes(resources);
  const prefixed = resources.length > 1;
  const files: GeneratedFile[] = [];
  const secretGenerator: object[] = [];
  const configMapGenerator: object[] = [];

  resources.forEach((resource, index) => {
    const literals: string[] = [];
    const fileSources: string[] = [];
    const prefix = prefixes[index] ?? 'resource';
    for (const entry of resource.entries) {
      const literal = options.literals ? literalValue(entry.bytes) : undefined;
      if (literal !== undefined) {
        literals.push(`${entry.key}=${literal}`);
        continue;
      }
      const fileName = pool.claim(preferredFileName(entry.key, prefix, prefixed));
      // kustomize names the key after the file unless told otherwise (`key=file`).
      fileSources.push(fileName === entry.key ? fileName : `${entry.key}=${fileName}`);
      files.push({ fileName, bytes: entry.bytes, key: entry.key, resource });
    }
    const generator: Record<string, unknown> = { name: resource.name };
    if (resource.namespace !== undefined) generator['namespace'] = resource.namespace;
    if (resource.type !== undefined) generator['type'] = resource.type;
    if (literals.length > 0) generator['literals'] = literals;
    if (fileSources.length > 0) generator['files'] = fileSources;
    const generatorOptions: Record<string, unknown> = {};
    if (resource.labels.length > 0) generatorOptions['labels'] = Object.fromEntries(resource.labels);
    if (resource.annotations.length > 0) generatorOptions['annotations'] = Object.fromEntries(resource.annotations);
    if (resource.immutable) generatorOptions['immutable'] = true;
    if (Object.keys(generatorOptions).length > 0) generator['options'] = generatorOptions;
    (resource.kind === 'Secret' ? secretGenerator : configMapGenerator).push(generator);
  });

  const kustomization: Record<string, unknown> = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  if (options.disableNameSuffixHash) kustomization['generatorOptions'] = { disableNameSuffixHash: true };
  if (secretGenerator.length > 0) kustomization['secretGenerator'] = secretGenerator;
  if (configMapGenerator.length > 0) kustomization['configMapGenerator'] = configMapGenerator;
  return { kustomization: toYaml(kustomization), files };
}

/**
 * YAML text that kustomize reads back as the same strings. Stringifying by YAML 1.1 rules quotes
 * `yes`, `on`, `0777` and the like, which kustomize's YAML 1.1 side would otherwise retype; no
 * folding keeps long values on one line.
 */
export function toYaml(value: unknown): string {
  return new Document(value, { version: '1.1' }).toString({ lineWidth: 0 });
}
