// The app in the buyer's language: the browser's preference on a first visit, a choice in the
// footer that is remembered, and counts in each language's plural forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appUnderTest, guardPage } from './harness.mjs';

const NOW = new Date('2026-11-21T12:00:00Z');
const app = appUnderTest();

test('a Spanish browser gets Spanish; French chosen in the footer stays French; English comes back', async () => {
  const context = await app.browser.newContext({ locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Todavía no hay casos' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
  assert.equal(await page.getByRole('link', { name: 'Nuevo caso' }).count(), 1);
  assert.equal(await page.locator('#language').inputValue(), 'es');

  // The six questions in Spanish make the case; then the dashboard speaks about it in Spanish.
  await page.getByRole('link', { name: 'Empezar: responde 6 preguntas' }).click();
  await page.getByRole('heading', { name: '¿Dónde compraste?' }).waitFor();
  assert.equal(await page.locator('.interview .progress').innerText(), 'Pregunta 1 de 6');
  await page.getByLabel('AliExpress').check();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByLabel('Nunca llegó').check();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByLabel('Enviado el').fill('2026-10-01');
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByText('Te quedas el artículo (o nunca lo recibiste) y recuperas todo tu dinero.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByLabel('Tarjeta de crédito o débito').check();
  await page.getByRole('button', { name: 'Siguiente' }).click();
  await page.getByLabel('Número de pedido').fill('ES-1');
  await page.getByRole('button', { name: 'Crear mi caso' }).click();
  await page.locator('.guide').waitFor();
  const facts = await page.locator('dl.details').innerText();
  assert.match(facts, /Número de pedido\s+ES-1/);
  assert.match(facts, /Problema\s+Nunca llegó/);
  assert.match(facts, /Forma de pago\s+Tarjeta de crédito o débito/);
  assert.equal(await page.getByRole('link', { name: 'Editar caso' }).count(), 1);
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Tus casos', exact: true }).waitFor();
  assert.equal(await page.locator('.list-count').innerText(), '1 caso');
  assert.match(await page.locator('li.case-row .row-summary').innerText(), /^AliExpress · pedido ES-1 · Recién registrado$/);
  assert.match(await page.locator('li.case-row .row-deadline').innerText(), /^Último día para abrir una disputa: .+ · tiempo restante: \d+ días( \d+ horas?)?$/);
  assert.equal(await page.getByLabel('Buscar número de pedido, vendedor, artículo o número de seguimiento').count(), 1);

  // The full form in Spanish, down to its checks.
  await page.goto(`${app.server.url}/new`);
  await page.getByRole('heading', { name: 'Nuevo caso' }).waitFor();
  await page.getByLabel('Enviado el').fill('2026-10-05');
  await page.getByLabel('Pagado el').fill('2026-10-09');
  await page.getByRole('button', { name: 'Guardar caso' }).click();
  await page.getByText('Hay que corregir 2 cosas antes de guardar.').waitFor();
  await page.getByText('Escribe el número de pedido que aparece en la página del pedido.').waitFor();
  await page.getByText(/^No puede ser anterior a la fecha de pago \(/).waitFor();
  await page.goto(app.server.url);

  // French, chosen in the footer: the page reloads in French and stays French.
  await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('fr')]);
  await page.getByRole('heading', { name: 'Vos dossiers', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.locator('.list-count').innerText(), '1 dossier');
  await page.reload();
  await page.getByRole('heading', { name: 'Vos dossiers', exact: true }).waitFor();
  await page.getByRole('link', { name: 'À venir', exact: true }).click();
  await page.getByRole('heading', { name: 'Échéances à venir' }).waitFor();
  assert.match(await page.locator('.upcoming-group .row-summary').first().innerText(), /^Commande ES-1 · c'est à vous d'agir$/);
  await page.getByRole('link', { name: 'Dispute Desk' }).click();
  assert.match(await page.locator('.language-menu').innerText(), /Certaines pages ne sont pas encore traduites/);

  await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('en')]);
  await page.getByRole('heading', { name: 'Your cases', exact: true }).waitFor();
  assert.equal(await page.locator('.list-count').innerText(), '1 case');
  guard.assertClean();
  await context.close();
});

test('Russian counts take Russian plural forms', async () => {
  const context = await app.browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  for (const order of ['RU-1', 'RU-2']) {
    await page.goto(`${app.server.url}/new`);
    await page.getByLabel('Номер заказа').fill(order);
    await page.getByRole('button', { name: 'Сохранить дело' }).click();
    await page.locator('.guide').waitFor();
  }
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Ваши дела', exact: true }).waitFor();
  assert.equal(await page.locator('.list-count').innerText(), '2 дела');
  guard.assertClean();
  await context.close();
});
