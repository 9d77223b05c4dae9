// Many orders at once: a 2,000-row spreadsheet export (European style, in an Irish English browser)
// with bad rows imported through the real page, then the dashboard worked as a worklist (search,
// filters, chart, bulk actions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { NOW, appUnderTest, guardPage, openSection } from './harness.mjs';

const app = appUnderTest();

const SELLERS = ['Gadget World', 'Casa Bonita Ltda', 'Shenzhen Tech Co.'];

/** A semicolon-separated export with a BOM, day-first dates, comma decimals and quoted cells. */
function spreadsheet() {
  const rows = ['Order ID;Order date;Store name;Product;Order total;Currency;Tracking number;Platform'];
  const bad = { date: 0, order: 0, platform: 0, future: 0, repeated: 0 };
  for (let n = 1; n <= 2000; n += 1) {
    const order = `IMP-${String(n).padStart(4, '0')}`;
    const day = new Date(Date.UTC(2026, 0, 1) + (n % 300) * 86_400_000);
    let date = `${String(day.getUTCDate()).padStart(2, '0')}/${String(day.getUTCMonth() + 1).padStart(2, '0')}/2026`;
    let orderCell = order;
    let platform = n % 7 === 0 ? 'Alibaba.com' : 'AliExpress';
    const product = n % 50 === 0 ? `"Lamp ""deluxe"";\nsecond line"` : `Item ${n}`;
    if (n % 97 === 0) { date = '31/13/2026'; bad.date += 1; }
    else if (n % 151 === 0) { orderCell = ''; bad.order += 1; }
    else if (n % 211 === 0) { platform = 'Temu'; bad.platform += 1; }
    else if (n % 307 === 0) { date = '01/12/2027'; bad.future += 1; }
    else if (n % 401 === 0) { orderCell = 'IMP-0001'; bad.repeated += 1; }
    rows.push([orderCell, date, SELLERS[n % 3], product, `${n % 90 + 1},50`, 'EUR', `LP${String(n).padStart(9, '0')}CN`, platform].join(';'));
  }
  return { text: `\uFEFF${rows.join('\r\n')}\r\n`, bad };
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('a 2,000-row CSV with bad rows: mapping, preview, import, summary, rows to fix, and the worklist', async () => {
  const context = await app.browser.newContext({ timezoneId: 'Europe/Madrid', locale: 'en-IE' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  // One order is already here: the import must skip it, not duplicate it.
  await page.goto(`${app.server.url}/new`);
  await page.locator('#order-number').fill('IMP-0003');
  await page.locator('#item').fill('Typed by hand');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();

  await page.goto(app.server.url);
  await page.getByRole('link', { name: 'Import orders from a spreadsheet' }).click();
  const { text, bad } = spreadsheet();
  const rejected = bad.date + bad.order + bad.platform + bad.future;
  const expectedNew = 2000 - rejected - bad.repeated - 1;
  await page.locator('#import-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByText('orders.csv: 2000 rows found.').waitFor();

  // The guessed mapping, as the header suggests.
  const mapped = [];
  for (let column = 0; column < 8; column += 1) mapped.push(await page.locator(`#column-${column}`).inputValue());
  assert.deepEqual(mapped, ['order-number', 'paid', 'seller', 'item', 'amount', 'currency', 'tracking-number', 'platform']);
  const summary = page.locator('.import-summary');
  assert.equal(await summary.innerText(),
    `${expectedNew} new cases · 0 updates · 1 already here · ${bad.repeated} repeated in the file · ${rejected} rows with problems`);
  // Per-row problems show in the preview; a wrong guess can be corrected and the plan follows.
  await page.locator('#column-7').selectOption('');
  assert.match(await summary.innerText(), new RegExp(`^${expectedNew + bad.platform} new cases`), 'without the platform column, "Temu" is no longer read');
  await page.locator('#column-7').selectOption('platform');
  assert.match(await summary.innerText(), new RegExp(`^${expectedNew} new cases`));
  assert.match(await page.locator('table.preview').innerText(), /Already here: skipped/);
  // Every refused row can be read before importing, with its row number and reason.
  await page.getByText(`See the ${rejected} rows with problems`).click();
  const refusedList = page.locator('.refused-rows li');
  assert.equal(await refusedList.count(), rejected);
  assert.equal(await refusedList.first().innerText(), 'Row 98: Paid on: "31/13/2026" is not a date.');

  await page.getByRole('button', { name: `Import ${expectedNew} orders` }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
  const report = await page.locator('.import-report').innerText();
  assert.match(report, new RegExp(`Imported ${expectedNew} new cases and updated 0 cases\\.`));
  assert.match(report, /Skipped 1 order: already here\./);
  assert.match(report, new RegExp(`Skipped ${bad.repeated} rows: the same order appears earlier in the file\\.`));
  assert.match(report, new RegExp(`Not imported: ${rejected} rows with problems\\.`));

  const fix = await download(page, 'Download the rows to fix (CSV)');
  assert.equal(fix.name, 'orders-to-fix.csv');
  const fixLines = fix.text.trim().split('\n');
  assert.equal(fixLines[0], 'Order ID,Order date,Store name,Product,Order total,Currency,Tracking number,Platform,Why it was not imported');
  assert.equal(fixLines.length, rejected + 1);
  assert.match(fix.text, /31\/13\/2026.*Paid on: ""31\/13\/2026"" is not a date\./);
  assert.match(fix.text, /Temu.*is not AliExpress/);

  // The dashboard at 1,960 cases: count, search, filters, chart.
  await page.getByRole('link', { name: 'See your cases' }).click();
  const count = page.locator('.list-count');
  await page.waitForFunction((n) => document.querySelector('.list-count')?.textContent === `${n} cases`, expectedNew + 1);
  await page.locator('#case-search').fill('imp-1234');
  assert.equal(await count.innerText(), `1 of ${expectedNew + 1} cases match`);
  await page.locator('li.case-row', { hasText: 'Item 1234' }).getByRole('link').click();
  await openSection(page, 'Details');
  const facts = await page.locator('dl.details').innerText();
  assert.match(facts, /Order number\s+IMP-1234/);
  assert.match(facts, /Tracking number\s+LP000001234CN/);
  assert.match(facts, /Amount\s+.*65[.,]50/);
  // Back from the details to the case's first screen, then to the list, whose tools are open by
  // themselves for a list this long.
  await page.goBack();
  await page.locator('.guide').waitFor();
  await page.goBack();
  await page.locator('#case-search').fill('');
  await page.locator('#filter-platform').selectOption('alibaba_ta');
  const alibaba = Number((await count.innerText()).split(' ')[0]);
  assert.ok(alibaba > 200 && alibaba < 400, `about a seventh are Alibaba.com: ${alibaba}`);
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  const chartTotal = await page.locator('.case-chart .chart-group').first().locator('.chart-count').allInnerTexts();
  assert.equal(chartTotal.reduce((sum, n) => sum + Number(n), 0), expectedNew + 1);

  // Bulk: every "Gadget World" case resolved at once, then exported.
  await page.locator('#case-search').fill('gadget world');
  const gadgets = Number((await count.innerText()).split(' ')[0]);
  await page.getByRole('button', { name: `Select all ${gadgets}` }).click();
  await page.getByText(`${gadgets} selected`).waitFor();
  await page.locator('#bulk-status').selectOption('resolved');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText(`"Resolved" is now the status of ${gadgets} cases.`).waitFor();
  const exported = await download(page, 'Export them as CSV');
  // Records start with their order number (some items hold a line break inside their quotes).
  const records = exported.text.split('\n').filter((line) => line.startsWith('IMP-'));
  assert.equal(records.length, gadgets);
  assert.ok(records.every((line) => line.includes('Gadget World')));
  await page.locator('#case-search').fill('');
  await page.locator('#filter-status').selectOption('resolved');
  assert.equal(await count.innerText(), `${gadgets} of ${expectedNew + 1} cases match`);
  await page.reload();
  await page.locator('#filter-status').selectOption('resolved');
  assert.equal(await count.innerText(), `${gadgets} of ${expectedNew + 1} cases match`, 'the bulk change was stored');
  guard.assertClean();
  await context.close();
});

test('importing again with "update" fills in the orders already here', async () => {
  const context = await app.browser.newContext({ timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
  const guard = guardPage(page, app.server.url);
  await page.clock.setFixedTime(NOW);
  await page.goto(`${app.server.url}/new`);
  await page.locator('#order-number').fill('UPD-1');
  await page.locator('#item').fill('Kept item');
  await page.getByRole('button', { name: 'Save case' }).click();
  await page.locator('.guide').waitFor();
  await page.goto(`${app.server.url}/import`);
  // A hostile cell is only ever text: in the mapping table, the preview and the case.
  const hostile = '<img src=x onerror=alert(1)>';
  const formula = '=HYPERLINK("https://evil.example","Refund")';
  const csv = `Pedido,Vendedor,Rastreamento\nUPD-1,Loja Azul,BR123456789\nUPD-2,"${hostile}",\nUPD-3,"${formula.replaceAll('"', '""')}",-2+3\n`;
  const dialogs = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss(); });
  await page.locator('#import-file').setInputFiles({ name: 'pedidos.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('#column-2').selectOption('tracking-number');
  await page.getByLabel('Update them with the file\'s columns').check();
  assert.match(await page.locator('.import-summary').innerText(), /^2 new cases · 1 update/);
  await page.getByRole('button', { name: 'Import 3 orders' }).click();
  await page.getByText('Imported 2 new cases and updated 1 case.').waitFor();
  await page.goto(app.server.url);
  await page.locator('li.case-row', { hasText: 'Kept item' }).getByRole('link').click();
  await openSection(page, 'Details');
  const facts = await page.locator('dl.details').innerText();
  assert.match(facts, /Seller\s+Loja Azul/);
  assert.match(facts, /Tracking number\s+BR123456789/);
  assert.match(facts, /Item\s+Kept item/, 'columns the file does not have stay as they were');
  await page.goto(app.server.url);
  await page.locator('li.case-row', { hasText: 'UPD-2' }).getByRole('link').click();
  await openSection(page, 'Details');
  assert.match(await page.locator('dl.details').innerText(), /Seller\s+<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('main img[src="x"]').count(), 0);
  assert.deepEqual(dialogs, []);

  // Exported again, no cell starts a formula in a spreadsheet; the text is all there, marked.
  await page.goto(app.server.url);
  await page.getByRole('button', { name: 'Select several' }).click();
  await page.getByRole('button', { name: 'Select all 3' }).click();
  const exported = await download(page, 'Export them as CSV');
  const cells = exported.text.split(/\r?\n/).flatMap((line) => line.split(',')).map((cell) => cell.replace(/^"/, ''));
  assert.deepEqual(cells.filter((cell) => /^[=+\-@\t\r]/.test(cell)), []);
  assert.ok(exported.text.includes(`"'=HYPERLINK(""https://evil.example"",""Refund"")"`), exported.text);
  assert.ok(exported.text.includes(",'-2+3,"), exported.text);
  guard.assertClean();
  await context.close();
});
