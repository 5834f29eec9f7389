import { describe, expect, it } from 'vitest';
import { parse, parseDocument, isMap, isScalar } from 'yaml';
import type { Scalar } from 'yaml';
import {
  MAX_LITERAL_LENGTH,
  buildKustomization,
  isValidDataKey,
  literalValue,
  preferredFileName,
  readGeneratorResources,
  sourceOffsetInScalar,
  toYaml,
} from './kustomize-generators.ts';
import type { GeneratorResource, KustomizeError, ManifestReading } from './kustomize-generators.ts';

/** The parts of a kustomization these tests look into. */
interface KustomizationShape {
  secretGenerator?: Array<{ files?: string[]; options?: unknown }>;
  configMapGenerator?: Array<{ files?: string[] }>;
}
const kustomizationOf = (text: string, version: '1.1' | '1.2' = '1.2'): KustomizationShape => parse(text, { version }) as KustomizationShape;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function resourcesOf(reading: ManifestReading): GeneratorResource[] {
  if (!reading.ok) expect.fail(`unexpected errors: ${JSON.stringify(reading.errors)}`);
  return reading.resources;
}

function errorsOf(reading: ManifestReading): KustomizeError[] {
  if (reading.ok) expect.fail('expected errors');
  return reading.errors;
}

/** code, line and column of each error, the parts a user sees. */
const where = (errors: KustomizeError[]): Array<[string, number | undefined, number | undefined]> =>
  errors.map((e) => [e.code, e.position?.line, e.position?.column]);

const SECRET_HEAD = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n';

