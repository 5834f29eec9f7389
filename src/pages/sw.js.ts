/*
 * A stand-in service worker for `astro dev`. `npm run preview` serves the built site on the
 * same origin as the dev server, and the real worker it installs would keep answering with
 * the built pages. When the browser checks that worker for an update against the dev
 * server, it gets this one, which takes over, unregisters itself and reloads the open tabs.
 * A build overwrites it with the real worker (integrations/service-worker.ts).
 */
const STAND_IN = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
`;

export function GET(): Response {
  return new Response(STAND_IN, { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
}
