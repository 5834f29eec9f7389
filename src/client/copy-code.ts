/**
 * Copy buttons on code blocks. The build puts the exact text to copy in data-code
 * (shell prompts already stripped), so this script only moves it to the clipboard.
 */
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLButtonElement>('button.copy-code') : null;
  if (!button) return;
  const code = button.dataset['code'] ?? '';
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(code);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
  button.setAttribute('aria-live', 'polite');
  setTimeout(() => {
    button.textContent = label;
  }, 2000);
});
