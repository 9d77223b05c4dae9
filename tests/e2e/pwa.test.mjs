// Installable, offline, and hostable anywhere: the service worker, the manifest, sub-path hosting,
// the update flow and the security policy, against the release build.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, guardPage, isChunk, launchChromium, launchWithProfile, openApp, openSection, serveDist } from './harness.mjs';

let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** Waits until the service worker controls the page, so what it caches is in use. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

async function createCase(page, order) {
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('link', { name: 'Fill in the full form instead' }).click();
  await page.locator('#order-number').fill(order);
  await page.locator('#shipped').fill('2026-10-01');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  return page.url();
}

test('Chromium reports the app installable, and its policy allows only its own origin', async () => {
  const server = await serveDist();
  // Installing needs a real profile: the default test contexts are incognito.
  const profile = await mkdtemp(join(tmpdir(), 'dispute-desk-profile-'));
  const context = await launchWithProfile(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  const guard = guardPage(page, server.origin);
  await page.goto(server.url);
  await controlled(page);
  const devtools = await context.newCDPSession(page);
  const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await devtools.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.display, 'standalone');
  assert.deepEqual(parsed.icons.map((icon) => `${icon.sizes} ${icon.purpose}`), ['192x192 any', '512x512 any', '512x512 maskable']);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const rule of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "'wasm-unsafe-eval'"]) {
    assert.ok(policy.includes(rule), `the policy has ${rule}`);
  }
  assert.doesNotMatch(policy, /unsafe-inline|https?:/, 'no inline code unless pinned, no other origin');
  guard.assertClean();
  // An injected script is refused (a violation here is the expected outcome).
  const blocked = await page.evaluate(() => new Promise((done) => {
    document.addEventListener('securitypolicyviolation', (event) => done(event.violatedDirective), { once: true });
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  }));
  assert.equal(blocked, 'script-src-elem');
  assert.equal(await page.evaluate(() => window.injected), undefined);
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
});

test('offline: reload, a deep link, a new case; back online everything is still there', async () => {
  const server = await serveDist();
  const { context, page, guard } = await openApp({ browser, server }, { path: '/', ready: null });
  await page.getByRole('heading', { name: 'Your cases' }).waitFor();
  await controlled(page);
  const first = await createCase(page, 'ONLINE-1');

  await context.setOffline(true);
  await page.reload();
  await page.getByText('order ONLINE-1').waitFor();
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Your cases' }).waitFor();
  await page.goto(first);
  await page.getByText('order ONLINE-1').waitFor();
  await page.goto(server.url);
  const second = await createCase(page, 'OFFLINE-2');
  assert.match(second, /\/cases\//);

  await context.setOffline(false);
  await page.reload();
  await page.getByText('order OFFLINE-2').waitFor();
  await page.goto(server.url);
  await page.locator('li.case-row').nth(1).waitFor();
  const rows = await page.locator('li.case-row').allInnerTexts();
  assert.ok(rows.some((row) => row.includes('ONLINE-1')) && rows.some((row) => row.includes('OFFLINE-2')));

  // The cache holds the build's own files and nothing else: never a case or an evidence file. The
  // chunks are kept as the one file that holds them all.
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const name of names) urls.push(...(await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname));
    return urls.sort();
  });
  // The host's site.json is not the build's: the worker asks the host for it each time and keeps
  // only the last good copy, in a cache of its own.
  const built = ['/', ...(await listDist()).filter((file) => !['index.html', 'sw.js', 'site.json'].includes(file))
    .map((file) => `/${file}`).filter((path) => !isChunk(path))].sort();
  assert.deepEqual(cached.filter((path) => path !== '/site.json'), built);
  guard.assertClean();
  await context.close();
  await server.close();
});

async function listDist(folder = DIST, prefix = '') {
  const names = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) names.push(...(await listDist(join(folder, entry.name), `${prefix}${entry.name}/`)));
    else names.push(`${prefix}${entry.name}`);
  }
  return names;
}

