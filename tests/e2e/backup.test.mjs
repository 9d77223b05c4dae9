// Never lose a case: backup, wipe, restore; bad backups; replace; share links between two
// separate browsers; the printable case file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appUnderTest, openApp, openSection } from './harness.mjs';

const app = appUnderTest();
/** Backups are downloaded. */
const DOWNLOADS = { acceptDownloads: true };

async function addCase(page, order, item) {
  await page.goto(`${app.server.url}/new`);
  await page.locator('#order-number').fill(order);
  await page.locator('#item').fill(item);
  await page.locator('#problem').selectOption('damaged');
  await page.locator('#paid').fill('2026-10-20');
  await page.locator('#delivered').fill('2026-11-18');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
}

/** Everything stored, as plain data: case records, file metadata, and each file's SHA-256. */
async function dump(page) {
  return page.evaluate(async () => {
    const database = await new Promise((done, fail) => {
      const request = indexedDB.open('dispute-desk');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const all = (store) => new Promise((done) => {
      const request = database.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => done(request.result);
    });
    const keys = (store) => new Promise((done) => {
      const request = database.transaction(store).objectStore(store).getAllKeys();
      request.onsuccess = () => done(request.result);
    });
    const cases = (await all('cases')).sort((a, b) => a.id.localeCompare(b.id));
    const evidence = (await all('evidence')).sort((a, b) => a.id.localeCompare(b.id));
    const blobKeys = await keys('evidence_blobs');
    const blobs = await all('evidence_blobs');
    const digests = {};
    for (let i = 0; i < blobs.length; i += 1) {
      const digest = await crypto.subtle.digest('SHA-256', await blobs[i].arrayBuffer());
      digests[blobKeys[i]] = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    }
    database.close();
    return { cases, evidence, digests };
  });
}

/** Clears the app's site data, as a user clearing the browser, or a new phone, would. */
async function wipe(page) {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Storage.clearDataForOrigin', { origin: app.server.url, storageTypes: 'all' });
  await devtools.detach();
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

async function pickBackup(page, path) {
  await page.goto(`${app.server.url}/backup`);
  await page.locator('input[type=file]').setInputFiles(path);
}

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

async function richData(page) {
  await addCase(page, 'BK-1', 'Desk lamp');
  await openSection(page, 'Evidence');
  await page.locator('.drop-zone input[type=file][multiple]').setInputFiles([
    { name: 'lamp.png', mimeType: 'image/png', buffer: png },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Box was crushed; photos attached.\n') },
  ]);
  await page.locator('.evidence-card').nth(1).waitFor();
  await openSection(page, 'Journal');
  await page.getByLabel('A step').check();
  await page.locator('#entry-day').fill('2026-11-19');
  await page.getByRole('button', { name: 'Add to the journal' }).click();
  await page.locator('.journal-item').waitFor();
  await addCase(page, 'BK-2', 'Phone case <b>x</b>');
}

test('back up, wipe the browser, restore: every case and file is identical', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await richData(page);
  const before = await dump(page);
  assert.equal(before.cases.length, 2);
  assert.equal(Object.keys(before.digests).length, 2);

  await page.getByRole('link', { name: 'Backup' }).click();
  await page.getByRole('heading', { name: 'Backup and restore' }).waitFor();
  assert.match(await page.locator('main').innerText(), /You have not made a backup yet/);
  const backup = await download(page, 'Download a full backup');
  assert.match(backup.name, /^dispute-desk-backup-2026-11-21\.ddbackup$/);
  assert.ok((await readFile(backup.path)).subarray(0, 16).equals(Buffer.from('DISPUTEDESK-BAK1')));

  await wipe(page);
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

  await pickBackup(page, backup.path);
  await page.getByText('2 cases, 0 already here').waitFor();
  assert.match(await page.locator('.restore-preview').innerText(), /2 files, 0 already here/);
  await page.getByRole('button', { name: 'Merge into my cases' }).click();
  await page.getByText('Restored 2 cases and 2 files.').waitFor();
  assert.deepEqual(await dump(page), before);

  // The restored evidence opens, and the restored cases show on the dashboard.
  await page.goto(app.server.url);
  await page.locator('li.case-row').nth(1).waitFor();
  guard.assertClean();
  await context.close();
});

test('replacing saves what it replaces first; merging keeps the newer copy', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await richData(page);
  await page.goto(`${app.server.url}/backup`);
  const backup = await download(page, 'Download a full backup');
  const atBackup = await dump(page);

  // After the backup, one case changes and another is added.
  await addCase(page, 'BK-3', 'Kettle');
  await pickBackup(page, backup.path);
  await page.getByText('2 cases, 2 already here').waitFor();
  await page.getByRole('button', { name: 'Merge into my cases' }).click();
  await page.getByText('Restored 0 cases and 0 files.').waitFor();
  assert.equal((await dump(page)).cases.length, 3, 'merging adds nothing older and deletes nothing');

  await pickBackup(page, backup.path);
  await page.getByText('2 cases, 2 already here').waitFor();
  const [automatic] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Replace everything here' }).click(),
  ]);
  assert.match(automatic.suggestedFilename(), /^dispute-desk-before-restore-2026-11-21\.ddbackup$/);
  await page.getByText('Restored 2 cases and 2 files.').waitFor();
  assert.deepEqual(await dump(page), atBackup, 'replace brings back exactly the backup');

  // The automatic backup holds the three cases it replaced.
  await pickBackup(page, await automatic.path());
  await page.getByText('3 cases, 2 already here').waitFor();
  guard.assertClean();
  await context.close();
});

