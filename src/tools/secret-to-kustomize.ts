import { dockerConfigMessages } from '../lib/docker-config-json.ts';
import { KUSTOMIZATION_FILE_NAME, buildKustomization, readGeneratorResources } from '../lib/kustomize-generators.ts';
import type { GeneratedFile, KustomizeErrorCode } from '../lib/kustomize-generators.ts';
import { decodeUtf8Strict, encodeUtf8, hexPreview } from '../lib/text-bytes.ts';
import { optionValue, YAML_TOOL_WORKER_ABOVE } from './tool.ts';
import type { ToolDefinition, ToolMessage, ToolOption, ToolOutput, ToolResult } from './tool.ts';

/** Every error code this tool reports: the reader's, and one for an opened file that is not text. */
export type SecretToKustomizeErrorCode = KustomizeErrorCode | 'NOT_TEXT';

/** Made by `kubectl create secret docker-registry docker-reg --docker-server=registry.example.com --docker-username=ci-bot --docker-password=not-a-real-token-42 --docker-email=ci@example.com --dry-run=client -o yaml`. */
const DOCKER_REG_EXAMPLE = `apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJ1c2VybmFtZSI6ImNpLWJvdCIsInBhc3N3b3JkIjoibm90LWEtcmVhbC10b2tlbi00MiIsImVtYWlsIjoiY2lAZXhhbXBsZS5jb20iLCJhdXRoIjoiWTJrdFltOTBPbTV2ZEMxaExYSmxZV3d0ZEc5clpXNHROREk9In19fQ==
kind: Secret
metadata:
  creationTimestamp: null
  name: docker-reg
type: kubernetes.io/dockerconfigjson
`;

/** Made by `kubectl create secret generic app-credentials --from-literal=… --dry-run=client -o yaml`. */
const OPAQUE_EXAMPLE = `apiVersion: v1
data:
  dsn: cG9zdGdyZXM6Ly9hcHA6c2VjcmV0QGRiOjU0MzIvYXBwP3NzbG1vZGU9cmVxdWlyZSZ4PTx5Pg==
  password: cEBzcyB3MHJkISIj
  username: YWRtaW4=
kind: Secret
metadata:
  creationTimestamp: null
  name: app-credentials
`;

/** Made by `kubectl create secret tls app-tls --cert=app.crt --key=app.key --dry-run=client -o yaml` from a throwaway openssl EC key pair. */
const TLS_EXAMPLE = `apiVersion: v1
data:
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJpVENDQVMrZ0F3SUJBZ0lVVGFWMDZsVFNYZUFMdXoxaCtGcWcrcGM0UGVrd0NnWUlLb1pJemowRUF3SXcKR2pFWU1CWUdBMVVFQXd3UFlYQndMbVY0WVcxd2JHVXVZMjl0TUI0WERUSTJNVEV5TlRFNU5UZ3pNRm9YRFRJMgpNVEl5TlRFNU5UZ3pNRm93R2pFWU1CWUdBMVVFQXd3UFlYQndMbVY0WVcxd2JHVXVZMjl0TUZrd0V3WUhLb1pJCnpqMENBUVlJS29aSXpqMERBUWNEUWdBRXpaMzhzM2F3SVVKU09vWEZ5UkJNcXdPWGk1U2o5SUtEMmZkTGJSY1cKUy9CbjdHQ1hYVG5zWmRqUkdtTlRFUlRpTEp6VWYrRDBoODI5eXYrRFJGUWVaS05UTUZFd0hRWURWUjBPQkJZRQpGTWF0QVE3aFMwbXhpdHhlNmtYUzd5SmRDTmJ3TUI4R0ExVWRJd1FZTUJhQUZNYXRBUTdoUzBteGl0eGU2a1hTCjd5SmRDTmJ3TUE4R0ExVWRFd0VCL3dRRk1BTUJBZjh3Q2dZSUtvWkl6ajBFQXdJRFNBQXdSUUloQUp1dTBzblAKZlgrUkgxVGZLajVDaGNhZE5vN3J6Y20wY1RuMXpFYzhRbTFjQWlBempyM0IyY29CUEJnc1MvaEhPTkxMUnhCRApiaXRPU2k5SkpZQmlnL003MEE9PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEJHMHdhd0lCQVFRZ3dlS2QwZzdybjFUbTArbk4KL05RZ2wybk9DaVhYVWhpeUlldGR0VUFhWlFXaFJBTkNBQVRObmZ5emRyQWhRbEk2aGNYSkVFeXJBNWVMbEtQMApnb1BaOTB0dEZ4Wkw4R2ZzWUpkZE9leGwyTkVhWTFNUkZPSXNuTlIvNFBTSHpiM0svNE5FVkI1awotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==
kind: Secret
metadata:
  creationTimestamp: null
  name: app-tls
type: kubernetes.io/tls
`;

