// The entry of a Markdown render thread (started by render-in-workers.ts). The tree walks'
// package must load through the hook, so the hook goes in first and the renderer, with
// every package it imports, loads after it (render-thread.ts).
import { loadTreeWalksUnnamed } from './unnamed-tree-walks.ts';

loadTreeWalksUnnamed();
await import('./render-thread.ts');
