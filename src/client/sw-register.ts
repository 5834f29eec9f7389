/**
 * Registers the service worker (integrations/service-worker.ts) that keeps the site working
 * offline, and offers a new build when one has been downloaded. The new worker takes over
 * only when the reader presses Reload: an unasked reload would lose what they pasted into a
 * tool, and letting it take over under a running page would mix old and new assets.
 *
 * <fn-update-prompt data-worker="/sw.js" data-scope="/" role="status"> stays empty (and
 * invisible) until there is something to say; being a live region from the start, its
 * message is announced when it appears. Its styles load only then: most visits never show it.
 */
import promptCss from '../styles/update-prompt.css?url';
import { loadStylesheet } from './stylesheet.ts';

class FnUpdatePrompt extends HTMLElement {
  #reloading = false;

  connectedCallback(): void {
    const url = this.dataset['worker'];
    const scope = this.dataset['scope'];
    // Development has no built worker; registering a stale one there would hide changes.
    if (!import.meta.env.PROD || !url || !scope || !('serviceWorker' in navigator)) return;
    void this.register(url, scope);
  }

  private async register(url: string, scope: string): Promise<void> {
    const container = navigator.serviceWorker;
    const updating = container.controller !== null;
    container.addEventListener('controllerchange', () => {
      if (this.#reloading) location.reload();
      // Another tab accepted the update: this page's lazily loaded code may be gone now.
      else if (updating) void this.offer(undefined, 'A new version of the site is active.');
    });
    let registration: ServiceWorkerRegistration | undefined;
    try {
      registration = await container.register(url, { scope, updateViaCache: 'none' });
    } catch {
      // Storage disabled or a private window: the site works online as before.
    }
    // Test browsers that block service workers resolve register() with nothing.
    if (!registration) return;
    const offerWaiting = () => {
      if (registration?.waiting && container.controller) void this.offer(registration.waiting, 'A new version is available.');
    };
    const watch = (installing: ServiceWorker | null) =>
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') offerWaiting();
      });
    offerWaiting();
    // The navigation that loaded this page may already have started the update check.
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration?.installing ?? null));
  }

  private async offer(waiting: ServiceWorker | undefined, message: string): Promise<void> {
    await loadStylesheet(promptCss);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'update-prompt__reload';
    button.textContent = 'Reload';
    button.addEventListener('click', () => {
      button.disabled = true;
      if (!waiting) {
        location.reload();
        return;
      }
      this.#reloading = true;
      // The worker (src/service-worker/sw.ts) calls skipWaiting() on this message.
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
    const text = document.createElement('span');
    text.textContent = message;
    this.replaceChildren(text, ' ', button);
  }
}

if (!customElements.get('fn-update-prompt')) customElements.define('fn-update-prompt', FnUpdatePrompt);
