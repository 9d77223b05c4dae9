// The guide, end to end: a buyer goes from "what happened?" to a filed dispute, a recorded
// decision and an appeal or a chargeback letter using only the app's guidance; once on
// AliExpress, once on Alibaba.com.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerInterview, appUnderTest, openApp, openSection, recordAction } from './harness.mjs';

// Saturday 21 November 2026, 12:00 UTC = 07:00 in New York.

const app = appUnderTest();
/** The messages are copied to the clipboard and read back. */
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

/** The message the Messages section offers first for the current step, read there and left. */
async function suggestedMessage(page) {
  await openSection(page, 'Messages');
  const text = await page.locator('#message-text').inputValue();
  await openSection(page, 'Next step');
  return text;
}

/** Opens the guide's folds (the dispute form's advice, the evidence that wins) to read them. */
async function unfoldAdvice(page) {
  const folds = page.locator('.guide details.advice');
  for (let at = 0; at < await folds.count(); at += 1) {
    if (!(await folds.nth(at).evaluate((fold) => fold.open))) await folds.nth(at).locator('summary').click();
  }
}

const guideTitle = (page) => page.locator('#guide-title').innerText();


test('AliExpress: a parcel that never came, from the first message to a chargeback letter', async () => {
  const { context, page, guard } = await openApp(app, CLIPBOARD);
  await answerInterview(page, {
    platform: 'AliExpress', problem: 'Never arrived', paid: '2026-10-01', shipped: '2026-10-03',
    payment: 'Credit or debit card', order: 'AE-1001',
  });

  // Step 1: message the seller, racing the opening window (3 Oct + 60 days = 2 Dec).
  assert.equal(await guideTitle(page), 'Message the seller');
  const guide = page.locator('.guide');
  assert.match(await guide.innerText(), /open the dispute by Wed 2 Dec 2026/);
  assert.match(await guide.innerText(), /Last day to open a dispute: 11 days 4 hours left/);
  assert.match(await page.locator('.case-clock').innerText(), /Last day to open a dispute: 11 days 4 hours left/);
  // With 11 days left, the warnings are a line each, and unfold to the whole warning.
  const warnings = guide.locator('.warnings');
  assert.match(await warnings.innerText(), /Never let the protection timer run out/);
  assert.doesNotMatch(await warnings.innerText(), /extend the protection on the order page/);
  await warnings.getByText('Never let the protection timer run out').click();
  assert.match(await warnings.innerText(), /extend the protection on the order page/);
  assert.doesNotMatch(await guide.innerText(), /Reason to choose/, 'the advice is folded below the buttons');
  await unfoldAdvice(page);
  assert.match(await guide.innerText(), /Reason to choose: Item not received/);
  assert.match(await guide.innerText(), /Screenshots of the tracking page/);

  // The first message is written for the buyer, editable, and copied as edited.
  await guide.getByRole('link', { name: 'Write it for me: First message to the seller' }).click();
  const text = page.locator('#message-text');
  // The buyer's own words, added right here, are quoted in the message at once and kept.
  await page.getByText('Add the problem in your own words').click();
  await page.locator('#own-words').fill('Tracking has not moved since 5 October.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#message-text')?.value.includes('has not arrived. In my own words: "Tracking has not moved since 5 October."'));
  assert.equal(await page.getByText('Add the problem in your own words').count(), 0);
  assert.match(await text.inputValue(), /^Hello,\n\nI am writing about order AE-1001, paid on Thu 1 Oct 2026\. Unfortunately, the item has not arrived\./);
  await text.fill(`${await text.inputValue()}\nTracking: LP000123`);
  await page.getByRole('button', { name: 'Copy the text' }).click();
  await page.getByText('Copied. Paste it').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await text.inputValue());
  assert.ok(copied.endsWith('Thank you for your help.\nTracking: LP000123'), copied);
  await openSection(page, 'Next step');

  await recordAction(page, 'I messaged the seller', { day: '2026-11-10', summary: 'Asked where the parcel is' });
  assert.equal(await guideTitle(page), 'Open the dispute');
  assert.match(await guide.innerText(), /choose "Item not received" and ask for "Full refund, keep the item"/);
  assert.match(await suggestedMessage(page), /^Reason: Item not received\.[\s\S]*I contacted the seller on Tue 10 Nov 2026/);

  await recordAction(page, 'I opened the dispute', { day: '2026-11-16' });
  assert.equal(await guideTitle(page), "Wait for the seller's answer");
  assert.match(await guide.innerText(), /Seller must respond: 4 hours left/);
  // Within 48 hours of the step's deadline, its warnings are whole without a tap.
  assert.match(await guide.locator('.warnings').innerText(), /Never cancel the dispute or change its reason because the seller asked/);

  // A day later the seller has not answered: the guide says to escalate.
  await page.clock.setFixedTime(new Date('2026-11-22T12:00:00Z'));
  await page.waitForFunction(() => document.querySelector('#guide-title')?.textContent === 'The seller did not answer: escalate');
  await recordAction(page, 'I escalated to the platform', { day: '2026-11-22' });
  assert.equal(await guideTitle(page), "Wait for AliExpress's decision");

  // The platform refuses: appeal within 7 days, with the appeal written for the buyer.
  await recordAction(page, 'The platform decided…', { day: '2026-11-22', choice: 'rejected' });
  assert.equal(await guideTitle(page), 'Appeal by Sun 29 Nov 2026 or accept the decision');
  const appeal = await suggestedMessage(page);
  assert.match(appeal, /I appeal the decision of Sun 22 Nov 2026 \(decision: no refund\) on the dispute for order AE-1001/);
  assert.match(appeal, /What happened so far:\n[\s\S]*- Tue 10 Nov 2026: You wrote \(platform chat\): Asked where the parcel is\n- Mon 16 Nov 2026: Dispute opened\n- Sun 22 Nov 2026: Escalated to the platform\n- Sun 22 Nov 2026: Decision: No refund/);
  await recordAction(page, 'I appealed', { day: '2026-11-22' });
  assert.equal(await guideTitle(page), 'Wait for the ruling on your appeal');
  await recordAction(page, 'The platform decided…', { day: '2026-11-22', choice: 'rejected' });
  assert.equal(await guideTitle(page), 'Accept the decision');
  assert.equal(await guide.getByRole('button', { name: 'I appealed' }).count(), 0, 'one appeal per dispute');

  // Last resort: the card chargeback, with its deadline and a letter for the bank.
  await recordAction(page, 'I accept the decision', { day: '2026-11-22' });
  assert.equal(await guideTitle(page), 'Last resort: your card or PayPal');
  assert.match(await guide.locator('.fallbacks').innerText(), /Last day for a card chargeback: 68 days 17 hours left/);
  const letter = await suggestedMessage(page);
  assert.match(letter, /^To: \[your card issuer\]/);
  assert.match(letter, /Order number: AE-1001\nDispute category: Goods not received\nExpected delivery: \[the delivery date the order page promised\]\nMerchant contacted: Tue 10 Nov 2026\n/);
  assert.match(letter, /- Mon 16 Nov 2026: Dispute opened\n- Sun 22 Nov 2026: Escalated to the platform/);
  assert.match(page.url(), /\/cases\//);

  // Everything is in the journal, in order, and survives a reload of the journal's own address.
  await openSection(page, 'Journal');
  assert.match(page.url(), /\/cases\/[0-9a-f-]{36}\/journal$/);
  await page.reload();
  await page.locator('.journal-list').waitFor();
  const journal = await page.locator('.journal-list').innerText();
  for (const line of ['You wrote (platform chat): Asked where the parcel is', 'Dispute opened', 'Escalated to the platform',
    'Decision: No refund', 'Appeal filed', 'Final ruling after the appeal: No refund', 'Status set to "Closed without a refund"']) {
    assert.ok(journal.includes(line), `journal lacks "${line}":\n${journal}`);
  }
  // Back returns to the step the buyer came from.
  await page.goBack();
  assert.equal(await guideTitle(page), 'Last resort: your card or PayPal');
  guard.assertClean();
  await context.close();
});

