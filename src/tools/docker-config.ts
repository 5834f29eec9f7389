import { encodeBase64 } from '../lib/base64.ts';
import { DOCKER_HUB_SERVER, dockerConfigJson } from '../lib/docker-config-json.ts';
import type { RegistryCredential } from '../lib/docker-config-json.ts';
import { KUSTOMIZATION_FILE_NAME, buildKustomization, toYaml } from '../lib/kustomize-generators.ts';
import { encodeUtf8 } from '../lib/text-bytes.ts';
import { optionValue } from './tool.ts';
import type { ToolDefinition, ToolError, ToolMessage, ToolOption, ToolOutput, ToolResult } from './tool.ts';

export type DockerConfigErrorCode = 'MISSING_FIELD' | 'INVALID_NAME' | 'INVALID_NAMESPACE';

/** RFC 1123 subdomain, what the API server requires of a Secret name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** RFC 1123 label, what the API server requires of a namespace. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const FIELDS = [
  { id: 'server', label: 'Registry server', type: 'text', placeholder: DOCKER_HUB_SERVER },
  { id: 'username', label: 'Username', type: 'text', required: true, placeholder: 'ci-bot' },
  { id: 'password', label: 'Password or token', type: 'password', required: true },
  { id: 'email', label: 'Email (optional)', type: 'email', placeholder: 'ci@example.com' },
] as const;

const OPTIONS = [
  {
    kind: 'text',
    id: 'name',
    label: 'Secret name',
    default: 'regcred',
    description: 'metadata.name of the Secret and the generator; also names the JSON file. Default regcred, as in the Kubernetes docs.',
    placeholder: 'regcred',
  },
  {
    kind: 'text',
    id: 'namespace',
    label: 'Namespace',
    default: '',
    description: 'metadata.namespace; empty (the default) leaves it out, so the Secret lands in the namespace it is applied to.',
    placeholder: 'default',
  },
] as const satisfies readonly ToolOption[];

function fieldLabel(id: string): string {
  return FIELDS.find((f) => f.id === id)?.label ?? id;
}

/** The manifest kubectl prints for the same Secret, without its `creationTimestamp: null` line. */
export function dockerRegistrySecretYaml(name: string, namespace: string, json: string): string {
  const metadata: Record<string, string> = { name };
  if (namespace !== '') metadata['namespace'] = namespace;
  // kubectl prints fields in alphabetical order (they pass through a JSON map).
  return toYaml({
    apiVersion: 'v1',
    data: { '.dockerconfigjson': encodeBase64(encodeUtf8(json)) },
    kind: 'Secret',
    metadata,
    type: 'kubernetes.io/dockerconfigjson',
  });
}

function textOutput(fileName: string, text: string): ToolOutput {
  return { label: fileName, fileName, bytes: encodeUtf8(text), text };
}

export const dockerConfigTool = {
  id: 'docker-config',
  inputLabel: 'Registry credential',
  hasMainInput: false,
  fields: FIELDS,
  options: OPTIONS,
  examples: {},
  run(_input, options, fields = {}): ToolResult {
    const errors: ToolError[] = [];
    const messages: ToolMessage[] = [];
    const value = (id: string): string => fields[id] ?? '';
    for (const id of ['username', 'password']) {
      if (value(id) === '') errors.push({ code: 'MISSING_FIELD', message: `${fieldLabel(id)} is required.` });
    }
    const name = optionValue<string>({ options: OPTIONS }, options, 'name').trim();
    const namespace = optionValue<string>({ options: OPTIONS }, options, 'namespace').trim();
    if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      errors.push({
        code: 'INVALID_NAME',
        message: `Secret name "${name}" is not valid: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.`,
      });
    }
    if (namespace !== '' && (namespace.length > 63 || !DNS_LABEL.test(namespace))) {
      errors.push({
        code: 'INVALID_NAMESPACE',
        message: `Namespace "${namespace}" is not valid: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.`,
      });
    }
    if (errors.length > 0) return { ok: false, errors, messages };

    let server = value('server');
    if (server === '') {
      server = DOCKER_HUB_SERVER;
      messages.push({ level: 'info', text: `No registry server given: using Docker Hub, ${DOCKER_HUB_SERVER}, as kubectl does.` });
    }
    const credential: RegistryCredential = { server, username: value('username'), password: value('password') };
    if (value('email') !== '') credential.email = value('email');
    for (const id of ['server', 'username', 'password', 'email']) {
      // Kept as typed, like kubectl does; a pasted token often drags a space or line break along.
      if (value(id) !== value(id).trim()) messages.push({ level: 'warning', text: `${fieldLabel(id)} starts or ends with whitespace; it is kept as typed.` });
    }

    const json = dockerConfigJson(credential);
    const jsonBytes = encodeUtf8(json);
    const build = buildKustomization(
      [
        {
          kind: 'Secret',
          name,
          ...(namespace === '' ? {} : { namespace }),
          type: 'kubernetes.io/dockerconfigjson',
          labels: [],
          annotations: [],
          immutable: false,
          entries: [{ key: '.dockerconfigjson', bytes: jsonBytes }],
          origin: 'the form',
        },
      ],
      { literals: false, disableNameSuffixHash: false },
    );
    const jsonFileName = build.files[0]?.fileName ?? `${name}.json`;
    return {
      ok: true,
      outputs: [
        { label: `.dockerconfigjson (${jsonFileName})`, fileName: jsonFileName, bytes: jsonBytes, text: json },
        textOutput('secret.yaml', dockerRegistrySecretYaml(name, namespace, json)),
        textOutput(KUSTOMIZATION_FILE_NAME, build.kustomization),
      ],
      messages,
    };
  },
} satisfies ToolDefinition;
