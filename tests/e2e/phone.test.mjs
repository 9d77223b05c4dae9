// Phone first: what a buyer sees on a 390 x 844 screen without scrolling, in every language. A
// buyer's few cases come first on the dashboard; a case opens on its next step with the buttons
// that record it; the rest of the case is one tap away, each part at its own address; and a
// newcomer gets from the link to a saved case with a countdown in at most 8 interactions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOW, appUnderTest, guardPage, openSection, saveNewCase } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SCREEN = PHONE.viewport.height;
const app = appUnderTest();

// The words each language uses for what the tests press, and the sections' names in bar order.
const LANGUAGES = {
  'en-US': { sections: ['Next step', 'Deadlines', 'Evidence', 'Messages', 'Journal', 'Details', 'Share and print'], filter: 'Filter and sort' },
  'es-ES': { sections: ['Siguiente paso', 'Plazos', 'Pruebas', 'Mensajes', 'Diario', 'Detalles', 'Compartir e imprimir'], filter: 'Filtrar y ordenar' },
  'pt-BR': { sections: ['Próximo passo', 'Prazos', 'Provas', 'Mensagens', 'Diário', 'Detalhes', 'Compartilhar e imprimir'], filter: 'Filtrar e ordenar' },
  'ru-RU': { sections: ['Следующий шаг', 'Сроки', 'Доказательства', 'Сообщения', 'Журнал', 'Подробности', 'Поделиться и печать'], filter: 'Фильтр и сортировка' },
  'fr-FR': { sections: ['Étape suivante', 'Échéances', 'Preuves', 'Messages', 'Journal', 'Détails', 'Partager et imprimer'], filter: 'Filtrer et trier' },
};
const SEGMENTS = ['', '/deadlines', '/evidence', '/messages', '/journal', '/details', '/share'];

async function openPhone(locale, options = {}) {
  const context = await app.browser.newContext({ ...PHONE, locale, timezoneId: 'Europe/Madrid', ...options });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  return { context, page, guard };
}

const addCase = (page, order, shipped) => saveNewCase(page, app.server.url, { 'order-number': order, shipped });

/** Where an element starts and ends, from the top of the page (not of the screen). */
const placeOf = (locator) => locator.evaluate((element) => {
  const box = element.getBoundingClientRect();
  return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
});

