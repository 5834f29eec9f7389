import { THEME_STORAGE_KEY, applyPreference, readPreference, type ThemePreference } from './theme-preference.ts';

/** The only thing the site stores: the reader's theme choice (never anything a tool saw). */
class FnThemeSwitch extends HTMLElement {
  connectedCallback(): void {
    const select = this.querySelector('select');
    if (!select) return;
    select.value = readPreference();
    select.disabled = false;
    select.addEventListener('change', () => {
      const preference = select.value as ThemePreference;
      try {
        if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
        else localStorage.setItem(THEME_STORAGE_KEY, preference);
      } catch {
        // Storage can be disabled; the choice still applies to this page.
      }
      applyPreference(preference);
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyPreference(readPreference()));
  }
}

if (!customElements.get('fn-theme-switch')) customElements.define('fn-theme-switch', FnThemeSwitch);