test('Alibaba.com: a quality problem, a counter-offer, a decision for the buyer and the refund', async () => {
  const { context, page, guard } = await openApp(app, CLIPBOARD);
  await answerInterview(page, {
    platform: 'Alibaba.com (Trade Assurance)', problem: 'Not as described', paid: '2026-10-20',
    shipped: '2026-10-22', delivered: '2026-11-12', wanted: 'Partial refund, keep the item', payment: 'PayPal', order: 'TA-2002',
  });
  const guide = page.locator('.guide');
  assert.equal(await guideTitle(page), 'Message the seller');
  assert.match(await guide.locator('.warnings').innerText(), /Keep the talk in Alibaba's chat/);
  assert.match(await guide.locator('.warnings').innerText(), /Do not confirm receipt yet/);
  await unfoldAdvice(page);
  assert.match(await guide.innerText(), /Reason to choose: Product quality problem/);

  await recordAction(page, 'I messaged the seller', { day: '2026-11-13', summary: 'Sent photos of the scratches' });
  assert.equal(await guideTitle(page), 'Open the dispute');
  await recordAction(page, 'I opened the dispute', { day: '2026-11-18' });
  assert.match(await guide.innerText(), /escalate to Alibaba from day 4/);

  // The supplier offers 5 USD; the buyer counters with 15, using the message written for them.
  await recordAction(page, 'The seller proposed…', { day: '2026-11-20', choice: 'partial_refund', amount: '5' });
  assert.equal(await guideTitle(page), "Answer the seller's proposal");
  assert.match(await guide.innerText(), /The seller proposed: Partial refund, keep the item \(5\.00 USD\)/);
  await openSection(page, 'Messages');
  await page.locator('#message-kind').selectOption('counter_proposal');
  await page.locator('#counter-amount').fill('15');
  await page.waitForFunction(() => document.querySelector('#message-text')?.value.includes('a partial refund of 15.00 USD'));
  assert.match(await page.locator('#message-text').inputValue(), /I cannot accept it, because the item does not match the description/);
  await openSection(page, 'Next step');
  await recordAction(page, 'I refused or made a counter-offer', { day: '2026-11-20', choice: 'partial_refund', amount: '15' });
  assert.equal(await guideTitle(page), "Wait for the seller's answer");

  await recordAction(page, 'I escalated to the platform', { day: '2026-11-21' });
  assert.equal(await guideTitle(page), "Wait for Alibaba.com's decision");
  await recordAction(page, 'The platform decided…', { day: '2026-11-21', choice: 'full_refund' });
  assert.equal(await guideTitle(page), 'Accept the decision: your refund is coming');
  await recordAction(page, 'I accept the decision', { day: '2026-11-21' });
  assert.equal(await guideTitle(page), 'Watch for your refund');
  await recordAction(page, 'The refund was issued', { day: '2026-11-21' });
  assert.match(await guide.innerText(), /Refund should have arrived: /);
  await recordAction(page, 'The refund arrived', { day: '2026-11-21' });
  assert.equal(await guideTitle(page), 'Done');

  // A closed case points to the checklist for the next order.
  await guide.getByRole('link', { name: 'Before your next order: a short checklist' }).click();
  await page.getByRole('heading', { name: 'Before your next order' }).waitFor();
  assert.match(await page.locator('.checklist').innerText(), /Film the unboxing/);
  guard.assertClean();
  await context.close();
});

test('journal corrections are recorded, not overwritten', async () => {
  const { context, page, guard } = await openApp(app, CLIPBOARD);
  await answerInterview(page, {
    platform: 'AliExpress', problem: 'Wrong item', paid: '2026-11-01', shipped: '2026-11-02', delivered: '2026-11-15',
    payment: 'Credit or debit card', order: 'AE-3003',
  });
  await openSection(page, 'Journal');
  await page.getByLabel('A message').check();
  await page.locator('#entry-from').selectOption('seller');
  await page.locator('#entry-day').fill('2026-11-16');
  await page.locator('#entry-summary').fill('Offers 2 USD to close the dispute <img src=x onerror=alert(1)>');
  await page.locator('#entry-full').fill('Dear friend,\nplease cancel the dispute and I pay you 2 USD by PayPal.');
  await page.getByRole('button', { name: 'Add to the journal' }).click();
  const entry = page.locator('.journal-item', { hasText: 'Offers 2 USD' });
  await entry.waitFor();
  assert.equal(await entry.locator('img').count(), 0, 'text is shown as text');
  await entry.getByText('Full text').click();
  assert.match(await entry.innerText(), /please cancel the dispute/);

  await entry.getByRole('button', { name: 'Correct' }).click();
  await entry.locator('input[type=text]').fill('Offers 3 USD to close the dispute');
  await entry.getByRole('button', { name: 'Save the correction' }).click();
  const corrected = page.locator('.journal-item', { hasText: 'Offers 3 USD' });
  await corrected.getByText('Corrected 1 time').click();
  const history = await corrected.locator('.history').innerText();
  assert.match(history, /Mon 16 Nov 2026 — The seller wrote \(platform chat\): Offers 2 USD/);
  assert.match(history, /Mon 16 Nov 2026 — The seller wrote \(platform chat\): Offers 3 USD/);
  assert.equal(await page.locator('.journal-item').count(), 1, 'one entry, two versions');
  guard.assertClean();
  await context.close();
});