for (const [locale, words] of Object.entries(LANGUAGES)) {
  test(`${locale} on a 390 x 844 phone: cases first, the next step's buttons and the clock on the first screen, every section one tap away`, async () => {
    const { context, page, guard } = await openPhone(locale);
    await addCase(page, 'CALM-1', '2026-11-01');
    await addCase(page, 'SOON-1', '2026-09-22');
    const caseUrl = await addCase(page, 'NEW-1', '2026-11-10');

    // The dashboard: three cases, the most urgent first, the first card on the first screen.
    await page.goto(app.server.url);
    const rows = page.locator('li.case-row');
    await rows.nth(2).waitFor();
    assert.match(await rows.first().innerText(), /SOON-1/);
    const firstCard = await placeOf(rows.first());
    assert.ok(firstCard.bottom <= SCREEN, `the first case card ends ${firstCard.bottom}px down`);
    assert.equal(await page.locator('#case-search, .case-chart, .row-choice').count(), 0, 'no worklist tools for three cases');
    await page.getByRole('button', { name: words.filter }).click();
    await page.locator('#case-search').waitFor();
    await page.locator('.case-chart').waitFor();

    // A new case opens on its next step: the clock and the step's first button without scrolling.
    await page.goto(caseUrl);
    const clock = await placeOf(page.locator('.case-clock'));
    assert.ok(clock.bottom <= SCREEN, `the case's clock ends ${clock.bottom}px down`);
    assert.match(await page.locator('.case-clock .countdown').innerText(), /\d/);
    const firstButton = await placeOf(page.locator('.guide .actions .button').first());
    assert.ok(firstButton.bottom <= SCREEN, `the first button that records the step ends ${firstButton.bottom}px down`);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 3 * SCREEN, `the case page is ${height}px tall, more than 3 screens`);

    // Every section in one tap, at its own address, which a reload keeps; the clock stays on top.
    for (const [at, name] of words.sections.entries()) {
      await openSection(page, name);
      assert.equal(new URL(page.url()).pathname, new URL(`${caseUrl}${SEGMENTS[at]}`).pathname, name);
      await page.reload();
      await page.locator('nav.case-sections [aria-current="page"]').waitFor();
      assert.equal(await page.locator('nav.case-sections [aria-current="page"]').innerText(), name);
      const top = await placeOf(page.locator('.case-clock'));
      assert.ok(top.bottom <= SCREEN, `${name}: the clock ends ${top.bottom}px down`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the screen`);
    }
    guard.assertClean();
    await context.close();
  });
}

test('a newcomer gets from the link to a saved case with a live countdown in at most 8 interactions', async () => {
  const { context, page, guard } = await openPhone('en-US');
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'No cases yet' }).waitFor();
  // Each tap, each field filled and each key pressed counts as one interaction.
  let interactions = 0;
  const tap = async (locator) => { interactions += 1; await locator.click(); };
  const fill = async (locator, value) => { interactions += 1; await locator.fill(value); };

  await tap(page.getByRole('link', { name: 'Start: answer 5 questions' }));
  await tap(page.getByRole('button', { name: 'AliExpress' }));
  await tap(page.getByRole('button', { name: 'Damaged or does not work' }));
  // What would put it right, and how they paid: the answer already chosen fits most buyers.
  await tap(page.locator('.choices [aria-pressed="true"]'));
  await tap(page.locator('.choices [aria-pressed="true"]'));
  await fill(page.getByLabel('Order number'), '8123456789012345');
  await fill(page.getByLabel('Arrived on'), '2026-11-18');
  interactions += 1;
  await page.getByLabel('Arrived on').press('Enter');

  await page.locator('.guide').waitFor();
  assert.match(await page.locator('.case-clock').innerText(), /Last day to open a dispute: \d+ days? \d+ hours? left/);
  const before = await page.locator('.case-clock .countdown').innerText();
  await page.clock.setFixedTime(new Date(NOW.getTime() + 3 * 3600 * 1000));
  await page.waitForFunction((before) => document.querySelector('.case-clock .countdown')?.textContent !== before, before);
  assert.ok(interactions <= 8, `${interactions} interactions`);
  await page.reload();
  await page.locator('.case-clock .countdown').waitFor();
  guard.assertClean();
  await context.close();
});

test('a long list opens its worklist tools by itself; a short one keeps them one tap away', async () => {
  const { context, page, guard } = await openPhone('en-US', { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false });
  await page.goto(`${app.server.url}/import`);
  const rows = Array.from({ length: 12 }, (_, n) => `LONG-${n + 1},AliExpress,2026-10-${String(n + 1).padStart(2, '0')}`);
  const csv = `Order number,Platform,Shipped on\n${rows.join('\n')}\n`;
  await page.locator('#import-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import 12 orders' }).click();
  await page.getByRole('link', { name: 'See your cases' }).click();
  await page.locator('li.case-row').nth(11).waitFor();
  await page.locator('#case-search').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Filter and sort' }).getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('.row-choice').count(), 12, 'a long list can be ticked at once');

  // Closed by the buyer, the tools stay closed, and their filter no longer applies.
  await page.locator('#case-search').fill('LONG-1');
  await page.getByRole('button', { name: 'Filter and sort' }).click();
  assert.equal(await page.locator('#case-search').count(), 0);
  assert.equal(await page.locator('li.case-row').count(), 12);
  await page.getByRole('button', { name: 'Select several' }).click();
  assert.equal(await page.locator('.row-choice').count(), 0);

  // The language menu in the footer is as wide as its words, not the screen.
  const menu = await page.locator('#language').evaluate((select) => select.getBoundingClientRect().width);
  assert.ok(menu < 300, `the language menu is ${menu}px wide`);
  guard.assertClean();
  await context.close();
});
