// The browser killed in the middle of a large write: every process of a Chromium with a real
// profile gets SIGKILL while a big video is being kept, then the same profile is opened again.
// Every case must still open, no file may be half there, and nothing may point at a missing file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW, guardPage, launchWithProfile, openSection, serveDist } from './harness.mjs';

const BIG = 150 * 1024 * 1024;
let server;
let profile;

before(async () => {
  server = await serveDist();
  profile = await mkdtemp(join(tmpdir(), 'dispute-desk-crash-'));
});

after(async () => {
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

async function launch() {
  const context = await launchWithProfile(profile, { timezoneId: 'America/New_York' });
  const page = context.pages()[0] ?? await context.newPage();
  const guard = guardPage(page, server.url);
  await page.clock.setFixedTime(NOW);
  return { context, page, guard };
}

/** SIGKILL for every process of this profile's browser: no shutdown, no flush. */
function killBrowser() {
  try {
    execFileSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]);
  } catch {
    // pkill exits 1 when nothing matched: the browser is already gone.
  }
}

/** What IndexedDB holds, read directly: every file's metadata and whether all its bytes read back. */
async function storedFiles(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const db = await request(indexedDB.open('dispute-desk'));
    const tx = db.transaction(['evidence', 'evidence_blobs']);
    const items = await request(tx.objectStore('evidence').getAll());
    const blobKeys = await request(tx.objectStore('evidence_blobs').getAllKeys());
    const files = [];
    for (const item of items) {
      const blob = await request(db.transaction('evidence_blobs').objectStore('evidence_blobs').get(item.id));
      let readable = 0;
      if (blob) {
        // Read the whole file back: a half-written one fails or comes back short.
        readable = (await blob.arrayBuffer()).byteLength;
      }
      files.push({ id: item.id, name: item.name, size: item.size, readable });
    }
    db.close();
    return { files, blobKeys };
  });
}

async function assertIntact(page, label) {
  const { files, blobKeys } = await storedFiles(page);
  for (const file of files) {
    assert.equal(file.readable, file.size, `${label}: "${file.name}" is whole`);
  }
  assert.deepEqual([...blobKeys].sort(), files.map((file) => file.id).sort(), `${label}: no bytes without metadata and no metadata without bytes`);
  return files;
}

test('killed in the middle of keeping a large video: every case opens, no file is half there', async () => {
  let { context, page, guard } = await launch();
  await page.goto(`${server.url}/new`);
  await page.locator('#order-number').fill('CRASH-1');
  await page.locator('#problem').selectOption('damaged');
  await page.locator('#delivered').fill('2026-11-18');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  const caseUrl = `${page.url()}/evidence`;
  await page.goto(caseUrl);
  await page.locator('.evidence').waitFor();
  await page.locator('.drop-zone input[type=file][multiple]').setInputFiles({ name: 'note.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 small') });
  await page.locator('.evidence-card', { hasText: 'note.pdf' }).waitFor();
  guard.assertClean();
  await context.close();

  const outcomes = [];
  // From the moment the progress bar shows to well into the write, so some kills land while the
  // bytes are being hashed and some while IndexedDB is committing them.
  for (const [round, delay] of [0, 250, 700, 1500, 3000].entries()) {
    const path = join(tmpdir(), `dispute-desk-crash-${process.pid}-${round}.mp4`);
    const file = await open(path, 'w');
    await file.truncate(BIG);
    await file.close();
    try {
      ({ context, page, guard } = await launch());
      await page.goto(caseUrl);
      await page.locator('.evidence').waitFor();
      await page.locator('.drop-zone input[type=file][multiple]').setInputFiles(path);
      await page.locator('.intake progress').waitFor();
      await new Promise((resolve) => setTimeout(resolve, delay));
      killBrowser();
      await context.close().catch(() => {});

      ({ context, page, guard } = await launch());
      await page.goto(server.url);
      await page.locator('li.case-row', { hasText: 'CRASH-1' }).getByRole('link').click();
      await page.locator('.guide').waitFor();
      await openSection(page, 'Evidence');
      await page.locator('.evidence').waitFor();
      const files = await assertIntact(page, `kill after ${delay} ms`);
      assert.ok(files.some((stored) => stored.name === 'note.pdf'), 'the file kept before the crash is still there');
      const kept = files.some((stored) => stored.name === path.split('/').pop());
      assert.equal(await page.locator('.evidence-card').count(), files.length, 'the page shows exactly the stored files');
      outcomes.push(`${delay} ms: ${kept ? 'kept whole' : 'not kept'}`);
      guard.assertClean();
      await context.close();
    } finally {
      killBrowser();
      await rm(path, { force: true });
    }
  }
  console.log(`crash rounds: ${outcomes.join('; ')}; nothing half-written`);
});
