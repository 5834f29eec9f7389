import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ToolOutput, ToolResult } from './tool.ts';
import { jsonErrorOffset, jsonSyntaxErrorOffset, yamlJsonTool } from './yaml-json.ts';

const toJson = (text: string, options = {}): ToolResult => yamlJsonTool.run({ text }, { direction: 'yaml-to-json', ...options });
const toYaml = (text: string, options = {}): ToolResult => yamlJsonTool.run({ text }, { direction: 'json-to-yaml', ...options });

function onlyOutput(result: ToolResult): ToolOutput {
  if (!result.ok) throw new Error(`expected ok, got ${result.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  expect(result.outputs).toHaveLength(1);
  const [output] = result.outputs;
  if (!output) throw new Error('no output');
  expect(output.bytes).toEqual(new TextEncoder().encode(output.text ?? ''));
  return output;
}

function errorsOf(result: ToolResult) {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e) => ({ code: e.code, message: e.message, line: e.position?.line, column: e.position?.column }));
}

describe('YAML → JSON', () => {
  it('turns several documents into an array', () => {
    const output = onlyOutput(toJson('a: 1\n---\nb: [x, y]\n'));
    expect(output.fileName).toBe('output.json');
    expect(output.label).toBe('JSON');
    expect(output.text).toBe('[\n  {\n    "a": 1\n  },\n  {\n    "b": [\n      "x",\n      "y"\n    ]\n  }\n]\n');
  });

  it('turns one document into its value, with or without a leading ---', () => {
    expect(onlyOutput(toJson('a: 1\n')).text).toBe('{\n  "a": 1\n}\n');
    expect(onlyOutput(toJson('---\na: 1\n')).text).toBe('{\n  "a": 1\n}\n');
  });

  it('skips empty documents, as kubectl does', () => {
    const result = toJson('a: 1\n---\n');
    expect(onlyOutput(result).text).toBe('{\n  "a": 1\n}\n');
    expect(result.messages).toEqual([{ level: 'info', text: 'Skipped an empty document.' }]);
    // An explicit null is a document, not an empty one.
    expect(onlyOutput(toJson('a: 1\n--- null\n')).text).toBe('[\n  {\n    "a": 1\n  },\n  null\n]\n');
  });

  it('gives null for input without documents', () => {
    expect(onlyOutput(toJson('# only a comment\n')).text).toBe('null\n');
  });

  it('reads YAML 1.2: yes and on stay strings, anchors are expanded', () => {
    expect(JSON.parse(onlyOutput(toJson('a: yes\nb: on\nc: &x [1]\nd: *x\n')).text ?? '')).toEqual({ a: 'yes', b: 'on', c: [1], d: [1] });
  });

  it('indents with 4 spaces when asked', () => {
    expect(onlyOutput(toJson('a: [1]\n', { indent: '4' })).text).toBe('{\n    "a": [\n        1\n    ]\n}\n');
  });

  it('reports a broken flow sequence at the line where the parser gave up', () => {
    // "a: 1\n" is offsets 0–4, "b: [1, 2\n" 5–13: the unclosed sequence is found at "c", offset 14.
    expect(errorsOf(toJson('a: 1\nb: [1, 2\nc: 3\n'))).toEqual([
      { code: 'YAML_SYNTAX', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]', line: 3, column: 1 },
    ]);
  });

  it('reports a duplicate key at the second key', () => {
    expect(errorsOf(toJson('a: 1\na: 2\n'))).toEqual([{ code: 'YAML_SYNTAX', message: 'Map keys must be unique', line: 2, column: 1 }]);
  });

  it('collects errors from every document, with positions in the whole input', () => {
    // Document 2 starts on line 3; its "b:" sits at line 4, column 1.
    const errors = errorsOf(toJson('a: [1\n---\nb: 1\nb: 2\n'));
    expect(errors.map((e) => e.line)).toContain(4);
    expect(errors.filter((e) => e.message === 'Map keys must be unique')).toEqual([{ code: 'YAML_SYNTAX', message: 'Map keys must be unique', line: 4, column: 1 }]);
  });

  it('passes on warnings with their position', () => {
    const result = toJson('x: !foo 1\n');
    expect(onlyOutput(result).text).toBe('{\n  "x": "1"\n}\n');
    expect(result.messages).toEqual([{ level: 'warning', text: 'line 1, column 4: Unresolved tag: !foo' }]);
  });

  it('warns that infinity and NaN become null', () => {
    const result = toJson('a: .inf\nb: .nan\n');
    expect(onlyOutput(result).text).toBe('{\n  "a": null,\n  "b": null\n}\n');
    expect(result.messages.map((m) => m.text)).toEqual([
      'line 1, column 4: .inf has no JSON equivalent and is written as null.',
      'line 2, column 4: .nan has no JSON equivalent and is written as null.',
    ]);
  });

  it('refuses an alias bomb instead of exhausting memory', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(errorsOf(toJson(`${levels.join('\n')}\n`)).map((e) => e.code)).toEqual(['YAML_TO_JSON']);
  });

  it('converts every example', () => {
    for (const [name, text] of Object.entries(yamlJsonTool.examples)) expect(toJson(text).ok, name).toBe(true);
    expect(JSON.parse(onlyOutput(toJson(yamlJsonTool.examples['Two Kubernetes documents'])).text ?? '')).toHaveLength(2);
  });
});

describe('JSON → YAML', () => {
  const example = '{"name":"fieldnotes","ports":["22:22","8080:80"],"debug":false,"tags":["yes","no"]}';

  it('writes block YAML and quotes strings YAML 1.1 would misread', () => {
    // 22:22 is base 60 in YAML 1.1 (1342); 8080:80 is not (80 is no base-60 digit).
    const result = toYaml(example);
    const output = onlyOutput(result);
    expect(output.fileName).toBe('output.yaml');
    expect(output.text).toBe('name: fieldnotes\nports:\n  - "22:22"\n  - 8080:80\ndebug: false\ntags:\n  - "yes"\n  - "no"\n');
    expect(result.messages).toEqual([{ level: 'info', text: 'Quoted 3 strings that YAML 1.1 would read as a boolean, number, null or date.' }]);
  });

  it('gives the same values to a YAML 1.1 reader', () => {
    const risky = ['yes', 'No', 'on', 'OFF', 'y', '22:22', '190:20:30.15', '0b101', '1_000', '0755', '2001-12-14', '~', '<<', '.'];
    const value = Object.fromEntries(risky.map((s) => [s, s]));
    const yaml = onlyOutput(toYaml(JSON.stringify(value))).text ?? '';
    expect(parse(yaml, { version: '1.1' })).toEqual(value);
    expect(parse(yaml)).toEqual(value);
  });

  it('leaves them plain when asked', () => {
    expect(onlyOutput(toYaml(example, { yaml11Safe: false })).text).toBe('name: fieldnotes\nports:\n  - 22:22\n  - 8080:80\ndebug: false\ntags:\n  - yes\n  - no\n');
  });

  it('never folds long strings', () => {
    const long = 'x'.repeat(200);
    expect(onlyOutput(toYaml(JSON.stringify({ token: `${long} ${long}` }))).text).toBe(`token: ${long} ${long}\n`);
  });

  it('indents with 4 spaces when asked', () => {
    expect(onlyOutput(toYaml('{"a":{"b":[1]}}', { indent: '4' })).text).toBe('a:\n    b:\n        - 1\n');
  });

  it('accepts a byte order mark', () => {
    expect(onlyOutput(toYaml('\ufeff{"a":1}')).text).toBe('a: 1\n');
  });

  it.each([
    // '{'0 '\n'1 ' '2 ' '3 '"'4 'a'5 '"'6 ':'7 ' '8 '1'9 ','10 '\n'11 '}'12
    ['{\n  "a": 1,\n}', 3, 1],
    ['[1,]', 1, 4],
    ['{"a":1', 1, 7],
    ['', 1, 1],
    ['{"a": tru}', 1, 10],
    ['\ufeff{"a":[1,', 1, 10],
  ])('reports %j at line %i, column %i', (text, line, column) => {
    const errors = errorsOf(toYaml(text));
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['JSON_SYNTAX', line, column]]);
  });

  it('drops the engine position from the message, since line and column are shown', () => {
    expect(errorsOf(toYaml('{\n  "a": 1,\n}'))[0]?.message).toBe('Expected double-quoted property name');
  });
});

describe('round trip', () => {
  it('JSON → YAML → JSON gives the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.constantFrom('2', '4'), (value, yaml11Safe, indent) => {
        const yaml = onlyOutput(toYaml(JSON.stringify(value), { yaml11Safe, indent })).text ?? '';
        const json = onlyOutput(toJson(yaml, { indent })).text ?? '';
        expect(json).toBe(`${JSON.stringify(value, null, Number(indent))}\n`);
        if (yaml11Safe) expect(JSON.stringify(parse(yaml, { version: '1.1' }))).toBe(JSON.stringify(value));
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('yaml-to-json', 'json-to-yaml'), (text, direction) => {
        const result = yamlJsonTool.run({ text }, { direction });
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});

describe('jsonSyntaxErrorOffset', () => {
  it('finds errors by hand', () => {
    expect(jsonSyntaxErrorOffset('{"a":[1,2],"b":{"c":null}}')).toBe(-1);
    expect(jsonSyntaxErrorOffset('[1,]')).toBe(3);
    expect(jsonSyntaxErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonSyntaxErrorOffset('"\\x"')).toBe(2);
    expect(jsonSyntaxErrorOffset('[01]')).toBe(2);
    expect(jsonSyntaxErrorOffset('  ')).toBe(2);
    expect(jsonSyntaxErrorOffset('\u00a0[]')).toBe(0);
  });

  it('does not overflow the stack on deep nesting', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonSyntaxErrorOffset(deep)).toBe(-1);
    expect(jsonSyntaxErrorOffset(`${deep}]`)).toBe(400_000);
  });

  // Near-JSON: JSON text with one character deleted, inserted or replaced.
  const brokenJson = fc
    .tuple(
      // Strings with control characters, so the JSON holds \u escapes to break.
      fc.jsonValue({ stringUnit: fc.constantFrom('a', '"', '\\', '\u0001', '\u001f', 'é', '\ud83d\ude00') }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.nat(),
      fc.constantFrom('delete', 'insert', 'replace'),
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', 'f', 'G', '-', '.', 'e', 't', ' ', '\n', '\u0001', '\u001f', 'x'),
    )
    .map(([json, at, edit, char]) => {
      const i = at % (json.length + 1);
      if (edit === 'insert') return json.slice(0, i) + char + json.slice(i);
      return json.slice(0, i) + (edit === 'replace' ? char : '') + json.slice(i + 1);
    });
  const jsonish = fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'u', 'A', '0', '1', '-', '.', 'e', 't', 'r', 'n', 'l', ' ', '\n'), maxLength: 12 });

  const unicodeEscape = fc.string({ unit: fc.constantFrom('0', '9', 'a', 'F', 'G', '"', ' '), maxLength: 5 }).map((hex) => `["\\u${hex}"]`);

  it('agrees with V8 on validity and on every position V8 reports', () => {
    fc.assert(
      fc.property(fc.oneof(brokenJson, jsonish, unicodeEscape), (text) => {
        let message: string | undefined;
        try {
          JSON.parse(text);
        } catch (error) {
          message = (error as Error).message;
        }
        const scanned = jsonSyntaxErrorOffset(text);
        if (message === undefined) {
          expect(scanned).toBe(-1);
          return;
        }
        const reported = /at position (\d+)/.exec(message)?.[1];
        if (reported !== undefined) expect(scanned).toBe(Number(reported));
        else if (message.includes('Unexpected end of JSON input')) expect(scanned).toBe(text.length);
        else expect(scanned).toBeGreaterThanOrEqual(0);
        expect(jsonErrorOffset(text, message)).toBe(scanned);
      }),
      { numRuns: 5000 },
    );
  });
});
