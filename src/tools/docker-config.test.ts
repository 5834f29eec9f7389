import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dockerConfigTool, dockerRegistrySecretYaml } from './docker-config.ts';
import { tools } from './registry.ts';
import type { ToolResult } from './tool.ts';

function outputsOf(result: ToolResult) {
  if (!result.ok) expect.fail(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.outputs;
}

describe('dockerConfigTool', () => {
  it('is the tool the registry names, a form without a main input', () => {
    expect(tools.some((t) => t.id === dockerConfigTool.id)).toBe(true);
    expect(dockerConfigTool.hasMainInput).toBe(false);
    expect(dockerConfigTool.fields.filter((f) => 'required' in f && f.required).map((f) => f.id)).toEqual(['username', 'password']);
    expect(dockerConfigTool.options.map((o) => [o.id, o.default])).toEqual([
      ['name', 'regcred'],
      ['namespace', ''],
    ]);
  });

  it('builds the JSON, the Secret kubectl prints and the generator, from the defaults', () => {
    const result = dockerConfigTool.run({}, { namespace: 'team-a' }, { username: 'bob', password: 'p@ss"word' });
    const [json, secret, kustomization] = outputsOf(result);
    expect(json?.fileName).toBe('regcred.json');
    // The decoded .dockerconfigjson of the kubectl manifest below.
    expect(json?.text).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"bob","password":"p@ss\\"word","auth":"Ym9iOnBAc3Mid29yZA=="}}}');
    expect(new TextDecoder().decode(json?.bytes)).toBe(json?.text);
    // kubectl create secret docker-registry regcred -n team-a --docker-username=bob
    // --docker-password='p@ss"word' --dry-run=client -o yaml, less "creationTimestamp: null".
    expect(secret?.fileName).toBe('secret.yaml');
    expect(secret?.text).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJib2IiLCJwYXNzd29yZCI6InBAc3NcIndvcmQiLCJhdXRoIjoiWW05aU9uQkFjM01pZDI5eVpBPT0ifX19',
        'kind: Secret',
        'metadata:',
        '  name: regcred',
        '  namespace: team-a',
        'type: kubernetes.io/dockerconfigjson',
        '',
      ].join('\n'),
    );
    expect(kustomization?.fileName).toBe('kustomization.yaml');
    expect(parse(kustomization?.text ?? '') as unknown).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      secretGenerator: [{ name: 'regcred', namespace: 'team-a', type: 'kubernetes.io/dockerconfigjson', files: ['.dockerconfigjson=regcred.json'] }],
    });
    expect(result.messages).toEqual([{ level: 'info', text: 'No registry server given: using Docker Hub, https://index.docker.io/v1/, as kubectl does.' }]);
  });

  it('names the JSON file after the Secret and keeps the email', () => {
    const [json] = outputsOf(
      dockerConfigTool.run({}, { name: 'docker-reg' }, { server: 'registry.example.com', username: 'ci-bot', password: 'not-a-real-token-42', email: 'ci@example.com' }),
    );
    expect(json?.fileName).toBe('docker-reg.json');
    expect(json?.text).toContain('"email":"ci@example.com"');
  });

  it('names every missing required field', () => {
    const result = dockerConfigTool.run({}, {}, { server: 'r', username: '', password: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.message])).toEqual([
      ['MISSING_FIELD', 'Username is required.'],
      ['MISSING_FIELD', 'Password or token is required.'],
    ]);
    expect(dockerConfigTool.run({}, {}).ok).toBe(false);
  });

  it('rejects names and namespaces the API server would', () => {
    const result = dockerConfigTool.run({}, { name: 'My_Cred', namespace: 'a.b' }, { username: 'u', password: 'p' });
    expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['INVALID_NAME', 'INVALID_NAMESPACE']);
    expect(dockerConfigTool.run({}, { name: '' }, { username: 'u', password: 'p' }).ok).toBe(false);
    expect(dockerConfigTool.run({}, { name: 'a.b-c', namespace: 'x-1' }, { username: 'u', password: 'p' }).ok).toBe(true);
  });

  it('keeps blanks around a value, as kubectl does, but warns', () => {
    const result = dockerConfigTool.run({}, {}, { server: 'r', username: 'u', password: 'token\n' });
    expect(outputsOf(result)[0]?.text).toContain('"password":"token\\n"');
    expect(result.messages).toEqual([{ level: 'warning', text: 'Password or token starts or ends with whitespace; it is kept as typed.' }]);
  });

  it('keeps markup-looking values as data, escaped the way Go escapes them', () => {
    const [json] = outputsOf(dockerConfigTool.run({}, {}, { server: 'r', username: '<script>alert(1)</script>', password: 'p' }));
    expect(json?.text).toContain('"username":"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
  });
});

describe('dockerRegistrySecretYaml', () => {
  it('leaves out an empty namespace', () => {
    expect(dockerRegistrySecretYaml('r', '', '{}')).toBe('apiVersion: v1\ndata:\n  .dockerconfigjson: e30=\nkind: Secret\nmetadata:\n  name: r\ntype: kubernetes.io/dockerconfigjson\n');
  });
});
