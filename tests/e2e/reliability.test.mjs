// Nothing lost: two tabs on the same cases, a newer version opened in another tab, a damaged
// record, a refused write and its retry, and hostile text in every field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, appUnderTest, guardPage, openSection } from './harness.mjs';

const app = appUnderTest();

async function tab(context, path = '/') {
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${app.server.url}${path}`);
  await page.locator('main h1').first().waitFor();
  return { page, guard };
}

async function createCase(page, order) {
  await page.goto(`${app.server.url}/new`);
  await page.locator('#order-number').fill(order);
  await page.locator('#shipped').fill('2026-10-01');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  return page.url();
}

test('two tabs: a change in one appears in the other; conflicting edits are never silently lost', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const first = await tab(context);
  const second = await tab(context);
  const caseUrl = await createCase(first.page, 'TWO-TABS');

  // The new case shows in the other tab without a reload.
  await second.page.locator('li.case-row', { hasText: 'TWO-TABS' }).waitFor();

  // Both open the edit form; the first saves; the second is told and chooses.
  await first.page.goto(`${caseUrl}/edit`);
  await second.page.goto(`${caseUrl}/edit`);
  await first.page.locator('#item').fill('Edited in the first tab');
  await first.page.getByRole('button', { name: 'Save changes' }).click();
  await first.page.locator('.guide').waitFor();
  assert.equal(await second.page.locator('#item').inputValue(), '', 'the second tab keeps its own unsaved form');
  await second.page.locator('#item').fill('Edited in the second tab');
  await second.page.getByRole('button', { name: 'Save changes' }).click();
  await second.page.getByText('This case was changed in another tab or window since you opened it here.').waitFor();
  assert.equal(await second.page.locator('#item').inputValue(), 'Edited in the second tab', 'the typed text stays on screen');

  // Seeing the other version shows the first tab's edit; going back and choosing to overwrite wins.
  await second.page.getByRole('button', { name: 'Discard mine and see the other version' }).click();
  await second.page.getByRole('heading', { name: 'Edited in the first tab' }).waitFor();
  await second.page.goto(`${caseUrl}/edit`);
  await openSection(first.page, 'Journal');
  await first.page.getByLabel('A note').check();
  await first.page.locator('#entry-summary').fill('Note from the first tab');
  await first.page.getByRole('button', { name: 'Add to the journal' }).click();
  await first.page.locator('.journal-item', { hasText: 'Note from the first tab' }).waitFor();
  await second.page.locator('#item').fill('Mine wins');
  await second.page.getByRole('button', { name: 'Save changes' }).click();
  await second.page.getByRole('button', { name: 'Save mine over it' }).click();
  await second.page.getByRole('heading', { name: 'Mine wins' }).waitFor();
  // Choosing "mine" replaces the form's fields only: the note the first tab added stays.
  await openSection(second.page, 'Journal');
  await second.page.locator('.journal-item', { hasText: 'Note from the first tab' }).waitFor();
  await first.page.getByRole('heading', { name: 'Mine wins' }).waitFor();

  // A journal entry written in one tab while the other changes the same case: both land.
  await first.page.getByLabel('A note').check();
  await first.page.locator('#entry-summary').fill('First tab note');
  await second.page.getByLabel('A note').check();
  await second.page.locator('#entry-summary').fill('Second tab note');
  await first.page.getByRole('button', { name: 'Add to the journal' }).click();
  // The other tab shows the new entry at once, and what is being typed there stays as it was.
  await second.page.locator('.journal-item', { hasText: 'First tab note' }).waitFor();
  assert.equal(await second.page.locator('#entry-summary').inputValue(), 'Second tab note');
  await second.page.getByRole('button', { name: 'Add to the journal' }).click();
  await first.page.locator('.journal-item', { hasText: 'Second tab note' }).waitFor();
  first.guard.assertClean();
  second.guard.assertClean();
  await context.close();
});

test('a save of another case, in another tab, leaves the message being edited here alone', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const first = await tab(context);
  const second = await tab(context);
  const mine = await createCase(first.page, 'EDITING-1');
  const other = await createCase(second.page, 'OTHER-1');
  await first.page.goto(`${mine}/messages`);
  const text = first.page.locator('#message-text');
  await text.fill(`${await text.inputValue()}\nMy own last line`);
  await second.page.goto(`${other}/journal`);
  await second.page.getByLabel('A note').check();
  await second.page.locator('#entry-summary').fill('Saved elsewhere');
  await second.page.getByRole('button', { name: 'Add to the journal' }).click();
  await second.page.locator('.journal-item', { hasText: 'Saved elsewhere' }).waitFor();
  // The first tab has heard of it (its dashboard would show it); its text is still as edited.
  await first.page.waitForFunction(() => new Promise((done) => setTimeout(() => done(true), 500)));
  assert.match(await text.inputValue(), /\nMy own last line$/);
  first.guard.assertClean();
  second.guard.assertClean();
  await context.close();
});

test('a newer version opened in another tab never blocks, and the old tab says to reload', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const old = await tab(context);
  // Within the app, as a buyer moves: one document, one connection.
  await old.page.getByRole('link', { name: 'Or fill in the full form' }).click();
  await old.page.locator('#order-number').fill('KEEP-ME');
  await old.page.getByRole('button', { name: 'Save case' }).click();
  await old.page.locator('.guide').waitFor();
  // A second connection opens the database at a higher version, as a new release in another tab
  // would. (It runs in this page: any other page of this origin is the app itself, since the
  // service worker answers every address with the app.)
  const other = old.page;
  // "blocked" may be reported while the old tab closes its connection; the upgrade must still
  // go through, and soon, rather than wait forever.
  const upgraded = await other.evaluate(() => new Promise((done, fail) => {
    const request = indexedDB.open('dispute-desk', 99);
    request.onsuccess = () => { request.result.close(); done(true); };
    request.onerror = () => fail(request.error);
    setTimeout(() => fail(new Error('the upgrade waited for the old tab')), 5000);
  }));
  assert.equal(upgraded, true);
  await old.page.getByText('Dispute Desk was updated in another tab. Reload this tab to go on').waitFor();
  // The cases are intact in the upgraded database.
  const stored = await other.evaluate(() => new Promise((done) => {
    const request = indexedDB.open('dispute-desk');
    request.onsuccess = () => {
      const all = request.result.transaction('cases').objectStore('cases').getAll();
      all.onsuccess = () => { request.result.close(); done(all.result.map((record) => JSON.parse(record.json).details.order_number)); };
    };
  }));
  assert.deepEqual(stored, ['KEEP-ME']);
  old.guard.assertClean();
  await context.close();
});

test('a damaged record: the app opens, names it, and every other case works', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const { page, guard } = await tab(context);
  await createCase(page, 'HEALTHY');
  await page.evaluate(() => new Promise((done, fail) => {
    const request = indexedDB.open('dispute-desk');
    request.onsuccess = () => {
      const transaction = request.result.transaction('cases', 'readwrite');
      transaction.objectStore('cases').put({ id: 'broken-1', json: '{"format": 2, "id": "broken-1", "details": 7}' });
      transaction.oncomplete = () => { request.result.close(); done(); };
      transaction.onerror = () => fail(transaction.error);
    };
  }));
  await page.goto(app.server.url);
  await page.getByText('1 stored case could not be read.').waitFor();
  assert.match(await page.getByRole('alert').first().innerText(), /broken-1/);
  await page.locator('li.case-row', { hasText: 'HEALTHY' }).getByRole('link').click();
  await page.locator('.guide').waitFor();
  guard.assertClean();
  await context.close();
});

test('a refused write keeps the typing on screen, and a retry saves it', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const { page, guard } = await tab(context, '/new');
  await page.evaluate(() => {
    window.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => { throw new DOMException('disk full', 'QuotaExceededError'); };
  });
  await page.locator('#order-number').fill('RETRY-1');
  await page.locator('#item').fill('Kept on screen');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByText('There is no room left to save on this device. Nothing was changed.').waitFor();
  assert.equal(await page.locator('#item').inputValue(), 'Kept on screen');
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.realPut; });
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByRole('heading', { name: 'Kept on screen' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Kept on screen' }).waitFor();
  guard.assertClean();
  await context.close();
});

test('closing or reloading the tab while typing loses nothing', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  let { page, guard } = await tab(context, '/new');
  // Reloaded straight after the last keystroke, before the pause that writes the draft.
  await page.locator('#order-number').fill('DRAFT-1');
  await page.locator('#item').pressSequentially('Half typed');
  await page.reload();
  await page.getByText('This is what you typed last time; it is not saved yet.').waitFor();
  assert.equal(await page.locator('#order-number').inputValue(), 'DRAFT-1');
  assert.equal(await page.locator('#item').inputValue(), 'Half typed');
  // Thrown away on request, and gone for good.
  await page.getByRole('button', { name: 'Discard it and start over' }).click();
  assert.equal(await page.locator('#order-number').inputValue(), '');
  await page.reload();
  await page.locator('#order-number').waitFor();
  assert.equal(await page.locator('#order-number').inputValue(), '');
  guard.assertClean();

  // Closed outright, then opened again in a new tab.
  await page.locator('#order-number').fill('DRAFT-2');
  await page.close({ runBeforeUnload: true });
  ({ page, guard } = await tab(context, '/new'));
  assert.equal(await page.locator('#order-number').inputValue(), 'DRAFT-2');
  // Once saved, the draft is done: the next new case starts blank.
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  const caseUrl = page.url();

  // A journal entry and an edit, both left mid-sentence.
  await openSection(page, 'Journal');
  await page.getByLabel('A note').check();
  await page.locator('#entry-summary').fill('Seller promised a refund by Fri');
  await page.close({ runBeforeUnload: true });
  ({ page, guard } = await tab(context, `${caseUrl.slice(app.server.url.length)}/journal`));
  await page.getByText('What you were writing last time is back below').waitFor();
  await page.getByLabel('A note').check();
  assert.equal(await page.locator('#entry-summary').inputValue(), 'Seller promised a refund by Fri');
  await page.getByRole('button', { name: 'Add to the journal' }).click();
  await page.locator('.journal-item', { hasText: 'Seller promised a refund by Fri' }).waitFor();
  assert.equal(await page.locator('#entry-summary').inputValue(), '');

  await page.goto(`${caseUrl}/edit`);
  await page.locator('#seller').fill('Store 42');
  await page.reload();
  assert.equal(await page.locator('#seller').inputValue(), 'Store 42');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.guide').waitFor();

  await page.goto(`${app.server.url}/new`);
  assert.equal(await page.locator('#order-number').inputValue(), '');
  await page.goto(`${caseUrl}/journal`);
  await page.locator('.journal').waitFor();
  assert.equal(await page.getByText('What you were writing last time').count(), 0);
  guard.assertClean();
  await context.close();
});

// Script-injection payloads of every kind: HTML, attribute, URL, SVG and template.
const HOSTILE = [
  '<script>alert("s")</script>',
  '<img src=x onerror=alert("i")>',
  '"><svg onload=alert("v")>',
  "' onmouseover='alert(1)' x='",
  'javascript:alert("u")',
  '<a href="javascript:alert(2)">click</a>',
  '{{constructor.constructor("alert(3)")()}}',
  '${alert(4)}',
  '<iframe srcdoc="<script>alert(5)</script>">',
  '</textarea><script>alert(6)</script>',
];

test('hostile text in every field shows literally and runs nothing', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/New_York' });
  const { page, guard } = await tab(context, '/new');
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  const text = (i) => HOSTILE[i % HOSTILE.length];
  await page.locator('#order-number').fill(text(0).slice(0, 60));
  await page.locator('#seller').fill(text(1));
  await page.locator('#item').fill(text(2));
  await page.locator('#notes').fill(HOSTILE.join('\n'));
  await page.locator('#tracking-number').fill(text(5).slice(0, 60));
  // Only web addresses are taken as links.
  await page.locator('#listing-url').fill('javascript:alert("u")');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('#listing-url-error', { hasText: 'Paste the whole web address, starting with https://' }).waitFor();
  await page.locator('#listing-url').fill('https://www.aliexpress.com/item/1005001.html?a=<b>');
  await page.locator('#tracking-url').fill('https://t.17track.net/en#nums=LP001');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  const caseUrl = page.url();
  await openSection(page, 'Details');
  const listing = page.getByRole('link', { name: 'https://www.aliexpress.com/item/1005001.html?a=<b>' });
  assert.equal(await listing.getAttribute('rel'), 'noopener noreferrer');
  assert.ok((await page.locator('.notes').innerText()).includes(HOSTILE[9]));
  await openSection(page, 'Journal');
  for (const [i, payload] of HOSTILE.entries()) {
    await page.getByLabel('A note').check();
    await page.locator('#entry-summary').fill(payload);
    await page.getByRole('button', { name: 'Add to the journal' }).click();
    await page.locator('.journal-item').nth(i).waitFor();
  }
  await page.getByLabel('A message').check();
  await page.locator('#entry-summary').fill(text(3));
  await page.locator('#entry-full').fill(HOSTILE.join(' '));
  await page.getByRole('button', { name: 'Add to the journal' }).click();
  await page.locator('.journal-item').nth(HOSTILE.length).waitFor();
  await page.reload();
  await page.locator('.journal-item').nth(HOSTILE.length).waitFor();
  const shown = await page.locator('main').innerText();
  for (const payload of HOSTILE) assert.ok(shown.includes(payload), `shown literally: ${payload}`);
  assert.ok(shown.includes(text(2)), 'the item as the page title');
  assert.equal(await page.locator('main script, main iframe, main svg, main img[src="x"]').count(), 0);
  // The same text in messages written for the buyer, the print view and a share link.
  await openSection(page, 'Messages');
  assert.ok((await page.locator('#message-text').inputValue()).includes(text(1)));
  await page.goto(`${caseUrl}/print`);
  await page.getByRole('heading', { name: /^Case file:/ }).waitFor();
  assert.ok((await page.locator('.print-case').innerText()).includes(HOSTILE[9]));

  // Through a share link and a backup into a browser that never saw it: still only text.
  await page.goto(`${caseUrl}/share`);
  await page.getByRole('button', { name: 'Create the link' }).click();
  const link = await page.locator('#share-link').inputValue();
  await page.goto(`${app.server.url}/backup`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a full backup' }).click()]);
  const backupPath = await download.path();
  const elsewhere = await app.browser.newContext({ timezoneId: 'Asia/Shanghai' });
  const other = await tab(elsewhere);
  other.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  const literal = async (where) => {
    const text = await other.page.locator('main').innerText();
    for (const payload of HOSTILE) assert.ok(text.includes(payload), `${where} shows literally: ${payload}`);
    assert.equal(await other.page.locator('main script, main iframe, main svg, main img[src="x"]').count(), 0, where);
  };
  await other.page.goto(link);
  await other.page.getByRole('heading', { name: text(2) }).waitFor();
  await literal('the share link');
  await other.page.goto(`${app.server.url}/backup`);
  await other.page.locator('input[type=file]').setInputFiles(backupPath);
  await other.page.getByRole('button', { name: 'Merge into my cases' }).click();
  await other.page.getByText('Restored 1 case and').waitFor();
  await other.page.goto(`${caseUrl}/journal`);
  await other.page.locator('.journal-item').nth(HOSTILE.length).waitFor();
  await literal('the restored backup');
  other.guard.assertClean();
  await elsewhere.close();

  // A stored address that is not http or https (from an older version or edited on disk) is
  // shown as text, never as a link.
  await page.evaluate(async () => {
    const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const db = await request(indexedDB.open('dispute-desk'));
    const store = db.transaction('cases', 'readwrite').objectStore('cases');
    const [record] = await request(store.getAll());
    const stored = JSON.parse(record.json);
    stored.details.tracking_url = 'javascript:alert("t")';
    await request(store.put({ ...record, json: JSON.stringify(stored) }));
    db.close();
  });
  await page.goto(`${caseUrl}/details`);
  await page.locator('dd.address', { hasText: 'javascript:alert("t")' }).waitFor();
  assert.equal(await page.locator('main a[href^="javascript" i]').count(), 0);
  assert.deepEqual(dialogs, []);
  guard.assertClean();
  await context.close();
});
