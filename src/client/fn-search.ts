// The dialog's styles load when a search is likely, not with every page: a closed <dialog> is
// not rendered, and the button's styles are global (base.css).
import searchCss from '../styles/search.css?url';
import { loadStylesheet } from './stylesheet.ts';
import { pagefindScriptUrl } from './pagefind-types.ts';
import type { SearchSession } from './search-session.ts';
import sessionUrl from 'virtual:fieldnotes/search-session';

/**
 * Search dialog: opens on its button, "/" and Ctrl+K / ⌘K. This part is on every page and
 * only opens the dialog; the search itself (client/search-session.ts) and pagefind start
 * loading as soon as a search is likely (pointer over or focus on the button, a shortcut).
 */
class FnSearch extends HTMLElement {
  #session: Promise<SearchSession> | undefined;

  connectedCallback(): void {
    const dialog = this.querySelector('dialog');
    const open = this.querySelector<HTMLButtonElement>('.search__open');
    if (!dialog || !open) return;
    open.addEventListener('click', () => this.open(dialog));
    // Warm up while the reader reaches for the button, so the first query does not wait for the load.
    const warm = () => void this.session().catch(() => undefined);
    open.addEventListener('pointerenter', warm, { once: true });
    open.addEventListener('focus', warm, { once: true });
    document.addEventListener('keydown', (event) => {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
      const shortcut =
        ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') || (event.key === '/' && !typing);
      if (shortcut && !dialog.open) {
        event.preventDefault();
        this.open(dialog);
      }
    });
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    dialog.addEventListener('click', (event) => {
      if (event.target === dialog) dialog.close();
    });
  }

  private open(dialog: HTMLDialogElement): void {
    dialog.showModal();
    const input = dialog.querySelector('input');
    input?.focus();
    input?.select();
    // The reader may type before the session has loaded: it searches what is in the box then.
    this.session().then(
      (session) => session.opened(),
      () => {
        const status = this.querySelector('.search__status');
        if (status) status.textContent = 'Search is unavailable right now.';
      },
    );
  }

  /** The search session, loaded once with its styles; a failed load is retried on the next call. */
  private session(): Promise<SearchSession> {
    void loadStylesheet(searchCss); // once; until it has loaded the dialog is styled a moment later
    const base = this.dataset['base'] ?? '/';
    // pagefind's code is fetched beside the session's rather than after it: the session's
    // import of the same URL then finds the module loaded or loading. (A URL in a variable:
    // Vite would wrap a template literal in its preload helper.)
    const pagefindUrl = pagefindScriptUrl(base);
    if (!this.#session) void import(/* @vite-ignore */ pagefindUrl).catch(() => undefined);
    // By URL, not import('./search-session.ts'): see integrations/lazy-client-module.ts.
    this.#session ??= (import(/* @vite-ignore */ sessionUrl) as Promise<typeof import('./search-session.ts')>)
      .then(({ SearchSession }) => {
        const [dialog, input, status, list, more] = [
          this.querySelector('dialog'),
          this.querySelector('input'),
          this.querySelector<HTMLElement>('.search__status'),
          this.querySelector('ul'),
          this.querySelector<HTMLButtonElement>('.search__more'),
        ];
        if (!dialog || !input || !status || !list || !more) throw new Error('the search dialog markup is incomplete');
        return new SearchSession({ base, dialog, input, status, list, more });
      })
      .catch((error: unknown) => {
        this.#session = undefined;
        throw error;
      });
    return this.#session;
  }
}

if (!customElements.get('fn-search')) customElements.define('fn-search', FnSearch);
