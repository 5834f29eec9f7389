import { COPY_MODES, copyText, type CopyMode } from '../lib/copy-text.ts';

/**
 * Copy buttons on code blocks. The build marks how a block is copied (data-copy, see
 * markdown/shiki-copy-button.ts); the text comes from the lines the block shows, without
 * those the diff notation marks removed.
 */
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button.copy-code') : null;
  if (!button) return;
  const lines = [...(button.closest('figure')?.querySelectorAll('pre code > .line') ?? [])]
    .filter((line) => !line.classList.contains('remove'))
    .map((line) => line.textContent ?? '');
  const marked = button.dataset['copy'] as CopyMode | undefined;
  const text = copyText(lines, marked && COPY_MODES.includes(marked) ? marked : 'plain');
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
  button.setAttribute('aria-live', 'polite');
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
});
