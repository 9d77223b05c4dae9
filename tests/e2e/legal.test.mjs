// The buyer's legal rights beyond the platform: from the browser's region on first use, shown with
// their dates and their sources as links, and changeable (the choice is kept); a UK buyer's card
// letter becomes a Section 75 claim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, appUnderTest, guardPage, openSection, saveNewCase } from './harness.mjs';

const app = appUnderTest();

async function damagedOrder(locale, { amount, currency }) {
  const context = await app.browser.newContext({ locale, timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await saveNewCase(page, app.server.url, {
    'order-number': 'LAW-1', problem: 'damaged', amount, currency, paid: '2026-11-01', delivered: '2026-11-18',
  });
  return { context, page, guard };
}

async function assertSourcesAreLinks(section) {
  const links = section.locator('.sources a');
  assert.ok(await links.count() >= 1);
  for (const link of await links.all()) {
    assert.match(await link.getAttribute('href'), /^https:\/\/(www\.legislation\.gov\.uk|eur-lex\.europa\.eu|www\.boe\.es|data\.dre\.pt)\//);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  }
}

test('a UK buyer sees the 30-day right to reject and Section 75, with their sources', async () => {
  const { context, page, guard } = await damagedOrder('en-GB', { amount: '250', currency: 'GBP' });
  await openSection(page, 'Deadlines');
  const rights = page.locator('section.legal');
  assert.equal(await rights.locator('#country').inputValue(), 'GB', 'taken from the browser');
  const text = await rights.locator('.legal-routes').innerText();
  const advice = await rights.locator('p.hint').last().innerText();
  assert.match(text, /Consumer Rights Act: reject faulty goods for a full refund\n+30 days after delivery · until Fri 18 Dec 2026/);
  assert.match(text, /Section 75: claim from your credit card provider\n+6 years after payment · until Mon 1 Nov 2032/);
  assert.match(advice, /^This is general information, not legal advice/);
  await assertSourcesAreLinks(rights);

  // The letter to the card provider is written as a Section 75 claim.
  await openSection(page, 'Messages');
  await page.locator('#message-kind').selectOption('chargeback_letter');
  await page.waitForFunction(() => document.querySelector('#message-text')?.value.startsWith('To: [your credit card provider]'));
  const letter = await page.locator('#message-text').inputValue();
  assert.match(letter, /^To: \[your credit card provider\]\nSubject: Claim under section 75 of the Consumer Credit Act 1974\n/);
  assert.match(letter, /you are jointly liable with the supplier\./);
  await openSection(page, 'Deadlines');

  // Another country: nothing is added, and the choice is kept.
  await rights.locator('#country').selectOption('');
  await rights.getByText('No route beyond the platform, your card and PayPal is known').waitFor();
  await page.reload();
  await page.locator('section.legal').waitFor();
  assert.equal(await page.locator('#country').inputValue(), '');
  guard.assertClean();
  await context.close();
});

test('an EU buyer sees the 2-year legal guarantee and the 14-day withdrawal, in French', async () => {
  const { context, page, guard } = await damagedOrder('fr-FR', { amount: '40', currency: 'EUR' });
  await openSection(page, 'Échéances');
  const rights = page.locator('section.legal');
  assert.equal(await rights.locator('#country').inputValue(), 'FR');
  const text = await rights.locator('.legal-routes').innerText();
  const advice = await rights.locator('p.hint').last().innerText();
  assert.match(text, /Garantie légale de conformité : réparation, remplacement ou remboursement par le vendeur\n+2 ans après la livraison · jusqu'au .*18 nov\. 2028/);
  assert.match(text, /Droit de rétractation : revenir sur un achat en ligne\n+14 jours après la livraison · jusqu'au .*2 déc\. 2026/);
  assert.match(advice, /^Ceci est une information générale, pas un conseil juridique/);
  await assertSourcesAreLinks(rights);
  guard.assertClean();
  await context.close();
});
