// Every deadline, counted down: the chain moving as steps are recorded, the buyer's own
// corrections, the Upcoming view, the 48-hour banner, the calendar file and reminders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appUnderTest, openApp, openSection } from './harness.mjs';

// Saturday 21 November 2026, 12:00 UTC = 07:00 in New York.

const app = appUnderTest();
/** The journeys here download calendar files. */
const DOWNLOADS = { acceptDownloads: true };

/** Fills the new-case form; `fields` maps each field's id (its stable key) to its value. */
async function addCase(page, fields) {
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('link', { name: 'Fill in the full form instead' }).click();
  for (const [id, value] of Object.entries(fields)) {
    const field = page.locator(`#${id}`);
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
}

const item = (page, title) => page.locator('.timeline-item', { has: page.getByRole('heading', { name: title, exact: true }) });

test('recording steps moves the chain; the buyer can correct a deadline for one case', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await addCase(page, { 'order-number': 'CHAIN-1', item: 'Desk lamp', 'payment-method': 'paypal', paid: '2026-09-24', shipped: '2026-09-26' });
  await openSection(page, 'Deadlines');

  // Before the dispute: the opening window and PayPal's 180 days; later steps wait for their event.
  assert.equal(await item(page, 'Last day to open a dispute').locator('.timeline-date').innerText(), 'Wed 25 Nov 2026');
  assert.equal(await item(page, 'Last day to open a PayPal dispute').locator('.timeline-date').innerText(), 'Tue 23 Mar 2027');
  assert.match(await item(page, 'Last day to open a PayPal dispute').innerText(), /closes at the end of Tue 23 Mar 2027/);
  assert.match(await page.locator('.pending-list').innerText(), /Last day to appeal: Starts once you record "Decision issued"/);
  const order = await page.locator('.timeline-list > li').allInnerTexts();
  assert.equal(order[0].split('\n')[1], 'Today', 'today is marked before every future deadline');

  // Recording "Dispute opened" in the journal meets the opening window and starts the seller's 5 days.
  await openSection(page, 'Journal');
  await page.getByLabel('A step').check();
  await page.locator('#entry-step').selectOption('dispute_opened');
  await page.locator('#entry-day').fill('2026-11-18');
  await page.getByRole('button', { name: 'Add to the journal' }).click();
  assert.match(await page.locator('.journal-list').innerText(), /Wed 18 Nov 2026\s+Dispute opened/);
  await openSection(page, 'Deadlines');
  await item(page, 'Seller must respond').waitFor();
  assert.match(await item(page, 'Last day to open a dispute').innerText(), /DONE[\s\S]*Done on Wed 18 Nov 2026/);
  const seller = item(page, 'Seller must respond');
  assert.equal(await seller.locator('.timeline-date').innerText(), 'Mon 23 Nov 2026');
  assert.match(await seller.innerText(), /the seller must act/);
  assert.equal(await seller.locator('.countdown').innerText(), '2 days 4 hours left');
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /Status\s+Dispute open/);
  await openSection(page, 'Deadlines');

  // "My dispute page says 7 days": the rule's length, for this case only.
  await seller.getByText('Why this date').click();
  await seller.getByLabel('Length in days').fill('7');
  await seller.getByRole('button', { name: 'Save this deadline' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('.timeline-item')].some((li) => li.textContent.includes('Seller must respond') && li.textContent.includes('Wed 25 Nov 2026')));
  assert.equal(await item(page, 'Seller must respond').locator('.tag').innerText(), 'Estimate with your length');
  await item(page, 'Seller must respond').getByText('Why this date').click();
  assert.match(await item(page, 'Seller must respond').innerText(), /You set 7 days instead of the rule's 5/);

  // A date entered directly wins, and is labelled as the buyer's.
  await item(page, 'Seller must respond').getByLabel('Or the exact last day').fill('2026-11-22');
  await item(page, 'Seller must respond').getByRole('button', { name: 'Save this deadline' }).click();
  await page.locator('.timeline-item.due-soon', { hasText: 'Seller must respond' }).waitFor();
  assert.equal(await item(page, 'Seller must respond').locator('.tag').innerText(), 'Set by you');
  assert.match(await page.locator('.banner').innerText(), /1 deadline within 48 hours\. Seller must respond for Desk lamp: 1 day 4 hours left/);

  // Back to the rules.
  await item(page, 'Seller must respond').getByText('Why this date').click();
  await item(page, 'Seller must respond').getByRole('button', { name: 'Use the rules again' }).click();
  await page.locator('.timeline-item.later', { hasText: 'Seller must respond' }).waitFor();
  assert.equal(await item(page, 'Seller must respond').locator('.tag').innerText(), 'Estimate');
  assert.equal(await page.locator('.banner').count(), 0);

  // Everything above was stored.
  await page.reload();
  await item(page, 'Seller must respond').waitFor();
  await openSection(page, 'Journal');
  assert.match(await page.locator('.journal-list').innerText(), /Dispute opened/);

  // Withdrawing the step puts the chain back; the journal keeps the record of it.
  const entry = page.locator('.journal-item', { hasText: 'Dispute opened' });
  await entry.getByRole('button', { name: 'Correct' }).click();
  await entry.getByRole('button', { name: 'Withdraw this entry' }).click();
  await openSection(page, 'Deadlines');
  await page.locator('.pending-list', { hasText: 'Seller must respond' }).waitFor();
  assert.equal(await item(page, 'Seller must respond').count(), 0);
  guard.assertClean();
  await context.close();
});