describe('readGeneratorResources: reading', () => {
  it('decodes data and lets stringData win for the same key', () => {
    const reading = readGeneratorResources(
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: kubernetes.io/basic-auth\ndata:\n  username: b2xkLXVzZXI=\n  password: cHc=\nstringData:\n  username: app_user\n',
    );
    const [db] = resourcesOf(reading);
    expect(db?.type).toBe('kubernetes.io/basic-auth');
    // The key keeps its place; only its value changes.
    expect(db?.entries.map((e) => [e.key, text(e.bytes)])).toEqual([
      ['username', 'app_user'],
      ['password', 'pw'],
    ]);
    expect(reading.messages.map((m) => m.text)).toEqual(['Secret "db" (document 1): stringData "username" replaces data "username", as the API server would.']);
  });

  it('leaves out the type when it is Opaque, which is what kustomize writes anyway', () => {
    const [secret] = resourcesOf(readGeneratorResources(`${SECRET_HEAD}  a: YQ==\ntype: Opaque\n`));
    expect(secret?.type).toBeUndefined();
  });

  it('reads ConfigMap data as text and binaryData as bytes', () => {
    const reading = readGeneratorResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a.txt: "x\\n"\nbinaryData:\n  b.bin: AP8=\n  c.txt: aGk=\n');
    const [config] = resourcesOf(reading);
    expect(config?.entries.map((e) => [e.key, [...e.bytes]])).toEqual([
      ['a.txt', [0x78, 0x0a]],
      ['b.bin', [0x00, 0xff]],
      ['c.txt', [0x68, 0x69]],
    ]);
    expect(reading.messages).toHaveLength(1);
    expect(reading.messages[0]?.text).toContain('binaryData "c.txt" is valid UTF-8 text, so kustomize will put it under data');
  });

  it('keeps namespace, labels, annotations and immutable, and drops the last-applied copy', () => {
    const reading = readGeneratorResources(
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: s',
        '  namespace: shop',
        '  uid: 123',
        '  ownerReferences: []',
        '  labels: {app: web, tier: "yes"}',
        '  annotations:',
        '    note: "<img src=x onerror=alert(1)>"',
        '    kubectl.kubernetes.io/last-applied-configuration: "{}"',
        'immutable: true',
        '',
      ].join('\n'),
    );
    const [secret] = resourcesOf(reading);
    expect(secret).toMatchObject({
      namespace: 'shop',
      labels: [
        ['app', 'web'],
        ['tier', 'yes'],
      ],
      annotations: [['note', '<img src=x onerror=alert(1)>']],
      immutable: true,
      entries: [],
    });
    const texts = reading.messages.map((m) => m.text);
    expect(texts.some((t) => t.includes('left out the kubectl.kubernetes.io/last-applied-configuration annotation'))).toBe(true);
    // uid is the server's business; ownerReferences is the user's and deserves a word.
    expect(texts.some((t) => t.includes('metadata.ownerReferences') && !t.includes('uid'))).toBe(true);
  });

  it('reads several documents and kind: List items, ignoring empty documents', () => {
    const reading = readGeneratorResources(
      [
        '# only a comment',
        '---',
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- {apiVersion: v1, kind: ConfigMap, metadata: {name: one}}',
        '- {apiVersion: v1, kind: Service, metadata: {name: svc}}',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: two}',
        '---',
        '',
      ].join('\n'),
    );
    expect(resourcesOf(reading).map((r) => [r.kind, r.name, r.origin])).toEqual([
      ['ConfigMap', 'one', 'document 1, item 1'],
      ['Secret', 'two', 'document 2'],
    ]);
    expect(reading.messages.map((m) => [m.level, m.text])).toEqual([
      ['warning', 'Skipped Service "svc" (document 1, item 2): only v1 Secrets and ConfigMaps become generators.'],
    ]);
  });

  it('names every skipped object with its kind, name and document number', () => {
    const reading = readGeneratorResources(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\nmetadata: {name: nameless}\n---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: sealed}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: real}\n',
    );
    expect(resourcesOf(reading).map((r) => r.name)).toEqual(['real']);
    expect(reading.messages.map((m) => m.text)).toEqual([
      'Skipped Deployment (apps/v1) "web" (document 1): only v1 Secrets and ConfigMaps become generators.',
      'Skipped document 2: it has no kind, so it is not a Secret or ConfigMap.',
      'Skipped SealedSecret (bitnami.com/v1alpha1) "sealed" (document 3): only v1 Secrets and ConfigMaps become generators.',
    ]);
  });

  it('keeps markup-looking values as exact data', () => {
    const [secret] = resourcesOf(
      readGeneratorResources(`${SECRET_HEAD}  html: PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\nstringData:\n  js: "javascript:alert('x')"\n`),
    );
    expect(secret?.entries.map((e) => text(e.bytes))).toEqual(['<script>alert(1)</script>', "javascript:alert('x')"]);
  });

  it('reads CRLF input like LF input', () => {
    const lf = `${SECRET_HEAD}  a: QUJD\n    REVG\n  b: |\n    SEk=\n`;
    const fromCrlf = resourcesOf(readGeneratorResources(lf.replace(/\n/g, '\r\n')));
    const fromLf = resourcesOf(readGeneratorResources(lf));
    expect(fromCrlf).toEqual(fromLf);
    expect(fromLf[0]?.entries.map((e) => text(e.bytes))).toEqual(['ABCDEF', 'HI']);
  });
});

