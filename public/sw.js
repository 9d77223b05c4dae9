// Dispute Desk's service worker: serves the app's own files from a cache so the app opens
// offline, and answers every page address with the app shell so deep links work offline.
// It never stores user data: cases and files live in IndexedDB, which this worker never reads.
// The build stamps the list of files and the version below (`bash dev.sh build`).
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `dispute-desk-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })))));
});

// A new version waits until the buyer agrees to reload (the page asks it to take over).
self.addEventListener('message', (event) => {
  if (event.data === 'take-over') self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('dispute-desk-') && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any address inside the app is the app: the shell, from the cache first.
    event.respondWith(caches.match(new URL('./', self.registration.scope).href, { cacheName: CACHE }).then((shell) => shell || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
});
