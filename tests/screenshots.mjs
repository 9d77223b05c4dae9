// Not a test: screenshots of the main screens for a person to look at, in one language at one
// width, into tests/results/screenshots/ (git-ignored). After `bash dev.sh build`:
//   node tests/screenshots.mjs ru-RU 390
import { mkdirSync } from 'node:fs';
import { serveDist, launchChromium } from './e2e/harness.mjs';

const [locale = 'en-US', width = '390'] = process.argv.slice(2);
const OUT = new URL('./results/screenshots/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });
const server = await serveDist();
const browser = await launchChromium();
const w = Number(width);
const context = await browser.newContext({ locale, timezoneId: 'Europe/Madrid', viewport: { width: w, height: w < 500 ? 844 : 900 }, isMobile: w < 500, hasTouch: w < 500 });
const page = await context.newPage();
await page.clock.setFixedTime(new Date('2026-11-21T12:00:00Z'));
const add = async (order, shipped, item) => {
  await page.goto(`${server.url}/new`);
  await page.locator('#order-number').fill(order);
  await page.locator('#shipped').fill(shipped);
  if (item) await page.locator('#item').fill(item);
  await page.locator('button[type=submit]').click();
  await page.locator('.guide').waitFor();
  return page.url();
};
await page.goto(server.url);
await page.locator('main h1').waitFor();
await page.screenshot({ path: `${OUT}${locale}-${w}-empty.png` });
await add('CALM-1', '2026-11-01', 'Wireless earbuds');
await add('SOON-1', '2026-09-22', 'Desk lamp');
const url = await add('NEW-1', '2026-11-10', 'Phone case with a long name');
await page.goto(server.url);
await page.locator('li.case-row').nth(2).waitFor();
await page.screenshot({ path: `${OUT}${locale}-${w}-dashboard.png` });
await page.goto(url);
await page.locator('.guide').waitFor();
await page.screenshot({ path: `${OUT}${locale}-${w}-case.png` });
await page.screenshot({ path: `${OUT}${locale}-${w}-case-full.png`, fullPage: true });
for (const s of ['deadlines', 'evidence', 'messages', 'details', 'share']) {
  await page.goto(`${url}/${s}`);
  await page.locator('nav.case-sections [aria-current="page"]').waitFor();
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${OUT}${locale}-${w}-${s}.png` });
}
await context.grantPermissions(['notifications']);
await page.goto(`${server.url}/upcoming`);
await page.locator('.reminders input').check();
await page.locator('.reminders [role=status]').waitFor();
await page.screenshot({ path: `${OUT}${locale}-${w}-upcoming.png` });
await page.goto(`${server.url}/start`);
await page.locator('.interview').waitFor();
await page.screenshot({ path: `${OUT}${locale}-${w}-start.png` });
await browser.close();
await server.close();
