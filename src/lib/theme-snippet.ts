/**
 * The pre-paint theme script, the site's only inline script: BaseLayout writes it into
 * every <head> so a stored dark choice never flashes light, and its hash is the one the
 * Content-Security-Policy allows (data/site-policy.ts). Keep it tiny and in step with
 * client/fn-theme-switch.ts and client/theme-preference.ts.
 */
export const THEME_SNIPPET =
  "(function(){try{var p=localStorage.getItem('fieldnotes-theme');var d=p==='dark'||(p!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.dataset.theme=d?'dark':'light';}catch(e){}})();";
