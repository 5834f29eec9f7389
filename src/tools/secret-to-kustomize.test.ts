import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tools } from './registry.ts';
import { secretToKustomizeTool } from './secret-to-kustomize.ts';
import type { ToolResult } from './tool.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../tests/fixtures/manifests/${name}`, import.meta.url), 'utf8');

function okOf(result: ToolResult): Extract<ToolResult, { ok: true }> {
  if (!result.ok) expect.fail(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result;
}

const SECRET = (data: string, type = 'Opaque'): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: ${type}\ndata:\n${data}`;

describe('secretToKustomizeTool: definition', () => {
  it('is the tool the registry names, with documented options off by default', () => {
    expect(tools.some((t) => t.id === secretToKustomizeTool.id)).toBe(true);
    expect(secretToKustomizeTool.options.map((o) => [o.id, o.default])).toEqual([
      ['literals', false],
      ['disableNameSuffixHash', false],
    ]);
    for (const option of secretToKustomizeTool.options) expect(option.description).toMatch(/Default/);
  });

  it('has the named examples, and each one runs', () => {
    expect(Object.keys(secretToKustomizeTool.examples)).toEqual(['docker-reg', 'opaque', 'tls', 'multi']);
    for (const text of Object.values(secretToKustomizeTool.examples)) okOf(secretToKustomizeTool.run({ text }, {}));
  });

  it('takes its docker-reg example from kubectl unchanged', () => {
    expect(secretToKustomizeTool.examples['docker-reg']).toBe(fixture('docker-registry.yaml'));
  });

  it('takes its opaque example lines from the kubectl-made fixture', () => {
    const lines = fixture('generic-literals.yaml').split('\n');
    for (const line of secretToKustomizeTool.examples.opaque.trimEnd().split('\n')) expect(lines).toContain(line);
  });

  it('has a TLS example whose certificate and key belong together', () => {
    const secret = parse(secretToKustomizeTool.examples.tls) as { data: Record<string, string> };
    const cert = new X509Certificate(Buffer.from(secret.data['tls.crt'] ?? '', 'base64'));
    const key = createPrivateKey(Buffer.from(secret.data['tls.key'] ?? '', 'base64'));
    expect(cert.checkPrivateKey(key)).toBe(true);
  });
});

describe('secretToKustomizeTool: run', () => {
  it('puts kustomization.yaml first, then one output per file, with text or facts', () => {
    const result = okOf(secretToKustomizeTool.run({ text: SECRET('  note.txt: aGVsbG8K\n  blob: AP8BAg==\n') }, {}));
    expect(result.outputs.map((o) => [o.label, o.fileName])).toEqual([
      ['kustomization.yaml', 'kustomization.yaml'],
      ['note.txt', 'note.txt'],
      ['blob', 'blob'],
    ]);
    const [kustomization, note, blob] = result.outputs;
    expect(new TextDecoder().decode(kustomization?.bytes)).toBe(kustomization?.text);
    expect(note?.text).toBe('hello\n');
    expect([...(note?.bytes ?? [])]).toEqual([0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x0a]);
    expect(blob?.text).toBeUndefined();
    expect([...(blob?.bytes ?? [])]).toEqual([0x00, 0xff, 0x01, 0x02]);
    expect(blob?.facts).toEqual([
      ['Key', 'blob'],
      ['Secret', 's'],
      ['Size', '4 bytes'],
      ['First bytes', '00 ff 01 02'],
    ]);
  });

  it('keeps markup-looking values as plain text, in files and in literals', () => {
    // base64 of <script>alert(1)</script>
    const text = SECRET('  html: PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\n');
    expect(okOf(secretToKustomizeTool.run({ text }, {})).outputs[1]?.text).toBe('<script>alert(1)</script>');
    expect(okOf(secretToKustomizeTool.run({ text }, { literals: true })).outputs[0]?.text).toContain('- html=<script>alert(1)</script>\n');
  });

  it('adds generatorOptions when names must stay exact', () => {
    const [kustomization] = okOf(secretToKustomizeTool.run({ text: SECRET('  a: YQ==\n') }, { disableNameSuffixHash: true })).outputs;
    expect((parse(kustomization?.text ?? '') as { generatorOptions?: unknown }).generatorOptions).toEqual({ disableNameSuffixHash: true });
  });

  it('reads an opened file given as bytes, and refuses bytes that are not text', () => {
    const bytes = new TextEncoder().encode(SECRET('  a: YQ==\n'));
    expect(okOf(secretToKustomizeTool.run({ bytes }, {})).outputs).toHaveLength(2);
    const result = secretToKustomizeTool.run({ bytes: new Uint8Array([0xff, 0xfe, 0x00]) }, {});
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['NOT_TEXT']);
  });

  it('passes on reading errors with their position', () => {
    const result = secretToKustomizeTool.run({ text: SECRET('  a: YQ=!\n') }, {});
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.position?.line, e.position?.column])).toEqual([['BAD_BASE64', 7, 9]]);
  });

  it('shows what a registry credential holds', () => {
    const result = okOf(secretToKustomizeTool.run({ text: fixture('docker-registry.yaml') }, {}));
    expect(result.messages).toEqual([
      { level: 'info', text: 'Secret "docker-reg": registry registry.example.com, user "ci-bot", email ci@example.com; auth is base64 of username:password.' },
    ]);
    expect(result.outputs.map((o) => o.fileName)).toEqual(['kustomization.yaml', 'docker-reg.json']);
    expect(result.outputs[0]?.text).toContain('- .dockerconfigjson=docker-reg.json\n');
  });

  it('warns when a registry credential does not add up', () => {
    // {"auths":{"r":{"username":"u","password":"p","auth":"b3RoZXI6cHc="}}}: auth says other:pw.
    const payload = Buffer.from('{"auths":{"r":{"username":"u","password":"p","auth":"b3RoZXI6cHc="}}}').toString('base64');
    const mismatch = okOf(secretToKustomizeTool.run({ text: SECRET(`  .dockerconfigjson: ${payload}\n`, 'kubernetes.io/dockerconfigjson') }, {}));
    expect(mismatch.messages.map((m) => m.level)).toEqual(['warning']);
    expect(mismatch.messages[0]?.text).toContain('auth is not base64 of username:password (auth holds user "other")');
    const missing = okOf(secretToKustomizeTool.run({ text: SECRET('  other: YQ==\n', 'kubernetes.io/dockerconfigjson') }, {}));
    expect(missing.messages).toEqual([{ level: 'warning', text: 'Secret "s" has type kubernetes.io/dockerconfigjson but no .dockerconfigjson key.' }]);
  });
});
