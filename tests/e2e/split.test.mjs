// The wasm split per page, against the release build: a first visit downloads only what its first
// screen needs; every other page and every part of a case arrives when first opened, shows a bar
// while a slow download lasts, works offline once the app is installed, and a download that fails
// leaves the app standing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, NOW, answerChoices, appUnderTest, firstVisitFiles, guardPage, isChunk, openSection, saveNewCase, serveDist, watchChunks } from './harness.mjs';

const app = appUnderTest();

/** Every wasm file of the build (main module and chunks), with its gzip size. */
async function builtWasm() {
  const [folder] = (await readdir(DIST)).filter((name) => name.startsWith('app-'));
  // The file that holds every chunk for the service worker is not one a page needs.
  const names = (await readdir(join(DIST, folder))).filter((name) => name.endsWith('.wasm') && name !== 'all-chunks.wasm');
  return Promise.all(names.map(async (name) => ({ file: `${folder}/${name}`, gzip: gzipSync(await readFile(join(DIST, folder, name)), { level: 9 }).length })));
}

test('a first visit downloads only the first screen: no page chunk for the dashboard or the questions', async () => {
  const wasm = await builtWasm();
  const allWasm = wasm.reduce((sum, { gzip }) => sum + gzip, 0);
  assert.ok(wasm.filter(({ file }) => isChunk(file)).length >= 16, 'every lazy page has its chunk');
  const screens = [
    ['/', (page) => page.locator('main#main').getByRole('link', { name: 'Start: answer 5 questions' }).waitFor()],
    ['/start', (page) => page.locator('main#main').getByRole('heading', { name: 'Where did you order?' }).waitFor()],
  ];
  for (const [path, ready] of screens) {
    const files = await firstVisitFiles(app.browser, app.server.url, path, ready);
    const names = files.map(({ file }) => file);
    assert.deepEqual(names.filter(isChunk), [], `${path} downloads no chunk`);
    assert.ok(names.some((file) => /^app-[0-9a-f]{16}\/dispute-desk_bg\.wasm$/.test(file)), `${path} downloads the main module`);
    const wasmBytes = files.filter(({ file }) => file.endsWith('.wasm')).reduce((sum, { gzip }) => sum + gzip, 0);
    // The pages and parts left out are a third of the wasm or more.
    assert.ok(wasmBytes < allWasm * 0.67, `${path}: ${wasmBytes} of ${allWasm} wasm bytes`);
  }
});