test('bad backups get a clear message and change nothing', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await richData(page);
  await page.goto(`${app.server.url}/backup`);
  const good = await readFile((await download(page, 'Download a full backup')).path);
  const before = await dump(page);
  const dir = tmpdir();
  const variant = async (name, bytes) => {
    const path = join(dir, `${process.pid}-${name}.ddbackup`);
    await writeFile(path, bytes);
    return path;
  };
  const manifestLength = Number(good.readBigUInt64LE(16));
  const manifest = JSON.parse(good.subarray(24, 24 + manifestLength).toString('utf8'));
  const withManifest = (edit) => {
    const copy = structuredClone(manifest);
    edit(copy);
    const json = Buffer.from(JSON.stringify(copy));
    const length = Buffer.alloc(8);
    length.writeBigUInt64LE(BigInt(json.length));
    return Buffer.concat([good.subarray(0, 16), length, json, good.subarray(24 + manifestLength)]);
  };
  const newer = Buffer.from(good);
  newer[15] = '2'.charCodeAt(0);
  const flipped = Buffer.from(good);
  flipped[good.length - 3] ^= 0xff;
  const cases = [
    ['not-a-backup', png, 'This file is not a Dispute Desk backup.'],
    ['newer', newer, 'This backup was made by a newer version of Dispute Desk.'],
    ['truncated', good.subarray(0, good.length - 10), 'This backup is incomplete'],
    ['digest', flipped, 'does not match its fingerprint'],
    ['invalid-record', withManifest((m) => { m.cases[0].details.order_number = ''; }), 'Case 1 in this backup is not valid (order-number: Enter the order number'],
    ['damaged-index', withManifest((m) => { m.cases = 'nonsense'; }), 'This backup is damaged'],
  ];
  for (const [name, bytes, message] of cases) {
    await pickBackup(page, await variant(name, bytes));
    if (name === 'digest') {
      // The index is fine, so the buyer sees what it holds; the files are checked before writing.
      await page.getByRole('button', { name: 'Replace everything here' }).click();
    }
    await page.getByText(message).waitFor();
    assert.match(await page.getByRole('alert').last().innerText(), /Nothing was changed|not valid|not a Dispute Desk backup|newer version/, name);
    assert.deepEqual(await dump(page), before, `${name} changed nothing`);
  }
  guard.assertClean();
  await context.close();
});

