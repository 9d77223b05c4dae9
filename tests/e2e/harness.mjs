// Shared pieces of the end-to-end tests: a static server for the release build, Chromium, and a
// guard that fails the test on any page error, console error, failed request or request to
// another origin.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const DIST = resolve(fileURLToPath(import.meta.url), '../../../dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

/**
 * Serves `dist/` like a static host under `base` ("/" or a sub-path such as "/help/disputes/"),
 * with the one fallback rule a host needs: an unknown path without an extension gets index.html.
 * `overrides` maps a file's path inside dist to other content, as a new release would bring (an
 * app address's fallback is `/index.html`, overridden too). `answered`, when given, hears each
 * request's path and status. `stop()` and `resume()` take the host off the network and back on
 * the same address, as a lost connection would.
 */
export async function serveDist({ base = '/', overrides = new Map(), compress = false, answered = () => {} } = {}) {
  const compressed = new Map();
  const server = createServer(async (request, response) => {
    const full = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const answer = (status, headers) => {
      answered(full, status);
      return response.writeHead(status, headers);
    };
    if (!full.startsWith(base) && `${full}/` !== base) {
      answer(404).end('not found');
      return;
    }
    let path = normalize(`/${full.slice(base.length)}`);
    const isFile = await stat(join(DIST, path)).then((s) => s.isFile(), () => false);
    if (!isFile && !overrides.has(path)) {
      if (extname(path)) {
        answer(404).end('not found');
        return;
      }
      path = '/index.html';
    }
    const headers = { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (overrides.has(path)) {
      answer(200, headers).end(overrides.get(path));
      return;
    }
    const file = join(DIST, path);
    let body = await readFile(file);
    // As any real static host does: brotli for the browsers that ask for it.
    if (compress && /\bbr\b/.test(request.headers['accept-encoding'] ?? '')) {
      if (!compressed.has(file)) compressed.set(file, brotliCompressSync(body));
      body = compressed.get(file);
      headers['content-encoding'] = 'br';
    }
    answer(200, headers).end(body);
  });
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => new Promise((done) => {
    server.close(done);
    sockets.forEach((socket) => socket.destroy());
  });
  return {
    url: `${origin}${base.replace(/\/$/, '')}`,
    origin,
    close: stop,
    stop,
    resume: () => new Promise((done) => server.listen(port, '127.0.0.1', done)),
  };
}

/**
 * The files of dist/ a first visit to `url` downloads (empty cache, no service worker yet) until
 * `ready(page)` resolves, each with its size gzip -9 compressed, as a static host would send it.
 */
export async function firstVisitFiles(browser, appUrl, path, ready, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', locale });
  const page = await context.newPage();
  const requested = new Set();
  const base = new URL(`${appUrl}/`).pathname;
  // A file the host does not have (a host may delete site.json) is a few bytes of 404, not a file of dist/.
  // The rest of a catalog is asked for as the app starts, but nothing on the first screen waits
  // for it: the languages journey holds it back and finds the first screen whole.
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== new URL(appUrl).origin || !response.ok() || isRestOfCatalog(url.pathname)) return;
    const inDist = url.pathname.slice(base.length);
    // An address of the app itself is the page, index.html.
    requested.add(extname(inDist) ? inDist : 'index.html');
  });
  await page.goto(`${appUrl}${path}`);
  await ready(page);
  await context.close();
  return Promise.all([...requested].sort().map(async (file) => ({ file, gzip: gzipSync(await readFile(join(DIST, file)), { level: 9 }).length })));
}

/** Whether `path` is the part of a catalog the first screen does not need (dev.sh, split_catalogs). */
const isRestOfCatalog = (path) => /\/locales\/[\w-]+\.rest\.json$/.test(path);

/** Whether `path` (an address's path, or a file of dist/ inside the app folder) is a wasm chunk. */
export const isChunk = (path) => /\/(split_|chunk_)[^/]*\.wasm$/.test(path);