test('the Upcoming view groups every deadline of every case, and the calendar file holds them', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await addCase(page, { 'order-number': 'TODAY-1', 'payment-method': 'balance', shipped: '2026-09-22' });
  await addCase(page, { 'order-number': 'WEEK-1', 'payment-method': 'balance', shipped: '2026-09-25' });
  await addCase(page, { 'order-number': 'LATE-1', 'payment-method': 'balance', shipped: '2026-08-01' });
  await addCase(page, { 'order-number': 'LATER-1', shipped: '2026-11-10', paid: '2026-11-08' });

  await page.getByRole('link', { name: 'Upcoming' }).click();
  await page.getByRole('heading', { name: 'Upcoming deadlines' }).waitFor();
  const group = async (name) => page.locator('section.upcoming-group', { has: page.getByRole('heading', { name, exact: true }) }).innerText();
  assert.match(await group('Overdue'), /LATE-1[\s\S]*overdue by/);
  assert.match(await group('Today'), /TODAY-1[\s\S]*Last day to open a dispute: Sat 21 Nov 2026 · 4 hours left/);
  assert.match(await group('This week'), /WEEK-1[\s\S]*Tue 24 Nov 2026/);
  const later = await group('Later');
  assert.match(later, /LATER-1[\s\S]*Last day to open a dispute: Sat 9 Jan 2027/);
  assert.match(later, /LATER-1[\s\S]*Last day for a card chargeback: Mon 8 Mar 2027/);
  assert.match(await page.locator('.banner').innerText(), /1 deadline within 48 hours/);

  // One calendar file for everything, in RFC 5545 form.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Add all deadlines to my calendar (.ics)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'dispute-desk-deadlines.ics');
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
  const unfolded = text.replace(/\r\n /g, '');
  const uids = [...unfolded.matchAll(/^UID:(.+)$/gm)].map((match) => match[1]);
  assert.equal(uids.length, 5, 'four opening windows (one missed) and a chargeback window');
  assert.equal(new Set(uids).size, uids.length);
  assert.ok(unfolded.includes('SUMMARY:Last day to open a dispute: TODAY-1 (order TODAY-1)'));
  assert.ok(unfolded.includes('DTEND:20261121T160000Z'));
  assert.equal([...unfolded.matchAll(/^TRIGGER;RELATED=END:-P3D$/gm)].length, 5);

  // The same file again has the same identifiers, so a calendar updates instead of duplicating.
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Add all deadlines to my calendar (.ics)' }).click(),
  ]);
  const againUids = [...(await readFile(await again.path(), 'utf8')).replace(/\r\n /g, '').matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
  assert.deepEqual(againUids, uids);
  guard.assertClean();
  await context.close();
});

/** The notifications the service worker is showing. */
const notifications = (page) => page.evaluate(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration.getNotifications()).map(({ title, body, tag }) => ({ title, body, tag }));
});

async function waitForNotifications(page, count) {
  for (let tries = 0; tries < 100; tries += 1) {
    const shown = await notifications(page);
    if (shown.length >= count) return shown;
    await page.waitForTimeout(100);
  }
  assert.fail(`expected ${count} notification(s), saw ${JSON.stringify(await notifications(page))}`);
}

/** The reminder schedule the app keeps for the service worker, by key. */
const schedule = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const request = indexedDB.open('dispute-desk');
  request.onsuccess = () => {
    const read = request.result.transaction('reminders').objectStore('reminders').getAll();
    read.onsuccess = () => { request.result.close(); resolve(read.result.map(({ key, shown, path }) => ({ key, shown, path }))); };
    read.onerror = () => reject(read.error);
  };
}));

