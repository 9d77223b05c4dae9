// Share into the installed app from the phone: what the share sheet posts to the manifest's
// share_target reaches the service worker, waits in the app's inbox, and goes where the buyer
// says: a file into a case's evidence, a text into a new case's paste reader. No server involved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, appUnderTest, guardPage, png, saveNewCase } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const app = appUnderTest();

test('a shared photo joins a case\'s evidence and a shared email starts a case, through the inbox', async () => {
  const manifest = JSON.parse(await readFile(join(DIST, 'manifest.webmanifest'), 'utf8'));
  assert.deepEqual(
    [manifest.share_target.action, manifest.share_target.method, manifest.share_target.enctype, manifest.share_target.params.files[0].name],
    ['share-target', 'POST', 'multipart/form-data', 'files'],
  );
  const context = await app.browser.newContext({ ...PHONE, locale: 'en-US' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.origin);
  await page.goto(app.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await saveNewCase(page, app.server.url, { 'order-number': 'SHARE-1', shipped: '2026-10-01' });

  // What the phone's share sheet does: a multipart POST of the manifest's fields to its action.
  await page.evaluate(({ action, params }) => {
    const form = Object.assign(document.createElement('form'), { id: 'share-sheet', method: 'POST', enctype: 'multipart/form-data', action });
    const files = Object.assign(document.createElement('input'), { type: 'file', name: params.files[0].name, multiple: true });
    const text = Object.assign(document.createElement('input'), { type: 'hidden', name: params.text, value: 'Your order 3041234567890123 is closed' });
    form.append(files, text);
    document.body.append(form);
  }, manifest.share_target);
  await page.locator('#share-sheet input[type=file]').setInputFiles([{ name: 'broken-lamp.png', mimeType: 'image/png', buffer: png(32, 24, [10, 120, 200]) }]);
  await Promise.all([page.waitForURL(/\/inbox$/), page.evaluate(() => document.getElementById('share-sheet').submit())]);
  await page.getByRole('heading', { name: 'Shared with Dispute Desk' }).waitFor();
  assert.match(await page.locator('.inbox-files').innerText(), /1 file shared[\s\S]*broken-lamp\.png/);
  assert.match(await page.locator('.shared-text').innerText(), /Your order 3041234567890123 is closed/);

  // The photo goes into the case's evidence, and leaves the inbox once kept.
  await page.getByRole('button', { name: 'Add to this case\'s evidence' }).click();
  await page.waitForURL(/\/cases\/[^/]+\/evidence$/);
  await page.locator('main .evidence').getByText('broken-lamp.png').first().waitFor();
  // The file leaves the inbox just after it is kept; a page load before that would find it still there.
  const inboxEntries = () => page.evaluate(async () => (await (await caches.open('dispute-desk-inbox')).keys()).length);
  for (let tries = 0; tries < 50 && (await inboxEntries()) > 1; tries += 1) await page.waitForTimeout(100);
  await page.goto(`${app.server.url}/inbox`);
  await page.locator('.shared-text').waitFor();
  assert.equal(await page.locator('.inbox-files').count(), 0);

  // The text starts a new case: the paste reader opens with it and finds the order.
  await page.getByRole('button', { name: 'Start a case from this text' }).click();
  await page.getByRole('heading', { name: 'New case' }).waitFor();
  assert.match(await page.locator('.paste-found').innerText(), /Order number[\s\S]*3041234567890123/);
  await page.goto(`${app.server.url}/inbox`);
  await page.getByText('Nothing shared is waiting here.').waitFor();
  guard.assertClean();
  await context.close();
});
