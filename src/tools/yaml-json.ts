import { Document, Scalar, isScalar, parseAllDocuments, visit } from 'yaml';
import type { YAMLError } from 'yaml';
import { positionAt } from '../lib/source-position.ts';
import { encodeUtf8 } from '../lib/text-bytes.ts';
import { optionValue, YAML_TOOL_WORKER_ABOVE } from './tool.ts';
import type { ToolDefinition, ToolError, ToolMessage, ToolOption, ToolResult } from './tool.ts';

export type YamlJsonErrorCode = 'YAML_SYNTAX' | 'YAML_TO_JSON' | 'JSON_SYNTAX';

const OPTIONS = [
  {
    kind: 'choice',
    id: 'direction',
    label: 'Direction',
    choices: [
      { value: 'yaml-to-json', label: 'YAML → JSON' },
      { value: 'json-to-yaml', label: 'JSON → YAML' },
    ],
    default: 'yaml-to-json',
    description: 'Default YAML → JSON. Several YAML documents (separated by ---) become one JSON array.',
  },
  {
    kind: 'choice',
    id: 'indent',
    label: 'Indent',
    choices: [
      { value: '2', label: '2 spaces' },
      { value: '4', label: '4 spaces' },
    ],
    default: '2',
    description: 'Indentation of the output, JSON or YAML. Default 2 spaces, as kubectl writes.',
  },
  {
    kind: 'boolean',
    id: 'yaml11Safe',
    label: 'Quote strings YAML 1.1 misreads',
    default: true,
    description:
      'JSON → YAML only. Quotes strings like yes, on, 0755 or 22:22 that YAML 1.1 parsers (PyYAML, go-yaml v2, so much of Kubernetes tooling) would read as booleans or numbers. On by default.',
  },
] as const satisfies readonly ToolOption[];

const tool = { options: OPTIONS };

const EXAMPLES = {
  'Two Kubernetes documents':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n  FEATURES: "on"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\ntype: Opaque\nstringData:\n  token: s3cr3t\n',
  'Anchors and block text': 'defaults: &defaults\n  retries: 3\n  timeout: 30s\nproduction:\n  settings: *defaults\n  motd: |\n    Welcome.\n    Be careful.\n',
  'JSON to convert to YAML': '{"name":"fieldnotes","ports":["22:22","8080:80"],"debug":false,"tags":["yes","no"]}',
} satisfies Record<string, string>;

/**
 * Regular expressions of every implicit YAML 1.1 type, taken from the yaml package's own 1.1
 * schema, so "a string that YAML 1.1 would resolve to something else" means what that parser does.
 */
const YAML_11_IMPLICIT: readonly RegExp[] = new Document(null, { version: '1.1' }).schema.tags.flatMap((tag) =>
  'test' in tag && tag.test instanceof RegExp ? [tag.test] : [],
);

function yamlErrorToToolError(text: string, error: YAMLError): ToolError {
  return { code: 'YAML_SYNTAX', message: error.message, position: positionAt(text, error.pos[0]) };
}

function whereIn(text: string, offset: number): string {
  const position = positionAt(text, offset);
  return `line ${position.line}, column ${position.column}`;
}

