// From the order page to a case without typing, on a phone: the buyer pastes the text of an order
// or a platform email; what is found is shown to tick, fills the questions or the full form, and
// never replaces what the buyer typed unless they choose it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { appUnderTest, guardPage, openSection } from './harness.mjs';

// Sunday 29 November 2026, 10:00 in Madrid.
const NOW = new Date('2026-11-29T09:00:00Z');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const app = appUnderTest();

const DETAIL_PAGE = `Order details
Awaiting delivery
Buyer protection: 12 days 3 hours left
Order ID:
3041234567890123
Order placed on: Nov 02, 2026, 12:00
Store: Lamp World Official Store
Item: LED desk lamp, dimmable
https://www.aliexpress.com/item/1005006543210987.html
Subtotal: US $15.00
Total: US $14.50
Tracking number: LP00123456789012`;

async function openPhone() {
  const context = await app.browser.newContext({ ...PHONE, locale: 'en-US', timezoneId: 'Europe/Madrid' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  return { context, page, guard };
}

async function paste(page, text) {
  await page.locator('summary', { hasText: 'Paste from your order page' }).click();
  await page.getByLabel('Text from the order page or email').fill(text);
}

test('the questions: a pasted order page answers the platform, the order number, dates and more', async () => {
  const { context, page, guard } = await openPhone();
  await page.goto(`${app.server.url}/start`);
  await page.getByRole('heading', { name: 'Where did you order?' }).waitFor();
  await paste(page, DETAIL_PAGE);
  const found = page.locator('.paste-found');
  await found.waitFor();
  const rows = await found.locator('li').allInnerTexts();
  // AliExpress is already the questions' answer, so it is not proposed again.
  assert.deepEqual(rows.map((row) => row.split(':')[0].trim()), ['Order number', 'Order or payment date', 'Amount paid',
    'Seller or store', 'Item', 'Tracking number', 'Protection ends on']);
  assert.match(rows[0], /3041234567890123/, 'the order number, not the product number');
  assert.match(rows[2], /\$14\.50|14\.50/, 'the total, not the subtotal');
  // 12 days 3 hours from Sunday 29 November 10:00 is Friday 11 December.
  assert.match(rows[6], /11 Dec 2026/);
  assert.match(rows[6], /countdown/);
  assert.match(await found.innerText(), /Not in this text: Shipped on, Arrived on, Receipt confirmed on\./);
  // Everything found is ticked: the buyer had typed nothing.
  assert.equal(await found.locator('input[type=checkbox]:not(:checked)').count(), 0);
  await found.getByRole('button', { name: 'Use the ticked ones' }).click();
  await page.getByText('Filled in 7 fields. Check them, then go on.').waitFor();

  // The platform is answered; the buyer goes on through the rest.
  assert.equal(await page.getByRole('button', { name: 'AliExpress' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'AliExpress' }).click();
  await page.getByRole('button', { name: 'Never arrived' }).click();
  await page.locator('.choices [aria-pressed="true"]').click();
  await page.getByRole('button', { name: 'Credit or debit card' }).click();
  assert.equal(await page.locator('#order-number').inputValue(), '3041234567890123');
  assert.equal(await page.locator('#paid').inputValue(), '2026-11-02');
  await page.getByRole('button', { name: 'Create my case' }).click();
  await page.locator('.guide').waitFor();
  await openSection(page, 'Details');
  const details = await page.locator('dl.details').innerText();
  for (const expected of [/Order number\s+3041234567890123/, /Lamp World Official Store/, /LED desk lamp, dimmable/,
    /14\.50 USD|\$14\.50/, /LP00123456789012/]) assert.match(details, expected);
  guard.assertClean();
  await context.close();
});

test('the full form: what the buyer typed stays unless chosen, and an ambiguous date is asked', async () => {
  const { context, page, guard } = await openPhone();
  await page.goto(`${app.server.url}/new`);
  await page.getByLabel('Order number').fill('3041234567890999');
  await paste(page, 'Your order 3041234567890123 is closed\nOrder date: 03/04/2026\nStore: Casa Luz\nTotal: 24,99 €');
  const found = page.locator('.paste-found');
  await found.waitFor();
  const order = found.locator('li', { hasText: 'Order number' });
  assert.match(await order.innerText(), /You typed: 3041234567890999/);
  assert.equal(await order.locator('input[type=checkbox]').isChecked(), false);
  // The day and the month are a question, not a guess: nothing is filled until the buyer answers.
  const when = found.locator('li', { hasText: 'Order or payment date' });
  assert.match(await when.innerText(), /either way round/);
  const days = await when.locator('label.radio').allInnerTexts();
  assert.equal(days.length, 2, days.join(' | '));
  assert.match(days[0], /Apr/);
  assert.match(days[1], /Mar/);
  await when.getByRole('radio').first().check();
  await found.getByRole('button', { name: 'Use the ticked ones' }).click();
  await page.getByText('Filled in 3 fields. Check them, then go on.').waitFor();
  assert.equal(await page.getByLabel('Order number').inputValue(), '3041234567890999');
  assert.equal(await page.getByLabel('Paid on').inputValue(), '2026-04-03');
  assert.equal(await page.getByLabel('Seller or store').inputValue(), 'Casa Luz');
  assert.equal(await page.getByLabel('Amount paid').inputValue(), '24.99');
  assert.equal(await page.getByLabel('Currency').inputValue(), 'EUR');

  // A text with nothing to find says so, and changes nothing.
  await page.getByLabel('Text from the order page or email').fill('Thanks for shopping with us! 1005006543210987');
  await page.getByText('Nothing recognised in this text.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Seller or store').inputValue(), 'Casa Luz');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  guard.assertClean();
  await context.close();
});

// Texts of the recogniser's corpus (tests/fixtures/paste/), each with the fields it shows: on the
// release build, pasted into the full form, they fill those fields and the form holds them.
const CORPUS = fileURLToPath(new URL('../fixtures/paste/', import.meta.url));
async function corpusText(name) {
  const [header, text] = (await readFile(`${CORPUS}${name}`, 'utf8')).split('\n---\n');
  const shows = Object.fromEntries(header.split('\n').filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]));
  return { shows, text };
}

