import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
// Brings in the data.hName / hProperties / hChildren fields that remark-rehype reads.
import type {} from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { failAt } from './fail-at.ts';

/**
 * Callouts ("admonitions"), in two spellings:
 *
 *   :::tip[Optional custom title]        > [!WARNING]
 *   Body Markdown.                       > Body Markdown.
 *   :::
 *
 * Both become (class names for styles/prose.css):
 *
 *   <aside class="callout callout-tip" role="note" aria-label="Tip">
 *     <p class="callout-title">Tip</p>
 *     <div class="callout-body">…body…</div>
 *   </aside>
 *
 * - `callout` on every callout; `callout-note|tip|caution|danger` for the kind.
 * - `callout-title`: the visible title (the custom title's Markdown is kept, e.g. `code`).
 * - `callout-body`: the content.
 * role="note" keeps an <aside> inside <main> from becoming a complementary landmark per
 * callout (axe: landmark-complementary-is-top-level); aria-label names it by its title.
 *
 * GitHub's alert words map onto our four kinds and keep their word as the default title:
 * NOTE→note, TIP→tip, IMPORTANT→note, WARNING→caution, CAUTION→danger
 * (https://docs.github.com/en/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#alerts).
 * A blockquote whose first line is some other `[!WORD]` stays a blockquote, as on GitHub.
 * The directive names of Docusaurus and VitePress map the same way: `:::info` and
 * `:::important` → note, `:::warning` → caution, titled by their word.
 * An unknown container directive (`:::nope`) fails the build and names the valid kinds:
 * this plugin owns every container directive. Their title-after-a-space spelling
 * (`:::tip My title`, `::: tip`) is not a directive to Markdown and stays text; it gets a
 * warning that shows our spelling.
 */
export const calloutKinds = ['note', 'tip', 'caution', 'danger'] as const;
export type CalloutKind = (typeof calloutKinds)[number];

export interface RemarkCalloutsOptions {
  /**
   * Default title per kind, used when a directive has no `[custom title]`.
   * Default: { note: 'Note', tip: 'Tip', caution: 'Caution', danger: 'Danger' }.
   */
  titles?: Partial<Record<CalloutKind, string>>;
}

const defaultTitles: Record<CalloutKind, string> = { note: 'Note', tip: 'Tip', caution: 'Caution', danger: 'Danger' };

type Flow = ContainerDirective['children'][number];

const githubAlerts: Record<string, { kind: CalloutKind; title: string }> = {
  NOTE: { kind: 'note', title: 'Note' },
  TIP: { kind: 'tip', title: 'Tip' },
  IMPORTANT: { kind: 'note', title: 'Important' },
  WARNING: { kind: 'caution', title: 'Warning' },
  CAUTION: { kind: 'danger', title: 'Caution' },
};

const directiveAliases: Record<string, { kind: CalloutKind; title: string }> = {
  info: { kind: 'note', title: 'Info' },
  important: { kind: 'note', title: 'Important' },
  warning: { kind: 'caution', title: 'Warning' },
};

/** `:::tip My title` or `::: tip` at the start of a paragraph: a callout Markdown did not read. */
const unreadCallout = /^:::[ \t]*([A-Za-z]+)(?:[ \t]+([^\n]*))?(?:\n|$)/;

/** `[!NOTE]` alone on the first line of a blockquote's first paragraph. */
const alertMarker = /^\[!([A-Za-z]+)\][ \t]*(?:\r?\n|$)/;

function isCalloutKind(name: string): name is CalloutKind {
  return (calloutKinds as readonly string[]).includes(name);
}

export function remarkCallouts(options: RemarkCalloutsOptions = {}) {
  const titles: Record<CalloutKind, string> = { ...defaultTitles, ...options.titles };

  return (tree: Root, file: VFile): void => {
    visit(tree, (node) => {
      if (node.type === 'containerDirective') {
        // A directive another plugin (or this one) already turned into markup.
        if (node.data?.hName) return;
        fromDirective(node, titles, file);
        return;
      }
      if (node.type === 'blockquote') fromGitHubAlert(node);
      if (node.type === 'paragraph') warnIfUnreadCallout(node, file);
      return;
    });
  };
}