/** An empty document, as left by a trailing `---`: kubectl skips these, and so do we. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === '');
}

function yamlToJson(text: string, indent: number): ToolResult {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const errors: ToolError[] = [];
  const messages: ToolMessage[] = [];
  for (const doc of docs) {
    errors.push(...doc.errors.map((error) => yamlErrorToToolError(text, error)));
    for (const warning of doc.warnings) {
      messages.push({ level: 'warning', text: `${whereIn(text, warning.pos[0])}: ${warning.message}` });
    }
  }
  if (errors.length > 0) return { ok: false, errors, messages };

  const kept = docs.filter((doc) => !isEmptyDocument(doc));
  const skipped = docs.length - kept.length;
  if (skipped > 0) messages.push({ level: 'info', text: `Skipped ${skipped === 1 ? 'an empty document' : `${skipped} empty documents`}.` });

  const values: unknown[] = [];
  for (const doc of kept) {
    visit(doc, {
      Scalar(_, node) {
        if (typeof node.value === 'number' && !Number.isFinite(node.value)) {
          const at = node.range ? `${whereIn(text, node.range[0])}: ` : '';
          messages.push({ level: 'warning', text: `${at}${String(node.source)} has no JSON equivalent and is written as null.` });
        }
      },
    });
    try {
      // toJS throws on alias bombs (maxAliasCount) and similar resource limits.
      values.push(doc.toJS({ maxAliasCount: 1000 }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const start = doc.range[0];
      return { ok: false, errors: [{ code: 'YAML_TO_JSON', message, position: positionAt(text, start) }], messages };
    }
  }
  if (kept.length === 0) messages.push({ level: 'info', text: 'The input holds no YAML document, so the JSON is null.' });

  const value = kept.length === 0 ? null : kept.length === 1 ? values[0] : values;
  if (kept.length > 1) messages.push({ level: 'info', text: `${kept.length} documents became a JSON array.` });
  const json = `${JSON.stringify(value, null, indent)}\n`;
  return { ok: true, outputs: [{ label: 'JSON', fileName: 'output.json', bytes: encodeUtf8(json), text: json }], messages };
}

// The outcome of scanning one JSON token: where it ends, or (negative) where it went wrong.
// Encoded in one number because the scanner runs on large inputs and allocates nothing.
const failAt = (offset: number): number => -offset - 1;
const failureOffset = (result: number): number => -result - 1;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

function skipJsonWhitespace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

function scanJsonString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return failAt(text.length);
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return failAt(i);
    if (c === 0x5c) {
      const escape = text.charCodeAt(i + 1);
      if (escape === 0x75) {
        for (let k = i + 2; k < i + 6; k++) if (!isHexDigit(text.charCodeAt(k))) return failAt(Math.min(k, text.length));
        i += 6;
      } else if (i + 1 < text.length && '"\\/bfnrt'.includes(text.charAt(i + 1))) {
        i += 2;
      } else {
        return failAt(Math.min(i + 1, text.length));
      }
    } else {
      i++;
    }
  }
}

function scanJsonNumber(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else return failAt(Math.min(i, text.length));
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return failAt(Math.min(i, text.length));
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return failAt(Math.min(i, text.length));
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

function scanJsonLiteral(text: string, start: number, literal: string): number {
  for (let k = 0; k < literal.length; k++) {
    if (start + k >= text.length) return failAt(text.length);
    if (text.charCodeAt(start + k) !== literal.charCodeAt(k)) return failAt(start + k);
  }
  return start + literal.length;
}

/**
 * Offset of the first JSON syntax error (RFC 8259), or -1 when the text is valid JSON; the end
 * of the text when it stops early. Used for errors whose message carries no position (V8's
 * "Unexpected token" family, Safari). Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonSyntaxErrorOffset(text: string): number {
  const closers: number[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  let i = 0;
  for (;;) {
    i = skipJsonWhitespace(text, i);
    if (expect === 'after') {
      const closer = closers[closers.length - 1];
      if (closer === undefined) return i >= text.length ? -1 : i;
      if (i >= text.length) return text.length;
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        expect = closer === 0x7d ? 'key' : 'value';
        i++;
      } else if (c === closer) {
        closers.pop();
        i++;
      } else {
        return i;
      }
      continue;
    }
    if (i >= text.length) return text.length;
    const c = text.charCodeAt(i);
    if (expect === 'key') {
      if (c !== 0x22) return i;
      const end = scanJsonString(text, i);
      if (end < 0) return failureOffset(end);
      i = skipJsonWhitespace(text, end);
      if (i >= text.length) return text.length;
      if (text.charCodeAt(i) !== 0x3a) return i;
      i++;
      expect = 'value';
      continue;
    }
    let end: number;
    if (c === 0x7b || c === 0x5b) {
      const closer = c + 2; // '{' → '}', '[' → ']'
      const next = skipJsonWhitespace(text, i + 1);
      if (text.charCodeAt(next) === closer) {
        i = next + 1;
        expect = 'after';
      } else {
        closers.push(closer);
        i = i + 1;
        expect = c === 0x7b ? 'key' : 'value';
      }
      continue;
    } else if (c === 0x22) {
      end = scanJsonString(text, i);
    } else if (c === 0x2d || isDigit(c)) {
      end = scanJsonNumber(text, i);
    } else if (c === 0x74) {
      end = scanJsonLiteral(text, i, 'true');
    } else if (c === 0x66) {
      end = scanJsonLiteral(text, i, 'false');
    } else if (c === 0x6e) {
      end = scanJsonLiteral(text, i, 'null');
    } else {
      return i;
    }
    if (end < 0) return failureOffset(end);
    i = end;
    expect = 'after';
  }
}

/** Where JSON.parse failed: from the engine's message when it says, else by scanning. */
export function jsonErrorOffset(text: string, message: string): number {
  const v8 = /at position (\d+)/.exec(message);
  if (v8?.[1] !== undefined) return Number(v8[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const scanned = jsonSyntaxErrorOffset(text);
  return scanned < 0 ? 0 : scanned;
}

/** The engine's message without its own position suffix, since the error shows line and column. */
function jsonErrorMessage(message: string): string {
  return message.replace(/\s+in JSON at position \d+(?: \(line \d+ column \d+\))?$/, '').replace(/^JSON\.parse: /, '');
}

function jsonToYaml(text: string, indent: number, yaml11Safe: boolean): ToolResult {
  // JSON.parse rejects a byte order mark, which editors on Windows like to add.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const json = text.slice(bom);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = bom + jsonErrorOffset(json, message);
    return { ok: false, errors: [{ code: 'JSON_SYNTAX', message: jsonErrorMessage(message), position: positionAt(text, offset) }], messages: [] };
  }
  const doc = new Document(value);
  let quoted = 0;
  if (yaml11Safe) {
    visit(doc, {
      Scalar(_, node) {
        if (typeof node.value === 'string' && YAML_11_IMPLICIT.some((test) => test.test(node.value as string))) {
          node.type = Scalar.QUOTE_DOUBLE;
          quoted++;
        }
      },
    });
  }
  // lineWidth 0: never fold long strings (tokens, certificates) over several lines.
  const yaml = doc.toString({ indent, lineWidth: 0 });
  const messages: ToolMessage[] = [];
  if (quoted > 0) {
    messages.push({ level: 'info', text: `Quoted ${quoted === 1 ? 'a string' : `${quoted} strings`} that YAML 1.1 would read as a boolean, number, null or date.` });
  }
  return { ok: true, outputs: [{ label: 'YAML', fileName: 'output.yaml', bytes: encodeUtf8(yaml), text: yaml }], messages };
}

export const yamlJsonTool = {
  id: 'yaml-json',
  inputLabel: 'YAML or JSON',
  hasMainInput: true,
  workerAbove: YAML_TOOL_WORKER_ABOVE,
  accept: '.yaml,.yml,.json,application/json,application/yaml,text/yaml,text/plain',
  options: OPTIONS,
  examples: EXAMPLES,
  run(input, options) {
    const text = input.text ?? (input.bytes ? new TextDecoder().decode(input.bytes) : '');
    const indent = optionValue<string>(tool, options, 'indent') === '4' ? 4 : 2;
    if (optionValue<string>(tool, options, 'direction') === 'json-to-yaml') {
      return jsonToYaml(text, indent, optionValue<boolean>(tool, options, 'yaml11Safe'));
    }
    return yamlToJson(text, indent);
  },
} satisfies ToolDefinition;
