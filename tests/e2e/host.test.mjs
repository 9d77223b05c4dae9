// A support team's own copy: the organisation and its help link on every page, its marketplace
// offered beside AliExpress and Alibaba.com with dated deadlines from its rules and their source,
// under a sub-path, on a phone, offline after a visit; a broken site.json leaves the app working
// and the host check page names each problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DIST, NOW, guardPage, isChunk, launchChromium, openSection, saveNewCase, serveDist } from './harness.mjs';

const EXAMPLE = await readFile(`${DIST}/site.example.json`, 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function hosted(siteJson, base = '/help/disputes/') {
  const server = await serveDist({ base, overrides: new Map([['/site.json', siteJson]]) });
  const browser = await launchChromium();
  const context = await browser.newContext({ ...PHONE, locale: 'en-US', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const guard = guardPage(page, server.url);
  await page.clock.setFixedTime(NOW);
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { server, context, page, guard, close };
}

test("a host's marketplace gets dated deadlines from its rules, labelled with their source, and its help link shows on every page, offline too", async () => {
  const { server, context, page, guard, close } = await hosted(EXAMPLE);
  await page.goto(`${server.url}/`);
  const bar = page.locator('.host-bar');
  await bar.getByText('Helped by Lumen Buyer Help').waitFor();
  const help = bar.getByRole('link', { name: 'Get help' });
  assert.equal(await help.getAttribute('href'), 'https://help.example/disputes');
  assert.equal(await help.getAttribute('rel'), 'noopener noreferrer');
  assert.ok((await bar.boundingBox()).y < 200, 'under the header, on the first screen of a phone');

  await page.goto(`${server.url}/new`);
  await page.locator('#platform option', { hasText: 'Lumen Market' }).waitFor({ state: 'attached' });
  const platforms = await page.locator('#platform option').allInnerTexts();
  assert.deepEqual(platforms, ['AliExpress', 'Alibaba.com (Trade Assurance)', 'Lumen Market', 'Other marketplace']);
  await saveNewCase(page, server.url, { platform: 'site:lumen', 'order-number': 'LUM-1', item: 'Reading lamp', problem: 'damaged', delivered: '2026-11-10' });
  const caseUrl = page.url();
  assert.match(await page.locator('main p.lead').first().innerText(), /^Lumen Market · order LUM-1/);
  await openSection(page, 'Deadlines');
  const open = page.locator('.timeline-item', { has: page.getByRole('heading', { name: 'Last day to open a dispute', exact: true }) });
  assert.equal(await open.locator('.timeline-date').innerText(), 'Thu 10 Dec 2026', '30 days after delivery, by the host\'s rule');
  assert.match(await open.innerText(), /closes at the end of Thu 10 Dec 2026/, "the buyer's midnight: the host's marketplace does not keep China's time");
  await open.getByText('Why this date').click();
  assert.match(await open.innerText(), /30 days after delivery \(Tue 10 Nov 2026\); as Lumen Buyer Help publishes it for Lumen Market/);
  const source = open.locator('.sources a');
  assert.equal(await source.innerText(), 'Lumen Market buyer protection');
  assert.equal(await source.getAttribute('href'), 'https://lumen.example/protection');
  const seller = page.locator('.pending-list');
  assert.match(await seller.innerText(), /Seller must respond/);

  // A share link can go to the host's help address, through the buyer's own mail app.
  await page.goto(`${caseUrl}/share`);
  await page.getByRole('button', { name: 'Create the link' }).click();
  const mail = page.getByRole('link', { name: 'Send the link to Lumen Buyer Help by e-mail' });
  const link = await page.locator('#share-link').inputValue();
  assert.equal(await mail.getAttribute('href'), `mailto:help@example.org?subject=${encodeURIComponent('Dispute Desk case: order LUM-1')}&body=${encodeURIComponent(link)}`);

  // The case travels: opened by an app on a host without a site.json, it keeps its marketplace's
  // name and its deadlines, labelled as the first host's rules.
  const elsewhere = await serveDist();
  const helperContext = await context.browser().newContext({ ...PHONE, locale: 'en-US', timezoneId: 'Europe/Paris' });
  const helper = await helperContext.newPage();
  const helperGuard = guardPage(helper, elsewhere.url);
  await helper.clock.setFixedTime(NOW);
  await helper.goto(link.replace(server.url, elsewhere.url));
  const shared = helper.locator('main');
  await shared.getByRole('button', { name: 'Add to my cases' }).waitFor();
  assert.match(await shared.innerText(), /Platform\s+Lumen Market/);
  assert.match(await shared.innerText(), /Last day to open a dispute: Thu 10 Dec 2026/);
  assert.equal(await helper.locator('.host-bar').count(), 0, 'this host names no organisation');
  await shared.getByRole('button', { name: 'Add to my cases' }).click();
  await helper.locator('.guide').waitFor();
  await openSection(helper, 'Deadlines');
  const travelled = helper.locator('.timeline-item', { has: helper.getByRole('heading', { name: 'Last day to open a dispute', exact: true }) });
  assert.equal(await travelled.locator('.timeline-date').innerText(), 'Thu 10 Dec 2026');
  await travelled.getByText('Why this date').click();
  assert.match(await travelled.innerText(), /as Lumen Buyer Help publishes it for Lumen Market/);
  helperGuard.assertClean();
  await helperContext.close();
  await elsewhere.close();

  // The printed case file names who helped, with the address written out.
  await page.goto(`${caseUrl}/print`);
  await page.locator('.print-case').waitFor();
  await page.locator('.host-bar').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.host-bar').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });

  // Offline after this visit: the last good copy of the host's file still names the host and its rules.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.goto(`${caseUrl}/deadlines`);
  await page.locator('.host-bar').getByText('Helped by Lumen Buyer Help').waitFor();
  assert.equal(await open.locator('.timeline-date').innerText(), 'Thu 10 Dec 2026');
  guard.assertClean();
  await close();
});

test('a broken site.json leaves the app working; the host check page names every problem', async () => {
  const broken = JSON.stringify({
    organization: { name: 'Lumen Buyer Help', help_url: 'javascript:alert(1)' },
    marketplaces: [{ id: 'lumen', name: 'Lumen Market', rules: [{ deadline: 'open_dispute', counts_from: 'delivered', days: -3 }] }],
    colour: 'red',
  });
  const { server, page, guard, close } = await hosted(broken);
  await page.goto(`${server.url}/`);
  await page.locator('.host-bar').getByText('Helped by Lumen Buyer Help').waitFor();
  assert.equal(await page.locator('.host-bar a').count(), 0, 'an address that is not http, https or mailto is never a link');
  await page.goto(`${server.url}/host-check`);
  const problems = page.locator('.host-check-problems li');
  await problems.first().waitFor();
  assert.deepEqual(await problems.allInnerTexts(), [
    'colour is not part of the format and was ignored.',
    'organization.help_url must be an http, https or mailto address; other kinds of address are never made links.',
    'marketplaces[0].rules[0].days must be a whole number of days from 1 to 730.',
  ]);
  // Not JSON at all: the app still starts, and the check page says so.
  const { server: other, page: second, guard: secondGuard, close: closeOther } = await hosted('{ "organization": ', '/');
  await second.goto(`${other.url}/`);
  await second.locator('main h1').waitFor();
  await second.goto(`${other.url}/host-check`);
  await second.locator('.host-check-problems li').first().waitFor();
  assert.match(await second.locator('.host-check-problems').innerText(), /site\.json The file is not valid JSON/);
  assert.equal(await second.locator('.host-bar').count(), 0);
  guard.assertClean();
  secondGuard.assertClean();
  await close();
  await closeOther();
});

test("the build's own site.json holds no settings: asked for without an error, it downloads no reader", async (t) => {
  const server = await serveDist();
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close();
    await server.close();
  });
  const page = await (await browser.newContext({ ...PHONE, locale: 'en-US' })).newPage();
  const guard = guardPage(page, server.url);
  const answers = [];
  const chunks = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/site.json') answers.push(response.status());
  });
  page.on('request', (request) => {
    if (isChunk(new URL(request.url()).pathname)) chunks.push(request.url());
  });
  await page.goto(`${server.url}/`);
  await page.locator('main#main').getByRole('link', { name: 'Start: answer 5 questions' }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/site.json') && entry.responseEnd > 0));
  // 200, not the 404 a host without the file answers, which the browser logs as an error.
  assert.deepEqual(answers, [200]);
  assert.deepEqual(chunks, [], 'a file without settings needs no reader');
  assert.equal(await page.locator('.host-bar').count(), 0);
  await page.goto(`${server.url}/host-check`);
  await page.getByText('site.json holds no settings (as the build ships it), or this host has none: the app runs as shipped.').waitFor();
  guard.assertClean();
});