describe('readGeneratorResources: errors', () => {
  it('reports YAML syntax errors of every document with line and column', () => {
    // Line 2 starts with a tab; in document 2, the second "a" (line 6, column 3) repeats a key.
    const errors = errorsOf(readGeneratorResources('kind: Secret\n\tdata: x\n---\ndata:\n  a: 1\n  a: 2\n'));
    expect(where(errors)).toEqual([
      ['YAML_SYNTAX', 2, 1],
      ['YAML_SYNTAX', 6, 3],
    ]);
    expect(errors[0]?.position?.lineText).toBe('\tdata: x');
    expect(errors[1]?.message).toContain('unique');
  });

  it('points at a nested mapping written on one line', () => {
    // "a: b: c": the nested mapping starts at "b", column 4.
    expect(where(errorsOf(readGeneratorResources('a: b: c\n')))).toEqual([['YAML_SYNTAX', 1, 4]]);
  });

  it('points at the bad base64 character in a one-line value', () => {
    // Line 6 is "  password: cGFz!3dvcmQ="; the value starts at column 13, '!' is its 5th character.
    const errors = errorsOf(readGeneratorResources(`${SECRET_HEAD}  password: cGFz!3dvcmQ=\n`));
    expect(where(errors)).toEqual([['BAD_BASE64', 6, 17]]);
    expect(errors[0]?.message).toContain('Secret "creds" (document 1): data "password" is not valid base64');
    expect(errors[0]?.message).toContain("'!'");
  });

  it('points at the bad character on a continuation line of a wrapped value, with LF or CRLF', () => {
    // Line 7 is "    RE*G": '*' is at column 7.
    const input = `${SECRET_HEAD}  blob: QUJD\n    RE*G\n`;
    expect(where(errorsOf(readGeneratorResources(input)))).toEqual([['BAD_BASE64', 7, 7]]);
    expect(where(errorsOf(readGeneratorResources(input.replace(/\n/g, '\r\n'))))).toEqual([['BAD_BASE64', 7, 7]]);
  });

  it('points at the bad character inside a block scalar', () => {
    // Line 9 is "    SEl%": '%' is at column 8.
    const input = `${SECRET_HEAD}  blob: |\n    QUJD\n    REVG\n    SEl%\n`;
    expect(where(errorsOf(readGeneratorResources(input)))).toEqual([['BAD_BASE64', 9, 8]]);
  });

  it('points at the last character when the value is cut short', () => {
    // "  blob: QUJDR": one character after a full group cannot encode a byte; 'R' is at column 13.
    expect(where(errorsOf(readGeneratorResources(`${SECRET_HEAD}  blob: QUJDR\n`)))).toEqual([['BAD_BASE64', 6, 13]]);
  });

  it('rejects the URL-safe alphabet, which the API server does not decode', () => {
    // "  blob: ab-_": '-' is at column 11.
    expect(where(errorsOf(readGeneratorResources(`${SECRET_HEAD}  blob: ab-_\n`)))).toEqual([['BAD_BASE64', 6, 11]]);
  });

  it('falls back to the start of a quoted value when escapes make the mapping unsure', () => {
    // "  blob: \"QU\\x4aD!\"": the value is QUJD!, but the source has an escape; the quote is at column 9.
    expect(where(errorsOf(readGeneratorResources(`${SECRET_HEAD}  blob: "QU\\x4aD!"\n`)))).toEqual([['BAD_BASE64', 6, 9]]);
  });

  it('names bad binaryData in a ConfigMap too', () => {
    const errors = errorsOf(readGeneratorResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nbinaryData:\n  x: "@@"\n'));
    expect(errors[0]?.message).toContain('ConfigMap "c" (document 1): binaryData "x" is not valid base64');
    // The '@' right after the quote at column 6.
    expect(where(errors)).toEqual([['BAD_BASE64', 5, 7]]);
  });

  it('reports documents that are a list or a scalar', () => {
    const errors = errorsOf(readGeneratorResources('kind: ConfigMap\nmetadata: {name: c}\n---\n- a\n- b\n---\nhello\n'));
    expect(where(errors)).toEqual([
      ['NOT_A_MAPPING', 4, 1],
      ['NOT_A_MAPPING', 7, 1],
    ]);
    expect(errors[0]?.message).toBe('Document 2 is a list, not a Kubernetes object (a mapping with kind and metadata).');
    expect(errors[1]?.message).toContain('Document 3 is a string');
  });

  it('reports a missing name, with a word on generateName', () => {
    const errors = errorsOf(readGeneratorResources('apiVersion: v1\nkind: Secret\nmetadata:\n  generateName: tok-\n'));
    expect(where(errors)).toEqual([['MISSING_NAME', 4, 3]]);
    expect(errors[0]?.message).toContain('generateName cannot be kept');
    expect(where(errorsOf(readGeneratorResources('apiVersion: v1\nkind: ConfigMap\n')))).toEqual([['MISSING_NAME', 1, 1]]);
  });

  it('reports values that kubectl would not read as strings', () => {
    // Line 3: "true" starts at column 34. Line 5: port is a number at column 9. Line 6: enabled is
    // "yes", a YAML 1.1 boolean, at column 12. Line 7: a mapping at column 11.
    const errors = errorsOf(readGeneratorResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {on: true}}\ndata:\n  port: 5432\n  enabled: yes\n  nested: {a: b}\n'));
    expect(where(errors)).toEqual([
      ['NOT_A_STRING', 3, 34],
      ['NOT_A_STRING', 5, 9],
      ['NOT_A_STRING', 6, 12],
      ['NOT_A_STRING', 7, 11],
    ]);
    expect(errors[2]?.message).toContain('which kubectl reads as a boolean (YAML 1.1); put it in quotes');
  });

  it('reports keys Kubernetes would reject', () => {
    const errors = errorsOf(readGeneratorResources(`${SECRET_HEAD}  "my key": YQ==\n  ../up: YQ==\n  ok: YQ==\n`));
    expect(where(errors)).toEqual([
      ['INVALID_KEY', 6, 3],
      ['INVALID_KEY', 7, 3],
    ]);
  });

  it('reports a key in both data and binaryData of a ConfigMap', () => {
    const errors = errorsOf(readGeneratorResources('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  k: v\nbinaryData:\n  k: AA==\n'));
    expect(where(errors)).toEqual([['DUPLICATE_KEY', 7, 3]]);
  });

  it('reports immutable that is not a boolean', () => {
    expect(where(errorsOf(readGeneratorResources('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nimmutable: "true"\n')))).toEqual([['NOT_A_BOOLEAN', 4, 12]]);
  });

  it('reports the same object twice', () => {
    const errors = errorsOf(readGeneratorResources('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n'));
    expect(errors.map((e) => e.code)).toEqual(['DUPLICATE_RESOURCE']);
    expect(errors[0]?.message).toContain('document 1');
  });

  it('tells apart the same name in other namespaces or kinds', () => {
    const reading = readGeneratorResources(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\n',
    );
    expect(resourcesOf(reading)).toHaveLength(3);
  });

  it('says when there is nothing to generate', () => {
    expect(errorsOf(readGeneratorResources('')).map((e) => e.code)).toEqual(['NO_RESOURCES']);
    const reading = readGeneratorResources('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n');
    expect(errorsOf(reading).map((e) => e.code)).toEqual(['NO_RESOURCES']);
    expect(reading.messages[0]?.text).toContain('Skipped Deployment');
  });
});

describe('sourceOffsetInScalar', () => {
  function valueScalar(source: string): Scalar {
    const doc = parseDocument(source);
    const node = isMap(doc.contents) ? doc.contents.items[0]?.value : undefined;
    if (!isScalar(node)) throw new Error('test input must be "k: <scalar>"');
    return node;
  }

  it.each([
    ['k: abc!', 3, 6],
    ['k: "abc!"', 3, 7],
    ["k: 'abc!'", 3, 7],
    // Folding turns the line break into one space, so '!' is value character 5 in these.
    ['k: ab\n  cd!', 5, 10],
    ['k: |\n  ab\n  cd!\n', 5, 14],
    ['k: >-\n  ab\n  cd!\n', 5, 15],
  ])('%j: value offset %i is source offset %i', (source, valueOffset, expected) => {
    expect(sourceOffsetInScalar(source, valueScalar(source), valueOffset)).toBe(expected);
    expect(source[expected]).toBe('!');
  });

  it('points just after the last character for an error at the end', () => {
    expect(sourceOffsetInScalar('k: abc', valueScalar('k: abc'), 3)).toBe(6);
  });

  it('gives up where escapes change the characters', () => {
    expect(sourceOffsetInScalar('k: "a\\x41!"', valueScalar('k: "a\\x41!"'), 2)).toBeUndefined();
  });
});

describe('isValidDataKey', () => {
  it.each(['a', 'tls.crt', '.dockerconfigjson', 'A_b-9', '.x', 'k'.repeat(253)])('accepts %s', (key) => {
    expect(isValidDataKey(key)).toBe(true);
  });
  it.each(['', '.', '..', '..x', 'a b', 'a/b', 'a=b', 'é', 'k'.repeat(254)])('rejects %j', (key) => {
    expect(isValidDataKey(key)).toBe(false);
  });
});

describe('literalValue', () => {
  it.each([
    ['admin', 'admin'],
    ['', ''],
    ['p@ss w0rd!', 'p@ss w0rd!'],
    ['a=b=c', 'a=b=c'],
    ['grüße', 'grüße'],
    ['x'.repeat(MAX_LITERAL_LENGTH), 'x'.repeat(MAX_LITERAL_LENGTH)],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%j is a literal', (value, expected) => {
    expect(literalValue(utf8(value))).toBe(expected);
  });

  it.each([
    ['x'.repeat(MAX_LITERAL_LENGTH + 1), 'too long'],
    ['line\nbreak', 'line break'],
    ['tab\there', 'tab'],
    [' lead', 'leading blank'],
    ['trail ', 'trailing blank'],
    ["'quoted'", 'kustomize strips matching quotes'],
    ['"half', 'starts with a quote'],
    ['no\u00a0break', 'non-breaking space'],
    ['zero\u200bwidth', 'invisible format character'],
    ['\ufeffbom', 'byte order mark'],
  ])('%j is a file (%s)', (value) => {
    expect(literalValue(utf8(value))).toBeUndefined();
  });

  it('is a file when the bytes are not UTF-8', () => {
    expect(literalValue(new Uint8Array([0x66, 0xff]))).toBeUndefined();
  });
});

describe('preferredFileName', () => {
  it.each([
    ['username', 'app', false, 'username'],
    ['username', 'app', true, 'app.username'],
    ['.dockerconfigjson', 'docker-reg', false, 'docker-reg.json'],
    ['.dockerconfigjson', 'docker-reg', true, 'docker-reg.json'],
    ['.dockercfg', 'old', false, 'old.dockercfg.json'],
    ['.env', 'app', false, 'env'],
    ['.env', 'app', true, 'app.env'],
    ['con', 'app', false, 'con_'],
    ['-flag', 'app', false, 'flag'],
  ])('key %s of %s (prefixed: %s) → %s', (key, prefix, prefixed, expected) => {
    expect(preferredFileName(key, prefix, prefixed)).toBe(expected);
  });
});

function resource(partial: Partial<GeneratorResource> & Pick<GeneratorResource, 'name'>): GeneratorResource {
  return { kind: 'Secret', labels: [], annotations: [], immutable: false, entries: [], origin: 'document 1', ...partial };
}

const entry = (key: string, value: string): { key: string; bytes: Uint8Array } => ({ key, bytes: utf8(value) });
const off = { literals: false, disableNameSuffixHash: false };

describe('buildKustomization', () => {
  it('uses plain keys as file names and key=file for the rest', () => {
    const build = buildKustomization(
      [resource({ name: 'docker-reg', type: 'kubernetes.io/dockerconfigjson', entries: [entry('.dockerconfigjson', '{}'), entry('username', 'u')] })],
      off,
    );
    expect(build.kustomization).toBe(
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'secretGenerator:',
        '  - name: docker-reg',
        '    type: kubernetes.io/dockerconfigjson',
        '    files:',
        '      - .dockerconfigjson=docker-reg.json',
        '      - username',
        '',
      ].join('\n'),
    );
    expect(build.files.map((f) => [f.fileName, f.key, text(f.bytes)])).toEqual([
      ['docker-reg.json', '.dockerconfigjson', '{}'],
      ['username', 'username', 'u'],
    ]);
  });

  it('prefixes every file with its resource name when there are several resources', () => {
    const build = buildKustomization(
      [
        resource({ name: 'app-tls', type: 'kubernetes.io/tls', entries: [entry('tls.crt', 'A'), entry('tls.key', 'B')] }),
        resource({ name: 'api-tls', namespace: 'edge', type: 'kubernetes.io/tls', entries: [entry('tls.crt', 'C'), entry('tls.key', 'D')] }),
      ],
      off,
    );
    expect(build.files.map((f) => f.fileName)).toEqual(['app-tls.tls.crt', 'app-tls.tls.key', 'api-tls.tls.crt', 'api-tls.tls.key']);
    expect(parse(build.kustomization) as unknown).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      secretGenerator: [
        { name: 'app-tls', type: 'kubernetes.io/tls', files: ['tls.crt=app-tls.tls.crt', 'tls.key=app-tls.tls.key'] },
        { name: 'api-tls', namespace: 'edge', type: 'kubernetes.io/tls', files: ['tls.crt=api-tls.tls.crt', 'tls.key=api-tls.tls.key'] },
      ],
    });
  });

  it('tells apart a Secret and a ConfigMap of the same name by kind', () => {
    const build = buildKustomization([resource({ name: 'app', entries: [entry('a', '1')] }), resource({ name: 'app', kind: 'ConfigMap', entries: [entry('a', '2')] })], off);
    expect(build.files.map((f) => f.fileName)).toEqual(['app-secret.a', 'app-configmap.a']);
  });

  it('never names a file like a kustomization file, and tells apart keys that differ only in case', () => {
    const build = buildKustomization(
      [resource({ name: 'c', kind: 'ConfigMap', entries: [entry('kustomization.yaml', ''), entry('Kustomization', ''), entry('token', ''), entry('Token', '')] })],
      off,
    );
    expect(build.files.map((f) => f.fileName)).toEqual(['kustomization-2.yaml', 'Kustomization-2', 'token', 'Token-2']);
    expect(kustomizationOf(build.kustomization).configMapGenerator?.[0]?.files).toEqual([
      'kustomization.yaml=kustomization-2.yaml',
      'Kustomization=Kustomization-2',
      'token',
      'Token=Token-2',
    ]);
  });

  it('writes short text as literals when asked, and the rest as files', () => {
    const build = buildKustomization(
      [resource({ name: 's', entries: [entry('user', 'admin'), entry('cert', '-----BEGIN\nx\n'), entry('html', '<b>x</b>')] })],
      { literals: true, disableNameSuffixHash: true },
    );
    expect(parse(build.kustomization) as unknown).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      generatorOptions: { disableNameSuffixHash: true },
      secretGenerator: [{ name: 's', literals: ['user=admin', 'html=<b>x</b>'], files: ['cert'] }],
    });
    expect(build.files.map((f) => f.key)).toEqual(['cert']);
  });

  it('puts labels, annotations and immutable under options', () => {
    const build = buildKustomization(
      [resource({ name: 's', labels: [['on', 'yes']], annotations: [['note', 'line 1\nline 2\n']], immutable: true, entries: [entry('a', '')] })],
      off,
    );
    expect(kustomizationOf(build.kustomization, '1.1').secretGenerator?.[0]?.options).toEqual({
      labels: { on: 'yes' },
      annotations: { note: 'line 1\nline 2\n' },
      immutable: true,
    });
  });
});

describe('toYaml', () => {
  it('quotes strings that YAML 1.1 would read as something else', () => {
    expect(toYaml({ a: 'yes', b: 'on', c: '0777', d: 'y', e: 'plain' })).toBe('a: "yes"\nb: "on"\nc: "0777"\nd: "y"\ne: plain\n');
  });

  it('never folds long values', () => {
    const long = 'x'.repeat(300);
    expect(toYaml({ long })).toBe(`long: ${long}\n`);
  });
});
