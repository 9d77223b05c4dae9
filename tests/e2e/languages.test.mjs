// The app in the buyer's language: the browser's preference on a first visit, a choice in the
// footer that is remembered, and counts in each language's plural forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, NOW, answerChoices, answerInterview, appUnderTest, guardPage, openSection, recordAction, saveNewCase } from './harness.mjs';

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

  // The five questions in Spanish make the case; then the dashboard speaks about it in Spanish.
  await page.getByRole('link', { name: 'Empezar: responde 5 preguntas' }).click();
  await page.getByRole('heading', { name: '¿Dónde compraste?' }).waitFor();
  assert.equal(await page.locator('.interview .progress').innerText(), 'Pregunta 1 de 5');
  await page.getByRole('button', { name: 'AliExpress' }).click();
  await page.getByRole('button', { name: 'Nunca llegó' }).click();
  await page.getByText('Te quedas el artículo (o nunca lo recibiste) y recuperas todo tu dinero.', { exact: false }).waitFor();
  await page.locator('.choices [aria-pressed="true"]').click();
  await page.getByRole('button', { name: 'Tarjeta de crédito o débito' }).click();
  await page.getByRole('heading', { name: 'El número de pedido y sus fechas' }).waitFor();
  await page.getByLabel('Número de pedido').fill('ES-1');
  await page.getByLabel('Enviado el').fill('2026-10-01');
  await page.getByRole('button', { name: 'Crear mi caso' }).click();
  await page.locator('.guide').waitFor();
  await openSection(page, 'Detalles');
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
  // One case needs no search; the tools are one tap away.
  assert.equal(await page.getByLabel('Buscar número de pedido, vendedor, artículo o número de seguimiento').count(), 0);
  await page.getByRole('button', { name: 'Filtrar y ordenar' }).click();
  await page.getByLabel('Buscar número de pedido, vendedor, artículo o número de seguimiento').waitFor();

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

