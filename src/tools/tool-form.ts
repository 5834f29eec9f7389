import { escapeHtml } from '../lib/html-escape.ts';
import type { ToolDefinition, ToolOption } from './tool.ts';

/**
 * The markup of a tool's form and result area, as a plain tree. One description serves
 * both sides: a tool's own page renders it at build time, so the form is there at first
 * paint and nothing moves when the script starts; the client shell builds the same tree
 * into DOM for tools embedded in guides, then wires either copy by the ids below.
 */

export interface FormNode {
  tag: string;
  /** Attribute values as written; a boolean attribute (checked, hidden) is present as ''. */
  attrs: Record<string, string>;
  children: Array<FormNode | string>;
}

/** Option presets from a page (data-option-* on <fn-tool>), as strings. */
export type OptionPresets = Readonly<Record<string, string | undefined>>;

/** The ids the shell looks controls up by; every id starts with the tool instance's uid. */
export const formIds = {
  option: (uid: string, optionId: string) => `${uid}-opt-${optionId}`,
  choice: (uid: string, optionId: string, value: string) => `${uid}-opt-${optionId}-${value}`,
  field: (uid: string, fieldId: string) => `${uid}-field-${fieldId}`,
  input: (uid: string) => `${uid}-input`,
  file: (uid: string) => `${uid}-file`,
  example: (uid: string) => `${uid}-example`,
};

function node(tag: string, attrs: Record<string, string | undefined> = {}, ...children: Array<FormNode | string>): FormNode {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) kept[name] = value;
  return { tag, attrs: kept, children };
}

/** The value an option starts with: the page's preset, else the tool's default. */
export function initialOptionValue(option: ToolOption, presets: OptionPresets): string | boolean {
  const preset = presets[option.id];
  if (option.kind === 'boolean') return preset === undefined ? option.default : preset === 'true';
  return preset ?? option.default;
}

function optionNode(option: ToolOption, uid: string, presets: OptionPresets, hidden: boolean): FormNode {
  const id = formIds.option(uid, option.id);
  const shared = { 'data-option': option.id, hidden: hidden ? '' : undefined };
  const initial = initialOptionValue(option, presets);
  if (option.kind === 'boolean') {
    return node(
      'div',
      { class: 'tool__option tool__option--boolean', ...shared },
      node('input', { id, type: 'checkbox', checked: initial === true ? '' : undefined }),
      node('label', { for: id }, option.label),
    );
  }
  if (option.kind === 'text') {
    return node(
      'div',
      { class: 'tool__option tool__field', ...shared },
      node('label', { for: id }, option.label),
      node('input', { id, type: 'text', autocomplete: 'off', spellcheck: 'false', placeholder: option.placeholder, value: String(initial) }),
    );
  }
  // A choice is a radio group: each value has its own accessible name ("Decode", "Encode").
  return node(
    'fieldset',
    { class: 'tool__option tool__choice', ...shared },
    node('legend', {}, option.label),
    ...option.choices.map((choice) => {
      const radioId = formIds.choice(uid, option.id, choice.value);
      return node(
        'span',
        { class: 'tool__radio' },
        node('input', { id: radioId, type: 'radio', name: id, value: choice.value, checked: choice.value === initial ? '' : undefined }),
        node('label', { for: radioId }, choice.label),
      );
    }),
  );
}

function mainInputNode(tool: ToolDefinition, uid: string): FormNode {
  const inputId = formIds.input(uid);
  const fileId = formIds.file(uid);
  const wrap = node(
    'div',
    { class: 'tool__input' },
    node('label', { for: inputId, class: 'tool__label' }, tool.inputLabel),
    // spellcheck off: some browsers send spell-checked text to a cloud service.
    node('textarea', {
      id: inputId,
      class: 'tool__textarea',
      rows: '10',
      spellcheck: 'false',
      autocomplete: 'off',
      autocapitalize: 'off',
      autocorrect: 'off',
      'data-gramm': 'false',
    }),
    node(
      'div',
      { class: 'tool__input-actions' },
      // The visually hidden file input keeps its own accessible name; the label is its visible face.
      node('input', { id: fileId, type: 'file', class: 'sr-only', accept: tool.accept, 'aria-label': 'Open file' }),
      node('label', { for: fileId, class: 'tool__button tool__open' }, 'Open file'),
      node('span', { class: 'tool__file-note' }),
    ),
  );
  const exampleNames = Object.keys(tool.examples);
  if (exampleNames.length > 0) {
    const selectId = formIds.example(uid);
    wrap.children.push(
      node(
        'div',
        { class: 'tool__examples' },
        node('label', { for: selectId }, 'Load an example'),
        node('select', { id: selectId }, node('option', { value: '' }, 'Choose…'), ...exampleNames.map((name) => node('option', { value: name }, name))),
      ),
    );
  }
  return wrap;
}

/** Whether an option with a shownWhen condition applies, given every option's current value. */
export function optionApplies(option: ToolOption, valueOf: (optionId: string) => string | boolean | undefined): boolean {
  return !option.shownWhen || valueOf(option.shownWhen.option) === option.shownWhen.equals;
}

/** The form (options, fields, main input) and the empty result area, in page order. */
export function toolFormTree(tool: ToolDefinition, uid: string, presets: OptionPresets = {}): [form: FormNode, result: FormNode] {
  const form = node('form', { class: 'tool__form', novalidate: '' });
  if (tool.options.length > 0) {
    const initial = (id: string) => {
      const option = tool.options.find((o) => o.id === id);
      return option ? initialOptionValue(option, presets) : undefined;
    };
    form.children.push(
      node('div', { class: 'tool__options' }, ...tool.options.map((option) => optionNode(option, uid, presets, !optionApplies(option, initial)))),
    );
  }
  for (const field of tool.fields ?? []) {
    const id = formIds.field(uid, field.id);
    form.children.push(
      node(
        'div',
        { class: 'tool__field' },
        node('label', { for: id }, field.label),
        node('input', {
          id,
          type: field.type ?? 'text',
          autocomplete: 'off',
          spellcheck: 'false',
          autocapitalize: 'off',
          placeholder: field.placeholder,
          required: field.required ? '' : undefined,
        }),
      ),
    );
  }
  if (tool.hasMainInput) form.children.push(mainInputNode(tool, uid));
  const result = node(
    'div',
    { class: 'tool__result' },
    node('p', { class: 'tool__status', role: 'status' }),
    node('progress', { class: 'tool__progress', hidden: '', 'aria-label': 'Progress' }),
    node('div', { class: 'tool__errors', role: 'alert' }),
    node('ul', { class: 'tool__messages' }),
    node('div', { class: 'tool__outputs' }),
  );
  return [form, result];
}

const VOID_ELEMENTS = new Set(['input', 'br', 'hr', 'img', 'meta', 'link', 'source', 'wbr']);
const BOOLEAN_ATTRIBUTES = new Set(['checked', 'disabled', 'hidden', 'multiple', 'novalidate', 'readonly', 'required', 'selected']);


/** Serialises the tree as HTML, for the build. */
export function formTreeToHtml(nodes: ReadonlyArray<FormNode | string>): string {
  return nodes
    .map((item) => {
      if (typeof item === 'string') return escapeHtml(item);
      const attrs = Object.entries(item.attrs)
        .map(([name, value]) => (value === '' && BOOLEAN_ATTRIBUTES.has(name) ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
        .join('');
      if (VOID_ELEMENTS.has(item.tag)) return `<${item.tag}${attrs}>`;
      return `<${item.tag}${attrs}>${formTreeToHtml(item.children)}</${item.tag}>`;
    })
    .join('');
}
