// Dispute Desk's service worker: serves the app's own files from a cache so the app opens
// offline, and answers every page address with the app shell so deep links work offline.
// It never stores user data: cases and files live in IndexedDB, which this worker reads only for
// the reminder schedule the app writes there.
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
    // Only older versions' files go: what was shared and the host's file are kept across updates.
    const kept = [CACHE, INBOX, SITE];
    await Promise.all(names.filter((name) => name.startsWith('dispute-desk-') && !kept.includes(name)).map((name) => caches.delete(name)));
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

// The host's own file (site.json, src/ui/host_site.rs) is asked of the host each time, so that a
// change reaches buyers on their next visit; the last good copy answers offline.
const SITE = 'dispute-desk-site';

async function hostFile(request) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    // Offline: the last good copy, or what a host without one answers.
    return (await caches.match(request.url, { cacheName: SITE })) || new Response(null, { status: 404 });
  }
  try {
    if (response.ok) await (await caches.open(SITE)).put(request.url, response.clone());
    else if (response.status === 404) await caches.delete(SITE);
  } catch {
    // The copy for offline use could not be kept this time (two tabs asking at once: Firefox
    // cancels the first of two writes of one address); the host's answer still goes to the page.
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const address = new URL(request.url).href;
  if (request.method === 'POST' && address === new URL('share-target', self.registration.scope).href) {
    event.respondWith(receiveShare(request));
    return;
  }
  if (request.method === 'GET' && address === new URL('site.json', self.registration.scope).href) {
    event.respondWith(hostFile(request));
    return;
  }
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Any address inside the app is the app: the shell, from the cache first.
    event.respondWith(caches.match(new URL('./', self.registration.scope).href, { cacheName: CACHE }).then((shell) => shell || fetch(request)));
    return;
  }
  event.respondWith(ownFileOrNetwork(request));
});

// The build's file a request asks for, as the cache keeps it. A page at a deep address can ask for
// one by the page's own address instead of the app's (Firefox fetches the stylesheet early, before
// the page's <base> is set: /cases/<id>/main-….css), so a file is also known by its name inside
// the app at the end of the address.
function ownFile(url) {
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return null;
  const file = PRECACHE.find((path) => path !== './' && url.pathname.endsWith(path.slice(1)));
  return file ? new URL(file, scope).href : null;
}

// A miss goes to the network; when that fails too (offline, or the page stopped waiting), the
// page gets an answer it can read instead of a rejected promise, which browsers log as an error.
async function ownFileOrNetwork(request) {
  const own = ownFile(new URL(request.url));
  const cached = own ? await caches.match(own, { cacheName: CACHE }) : undefined;
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch {
    return new Response(null, { status: 503, statusText: 'Offline' });
  }
}

// Reminders while the app is closed. The app keeps the schedule in its database's `reminders`
// store (src/storage/reminders.rs) whenever the cases change; this worker shows each reminder that
// is due and marks it shown, in one transaction, so it is shown once whoever asks: the browser's
// periodic wake-up of an installed app, or the open app each minute (its own clock in `now`).
const DATABASE = 'dispute-desk';
const REMINDERS = 'reminders';

function openDatabase() {
  return new Promise((resolve) => {
    const request = indexedDB.open(DATABASE);
    // Only the app creates or upgrades its database: a worker opening it first leaves no trace.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => {
      const database = request.result;
      database.onversionchange = () => database.close();
      resolve(database);
    };
    request.onerror = () => resolve(null);
  });
}

function takeDue(database, now) {
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(REMINDERS, 'readwrite');
    const store = transaction.objectStore(REMINDERS);
    const due = [];
    store.getAll().onsuccess = (event) => {
      for (const reminder of event.target.result) {
        if (reminder.shown || reminder.at > now || reminder.until <= now) continue;
        store.put({ ...reminder, shown: true });
        due.push(reminder);
      }
    };
    transaction.oncomplete = () => resolve(due);
    transaction.onabort = () => reject(transaction.error);
  });
}

async function showDueReminders(now = Date.now()) {
  if (self.Notification?.permission !== 'granted') return [];
  const database = await openDatabase();
  if (!database) return [];
  try {
    if (!database.objectStoreNames.contains(REMINDERS)) return [];
    const due = await takeDue(database, now);
    await Promise.all(due.map((reminder) => self.registration.showNotification(reminder.title, {
      body: reminder.body,
      tag: reminder.key,
      icon: 'icons/icon-192.png',
      data: { path: reminder.path },
    })));
    return due.map((reminder) => reminder.key);
  } finally {
    database.close();
  }
}

self.addEventListener('periodicsync', (event) => {
  if (event.tag === 'reminders') event.waitUntil(showDueReminders());
});

self.addEventListener('message', (event) => {
  if (typeof event.data?.showRemindersAt === 'number') event.waitUntil(showDueReminders(event.data.showRemindersAt));
});

// A tap on a reminder opens its case: in a window of the app already open, or a new one.
async function openCase(path) {
  const address = new URL(path, self.registration.scope).href;
  // Only a window this worker controls can be sent to another address.
  const [open] = await self.clients.matchAll({ type: 'window' });
  if (open) {
    // The browser allows focus only in answer to the tap itself, so it comes first.
    await open.focus().catch(() => undefined);
    return open.navigate(address);
  }
  return self.clients.openWindow(address);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openCase(event.notification.data?.path ?? './'));
});