function fromDirective(node: ContainerDirective, titles: Record<CalloutKind, string>, file: VFile): void {
  const name = node.name;
  const alias = directiveAliases[name];
  if (!isCalloutKind(name) && !alias) {
    failAt(
      file,
      `Unknown callout ":::${name}". Valid callouts: ${[...calloutKinds, ...Object.keys(directiveAliases)].map((k) => `:::${k}`).join(', ')}.`,
      node,
      'UNKNOWN_CALLOUT',
    );
  }
  const kind: CalloutKind = alias ? alias.kind : (name as CalloutKind);
  const defaultTitle = alias ? alias.title : titles[kind];
  const attributeNames = Object.keys(node.attributes ?? {});
  if (attributeNames.length > 0) {
    failAt(
      file,
      `Callout ":::${name}" takes no attributes (got ${attributeNames.join(', ')}); write a custom title as :::${name}[Title].`,
      node,
      'BAD_CALLOUT_ATTRIBUTE',
    );
  }
  const [first, ...rest] = node.children;
  const labelled = first?.type === 'paragraph' && first.data?.directiveLabel === true;
  const titleContent: PhrasingContent[] = labelled ? first.children : [{ type: 'text', value: defaultTitle }];
  const body = labelled ? rest : node.children;
  build(node, kind, titleContent, body);
}

function warnIfUnreadCallout(node: Paragraph, file: VFile): void {
  const lead = node.children[0];
  const match = lead?.type === 'text' ? unreadCallout.exec(lead.value) : null;
  if (!match?.[1]) return;
  const name = match[1].toLowerCase();
  if (!isCalloutKind(name) && !directiveAliases[name]) return;
  const title = match[2]?.trim();
  file.message(`"${match[0].trim()}" is not read as a callout; write ":::${name}${title ? `[${title}]` : ''}" (no space after ":::", the title in brackets).`, {
    place: node.position,
    ruleId: 'UNREAD_CALLOUT',
    source: 'fieldnotes',
  });
}

function fromGitHubAlert(node: Blockquote): void {
  const first = node.children[0];
  if (first?.type !== 'paragraph') return;
  const lead = first.children[0];
  if (lead?.type !== 'text') return;
  const match = alertMarker.exec(lead.value);
  const alert = match?.[1] ? githubAlerts[match[1].toUpperCase()] : undefined;
  if (!match || !alert) return;

  // Drop the marker line; keep whatever follows it in the first paragraph.
  const remainder = lead.value.slice(match[0].length);
  const firstChildren: PhrasingContent[] = remainder === '' ? first.children.slice(1) : [{ ...lead, value: remainder }, ...first.children.slice(1)];
  const body: Flow[] = firstChildren.length > 0 ? [{ ...first, children: firstChildren }, ...node.children.slice(1)] : node.children.slice(1);
  build(node, alert.kind, [{ type: 'text', value: alert.title }], body);
}

/** Rewrites `node` in place into aside > p.callout-title + div.callout-body. */
function build(node: ContainerDirective | Blockquote, kind: CalloutKind, titleContent: PhrasingContent[], body: Flow[]): void {
  const title: Paragraph = {
    type: 'paragraph',
    children: titleContent,
    data: { hName: 'p', hProperties: { className: ['callout-title'] } },
  };
  // The body needs a parent node of its own to become one <div>; a directive node marked
  // with hName is left alone by every directive plugin (see remark-restore-directives.ts).
  const bodyNode: ContainerDirective = {
    type: 'containerDirective',
    name: 'callout-body',
    attributes: {},
    children: body,
    data: { hName: 'div', hProperties: { className: ['callout-body'] } },
  };
  const label = toString(title).trim();
  node.data = {
    ...node.data,
    hName: 'aside',
    hProperties: { className: ['callout', `callout-${kind}`], role: 'note', ariaLabel: label },
  };
  node.children = [title, bodyNode];
}