/** Every wasm file of the build by the SHA-256 of its bytes (hex), as `app-<hash>/<name>`. */
async function builtWasmByDigest() {
  const [folder] = (await readdir(DIST)).filter((name) => name.startsWith('app-'));
  const names = (await readdir(join(DIST, folder))).filter((name) => name.endsWith('.wasm'));
  const digests = await Promise.all(names.map(async (name) => createHash('sha256').update(await readFile(join(DIST, folder, name))).digest('hex')));
  return new Map(digests.map((digest, at) => [digest, names[at]]));
}

/**
 * The address of every wasm chunk `page` loads from now on, once each (`all`): from the network,
 * from the service worker's cache, or out of the one cached file that holds every chunk, which the
 * chunk loader reads first (dev.sh, compact_chunk_loader). A chunk taken from that file is known by
 * its bytes, named by the address it has beside it, and listed in `fromBundle` too.
 */
export async function watchChunks(page) {
  const chunks = { all: [], fromBundle: [] };
  const byDigest = await builtWasmByDigest();
  const seen = (url, list = chunks.all) => {
    if (isChunk(new URL(url).pathname) && !list.includes(url)) list.push(url);
  };
  page.on('request', (request) => seen(request.url()));
  await page.exposeFunction('chunkReadFromCache', (url) => seen(url));
  await page.exposeFunction('chunkFromBundle', (digest, bundle) => {
    const name = byDigest.get(digest);
    if (!name || !bundle) return;
    seen(new URL(name, bundle).href);
    seen(new URL(name, bundle).href, chunks.fromBundle);
  });
  await page.addInitScript(() => {
    let bundle;
    const match = CacheStorage.prototype.match;
    CacheStorage.prototype.match = function (request, options) {
      const url = String(request instanceof Request ? request.url : request);
      if (url.endsWith('/all-chunks.wasm')) bundle = url;
      window.chunkReadFromCache(url);
      return match.call(this, request, options);
    };
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = function (source, imports) {
      if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) {
        crypto.subtle.digest('SHA-256', source).then((digest) => window.chunkFromBundle(
          [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join(''), bundle));
      }
      return instantiate.call(this, source, imports);
    };
  });
  return chunks;
}

/** The app asks for the host's site.json at every start; a host that deleted it answers 404. */
export const isMissingHostFile = (url, status) => status === 404 && new URL(url).pathname.endsWith('/site.json');