test('texts of the corpus, pasted into the full form, fill every field they show', async () => {
  for (const name of ['en-app-order-details.txt', 'en-alibaba-app-order-list.txt', 'es-desktop-order-details.txt',
    'pt-shipped-email.txt', 'de-delivered-email.txt']) {
    // A new buyer each time: the form keeps a draft of what the last text filled in.
    const { context, page, guard } = await openPhone();
    const { shows, text } = await corpusText(name);
    await page.goto(`${app.server.url}/new`);
    await paste(page, text);
    const found = page.locator('.paste-found');
    await found.waitFor();
    // A day that could be either way round: the buyer picks the first, day before month.
    for (const question of await found.locator('li', { hasText: 'either way round' }).all()) {
      await question.getByRole('radio').first().check();
    }
    assert.equal(await found.locator('input[type=checkbox]:not(:checked)').count(), 0, `${name}: all ticked`);
    await found.getByRole('button', { name: 'Use the ticked ones' }).click();
    await page.getByText(/Filled in \d+ fields?\./).waitFor();
    // The form's fields are named as the corpus names them ("order_number" is #order-number).
    const form = (key) => page.locator(`#${key.replaceAll('_', '-')}`).inputValue();
    for (const [key, value] of Object.entries(shows)) {
      const [wanted, currency] = value.replace(/^(either|countdown) /, '').split(' ');
      if (key === 'amount') {
        assert.deepEqual([await form('amount'), await form('currency')], [wanted, currency], name);
      } else if (key === 'seller' || key === 'item') {
        assert.equal(await form(key), value, `${name}: ${key}`);
      } else {
        assert.equal(await form(key), wanted, `${name}: ${key}`);
      }
    }
    guard.assertClean();
    await context.close();
  }
});
