import type { Paragraph, PhrasingContent, Root } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import type {} from 'mdast-util-to-hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { toolIds } from '../tools/registry.ts';
import { failAt } from './fail-at.ts';

/**
 * remark-directive reads any `:word` in prose as a text directive: `nginx:1.25`,
 * `image:tag`, `at 10:30`, `C::D` would lose their colons. This plugin runs after the
 * plugins that own directives and turns every text directive they left alone back into
 * the exact source text (label Markdown kept, e.g. `a:b[**c**]`).
 *
 * A plugin "owns" a directive by giving it `data.hName`; such nodes are skipped.
 * A leaf directive (`::name` alone on a line) is never prose, so one whose name is not
 * in `leafNames` fails the build at its line and column, naming the valid ones. One whose
 * name is known but which no plugin took is restored as a paragraph of its source text.
 * Container directives are owned by remark-callouts, which fails on unknown names.
 */
export interface RemarkRestoreDirectivesOptions {
  /** Leaf directive names that are valid (`::base64`). Default: the tool ids from src/tools/registry.ts. */
  leafNames?: readonly string[];
}

export function remarkRestoreDirectives(options: RemarkRestoreDirectivesOptions = {}) {
  const leafNames = options.leafNames ?? toolIds;

  return (tree: Root, file: VFile): void => {
    const source = typeof file.value === 'string' ? file.value : undefined;
    visit(tree, (node, index, parent) => {
      if (node.type !== 'textDirective' && node.type !== 'leafDirective') return;
      if (node.data?.hName || !parent || index === undefined) return;

      if (node.type === 'leafDirective') {
        if (!leafNames.includes(node.name)) {
          const valid = leafNames.length > 0 ? leafNames.map((n) => `::${n}`).join(', ') : 'none';
          failAt(file, `Unknown directive "::${node.name}". Valid directives: ${valid}.`, node, 'UNKNOWN_DIRECTIVE');
        }
        const paragraph: Paragraph = { type: 'paragraph', children: restore(node, source, '::') };
        if (node.position) paragraph.position = node.position;
        parent.children.splice(index, 1, paragraph);
        return [SKIP, index + 1];
      }

      const restored = restore(node, source, ':');
      parent.children.splice(index, 1, ...restored);
      return [SKIP, index + restored.length];
    });
  };
}

/** The directive as the text it was written as, with its label's parsed content kept. */
function restore(node: TextDirective | LeafDirective, source: string | undefined, marker: string): PhrasingContent[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const first = node.children[0];
  const last = node.children.at(-1);
  const labelStart = first?.position?.start.offset;
  const labelEnd = last?.position?.end.offset;

  if (source !== undefined && start !== undefined && end !== undefined) {
    if (!first) return [text(source.slice(start, end))];
    if (labelStart !== undefined && labelEnd !== undefined) {
      return [text(source.slice(start, labelStart)), ...node.children, text(source.slice(labelEnd, end))];
    }
  }
  // No source positions (a node made by another plugin): write it out again.
  const attributes = serialiseAttributes(node.attributes);
  if (node.children.length === 0) return [text(`${marker}${node.name}${attributes}`)];
  return [text(`${marker}${node.name}[`), ...node.children, text(`]${attributes}`)];
}

function serialiseAttributes(attributes: TextDirective['attributes']): string {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => (!v ? k : v.includes('"') ? `${k}='${v}'` : `${k}="${v}"`)).join(' ')}}`;
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}