test('every page and part of a case arrives when first opened, and again offline once installed', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.origin);
  await page.clock.setFixedTime(NOW);
  const chunks = await watchChunks(page);
  await page.goto(app.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const caseUrl = await saveNewCase(page, app.server.url, { 'order-number': 'SPLIT-1', shipped: '2026-10-01' });
  assert.ok(chunks.all.some((url) => url.includes('split_NewCaseRoute')), 'the full form came in its chunk');
  assert.ok(chunks.all.some((url) => url.includes('split_NextStepRoute')), 'the next step came in its chunk');

  const visitAll = async () => {
    await page.goto(caseUrl);
    await page.locator('.guide').waitFor();
    for (const [section, shown] of [['Deadlines', '.timeline'], ['Evidence', '.evidence'], ['Messages', '.messages'],
      ['Journal', '.journal'], ['Details', '#details-title'], ['Share and print', '#print-title']]) {
      await openSection(page, section);
      await page.locator(`main ${shown}`).first().waitFor();
    }
    await page.goto(`${caseUrl}/edit`);
    await page.locator('#order-number').waitFor();
    await page.goto(`${caseUrl}/print`);
    await page.locator('.print-case').waitFor();
    for (const [path, heading] of [['/upcoming', 'Upcoming deadlines'], ['/backup', 'Backup and restore'],
      ['/import', 'Import orders from a spreadsheet'], ['/before-next-order', 'Before your next order'],
      ['/shared', 'A shared case'], ['/new', 'New case']]) {
      await page.goto(`${app.server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    assert.equal(await page.getByText('could not be downloaded').count(), 0);
  };
  await visitAll();
  assert.ok(chunks.all.length >= 16, `chunks downloaded on first use: ${chunks.all.length}`);
  // Once installed, a page's chunks come out of the one file the worker keeps, none on its own.
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(caseUrl);
  await page.locator('.guide').waitFor();
  assert.ok(chunks.fromBundle.some((url) => url.includes('split_cases')), 'the cases chunk came from the kept file');
  assert.ok(chunks.fromBundle.some((url) => url.includes('split_NextStepRoute')), 'the next step came from the kept file');
  assert.deepEqual(requested.filter(isChunk), [], 'no chunk asked for on its own');

  // The service worker kept every chunk: offline, each page and part opens again, even by a reload.
  await context.setOffline(true);
  await visitAll();
  await page.goto(`${caseUrl}/evidence`);
  await page.locator('main .evidence').waitFor();
  await context.setOffline(false);
  guard.assertClean();
  await context.close();
});

test('a slow chunk shows a bar; a chunk that cannot be downloaded leaves the app working', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.locator('body > .app-header').waitFor();
  let release;
  const released = new Promise((done) => { release = done; });
  await page.route('**/split_UpcomingRoute.wasm', async (route) => {
    await released;
    await route.continue();
  });
  await page.locator('main#main').focus();
  await page.getByRole('link', { name: 'Upcoming', exact: true }).click();
  await page.getByRole('progressbar', { name: 'Opening this part…' }).waitFor();
  // Shown after the first moment, not before.
  await page.waitForFunction(() => getComputedStyle(document.querySelector('.route-progress')).opacity === '1');
  release();
  await page.getByRole('heading', { level: 1, name: 'Upcoming deadlines' }).waitFor();
  await page.locator('.route-progress').waitFor({ state: 'detached' });

  await page.route('**/split_ImportRoute.wasm', (route) => route.abort());
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  await page.getByRole('link', { name: 'Or import many orders from a spreadsheet (CSV)' }).click();
  await page.getByRole('alert').getByText('This part of Dispute Desk could not be downloaded.').waitFor();
  // The rest of the app still answers.
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your cases' }).waitFor();
  await page.unroute('**/split_ImportRoute.wasm');
  await page.getByRole('link', { name: 'Or import many orders from a spreadsheet (CSV)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import orders from a spreadsheet' }).waitFor();
  await context.close();
});

test('what cases need arrives with the first case; when it cannot be downloaded the buyer is told and nothing is lost', async () => {
  const context = await app.browser.newContext({ serviceWorkers: 'block', locale: 'en-US' });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.route('**/split_cases.wasm', (route) => route.abort());
  await page.goto(app.server.url);
  await answerInterviewUntilCreate(page);
  await page.getByRole('button', { name: 'Create my case' }).click();
  await page.getByText('This part of Dispute Desk could not be downloaded.').waitFor();
  // Still the last question, with what the buyer typed, and nothing stored.
  assert.equal(await page.locator('#order-number').inputValue(), 'CHUNK-1');
  assert.equal(await page.evaluate(() => new Promise((done) => {
    const open = indexedDB.open('dispute-desk');
    open.onsuccess = () => {
      const count = open.result.transaction('cases').objectStore('cases').count();
      count.onsuccess = () => { done(count.result); open.result.close(); };
    };
  })), 0);

  await page.unroute('**/split_cases.wasm');
  await page.getByRole('button', { name: 'Create my case' }).click();
  await page.locator('.guide').waitFor();
  assert.match(await page.locator('.case-clock').innerText(), /Last day to open a dispute/);
  assert.ok(requested.some((path) => path.endsWith('/split_cases.wasm')), 'the chunk came with the first case');

  // A buyer with cases whose copy of that chunk cannot be downloaded is told so on the dashboard.
  await page.route('**/split_cases.wasm', (route) => route.abort());
  await page.goto(app.server.url);
  await page.getByRole('alert').getByText('This part of Dispute Desk could not be downloaded.').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'No cases yet' }).count(), 0, 'never told they have no cases');
  await page.unroute('**/split_cases.wasm');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.case-list .case-title', { hasText: 'CHUNK-1' }).waitFor();
  await context.close();
});

/** Answers the five questions up to the last screen, with the order number filled. */
async function answerInterviewUntilCreate(page) {
  await answerChoices(page, { platform: 'AliExpress', problem: 'Damaged or does not work' });
  await page.locator('#order-number').fill('CHUNK-1');
  await page.locator('#delivered').fill('2026-11-18');
}

test('under a sub-path a direct visit to a part of a case loads its chunk from there', async () => {
  const server = await serveDist({ base: '/help/disputes/' });
  try {
    const context = await app.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const guard = guardPage(page, server.origin);
    const chunks = await watchChunks(page);
    const caseUrl = await saveNewCase(page, server.url, { 'order-number': 'SUB-1', shipped: '2026-10-01' });
    // A reload straight onto a part never opened before: main module, then that part's chunk.
    await page.goto(`${caseUrl}/messages`);
    await page.locator('main .messages').waitFor();
    const paths = chunks.all.map((url) => new URL(url).pathname);
    assert.ok(paths.some((path) => /^\/help\/disputes\/app-[0-9a-f]{16}\/split_MessagesRoute\.wasm$/.test(path)), paths.join(' '));
    guard.assertClean();
    await context.close();
  } finally {
    await server.close();
  }
});
