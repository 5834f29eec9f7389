import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from './tool.ts';
import { formTreeToHtml, initialOptionValue, optionApplies, toolFormTree } from './tool-form.ts';
import { base64Tool } from './base64.ts';
import { dockerConfigTool } from './docker-config.ts';

const tiny: ToolDefinition = {
  id: 'tiny',
  inputLabel: 'Text <in>',
  hasMainInput: true,
  options: [
    { kind: 'choice', id: 'mode', label: 'Mode', choices: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], default: 'a' },
    { kind: 'boolean', id: 'only', label: 'Only in b', default: true, shownWhen: { option: 'mode', equals: 'b' } },
    { kind: 'text', id: 'name', label: 'Name', default: 'x"y' },
  ],
  examples: { 'one & two': '1' },
  run: () => ({ ok: true, outputs: [], messages: [] }),
};

describe('toolFormTree + formTreeToHtml', () => {
  it('renders a small tool exactly (written out by hand)', () => {
    const html = formTreeToHtml(toolFormTree(tiny, 'u'));
    expect(html).toBe(
      '<form class="tool__form" novalidate><div class="tool__options">' +
        '<fieldset class="tool__option tool__choice" data-option="mode"><legend>Mode</legend>' +
        '<span class="tool__radio"><input id="u-opt-mode-a" type="radio" name="u-opt-mode" value="a" checked><label for="u-opt-mode-a">A</label></span>' +
        '<span class="tool__radio"><input id="u-opt-mode-b" type="radio" name="u-opt-mode" value="b"><label for="u-opt-mode-b">B</label></span></fieldset>' +
        '<div class="tool__option tool__option--boolean" data-option="only" hidden><input id="u-opt-only" type="checkbox" checked><label for="u-opt-only">Only in b</label></div>' +
        '<div class="tool__option tool__field" data-option="name"><label for="u-opt-name">Name</label><input id="u-opt-name" type="text" autocomplete="off" spellcheck="false" value="x&quot;y"></div>' +
        '</div>' +
        '<div class="tool__input"><label for="u-input" class="tool__label">Text &lt;in&gt;</label>' +
        '<textarea id="u-input" class="tool__textarea" rows="10" spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" data-gramm="false"></textarea>' +
        '<div class="tool__input-actions"><input id="u-file" type="file" class="sr-only" aria-label="Open file"><label for="u-file" class="tool__button tool__open">Open file</label><span class="tool__file-note"></span></div>' +
        '<div class="tool__examples"><label for="u-example">Load an example</label><select id="u-example"><option value="">Choose…</option><option value="one &amp; two">one &amp; two</option></select></div>' +
        '</div></form>' +
        '<div class="tool__result"><p class="tool__status" role="status"></p><progress class="tool__progress" hidden aria-label="Progress"></progress>' +
        '<div class="tool__errors" role="alert"></div><ul class="tool__messages"></ul><div class="tool__outputs"></div></div>',
    );
  });

  it('applies presets: a preset mode shows the options that depend on it', () => {
    const html = formTreeToHtml(toolFormTree(tiny, 'u', { mode: 'b', only: 'false', name: 'z' }));
    expect(html).toContain('value="b" checked');
    expect(html).toContain('<div class="tool__option tool__option--boolean" data-option="only"><input id="u-opt-only" type="checkbox"><label');
    expect(html).toContain('value="z"');
  });

  it('gives every id once, and every label a control, for the real tools', () => {
    for (const tool of [base64Tool, dockerConfigTool]) {
      const html = formTreeToHtml(toolFormTree(tool, 't'));
      const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size, tool.id).toBe(ids.length);
      for (const [, target] of html.matchAll(/ for="([^"]+)"/g)) expect(ids, `${tool.id}: label for ${target}`).toContain(target);
    }
  });

  it('reads option values and conditions', () => {
    const [choice, only] = tiny.options;
    expect(initialOptionValue(choice!, {})).toBe('a');
    expect(initialOptionValue(only!, { only: 'false' })).toBe(false);
    expect(optionApplies(only!, () => 'a')).toBe(false);
    expect(optionApplies(only!, () => 'b')).toBe(true);
    expect(optionApplies(choice!, () => undefined)).toBe(true);
  });
});