test('the main journey in Spanish: the guide, its messages in Spanish or English, amounts and dates the Spanish way', async () => {
  const context = await app.browser.newContext({
    locale: 'es-ES',
    timezoneId: 'Europe/Madrid',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await page.goto(app.server.url);
  await answerInterview(page, {
    platform: 'AliExpress', problem: 'Nunca llegó', payment: 'Tarjeta de crédito o débito', order: 'ES-1001',
    paid: '2026-10-01', shipped: '2026-10-03',
  }, { start: 'Empezar: responde 5 preguntas', create: 'Crear mi caso' });
  const guide = page.locator('.guide');
  const messageText = async () => {
    await openSection(page, 'Mensajes');
    const text = await page.locator('#message-text').inputValue();
    await openSection(page, 'Siguiente paso');
    return text;
  };
  const title = () => page.locator('#guide-title').innerText();
  const act = (label, fields) => recordAction(page, label, fields, 'Anotar');

  // Step 1, with the day written by the browser's Intl for Spain (3 Oct + 60 days = Wed 2 Dec).
  assert.equal(await title(), 'Escribe al vendedor');
  assert.match(await guide.innerText(), /abre la disputa antes del mié, 2 dic 2026 aunque el vendedor te pida esperar/);
  await guide.getByText('En el formulario de la disputa').click();
  await guide.getByText('Pruebas que ganan este tipo de disputa').click();
  assert.match(await guide.innerText(), /Motivo que elegir: Artículo no recibido/);
  assert.match(await guide.innerText(), /Capturas de la página de seguimiento/);
  await guide.getByText('No dejes que se agote la protección').click();
  assert.match(await guide.locator('.warnings').innerText(), /amplíe la protección en la página del pedido/);

  // The message in Spanish, or in English for a seller who reads English, chosen per message.
  await guide.getByRole('link', { name: 'Escríbelo por mí: Primer mensaje al vendedor' }).click();
  const text = page.locator('#message-text');
  assert.match(await text.inputValue(), /^Hola:\n\nLe escribo por el pedido ES-1001, pagado el jue, 1 oct 2026\. Lamentablemente, el artículo no ha llegado\./);
  await page.getByLabel('English', { exact: true }).check();
  assert.match(await text.inputValue(), /^Hello,\n\nI am writing about order ES-1001, paid on Thu 1 Oct 2026\. Unfortunately, the item has not arrived\./);
  await page.getByRole('button', { name: 'Copiar el texto' }).click();
  await page.getByText('Copiado. Pégalo en el chat').waitFor();
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Hello,/);
  await page.getByLabel('Español', { exact: true }).check();
  assert.match(await text.inputValue(), /^Hola:/);
  await openSection(page, 'Siguiente paso');

  await act('Escribí al vendedor', { day: '2026-11-10', summary: 'Pregunté por el paquete' });
  assert.equal(await title(), 'Abre la disputa');
  assert.match(await guide.innerText(), /elige "Artículo no recibido" y pide "Reembolso total, me quedo el artículo"/);
  assert.match(await messageText(), /^Motivo: Artículo no recibido\.\n\nEn el pedido ES-1001, pagado el jue, 1 oct 2026, el artículo no ha llegado\. Escribí al vendedor el mar, 10 nov 2026, pero el problema no se resolvió\./);

  await act('Abrí la disputa', { day: '2026-11-16' });
  assert.equal(await title(), 'Espera la respuesta del vendedor');
  assert.match(await guide.innerText(), /El vendedor tiene hasta el .+ 2026 para responder a la disputa\./);
  assert.match(await guide.locator('.warnings').innerText(), /Nunca canceles la disputa/);

  // A proposal with an amount: the amount is written the Spanish way.
  await act('El vendedor propuso…', { day: '2026-11-18', choice: 'partial_refund', amount: '5' });
  assert.equal(await title(), 'Responder a la propuesta del vendedor');
  assert.match(await guide.innerText(), /El vendedor propuso: Reembolso parcial, me quedo el artículo \(5,00\sUS\$\)\. Acéptala si te da lo que necesitas\./);
  assert.match(await messageText(), /Gracias por su propuesta del mié, 18 nov 2026 \(reembolso parcial, me quedo el artículo, 5,00\sUS\$\)\. La acepto\./);

  await act('Acepté la propuesta', { day: '2026-11-19' });
  assert.equal(await title(), 'Vigila tu reembolso');
  await act('Se emitió el reembolso', { day: '2026-11-20' });
  assert.match(await guide.innerText(), /Los reembolsos tardan de 1 a 10 días hábiles en llegar a tu cuenta\. Si no ha llegado antes del .+, pide a AliExpress la referencia del reembolso/);
  await act('El reembolso llegó', { day: '2026-11-21' });
  assert.equal(await title(), 'Hecho');

  // The rest of the case page speaks Spanish too, and keeps it across a reload.
  await openSection(page, 'Diario');
  await page.reload();
  await page.locator('.journal-list').waitFor();
  const journal = await page.locator('.journal-list').innerText();
  for (const line of ['Tú (chat de la plataforma): Pregunté por el paquete', 'Disputa abierta',
    'El vendedor propuso: Reembolso parcial, me quedo el artículo (5,00', 'Reembolso emitido', 'Reembolso recibido']) {
    assert.ok(journal.includes(line), `the journal lacks "${line}":\n${journal}`);
  }
  await openSection(page, 'Plazos');
  const timeline = page.locator('.timeline');
  assert.match(await timeline.getByRole('heading', { level: 2 }).innerText(), /^Plazos$/);
  assert.match(await timeline.locator('.timeline-item', { hasText: 'Último día para abrir una disputa' }).innerText(), /Hecho el lun, 16 nov 2026\./);
  // Every section of the case, one after the other: no English left on any, neither these words
  // nor any text the Spanish catalog translates.
  const spanish = JSON.parse(await readFile(join(DIST, '..', 'public', 'locales', 'es.json'), 'utf8'));
  const english = ['Deadlines', 'Evidence', 'Journal', 'What to do now', 'Messages written for you', 'Share with a helper',
    'Why this date', 'Add to the journal', 'Record', 'order ES-1001', 'Next step', 'Share and print', 'Printable case file'];
  for (const section of ['Siguiente paso', 'Plazos', 'Pruebas', 'Mensajes', 'Diario', 'Detalles', 'Compartir e imprimir']) {
    await openSection(page, section);
    const pageText = await page.locator('main').innerText();
    for (const words of english) assert.ok(!pageText.includes(words), `English "${words}" is left on the case's "${section}"`);
    assert.deepEqual(await englishShown(page, spanish), [], `English left on the case's "${section}"`);
  }
  assert.equal(await page.getByRole('heading', { name: 'Compartir con un ayudante' }).count(), 1);
  await openSection(page, 'Pruebas');
  assert.equal(await page.getByRole('heading', { name: 'Pruebas' }).count(), 1);

  await page.getByRole('link', { name: 'Copia de seguridad', exact: true }).click();
  await page.getByRole('heading', { name: 'Copia de seguridad y restauración' }).waitFor();
  await page.getByText('Aún no has hecho ninguna copia de seguridad.').waitFor();
  guard.assertClean();
  await context.close();
});

test('the first paint is the real first screen, already in the language the app will speak', async () => {
  const welcome = (page) => page.locator('#boot-welcome h2').innerText();
  for (const [locale, expected] of [['pt-BR', 'Ainda não há casos'], ['en-GB', 'No cases yet'], ['ru-RU', 'Пока нет дел']]) {
    const context = await app.browser.newContext({ locale, serviceWorkers: 'block' });
    const page = await context.newPage();
    // Without its wasm the app never starts, so the first paint stays to be read.
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(app.server.url);
    assert.equal(await welcome(page), expected, locale);
    // Its links already work: the questions open, and the app starts there.
    if (locale === 'en-GB') {
      await page.unroute('**/*.wasm');
      await page.locator('#boot-welcome').getByRole('link', { name: 'Start: answer 5 questions' }).click();
      await page.getByRole('heading', { name: 'What happened?' }).waitFor();
      assert.match(page.url(), /\/start$/);
    }
    await context.close();
  }
  // A language chosen in the app beats the browser's; a buyer with cases never sees the welcome.
  const context = await app.browser.newContext({ locale: 'es-ES', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.getByRole('heading', { name: 'Todavía no hay casos' }).waitFor();
  await Promise.all([page.waitForEvent('load'), page.locator('#language').selectOption('fr')]);
  await page.getByRole('heading', { name: "Aucun dossier pour l'instant" }).waitFor();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.reload();
  assert.equal(await welcome(page), "Aucun dossier pour l'instant");
  await page.unroute('**/*.wasm');
  await saveNewCase(page, app.server.url, { 'order-number': 'BOOT-1', shipped: '2026-10-03' });
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(app.server.url);
  assert.equal(await page.locator('#boot-loading').innerText(), 'Chargement de vos dossiers…');
  assert.equal(await page.locator('#boot-welcome').isVisible(), false);
  await context.close();
});

/**
 * The texts of `catalog` (a file of public/locales/) the page shows in English, as text or as a
 * label, placeholder, title or alternative text, though the catalog has them in its own words.
 * A text that is mostly placeholders is left out: it would match any words.
 */
async function englishShown(page, catalog) {
  const english = Object.entries(catalog).flatMap(([key, translated]) =>
    key.split('|').filter((text) => ![translated].flat().includes(text)));
  const patterns = english.filter((text) => text.replace(/\{\w+\}/g, '').replace(/[^\p{L}]/gu, '').length >= 4);
  return page.evaluate((patterns) => {
    const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const matchers = patterns.map((text) => ({ text, whole: new RegExp(`^${text.split(/\{\w+\}/).map(escape).join('.+?')}$`, 's') }));
    const shown = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) shown.add(walker.currentNode.textContent.replace(/\s+/g, ' ').trim());
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      document.body.querySelectorAll(`[${name}]`).forEach((element) => shown.add(element.getAttribute(name).trim()));
    }
    return matchers.filter(({ whole }) => [...shown].some((text) => whole.test(text))).map(({ text }) => text);
  }, patterns);
}

test('the first screen needs only the first part of its catalog; every other screen waits for the rest', async () => {
  for (const [locale, code] of [['fr-FR', 'fr'], ['ru-RU', 'ru'], ['es-ES', 'es'], ['pt-BR', 'pt-BR']]) {
    const catalog = JSON.parse(await readFile(join(DIST, '..', 'public', 'locales', `${code}.json`), 'utf8'));
    const context = await app.browser.newContext({ locale, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const guard = guardPage(page, app.server.url);
    // The rest of the catalog (dev.sh, split_catalogs) is held back until the case is made, from
    // the page and from the service worker that keeps it for offline use.
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    const held = [];
    await context.route('**/locales/*.rest.json', async (route) => {
      held.push(new URL(route.request().url()).pathname);
      await released;
      await route.continue();
    });
    const inOwnWords = async (screen) => assert.deepEqual(await englishShown(page, catalog), [], `${code}, ${screen}`);
    await page.goto(app.server.url);
    await page.waitForFunction(() => !document.getElementById('boot'));
    await inOwnWords('the welcome');
    await answerChoices(page, {}, catalog['Start: answer 5 questions'], async () => inOwnWords(await page.locator('.interview h2').innerText()));
    await inOwnWords('the last question');
    await page.locator('#order-number').fill(`${code}-1`);
    await page.locator('#shipped').fill('2026-10-01');
    await page.getByRole('button', { name: catalog['Create my case'] }).click();
    await page.getByRole('button', { name: catalog['Saving…'] }).waitFor();
    assert.ok(held.includes(`/locales/${code}.rest.json`), `${code}: the rest was asked for (${held})`);
    release();
    await page.locator('.guide').waitFor();
    await inOwnWords('the new case');
    await page.goto(app.server.url);
    await page.locator('li.case-row').waitFor();
    await inOwnWords('the dashboard with a case');
    guard.assertClean();
    await context.close();
  }
});

test('on a 360 px phone the longer Russian and Portuguese words stay on screen', async () => {
  for (const locale of ['ru-RU', 'pt-BR']) {
    const context = await app.browser.newContext({ locale, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const guard = guardPage(page, app.server.url);
    await page.clock.setFixedTime(NOW);
    await page.goto(`${app.server.url}/new`);
    await page.locator('#order-number').fill('PHONE-1');
    await page.locator('#shipped').fill('2026-10-03');
    await page.locator('button[type=submit]').click();
    await page.locator('.guide').waitFor();
    const caseUrl = page.url();
    const sections = ['deadlines', 'evidence', 'messages', 'journal', 'details', 'share'].map((section) => `${caseUrl}/${section}`);
    for (const path of [caseUrl, ...sections, `${app.server.url}/`, `${app.server.url}/upcoming`, `${app.server.url}/backup`, `${app.server.url}/import`]) {
      await page.goto(path);
      await page.locator('main h1, main h2').first().waitFor();
      // Every link, button, label and field ends inside the 360 px screen. (On a phone the layout
      // viewport widens to fit what overflows, so window.innerWidth would grow with the fault.)
      const outside = await page.locator('a, button, label, input, select, textarea, h1, h2, h3').evaluateAll((all) => all
        .filter((element) => element.offsetParent !== null && !element.closest('.visually-hidden, .table-scroll'))
        .filter((element) => element.getBoundingClientRect().right > 360.5)
        .map((element) => `${element.tagName} "${element.textContent.trim().slice(0, 40)}"`));
      assert.deepEqual(outside, [], `${locale} ${path}`);
    }
    guard.assertClean();
    await context.close();
  }
});
