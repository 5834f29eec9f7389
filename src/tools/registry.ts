import type { ToolDefinition } from './tool.ts';

/**
 * Every tool, by id. The metadata is small and static so that the remark plugin and
 * the index page can read it; the tool's code loads only on a page that uses it.
 */
export interface ToolMeta {
  id: string;
  title: string;
  summary: string;
  load: () => Promise<ToolDefinition>;
}

export const tools = [
  {
    id: 'base64',
    title: 'Base64 decoder and encoder',
    summary: 'Decode base64 (standard or URL-safe) to text or exact bytes, or encode text and files.',
    load: async () => (await import('./base64.ts')).base64Tool,
  },
  {
    id: 'secret-to-kustomize',
    title: 'Secret to kustomize secretGenerator',
    summary: 'Turn Kubernetes Secret and ConfigMap manifests into a kustomization.yaml and the files it needs.',
    load: async () => (await import('./secret-to-kustomize.ts')).secretToKustomizeTool,
  },
  {
    id: 'docker-config',
    title: 'Registry credential builder',
    summary: 'Build a .dockerconfigjson, its Secret and its secretGenerator from a registry, user and token.',
    load: async () => (await import('./docker-config.ts')).dockerConfigTool,
  },
  {
    id: 'yaml-json',
    title: 'YAML ⇄ JSON converter',
    summary: 'Convert YAML (one or many documents) to JSON and JSON to YAML, with line and column on errors.',
    load: async () => (await import('./yaml-json.ts')).yamlJsonTool,
  },
] as const satisfies readonly ToolMeta[];

export type ToolId = (typeof tools)[number]['id'];

export const toolIds: readonly string[] = tools.map((t) => t.id);

export function findTool(id: string): ToolMeta | undefined {
  return tools.find((t) => t.id === id);
}
