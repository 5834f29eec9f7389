/** Shared by the theme switch; the pre-paint snippet in BaseLayout.astro mirrors it. */
export const THEME_STORAGE_KEY = 'fieldnotes-theme';
export type ThemePreference = 'system' | 'light' | 'dark';

export function readPreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function applyPreference(preference: ThemePreference): void {
  const dark =
    preference === 'dark' || (preference === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
}
