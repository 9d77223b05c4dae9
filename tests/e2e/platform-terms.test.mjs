// The platforms' 2026 terms as the buyer meets them: an AliExpress item sold with "Free Returns"
// whose dispute window has passed, a UK buyer's decided case with its 20 days to refer the
// decision to arbitration, and a date no current source confirms shown as expected, never overdue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, appUnderTest, guardPage, openSection, recordAction, saveNewCase } from './harness.mjs';

// Saturday 21 November 2026, noon in London.
const app = appUnderTest();

async function openCase(locale, fields) {
  const context = await app.browser.newContext({ locale, timezoneId: 'Europe/London', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await saveNewCase(page, app.server.url, fields);
  return { context, page, guard };
}

const timelineItem = (page, title) => page.locator('.timeline-item', { has: page.getByRole('heading', { name: title, exact: true }) });

// Paid 1 October, delivered 10 November: the dispute window closed 5 days after delivery (15
// November); the free return runs 90 days from payment, to Wednesday 30 December.
const FREE_RETURN_ORDER = {
  'order-number': 'FREE-1', problem: 'not_as_described', paid: '2026-10-01', shipped: '2026-10-03', delivered: '2026-11-10', 'free-returns': 'china',
};

test('past its dispute window, an item sold with Free Returns shows the return deadline and the guide offers it', async () => {
  const { context, page, guard } = await openCase('en-GB', FREE_RETURN_ORDER);
  const guide = page.locator('.guide');
  assert.equal(await guide.locator('h2').innerText(), 'Send it back with Free Returns by Wed 30 Dec 2026');
  assert.match(await guide.locator('.races').innerText(), /^Last day to ask for a free return: 39 days \d+ hours? left/);
  assert.match(await guide.locator('.guide-why').innerText(), /this item was sold with "Free Returns": AliExpress takes it back for any reason by Wed 30 Dec 2026/);
  assert.ok(await guide.getByRole('button', { name: 'I asked for a free return' }).isVisible(), 'the first button, on a phone without scrolling');
  assert.ok((await guide.getByRole('button', { name: 'I asked for a free return' }).boundingBox()).y < 844);
  assert.match(await guide.locator('.warnings').innerText(), /Return only what you mean to/);

  await openSection(page, 'Deadlines');
  assert.equal(await timelineItem(page, 'Last day to ask for a free return').locator('.timeline-date').innerText(), 'Wed 30 Dec 2026');
  assert.match(await timelineItem(page, 'Last day to open a dispute').getAttribute('class'), /overdue/);
  await timelineItem(page, 'Last day to ask for a free return').getByText('Why this date').click();
  const why = await timelineItem(page, 'Last day to ask for a free return').innerText();
  assert.match(why, /90 days after payment \(Thu 1 Oct 2026\)/);
  const source = timelineItem(page, 'Last day to ask for a free return').locator('.sources a');
  assert.match(await source.getAttribute('href'), /^https:\/\/github\.com\/OpenTermsArchive\/vlopses-ie-versions\/blob\/[0-9a-f]{40}\/AliExpress\//);
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /Free Returns\s+Yes, seller in mainland China \(90 days from payment\)/);

  // Asking for it makes it a return to ship, within AliExpress's 10 days.
  await openSection(page, 'Next step');
  await recordAction(page, 'I asked for a free return', { day: '2026-11-21' });
  assert.equal(await guide.locator('h2').innerText(), 'Ship the return by Tue 1 Dec 2026');
  guard.assertClean();
  await context.close();
});

test('the free return is offered in Spanish too', async () => {
  const { context, page, guard } = await openCase('es-ES', FREE_RETURN_ORDER);
  const title = await page.locator('.guide h2').innerText();
  assert.match(title, /^Devuélvelo con Devoluciones gratis antes del .*30.*dic.*2026$/);
  assert.ok(await page.locator('.guide').getByRole('button', { name: 'Pedí una devolución gratis' }).isVisible());
  guard.assertClean();
  await context.close();
});

test("a UK buyer's decided AliExpress case shows the 20 days to refer it to arbitration; the expected decision is never overdue", async () => {
  const { context, page, guard } = await openCase('en-GB', {
    'order-number': 'DECIDED-1', problem: 'not_as_described', 'payment-method': 'paypal', paid: '2026-10-01', shipped: '2026-10-05',
  });
  await recordAction(page, 'I opened the dispute', { day: '2026-10-25' });
  await recordAction(page, 'I escalated to the platform', { day: '2026-10-31' });

  // 15 days after the dispute opened (9 November) has passed: an expectation, not a missed deadline.
  const guide = page.locator('.guide');
  assert.match(await guide.locator('.races').innerText(), /^Decision expected: Expected day passed\s+Mon 9 Nov 2026$/i);
  await openSection(page, 'Deadlines');
  const expected = timelineItem(page, 'Decision expected');
  assert.match(await expected.getAttribute('class'), /\bexpected\b/);
  assert.doesNotMatch(await expected.getAttribute('class'), /overdue/);
  assert.match(await expected.innerText(), /EXPECTED DAY PASSED[\s\S]*The expected day has passed\./i);
  assert.equal(await page.locator('.timeline-item.overdue').count(), 0, 'nothing is overdue in this case');

  await openSection(page, 'Next step');
  await recordAction(page, 'The platform decided…', { day: '2026-11-15', choice: 'rejected' });
  // Received 15 November + 20 calendar days: Saturday 5 December.
  assert.match(await guide.locator('.law-may-help').innerText(), /^If you disagree with the decision: Refer AliExpress's decision to arbitration \(until Sat 5 Dec 2026\)$/);
  await openSection(page, 'Deadlines');
  const routes = page.locator('section.legal .legal-routes');
  assert.match(await routes.innerText(), /Refer AliExpress's decision to arbitration\n+20 days after the decision · until Sat 5 Dec 2026/);
  assert.match(await routes.innerText(), /Hong Kong International Arbitration Centre[\s\S]*courts of the country where you live/);
  guard.assertClean();
  await context.close();
});
