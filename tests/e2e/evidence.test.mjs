// The evidence locker against the release build, with real files: a PNG photo, a WebM video
// recorded by Chromium itself, pasted and dropped screenshots, and a 500 MB video.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOW, appUnderTest, guardPage, openSection, png } from './harness.mjs';

const app = appUnderTest();

/** A real one-second WebM video, recorded by Chromium from an animated canvas. */
async function recordedVideo() {
  const page = await app.browser.newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d');
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const chunks = [];
    recorder.ondataavailable = (event) => chunks.push(event.data);
    const stopped = new Promise((done) => { recorder.onstop = done; });
    recorder.start();
    const started = performance.now();
    await new Promise((done) => {
      const draw = () => {
        const t = performance.now() - started;
        context.fillStyle = `hsl(${t / 4}, 80%, 50%)`;
        context.fillRect(0, 0, 160, 120);
        if (t < 1000) requestAnimationFrame(draw); else done();
      };
      draw();
    });
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let binary = '';
    bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
    return btoa(binary);
  });
  await page.close();
  return Buffer.from(base64, 'base64');
}

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

async function openCase() {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${app.server.url}/new`);
  await page.locator('#order-number').fill('EV-1');
  await page.locator('#item').fill('Desk lamp');
  await page.locator('#problem').selectOption('damaged');
  await page.locator('#delivered').fill('2026-11-18');
  await page.getByLabel('In your own words').fill('The lamp flickers and the lid is scratched.');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  await openSection(page, 'Evidence');
  assert.match(page.url(), /\/evidence$/);
  await page.locator('.evidence').waitFor();
  return { context, page, guard };
}

const picker = (page) => page.locator('.drop-zone input[type=file][multiple]');
const cards = (page) => page.locator('.evidence-card');

test('attach a photo and a video, see thumbnails, reload, view them; duplicates are refused', async () => {
  const { context, page, guard } = await openCase();
  const evidence = page.locator('.evidence');
  assert.match(await evidence.locator('.evidence-summary').innerText(), /^Still missing: photos of the damage and of the packaging; a video showing it does not work/);

  const photo = png(64, 48, [200, 40, 40]);
  await picker(page).setInputFiles({ name: 'scratch.png', mimeType: 'image/png', buffer: photo });
  await cards(page).first().locator('img').waitFor();
  const card = cards(page).first();
  assert.match(await card.innerText(), /scratch\.png/);
  assert.equal(await card.locator('.digest').getAttribute('title'), sha256(photo), 'the digest is the file\'s SHA-256');
  // Thumbnails load lazily, once they are on screen.
  await card.locator('img').scrollIntoViewIfNeeded();
  assert.ok(await card.locator('img').evaluate((img) => img.decode().then(() => img.naturalWidth === 64)), 'the thumbnail shows the image');

  // Caption and checklist item; the checklist ticks.
  await card.getByLabel('Caption').fill('Scratch on the lid');
  await card.getByLabel('Caption').press('Tab');
  await page.locator('.evidence-card select').first().selectOption('damage');
  await page.locator('.checklist-status li.ticked', { hasText: 'Photos of the damage' }).waitFor();
  assert.doesNotMatch(await evidence.locator('.evidence-summary').innerText(), /photos of the damage/);

  // The dispute description names the file really attached, and what it proves; the video the
  // checklist still asks for is said beside the text, never claimed inside it.
  await openSection(page, 'Messages');
  await page.locator('#message-kind').selectOption('dispute_description');
  await page.waitForFunction(() => document.querySelector('#message-text')?.value.includes('Evidence attached:'));
  const description = await page.locator('#message-text').inputValue();
  assert.match(description, /\n\nEvidence attached:\n- Scratch on the lid \(photos of the damage and of the packaging\)$/);
  assert.match(description, /arrived damaged or does not work\. In my own words: "The lamp flickers and the lid is scratched\."/);
  assert.doesNotMatch(description, /video/);
  assert.match(await page.locator('.still-missing').innerText(), /^Still missing: a video showing it does not work \(electronics\); screenshots of your messages with the seller\. Attach them in Evidence$/);
  // A letter's placeholders are named before it is copied (this case has no amount or payment day).
  await page.locator('#message-kind').selectOption('chargeback_letter');
  assert.match(await page.locator('.to-fill').innerText(), /^Fill in before sending: \[amount\], \[date\], \[last 4 digits\], \[your card issuer\], \[your name\]$/);
  await page.locator('.still-missing').getByRole('link', { name: 'Attach them in Evidence' }).click();
  await page.locator('.evidence').waitFor();

  // A real video, attached for its checklist item.
  const video = await recordedVideo();
  await evidence.getByRole('button', { name: 'Attach a file for: A video showing it does not work (electronics)' }).click();
  await picker(page).setInputFiles({ name: 'not-working.webm', mimeType: 'video/webm', buffer: video });
  await page.locator('.evidence-card video').waitFor();
  await page.locator('.checklist-status li.ticked', { hasText: 'A video showing it does not work' }).waitFor();

  // The same photo again is recognised by its bytes, whatever its name.
  await picker(page).setInputFiles({ name: 'copy-of-scratch.png', mimeType: 'image/png', buffer: photo });
  await page.getByText('"copy-of-scratch.png" is already attached to this case, as "scratch.png".').waitFor();
  assert.equal(await cards(page).count(), 2);

  // After a reload everything is there, and the viewer shows the stored bytes.
  await page.reload();
  await cards(page).nth(1).waitFor();
  const photoCard = cards(page).filter({ hasText: 'scratch.png' });
  assert.equal(await photoCard.getByLabel('Caption').inputValue(), 'Scratch on the lid');
  await photoCard.getByRole('button', { name: 'View', exact: true }).click();
  const viewer = page.getByRole('dialog', { name: 'Viewing Scratch on the lid' });
  await viewer.locator('img').waitFor();
  assert.ok(await viewer.locator('img').evaluate((img) => img.decode().then(() => img.naturalWidth === 64)));
  const shownUrl = await viewer.locator('img').getAttribute('src');
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });
  guard.expectFailure(shownUrl);
  const stillReadable = await page.evaluate((url) => fetch(url).then(() => true, () => false), shownUrl);
  assert.equal(stillReadable, false, 'the viewer\'s object URL is released when it closes');

  await cards(page).filter({ hasText: 'not-working.webm' }).getByRole('button', { name: 'View', exact: true }).click();
  const player = page.getByRole('dialog').locator('video');
  await player.waitFor();
  await page.waitForFunction(() => document.querySelector('.viewer video')?.readyState >= 1);
  assert.ok(await player.evaluate((v) => v.videoWidth === 160), 'the recorded video plays from storage');
  await page.getByRole('button', { name: 'Close' }).click();

  // Removing asks first, and the file is gone after a reload.
  await photoCard.getByRole('button', { name: 'Remove' }).click();
  await photoCard.getByRole('button', { name: 'Yes, remove it' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.evidence-card').length === 1);
  await page.reload();
  await cards(page).first().waitFor();
  assert.equal(await cards(page).count(), 1);

  // The dashboard says what evidence the case still lacks.
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  assert.match(await page.locator('li.case-row').innerText(), /Evidence: 2 items still missing/);
  guard.assertClean();
  await context.close();
});

test('pasted and dropped screenshots are kept; a refused write changes nothing and says why', async () => {
  const { context, page, guard } = await openCase();
  const screenshot = [...png(20, 20, [10, 120, 200])];
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  }, screenshot);
  await cards(page).filter({ hasText: 'pasted.png' }).locator('img').waitFor();

  const dropped = [...png(30, 10, [0, 160, 60])];
  await page.evaluate((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }));
    document.querySelector('.drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, dropped);
  await cards(page).filter({ hasText: 'dropped.png' }).waitFor();

  // How much room the app uses, and whether the browser promises to keep it.
  await page.getByText(/^Dispute Desk uses [\d.]+ (KB|MB) of the .+ this browser allows it\.$/).waitFor();
  await page.getByText(/The browser (may delete|keeps) this data/).waitFor();

  // A full disk: the browser refuses the write. The buyer is told, and nothing is half-kept.
  await page.evaluate(() => {
    IDBObjectStore.prototype.add = () => { throw new DOMException('disk full', 'QuotaExceededError'); };
  });
  await picker(page).setInputFiles({ name: 'too-much.png', mimeType: 'image/png', buffer: png(8, 8, [1, 2, 3]) });
  await page.getByText('There is no room left to save on this device. Nothing was changed.').waitFor();
  await page.reload();
  await cards(page).nth(1).waitFor();
  assert.equal(await cards(page).count(), 2);
  assert.equal(await cards(page).filter({ hasText: 'too-much.png' }).count(), 0);

  // Files the app does not keep are turned away before they are read.
  await picker(page).setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await page.getByText('"setup.exe" is not a photo, a video, a PDF or a document.').waitFor();
  guard.assertClean();
  await context.close();
});

test('a 500 MB video is kept with its progress shown while the page stays responsive', async () => {
  const path = join(tmpdir(), `dispute-desk-500mb-${process.pid}.mp4`);
  const file = await open(path, 'w');
  await file.truncate(500 * 1024 * 1024);
  await file.close();
  try {
    const { context, page, guard } = await openCase();
    await picker(page).setInputFiles(path);
    await page.locator('.intake progress').waitFor();
    // While it is read, hashed and stored, the buyer can open another part of the case and type
    // there; back in the evidence, the video is still on its way in, or kept.
    await openSection(page, 'Journal');
    await page.locator('#entry-summary').fill('Typed while the video was being kept');
    assert.equal(await page.locator('#entry-summary').inputValue(), 'Typed while the video was being kept');
    await openSection(page, 'Evidence');
    const card = cards(page).filter({ hasText: path.split('/').pop() });
    await card.waitFor({ timeout: 120_000 });
    assert.match(await card.innerText(), /500\.0 MB/);
    // 500 MB of zeros has a well-known SHA-256.
    const zeros = createHash('sha256');
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 500; i += 1) zeros.update(block);
    assert.equal(await card.locator('.digest').getAttribute('title'), zeros.digest('hex'));
    guard.assertClean();
    await context.close();
  } finally {
    await rm(path, { force: true });
  }
});