/** Hand-written: several documents, a Deployment that is skipped, labels, annotations, stringData. */
const MULTI_EXAMPLE = `# A Deployment is listed as skipped; the Secret and ConfigMap become generators.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secrets
  namespace: shop
  labels:
    app: web
  annotations:
    owner: team-shop
type: Opaque
data:
  api-key: c2tfdGVzdF81MUh4RkFLRUZBS0VGQUtF
stringData:
  db-password: correct horse battery staple
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  LOG_LEVEL: info
  nginx.conf: |
    server {
      listen 8080;
    }
`;

function fileOutput(file: GeneratedFile): ToolOutput {
  const text = decodeUtf8Strict(file.bytes);
  const facts: Array<[string, string]> = [
    ['Key', file.key],
    [file.resource.kind, file.resource.namespace ? `${file.resource.namespace}/${file.resource.name}` : file.resource.name],
    ['Size', `${file.bytes.length} bytes`],
  ];
  if (text === undefined) facts.push(['First bytes', file.bytes.length === 0 ? '(empty)' : hexPreview(file.bytes, 16)]);
  const output: ToolOutput = { label: file.fileName, fileName: file.fileName, bytes: file.bytes, facts };
  if (text !== undefined) output.text = text;
  return output;
}

const OPTIONS = [
  {
    kind: 'boolean',
    id: 'literals',
    label: 'Short values as literals',
    default: false,
    description:
      'Write single-line text values of up to 64 characters as `literals: - key=value` instead of files. Default off: every value is a file, so the kustomization holds no secret text.',
  },
  {
    kind: 'boolean',
    id: 'disableNameSuffixHash',
    label: 'Keep names exactly (no hash suffix)',
    default: false,
    description:
      'Add generatorOptions.disableNameSuffixHash, so kustomize names the objects as in the input instead of adding a content hash. Default off: the hash makes pods restart when a value changes.',
  },
] as const satisfies readonly ToolOption[];

export const secretToKustomizeTool = {
  id: 'secret-to-kustomize',
  inputLabel: 'Secret and ConfigMap manifests (YAML, one or more documents)',
  hasMainInput: true,
  workerAbove: YAML_TOOL_WORKER_ABOVE,
  accept: '.yaml,.yml,.json,application/yaml,application/json,text/yaml,text/plain',
  options: OPTIONS,
  examples: {
    'docker-reg': DOCKER_REG_EXAMPLE,
    opaque: OPAQUE_EXAMPLE,
    tls: TLS_EXAMPLE,
    multi: MULTI_EXAMPLE,
  },
  run(input, options): ToolResult {
    let text = input.text;
    if (text === undefined && input.bytes !== undefined) {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
      } catch {
        const code: SecretToKustomizeErrorCode = 'NOT_TEXT';
        return { ok: false, errors: [{ code, message: 'The file is not UTF-8 text; open a YAML manifest.' }], messages: [] };
      }
    }
    const reading = readGeneratorResources(text ?? '');
    if (!reading.ok) return reading;
    const messages: ToolMessage[] = [...reading.messages];
    for (const resource of reading.resources) {
      if (resource.type !== 'kubernetes.io/dockerconfigjson') continue;
      const owner = `Secret "${resource.name}"`;
      const payload = resource.entries.find((entry) => entry.key === '.dockerconfigjson');
      if (payload) messages.push(...dockerConfigMessages(payload.bytes, owner));
      else messages.push({ level: 'warning', text: `${owner} has type kubernetes.io/dockerconfigjson but no .dockerconfigjson key.` });
    }
    const build = buildKustomization(reading.resources, {
      literals: optionValue<boolean>({ options: OPTIONS }, options, 'literals'),
      disableNameSuffixHash: optionValue<boolean>({ options: OPTIONS }, options, 'disableNameSuffixHash'),
    });
    const kustomization: ToolOutput = {
      label: KUSTOMIZATION_FILE_NAME,
      fileName: KUSTOMIZATION_FILE_NAME,
      bytes: encodeUtf8(build.kustomization),
      text: build.kustomization,
    };
    return { ok: true, outputs: [kustomization, ...build.files.map(fileOutput)], messages };
  },
} satisfies ToolDefinition;
