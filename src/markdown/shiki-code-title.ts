import type { ShikiTransformer } from 'shiki';
import { metaAttribute } from './code-meta.ts';
import { codeFigure } from './shiki-code-figure.ts';

/**
 * A fence meta `title="kustomization.yaml"` labels the block: the block's figure
 * (see shiki-code-figure.ts) gets `<figcaption class="code-title">kustomization.yaml</figcaption>`
 * first, which is also the figure's accessible name. Blocks without a title get no caption.
 */
export interface ShikiCodeTitleOptions {
  /** Meta attribute that holds the title. Default: "title". */
  attribute?: string;
}

export function shikiCodeTitle(options: ShikiCodeTitleOptions = {}): ShikiTransformer {
  const attribute = options.attribute ?? 'title';
  return {
    name: 'fieldnotes:code-title',
    root(root) {
      const figure = codeFigure(root);
      const title = metaAttribute(this.options.meta?.__raw, attribute);
      if (title === undefined || title === '') return;
      figure.children.unshift({
        type: 'element',
        tagName: 'figcaption',
        properties: { className: ['code-title'] },
        children: [{ type: 'text', value: title }],
      });
    },
  };
}
