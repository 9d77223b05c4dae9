// What the buyer's browser cannot do, said in plain words: Safari on an iPhone, outside an app
// added to the Home Screen, is played by Chromium with those features taken out of the page
// before the app starts (the app detects features, never names, so this is what it sees there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, appUnderTest, guardPage, saveNewCase } from './harness.mjs';

const DAY = 86_400_000;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const app = appUnderTest();

/**
 * A phone browser like Safari on an iPhone: no notifications for a website, no install offer, its Home Screen flag
 * (`navigator.standalone`), and the request to keep the data for good refused. `installed` plays
 * the same app opened from the Home Screen.
 */
async function openIphone({ installed = false } = {}) {
  const context = await app.browser.newContext({ ...PHONE, locale: 'en-US', timezoneId: 'Europe/London' });
  await context.addInitScript((fromHomeScreen) => {
    delete window.Notification;
    // No install offer of the browser's own: Safari has the Share button instead.
    delete window.onbeforeinstallprompt;
    delete Window.prototype.onbeforeinstallprompt;
    Object.defineProperty(Navigator.prototype, 'standalone', { get: () => fromHomeScreen, configurable: true });
    StorageManager.prototype.persist = async () => false;
    StorageManager.prototype.persisted = async () => false;
    const matchMedia = window.matchMedia.bind(window);
    window.matchMedia = (query) => (query === '(display-mode: standalone)' ? { ...matchMedia(query), matches: fromHomeScreen } : matchMedia(query));
  }, installed);
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  return { context, page, guard };
}

const notice = (page) => page.locator('.home-screen');

test('on an iPhone browser: the Home Screen steps once, a backup reminder after 3 days, reminders by calendar', async () => {
  const { context, page, guard } = await openIphone();
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  assert.equal(await notice(page).count(), 0, 'nothing to lose yet, nothing said');

  await saveNewCase(page, app.server.url, { 'order-number': 'IP-1', delivered: '2026-11-19' });
  await notice(page).waitFor();
  assert.match(await notice(page).innerText(), /Keep your cases on this device[\s\S]*Safari does after 7 days without a visit[\s\S]*Tap the Share button \(the square with an arrow\), then "Add to Home Screen"/);

  // Reminders: the switch is off and says why, and the calendar file is there instead.
  await page.goto(`${app.server.url}/upcoming`);
  const card = page.locator('.card.reminders');
  await card.getByText('This browser cannot show notifications for a website.').waitFor();
  assert.match(await card.innerText(), /added to the Home Screen \(iOS 16\.4 or later\)[\s\S]*add the deadlines to your calendar/);
  assert.equal(await card.getByRole('checkbox').isDisabled(), true);
  await card.getByRole('button', { name: 'Add all deadlines to my calendar (.ics)' }).waitFor();

  // Read once: gone, and not shown again after a reload.
  await notice(page).getByRole('button', { name: 'Got it' }).click();
  assert.equal(await notice(page).count(), 0);
  await page.reload();
  await card.waitFor();
  await page.waitForTimeout(300);
  assert.equal(await notice(page).count(), 0, 'shown once');

  // The backup reminder comes after 3 days here, not 7.
  const backupReminder = page.getByText('Your latest changes are not in a backup yet.');
  await page.clock.setFixedTime(new Date(NOW.getTime() + 2 * DAY));
  await page.goto(app.server.url);
  await page.locator('li.case-row').waitFor();
  assert.equal(await backupReminder.count(), 0, 'not after 2 days');
  await page.clock.setFixedTime(new Date(NOW.getTime() + 3 * DAY + 3600_000));
  await page.reload();
  await backupReminder.waitFor();
  guard.assertClean();
  await context.close();
});

test('the same app opened from the Home Screen is not told to add itself, and is reminded after 7 days', async () => {
  const { context, page, guard } = await openIphone({ installed: true });
  await saveNewCase(page, app.server.url, { 'order-number': 'IP-2', delivered: '2026-11-19' });
  await page.clock.setFixedTime(new Date(NOW.getTime() + 4 * DAY));
  await page.goto(app.server.url);
  await page.locator('li.case-row').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await notice(page).count(), 0);
  assert.equal(await page.getByText('Your latest changes are not in a backup yet.').count(), 0, 'not after 4 days');
  await page.clock.setFixedTime(new Date(NOW.getTime() + 8 * DAY));
  await page.reload();
  await page.getByText('Your latest changes are not in a backup yet.').waitFor();
  guard.assertClean();
  await context.close();
});
