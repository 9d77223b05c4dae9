// The first journey: record a case, see its countdown, reload, edit, delete, against the release
// build. The clock and time zone are fixed so every date and countdown below is exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, answerChoices, appUnderTest, openApp, openSection } from './harness.mjs';

// Saturday 21 November 2026, 12:00 UTC = 07:00 in New York (EST, UTC-5).

const app = appUnderTest();

test('record a case, follow its countdown, reload, edit and delete it', async () => {
  const { context, page, guard } = await openApp(app);

  // The empty dashboard invites the first case.
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  await page.getByRole('link', { name: 'Or fill in the full form' }).click();
  await page.getByRole('heading', { name: 'New case' }).waitFor();

  // Mistakes are all reported at once, next to their fields, and nothing is saved.
  await page.getByLabel('Paid on').fill('2026-09-28');
  await page.getByLabel('Shipped on').fill('2026-09-26');
  await page.getByLabel('Amount paid').fill('24.999');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.getByText('3 things need fixing before saving.').waitFor();
  assert.equal(await page.locator('#order-number-error').innerText(), 'Enter the order number from your order page.');
  assert.match(await page.locator('#shipped-error').innerText(), /cannot be before the payment date \(Mon 28 Sep 2026\)/);
  assert.match(await page.locator('#amount-error').innerText(), /at most two decimals/);
  assert.equal(await page.getByLabel('Order number').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'order-number', 'focus goes to the first problem');

  // Fixing the fields clears their messages as the buyer types.
  await page.getByLabel('Order number').fill('8123456789');
  await page.getByLabel('Paid on').fill('2026-09-24');
  await page.getByLabel('Amount paid').fill('24,99');
  await page.getByLabel('Currency').fill('eur');
  await page.getByLabel('Item').fill('Wireless earbuds <b>not bold</b>');
  await page.getByLabel('Seller or store').fill('Best Store');
  await page.getByLabel('The problem').selectOption('not_received');
  assert.equal(await page.locator('.error-text').count(), 0);
  await page.getByRole('button', { name: 'Save case' }).click();

  // The case page: shipped 26 Sep + 60 days = Wed 25 Nov; China's midnight, 11:00 in New York, comes first.
  await page.getByRole('heading', { name: 'Wireless earbuds <b>not bold</b>' }).waitFor();
  assert.match(page.url(), /\/cases\/[0-9a-f-]{36}$/);
  assert.match(await page.locator('.case-clock').innerText(), /^UPCOMING Last day to open a dispute: 4 days 4 hours left$/);
  await openSection(page, 'Deadlines');
  const deadline = page.locator('.timeline-item', { hasText: 'Last day to open a dispute' });
  assert.equal(await deadline.locator('.timeline-date').innerText(), 'Wed 25 Nov 2026');
  assert.match(await deadline.innerText(), /closes Wed 25 Nov 2026, 11:00 your time \(midnight in China/);
  assert.equal(await deadline.locator('.countdown').innerText(), '4 days 4 hours left');
  assert.equal(await deadline.locator('.tag').innerText(), 'Estimate');
  await deadline.getByText('Why this date').click();
  assert.match(await deadline.innerText(), /60 days after shipment \(Sat 26 Sep 2026\); 60 to 120 days seen/);
  // Its sources are public pages, each a link that opens in a new tab without telling them who asked.
  const sources = deadline.locator('.sources a');
  assert.ok(await sources.count() >= 1);
  for (const link of await sources.all()) {
    assert.match(await link.getAttribute('href'), /^https?:\/\//);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  }
  assert.doesNotMatch(await deadline.innerText(), /RULES\.md/);
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /24\.99 EUR/);

  // The dashboard shows it with a countdown that keeps moving.
  await page.getByRole('link', { name: 'All cases' }).click();
  const row = page.locator('li.case-row');
  await row.waitFor();
  assert.match(await row.innerText(), /^UPCOMING/);
  assert.match(await row.innerText(), /Last day to open a dispute: Wed 25 Nov 2026 \(estimate\) · 4 days 4 hours left/);
  await page.clock.setFixedTime(new Date(NOW.getTime() + 2 * 3600 * 1000));
  await page.waitForFunction(() => document.querySelector('li.case-row .countdown')?.textContent === '4 days 2 hours left');

  // A reload keeps the case: it was stored, not just shown.
  await page.reload();
  await row.waitFor();
  assert.match(await row.innerText(), /Wireless earbuds <b>not bold<\/b>/);
  assert.equal(await page.locator('li.case-row b').count(), 0, 'user text is never rendered as HTML');

  // Editing: the protection date from the order page beats the estimate and makes the case urgent.
  await row.getByRole('link').click();
  await openSection(page, 'Details');
  await page.getByRole('link', { name: 'Edit case' }).click();
  await page.getByRole('heading', { name: /^Edit:/ }).waitFor();
  assert.equal(await page.getByLabel('Order number').inputValue(), '8123456789');
  assert.equal(await page.getByLabel('Amount paid').inputValue(), '24.99');
  await page.getByLabel('Buyer protection ends on').fill('2026-11-22');
  await page.getByLabel('Where the case stands').selectOption('talking_to_seller');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.case-clock.due-soon').waitFor();
  await openSection(page, 'Deadlines');
  await page.locator('.timeline-item.due-soon').waitFor();
  assert.equal(await deadline.locator('.timeline-date').innerText(), 'Sun 22 Nov 2026');
  assert.equal(await deadline.locator('.tag').innerText(), 'From your order page');
  assert.equal(await deadline.locator('.badge').innerText(), 'DUE SOON');
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /Talking to the seller/);

  // Deleting asks first; "Keep it" keeps it, "Yes, delete it" removes it for good.
  await page.getByRole('button', { name: 'Delete case' }).click();
  await page.getByRole('button', { name: 'Keep it', exact: true }).click();
  assert.equal(await page.getByRole('button', { name: 'Yes, delete it' }).count(), 0);
  await page.getByRole('button', { name: 'Delete case' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();

  guard.assertClean();
  await context.close();
});

test('the dashboard puts overdue and due-soon cases first, in words as well as colour', async () => {
  const { context, page, guard } = await openApp(app);
  const addCase = async (orderNumber, shipped) => {
    await page.getByRole('link', { name: 'New case' }).click();
    await page.getByRole('link', { name: 'Fill in the full form instead' }).click();
    await page.getByLabel('Order number').fill(orderNumber);
    await page.getByLabel('Shipped on').fill(shipped);
    await page.getByRole('button', { name: 'Save case' }).click();
    await page.locator('.guide').waitFor();
  };
  await addCase('CALM', '2026-11-01');
  await addCase('LATE', '2026-09-01');
  await addCase('SOON', '2026-09-23');
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  await page.locator('li.case-row').nth(2).waitFor();
  const rows = await page.locator('li.case-row').allInnerTexts();
  assert.deepEqual(rows.map((text) => text.match(/order (\w+)/)[1]), ['LATE', 'SOON', 'CALM']);
  assert.match(rows[0], /^OVERDUE/);
  assert.match(rows[0], /overdue by 20 days 20 hours/);
  assert.match(rows[1], /1 day 4 hours left/);
  assert.match(rows[1], /^DUE SOON/);
  assert.match(rows[2], /^UPCOMING/);
  guard.assertClean();
  await context.close();
});

test('a direct link to a case survives a reload, and an unknown case says so', async () => {
  const { context, page, guard } = await openApp(app);
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('link', { name: 'Fill in the full form instead' }).click();
  await page.getByLabel('Order number').fill('DEEP-LINK');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  const caseUrl = page.url();
  await page.goto(caseUrl);
  await page.getByText('order DEEP-LINK').waitFor();
  // Each section has its own address, loaded directly.
  await page.goto(`${caseUrl}/deadlines`);
  assert.match(await page.locator('.timeline').innerText(), /Last day to open a dispute: Add the date of shipment to the case/);
  assert.equal(await page.locator('nav.case-sections [aria-current="page"]').innerText(), 'Deadlines');
  await page.goto(`${app.server.url}/cases/no-such-case`);
  await page.getByRole('heading', { name: 'Nothing here' }).waitFor();
  guard.assertClean();
  await context.close();
});

test('works on a 360 px phone screen and by keyboard alone', async () => {
  const { context, page, guard } = await openApp(app, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);

  // Skip link, brand, "Upcoming", "Backup", then "New case", by keyboard; the focus ring is visible.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Upcoming');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Backup');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'New case');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
  assert.equal(outline, '3px');
  await page.keyboard.press('Enter');

  // The interview, by keyboard alone: each question takes the focus; Tab reaches the answers
  // and Enter on one chooses it and goes on.
  await page.getByRole('heading', { name: 'What happened?' }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  const tabTo = async (wanted) => {
    for (let step = 0; step < 30; step += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((wanted) => document.activeElement?.matches(wanted), wanted)) return;
    }
    throw new Error(`Tab never reached ${wanted}`);
  };
  assert.equal(await focused(), 'Where did you order?');
  await tabTo('.choice');
  assert.equal(await focused(), 'AliExpress');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'What went wrong?' }).waitFor();
  assert.equal(await focused(), 'What went wrong?');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Not as described');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'What would put it right?' }).waitFor();
  const formOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(formOverflow <= 0, `the interview is ${formOverflow}px wider than the screen`);
  // The usual resolution for the problem is the one already chosen.
  await tabTo('.choice[aria-pressed="true"]');
  assert.match(await focused(), /^Return the item for a full refund/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'How did you pay?' }).waitFor();
  await tabTo('.choice');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'The order number and its dates' }).waitFor();
  await tabTo('#order-number');
  await page.keyboard.type('KEYBOARD-1');
  // "Paid on" comes next; a date input's own segments take the typed digits.
  await page.keyboard.press('Tab');
  await page.keyboard.type('10012026');
  await page.keyboard.press('Enter');
  await page.locator('.guide').waitFor();
  assert.match(await page.locator('.guide').innerText(), /Message the seller/);
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /Paid on\s+Thu 1 Oct 2026/);
  assert.match(await page.locator('dl.details').innerText(), /Paid with\s+Credit or debit card/);
  const caseOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(caseOverflow <= 0, `the case page is ${caseOverflow}px wider than the screen`);
  guard.assertClean();
  await context.close();
});

