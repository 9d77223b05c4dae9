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

// What the phone's share sheet sends to the installed app (the manifest's share_target) waits
// here until the buyer decides where it goes (src/storage/inbox.rs reads it; nothing leaves the
// device). Files are kept as they came, however large, as the browser streams them to disk.
const INBOX = 'dispute-desk-inbox';

async function receiveShare(request) {
  const form = await request.formData();
  const inbox = await caches.open(INBOX);
  const batch = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const place = (name) => new Request(new URL(`inbox/${batch}/${name}`, self.registration.scope).href);
  const files = form.getAll('files').filter((file) => file instanceof File && file.size > 0);
  await Promise.all(files.map((file, index) => inbox.put(place(`file-${index}`), new Response(file, {
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) },
  }))));
  const text = ['title', 'text', 'url'].map((name) => form.get(name)).filter((value) => typeof value === 'string' && value.trim() !== '');
  if (text.length > 0) {
    await inbox.put(place('text'), new Response(text.join('\n'), { headers: { 'content-type': 'text/plain; charset=utf-8' } }));
  }
  return Response.redirect(new URL('inbox', self.registration.scope).href, 303);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method === 'POST' && new URL(request.url).href === new URL('share-target', self.registration.scope).href) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any address inside the app is the app: the shell, from the cache first.
    event.respondWith(caches.match(new URL('./', self.registration.scope).href, { cacheName: CACHE }).then((shell) => shell || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
});