test('a share link opens in another browser, with and without a passphrase', async () => {
  const sender = await openApp(app, DOWNLOADS);
  await richData(sender.page);
  await sender.page.getByRole('link', { name: 'Dispute Desk' }).click();
  await sender.page.locator('li.case-row', { hasText: 'Desk lamp' }).getByRole('link').click();
  await openSection(sender.page, 'Share and print');
  await sender.page.locator('#share-passphrase').fill('blue kettle 42');
  await sender.page.getByRole('button', { name: 'Create the link' }).click();
  const sealedLink = await sender.page.locator('#share-link').inputValue();
  assert.match(sealedLink, new RegExp(`^${app.server.url}/shared#share=v1\\.e\\.[A-Za-z0-9_-]+$`));
  assert.doesNotMatch(sealedLink, /Desk|lamp|BK-1/, 'nothing readable in a sealed link');
  await sender.page.locator('#share-passphrase').fill('');
  await sender.page.getByRole('button', { name: 'Create the link' }).click();
  const plainLink = await sender.page.locator('#share-link').inputValue();
  assert.match(plainLink, /#share=v1\.p\./);

  const helper = await openApp(app, DOWNLOADS);
  const requests = [];
  helper.page.on('request', (request) => requests.push(request.url()));
  await helper.page.goto(sealedLink);
  await helper.page.locator('#open-passphrase').fill('wrong words');
  await helper.page.getByRole('button', { name: 'Open' }).click();
  await helper.page.getByText('That passphrase does not open this link.').waitFor();
  await helper.page.locator('#open-passphrase').fill('blue kettle 42');
  await helper.page.getByRole('button', { name: 'Open' }).click();
  await helper.page.getByRole('heading', { name: 'Desk lamp' }).waitFor();
  assert.match(await helper.page.locator('main').innerText(), /Dispute opened/);
  assert.ok(requests.every((url) => !url.includes('share=')), 'the case never travels to the server');
  await helper.page.getByRole('button', { name: 'Add to my cases' }).click();
  await helper.page.locator('.guide').waitFor();
  await openSection(helper.page, 'Details');
  assert.match(await helper.page.locator('dl.details').innerText(), /Order number\s+BK-1/);

  // The same case again: replace or keep both.
  await helper.page.goto(plainLink);
  await helper.page.getByRole('button', { name: 'Keep both' }).click();
  await helper.page.locator('.guide').waitFor();
  await helper.page.getByRole('link', { name: 'Dispute Desk' }).click();
  assert.equal(await helper.page.locator('li.case-row', { hasText: 'Desk lamp' }).count(), 2);

  // A damaged link says so.
  await helper.page.goto(`${app.server.url}/shared#share=v1.p.AAAA_not-really`);
  await helper.page.getByText('This link is damaged').waitFor();
  sender.guard.assertClean();
  helper.guard.assertClean();
  await sender.context.close();
  await helper.context.close();
});

test('the printable case file holds the summary, deadlines, journal and evidence index', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await richData(page);
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  await page.locator('li.case-row', { hasText: 'Desk lamp' }).getByRole('link').click();
  await openSection(page, 'Share and print');
  await page.getByRole('link', { name: 'Printable case file' }).click();
  await page.getByRole('heading', { name: 'Case file: Desk lamp' }).waitFor();
  const text = await page.locator('.print-case').innerText();
  assert.match(text, /Order number\s+BK-1/);
  assert.match(text, /Last day to open a dispute\s+Mon 23 Nov 2026/);
  assert.match(text, /Thu 19 Nov 2026\s+Dispute opened/);
  assert.match(text, /lamp\.png[\s\S]*SHA-256: [0-9a-f]{64}/);
  await page.locator('.print-thumb').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false, 'no app chrome on paper');
  // A state is one word on one line, even on a narrow page ("Upcoming", never "Upcomin / g").
  await page.setViewportSize({ width: 600, height: 900 });
  const brokenWords = await page.evaluate(() => [...document.querySelectorAll('.print-case tbody tr td:nth-child(3)')]
    .filter((cell) => !cell.textContent.includes(' '))
    .filter((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
    })
    .map((cell) => cell.textContent));
  assert.deepEqual(brokenWords, []);

  // A case with no journal and no files says so, instead of printing bare headings.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  await page.locator('li.case-row', { hasText: 'Phone case' }).getByRole('link').click();
  await page.goto(`${page.url()}/print`);
  await page.getByRole('heading', { name: /^Case file: Phone case/ }).waitFor();
  assert.equal(await page.locator('.print-case .nothing-yet').count(), 2);
  assert.equal(await page.locator('.print-case section', { hasText: 'Journal' }).locator('table').count(), 0);
  guard.assertClean();
  await context.close();
});