test('reminders are only asked for when the buyer turns them on; the service worker shows each once, also when woken in the background, and a tap opens the case', async () => {
  const { context, page, guard } = await openApp(app, { ...DOWNLOADS, permissions: ['notifications'] });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Shipped 23 September: the last day to open the dispute is Sunday 22 November, 28 hours away.
  await addCase(page, { 'order-number': 'SOON-1', item: 'Phone case', 'payment-method': 'balance', shipped: '2026-09-23' });
  const casePath = new URL(page.url()).pathname.slice(1);
  await page.getByRole('link', { name: 'Upcoming' }).click();
  await page.getByRole('heading', { name: 'Upcoming deadlines' }).waitFor();
  assert.deepEqual(await schedule(page), [], 'nothing is scheduled before the buyer opts in');
  assert.deepEqual(await notifications(page), []);

  await page.getByLabel(/Remind me with a browser notification/).check();
  // Not installed, this browser will not wake the app in the background: it says so, by the calendar file.
  await page.getByText('Reminders are on, but only while Dispute Desk is open').waitFor();
  // The 2-day reminder is already due: the open app asks the worker to show it at once.
  const [first] = await waitForNotifications(page, 1);
  assert.deepEqual({ title: first.title, body: first.body }, {
    title: 'Dispute Desk: Last day to open a dispute',
    body: 'Phone case: closes at the end of Sun 22 Nov 2026',
  });
  const stored = await schedule(page);
  assert.deepEqual(stored.map(({ key, shown, path }) => [key.split(':').pop(), shown, path]), [['24h', false, casePath], ['48h', true, casePath]]);

  // Nothing is shown twice: not after a reload, not when the worker is asked again.
  await page.evaluate(async () => (await (await navigator.serviceWorker.getRegistration()).getNotifications()).forEach((n) => n.close()));
  await page.reload();
  await page.getByRole('heading', { name: 'Upcoming deadlines' }).waitFor();
  assert.equal(await page.getByLabel(/Remind me/).isChecked(), true);
  const [worker] = context.serviceWorkers();
  assert.deepEqual(await worker.evaluate(() => showDueReminders(Date.parse('2026-11-21T12:05:00Z'))), []);
  assert.deepEqual(await notifications(page), []);

  // With the app closed, the browser wakes the worker (Periodic Background Sync, dispatched here
  // as Chromium does), which shows the 1-day reminder once its time has come, by its own clock.
  await page.goto('about:blank');
  await worker.evaluate(() => { const fixed = Date.parse('2026-11-21T17:00:00Z'); Date.now = () => fixed; });
  const cdp = await context.newCDPSession(page);
  const registrations = new Promise((resolve) => cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: found }) => found.length && resolve(found)));
  await cdp.send('ServiceWorker.enable');
  const [registration] = await registrations;
  await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', { origin: app.server.origin, registrationId: registration.registrationId, tag: 'reminders', lastChance: false });
  const shownClosed = await worker.evaluate(async () => {
    for (let tries = 0; tries < 100; tries += 1) {
      const shown = await self.registration.getNotifications();
      if (shown.length > 0) return shown.map(({ body, tag }) => ({ body, tag }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return [];
  });
  assert.equal(shownClosed.length, 1);
  assert.match(shownClosed[0].tag, /:24h$/);
  assert.equal(shownClosed[0].body, 'Phone case: closes at the end of Sun 22 Nov 2026');

  // A tap on it opens the case (the handler, invoked here, as no one can tap in a headless browser).
  await page.goto(`${app.server.url}/upcoming`);
  await page.getByRole('heading', { name: 'Upcoming deadlines' }).waitFor();
  await worker.evaluate((path) => openCase(path), casePath);
  await page.waitForURL((url) => url.pathname === `/${casePath}`);
  await page.locator('.guide').waitFor();
  guard.assertClean();
  await context.close();
});

test('a browser that refuses notifications gets a plain explanation and reminders stay off', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  await page.getByRole('link', { name: 'Upcoming' }).click();
  // A plain click: the app itself unticks the box once the browser refuses.
  await page.getByLabel(/Remind me with a browser notification/).click();
  await page.getByText('Your browser blocked notifications').waitFor();
  assert.equal(await page.getByLabel(/Remind me/).isChecked(), false);
  guard.assertClean();
  await context.close();
});

test('the app icon shows how many deadlines are within 48 hours, and clears when none are', async () => {
  const { context, page, guard } = await openApp(app, DOWNLOADS);
  // Record what the app asks of the App Badging API; the real calls go on as before.
  await page.addInitScript(() => {
    window.badges = [];
    const record = (name, real) => (...args) => {
      window.badges.push(name === 'clear' ? 0 : args[0]);
      return real ? real.apply(navigator, args).catch(() => {}) : Promise.resolve();
    };
    navigator.setAppBadge = record('set', navigator.setAppBadge);
    navigator.clearAppBadge = record('clear', navigator.clearAppBadge);
  });
  await page.reload();
  await page.locator('main#main').getByRole('heading', { name: 'No cases yet' }).waitFor();
  await page.waitForFunction(() => window.badges.length > 0);
  assert.deepEqual(await page.evaluate(() => window.badges), [0]);
  // Its last day to open a dispute is today: 4 hours left.
  await addCase(page, { 'order-number': 'TODAY-1', 'payment-method': 'balance', shipped: '2026-09-22' });
  await page.waitForFunction(() => window.badges.at(-1) === 1);
  await addCase(page, { 'order-number': 'LATER-1', shipped: '2026-11-10', paid: '2026-11-08' });
  await addCase(page, { 'order-number': 'TODAY-2', 'payment-method': 'balance', shipped: '2026-09-22' });
  await page.waitForFunction(() => window.badges.at(-1) === 2);
  // A reload counts again from what is stored.
  await page.reload();
  await page.waitForFunction(() => window.badges.at(-1) === 2);
  guard.assertClean();
  await context.close();
});