const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // English unless a test asks for another language, whatever the machine's own settings.
  args: ['--lang=en-US', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export async function launchChromium() {
  return chromium.launch(LAUNCH);
}

/**
 * The app served from dist/ and a Chromium, started before a test file's tests and stopped after
 * them; `app.server` and `app.browser` are there once the tests run.
 */
export function appUnderTest(options) {
  const app = {};
  before(async () => {
    app.server = await serveDist(options);
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** The moment the journeys' pages take as now: Date is frozen there while timers keep running,
 * so countdowns are exact and still tick. */
export const NOW = new Date('2026-11-21T12:00:00Z');

/**
 * A new page of `app` ({ browser, server }, as `appUnderTest` gives) in its own context: `zone` and
 * `locale` as a buyer's browser has them, `viewport` where it matters, Date frozen at `now`, opened
 * at `path` under the app's address and, unless `ready` is null, shown once that heading is; any
 * other option is the context's (`permissions`, `acceptDownloads`...). Its guard watches the page.
 */
export async function openApp(app, { now = NOW, zone = 'America/New_York', locale = 'en-US', viewport, path = '', ready = 'Your cases', ...options } = {}) {
  const context = await app.browser.newContext({ timezoneId: zone, locale, ...(viewport && { viewport }), ...options });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(now);
  await page.goto(`${app.server.url}${path}`);
  if (ready) await page.getByRole('heading', { name: ready }).waitFor();
  return { context, page, guard };
}

/** A browser with a real profile in `folder`: not incognito, so it can install apps. */
export async function launchWithProfile(folder, options = {}) {
  return chromium.launchPersistentContext(folder, { ...LAUNCH, ...options });
}

/** Records everything that must not happen on a page; `assertClean` fails the test if any did. */
export function guardPage(page, origin) {
  const problems = [];
  // Chromium reports policy violations as events; make each one a console error the guard sees.
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  // URLs a test makes fail on purpose (a revoked object URL), and only those.
  const expectedFailures = new Set();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const source = message.location()?.url;
    if (expectedFailures.has(source) || (source && isMissingHostFile(source, 404) && /\b404\b/.test(message.text()))) return;
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(origin).origin) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // A navigation cancels the previous page's pending requests; missing files show up as HTTP errors.
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED' && !expectedFailures.has(request.url())) {
      problems.push(`request failed: ${request.url()} ${reason}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !isMissingHostFile(response.url(), response.status())) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return {
    expectFailure(url) {
      expectedFailures.add(url);
    },
    assertClean() {
      if (problems.length) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
    },
  };
}

/**
 * Presses one of the guide's action buttons, fills its form and records it; `record` is the
 * record button's words before the action's name ("Record", or "Anotar" in Spanish).
 */
export async function recordAction(page, label, { day, choice, amount, summary } = {}, record = 'Record') {
  await page.locator('.guide').getByRole('button', { name: label, exact: true }).click();
  const form = page.locator('.action-form');
  if (day) await form.locator('#action-day').fill(day);
  if (summary) await form.locator('#action-summary').fill(summary);
  if (choice) await form.locator('#action-choice').selectOption(choice);
  if (amount) await form.locator('#action-amount').fill(amount);
  await form.getByRole('button', { name: `${record}: ${label}` }).click();
  // The form closes once the journal entry is saved.
  await form.waitFor({ state: 'detached' });
}

/**
 * Opens one part of the case page by its link in the bar of sections ("Deadlines", "Evidence",
 * "Messages", "Journal", "Details", "Share and print", "Next step", or their translations) and
 * waits until the address and the bar say it is the current one.
 */
export async function openSection(page, name) {
  const link = page.locator('nav.case-sections').getByRole('link', { name, exact: true });
  const path = await link.getAttribute('href');
  await link.click();
  await page.waitForFunction((element) => element.getAttribute('aria-current') === 'page', await link.elementHandle());
  // A part arrives in its own chunk; the address changes once it is there.
  await page.waitForURL((url) => url.pathname === path);
}

/**
 * Answers the five questions from the dashboard's call to action: each choice is one press that
 * goes on; the last screen takes the order number and dates. `words` are the interface's words in
 * the language under test.
 */
export async function answerInterview(page, answers, words = { start: 'Start: answer 5 questions', create: 'Create my case' }) {
  await answerChoices(page, answers, words.start);
  await page.locator('#order-number').fill(answers.order);
  if (answers.paid) await page.locator('#paid').fill(answers.paid);
  if (answers.shipped) await page.locator('#shipped').fill(answers.shipped);
  if (answers.delivered) await page.locator('#delivered').fill(answers.delivered);
  await page.getByRole('button', { name: words.create }).click();
  await page.locator('.guide').waitFor();
}

/**
 * Opens the questions by the link named `start` and answers the four with choices (platform,
 * problem, what would put it right, payment), each by its label or, when not given, the one
 * already chosen; ends on the last question. `asked` runs on each question's screen before it is
 * answered.
 */
export async function answerChoices(page, answers = {}, start = 'Start: answer 5 questions', asked = async () => {}) {
  await page.getByRole('link', { name: start }).click();
  for (const choice of [answers.platform, answers.problem, answers.wanted, answers.payment]) {
    await page.locator('.interview h2').waitFor();
    await asked();
    const current = await page.locator('.interview h2').innerText();
    const button = choice
      ? page.locator('.choices').getByRole('button', { name: choice })
      : page.locator('.choices [aria-pressed="true"]');
    await button.click();
    await page.waitForFunction((before) => document.querySelector('.interview h2')?.textContent !== before, current);
  }
}

/**
 * Saves a case through the full form at `/new`, each field found by its id (so it works in every
 * language), waits for its first screen and returns the case's address.
 */
export async function saveNewCase(page, appUrl, fields) {
  await page.goto(`${appUrl}/new`);
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`#${id}`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.locator('button[type=submit]').click();
  await page.locator('.guide').waitFor();
  return page.url();
}

/** A real PNG: `width` x `height` pixels of one colour. */
export function png(width, height, [r, g, b]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => bytes.reduce((c, byte) => crcTable[(c ^ byte) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff;
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => [r, g, b][i % 3])]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