test('under a sub-path every route works after a reload, and links stay under it', async () => {
  const server = await serveDist({ base: '/help/disputes/' });
  const { context, page, guard } = await openApp({ browser, server }, { path: '/', ready: null });
  await page.getByRole('heading', { name: 'Your cases' }).waitFor();
  const caseUrl = await createCase(page, 'SUB-1');
  assert.match(caseUrl, /^http:\/\/127\.0\.0\.1:\d+\/help\/disputes\/cases\/[0-9a-f-]{36}$/);
  const id = caseUrl.split('/').pop();
  const sections = ['deadlines', 'evidence', 'messages', 'journal', 'details', 'share'].map((section) => `/cases/${id}/${section}`);
  const routes = ['/', '/new', '/start', '/upcoming', '/backup', '/before-next-order', `/cases/${id}`, ...sections, `/cases/${id}/edit`, `/cases/${id}/print`];
  for (const route of routes) {
    await page.goto(`${server.url}${route}`);
    await page.locator('main h1').first().waitFor();
    assert.notEqual(await page.locator('main h1').first().innerText(), 'Nothing here', route);
    await page.reload();
    await page.locator('main h1').first().waitFor();
  }
  const hrefs = await page.$$eval('a[href]', (links) => links.map((link) => new URL(link.href).pathname));
  assert.ok(hrefs.every((href) => href.startsWith('/help/disputes')), hrefs.join(' '));
  await page.goto(`${server.url}/cases/${id}/share`);
  await page.getByRole('button', { name: 'Create the link' }).click();
  assert.match(await page.locator('#share-link').inputValue(), /\/help\/disputes\/shared#share=v1\.p\./);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(new URL(scope).pathname, '/help/disputes/');
  // Once installed, the service worker answers deep links itself, even with the host gone.
  await controlled(page);
  await context.setOffline(true);
  await page.goto(`${server.url}/cases/${id}/print`);
  await page.getByRole('heading', { name: 'Case file: SUB-1' }).waitFor();
  await page.goto(`${server.url}/cases/${id}/evidence`);
  await page.locator('.evidence').waitFor();
  assert.equal(await page.locator('nav.case-sections [aria-current="page"]').innerText(), 'Evidence');
  guard.assertClean();
  await context.close();
  await server.close();
});

test('a new version waits for the buyer, and not over unsaved text', async () => {
  const overrides = new Map();
  const server = await serveDist({ overrides });
  const { context, page, guard } = await openApp({ browser, server }, { path: '/', ready: null });
  await page.getByRole('heading', { name: 'Your cases' }).waitFor();
  await controlled(page);

  // A new release: a service worker with another version.
  const worker = await readFile(join(DIST, 'sw.js'), 'utf8');
  overrides.set('/sw.js', worker.replace(/const VERSION = "[0-9a-f]+";/, 'const VERSION = "next-release";'));
  await page.goto(`${server.url}/new`);
  await page.locator('#order-number').fill('TYPED-NOT-SAVED');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByText('A new version of Dispute Desk is ready.').waitFor();
  assert.match(await page.getByRole('status').filter({ hasText: 'new version' }).innerText(), /Save what you are typing first/);
  assert.equal(await page.getByRole('button', { name: 'Reload to update' }).count(), 0);

  // Saved: now the buyer may reload, and the new version takes over.
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload to update' }).click()]);
  await page.locator('.guide').waitFor();
  await openSection(page, 'Details');
  const names = await page.evaluate(() => caches.keys());
  // The host's site.json and what was shared are kept across updates (sw.js); the old version goes.
  const versions = names.filter((name) => !['dispute-desk-site', 'dispute-desk-inbox'].includes(name));
  assert.deepEqual(versions, ['dispute-desk-next-release'], 'the old cache is gone');
  assert.match(await page.locator('dl.details').innerText(), /TYPED-NOT-SAVED/);
  guard.assertClean();
  await context.close();
  await server.close();
});
