const loading = new Map<string, Promise<void>>();

/**
 * Adds <link rel="stylesheet" href> to the head once, for styles that only matter after an
 * interaction (the search dialog, the update prompt) and so need not weigh on every page.
 * Resolves when it has loaded, or failed: then the content shows unstyled, not never.
 */
export function loadStylesheet(href: string): Promise<void> {
  let done = loading.get(href);
  if (!done) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    done = new Promise((resolve) => {
      link.addEventListener('load', () => resolve());
      link.addEventListener('error', () => resolve());
    });
    document.head.append(link);
    loading.set(href, done);
  }
  return done;
}
