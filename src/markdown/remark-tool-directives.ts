import type { ElementContent, Properties } from 'hast';
import { h } from 'hastscript';
import type { Root } from 'mdast';
import type {} from 'mdast-util-to-hast';
import type { LeafDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { withBase } from '../lib/base-path.ts';
import { tools as registryTools, type ToolMeta } from '../tools/registry.ts';
import { metaAttribute } from './code-meta.ts';
import { failAt } from './fail-at.ts';
import { frontmatterOf } from './vfile-frontmatter.ts';

/**
 * `::<tool-id>` on its own line embeds a tool (ids from src/tools/registry.ts):
 *
 *   ::secret-to-kustomize{example="secret-docker-reg.yaml"}
 *
 * becomes the element the tool shell (client/fn-tool.ts) upgrades:
 *
 *   <fn-tool data-tool="secret-to-kustomize" data-example="…text of the code block…">
 *     <p class="fn-tool__fallback"><a href="<base>tools/secret-to-kustomize/">Open the … tool</a></p>
 *   </fn-tool>
 *
 * - `example="<title>"` copies the text of the code block in the same page whose fence says
 *   title="<title>" into `data-example`, so the tool opens prefilled with it. A title no block
 *   has fails the build, naming the titles the page has.
 * - `<option>="<value>"` presets a tool option as `data-option-<option>`, for the option ids
 *   listed for that tool in `optionIds`. Any other attribute, or a `[label]`, fails the build.
 *
 * The ids a page embeds go to `frontmatter.tools` (string[], document order, no repeats;
 * [] when none) so the layout ships the tool shell only where it is used.
 * Only the registry's metadata is read; a tool's code is never loaded at build time.
 */
export interface RemarkToolDirectivesOptions {
  /** The site's base path, "/" or "/sub/", for the fallback link. Default: "/". */
  base?: string;
  /** The tools a page may embed. Default: every tool in src/tools/registry.ts. */
  tools?: ReadonlyArray<Pick<ToolMeta, 'id' | 'title'>>;
  /**
   * Per tool id, the option ids a directive may preset (`mode="encode"` → `data-option-mode`).
   * Default: {} — no presets; the registry's metadata does not list options yet.
   */
  optionIds?: Readonly<Record<string, readonly string[]>>;
}

export function remarkToolDirectives(options: RemarkToolDirectivesOptions = {}) {
  const base = options.base ?? '/';
  const tools = options.tools ?? registryTools;
  const optionIds = options.optionIds ?? {};

  return (tree: Root, file: VFile): void => {
    const used: string[] = [];
    let codeTitles: Map<string, string> | undefined;

    visit(tree, 'leafDirective', (node) => {
      const tool = tools.find((t) => t.id === node.name);
      if (!tool) return; // Not ours: remark-restore-directives reports unknown names.

      if (node.children.length > 0) {
        failAt(file, `"::${tool.id}" takes no [label]; the tool's title is used.`, node, 'BAD_TOOL_LABEL');
      }
      const presets = optionIds[tool.id] ?? [];
      const properties: Properties = { dataTool: tool.id };
      for (const [name, value] of Object.entries(node.attributes ?? {})) {
        if (name === 'example') {
          codeTitles ??= collectCodeTitles(tree);
          properties['dataExample'] = exampleText(file, node, value ?? '', codeTitles);
        } else if (presets.includes(name)) {
          properties[`data-option-${name}`] = value ?? '';
        } else {
          const valid = ['example', ...presets].map((a) => `${a}="…"`).join(', ');
          failAt(file, `"::${tool.id}" has no attribute "${name}". Valid attributes: ${valid}.`, node, 'BAD_TOOL_ATTRIBUTE');
        }
      }

      const element = h('fn-tool', properties, [
        h('p', { className: ['fn-tool__fallback'] }, [h('a', { href: withBase(base, `/tools/${tool.id}/`) }, `Open the ${tool.title} tool`)]),
      ]);
      const children: ElementContent[] = element.children;
      node.data = { ...node.data, hName: 'fn-tool', hProperties: element.properties, hChildren: children };
      if (!used.includes(tool.id)) used.push(tool.id);
    });

    frontmatterOf(file)['tools'] = used;
  };
}

/** Code blocks by their fence `title="…"`; the first block wins when two share a title. */
function collectCodeTitles(tree: Root): Map<string, string> {
  const titles = new Map<string, string>();
  visit(tree, 'code', (code) => {
    const title = metaAttribute(code.meta, 'title');
    if (title !== undefined && !titles.has(title)) titles.set(title, code.value);
  });
  return titles;
}

function exampleText(file: VFile, node: LeafDirective, title: string, titles: Map<string, string>): string {
  const text = titles.get(title);
  if (text !== undefined) return text;
  const available = titles.size > 0 ? [...titles.keys()].map((t) => `"${t}"`).join(', ') : 'none (add title="…" after a code fence\'s language)';
  return failAt(file, `"::${node.name}" names example "${title}", but no code block in this page has that title. Titled code blocks: ${available}.`, node, 'UNKNOWN_EXAMPLE');
}
