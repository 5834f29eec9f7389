/**
 * Reads one `name="value"` pair from a code fence's meta string, the text after the
 * language: ```yaml title="kustomization.yaml" {2}
 * Double quotes, single quotes and bare values (no spaces) are accepted, as in the
 * meta syntax shiki and rehype-pretty-code document. Returns undefined when absent.
 */
export function metaAttribute(meta: string | null | undefined, name: string): string | undefined {
  if (!meta) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s)${escaped}=(?:"([^"]*)"|'([^']*)'|([^\\s"'{}]+))`).exec(meta);
  if (!match) return undefined;
  return match[1] ?? match[2] ?? match[3];
}