test('the questions: an answer that cannot be used is asked for again where it was given, and nothing is saved', async () => {
  const { context, page, guard } = await openApp(app);
  await answerChoices(page);
  // No order number, and a shipping day before the payment.
  await page.locator('#paid').fill('2026-10-02');
  await page.locator('#shipped').fill('2026-10-01');
  await page.getByRole('button', { name: 'Create my case' }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'Enter the order number from your order page.' });
  await problem.waitFor();
  assert.equal(await page.locator('.interview h2').innerText(), 'The order number and its dates');
  assert.equal(await page.getByRole('button', { name: 'Create my case' }).isEnabled(), true, 'the buyer can try again');

  await page.locator('#order-number').fill('8123456789');
  await page.getByRole('button', { name: 'Create my case' }).click();
  await page.getByRole('alert').filter({ hasText: /cannot be before the payment date/ }).waitFor();
  assert.equal(await page.getByText('Enter the order number from your order page.').count(), 0, 'the fixed answer is no longer asked for');
  assert.equal(await page.locator('.guide').count(), 0, 'no case was made');

  await page.locator('#shipped').fill('2026-10-03');
  await page.getByRole('button', { name: 'Create my case' }).click();
  await page.locator('.guide').waitFor();
  guard.assertClean();
  await context.close();
});
