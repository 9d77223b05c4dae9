// The app in the browser against its budgets: first-load size, Lighthouse, time to a usable
// dashboard (cold, warm, and against a plain page of the same size), and 10,000 cases.
// Run with `bash dev.sh bench`; numbers are appended to target/bench/web.tsv.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DIST, firstVisitFiles, isChunk, launchChromium, saveNewCase, serveDist } from '../e2e/harness.mjs';

const ROOT = resolve(DIST, '..');
const OUT = join(ROOT, 'target', 'bench');
const KB = 1024;
const rows = [];
// BENCH_ONLY=scale (or size, lighthouse, start) runs one section, for trying a change quickly.
const only = process.env.BENCH_ONLY;
const runs = (section) => !only || only === section;
const stamp = new Date().toISOString();
let over = 0;

function figure(name, value, unit, budget, better = 'lower') {
  const verdict = budget === undefined ? 'INFO' : (better === 'lower' ? value <= budget : value >= budget) ? 'PASS' : 'OVER';
  if (verdict === 'OVER') over += 1;
  const shown = typeof value === 'number' ? (Number.isInteger(value) ? value : value.toFixed(1)) : value;
  console.log(`  ${name.padEnd(52)} ${String(shown).padStart(9)} ${unit.padEnd(6)} ${budget === undefined ? '' : `budget ${better === 'lower' ? '<=' : '>='} ${budget} ${unit}`.padEnd(22)} ${verdict}`);
  rows.push([stamp, name, value, unit, budget ?? '', verdict].join('\t'));
}

// 1. First-load transfer: what a first visit downloads before its first screen is usable (the
// browser's own requests, sized gzip -9), for the dashboard and for the questions.
const server = await serveDist({ compress: true });
const browser = await launchChromium();
const firstScreens = {
  'empty dashboard': ['/', (page) => page.locator('main#main').getByRole('link', { name: 'Start: answer 5 questions' }).waitFor()],
  'the questions': ['/start', (page) => page.locator('main#main').getByRole('heading', { name: 'Where did you order?' }).waitFor()],
  // A buyer in another language also needs the first part of their catalog (Russian's is the
  // largest); the rest comes while the first screen shows.
  'the questions in Russian': ['/start', (page) => page.locator('main#main').getByRole('heading', { name: 'Где вы заказывали?' }).waitFor(), 'ru-RU'],
};
let files = [];
let brotliTotal = 0;
for (const [screen, [path, ready, locale]] of Object.entries(firstScreens)) {
  const fetched = await firstVisitFiles(browser, server.url, path, ready, { locale });
  if (screen === 'empty dashboard') files = fetched.map(({ file }) => file);
  if (runs('size')) {
    console.log(`First visit to ${screen} (${path}), files downloaded before it is usable:`);
    for (const { file, gzip } of fetched) figure(file.replace(/-[0-9a-f]{16}/, ''), Math.round(gzip / KB), 'KB gz');
  }
  const gzipTotal = fetched.reduce((sum, { gzip }) => sum + gzip, 0);
  const brotli = fetched.reduce((sum, { file }) => sum + brotliCompressSync(readFileSync(join(DIST, file))).length, 0);
  if (screen === 'empty dashboard') brotliTotal = brotli;
  if (runs('size')) {
    figure(`whole first load of ${screen}, gzip`, Math.round(gzipTotal / KB), 'KB', 250);
    figure(`whole first load of ${screen}, brotli`, Math.round(brotli / KB), 'KB');
  }
  if (runs('size') && locale) {
    const rest = fetched.find(({ file }) => file.startsWith('locales/'))?.file.replace('.first.', '.rest.');
    figure(`then, while it shows: ${rest}`, Math.round(gzipSync(readFileSync(join(DIST, rest)), { level: 9 }).length / KB), 'KB gz');
  }
}
if (runs('size')) {
  // What each lazy page adds when first opened: its own chunk and the shared chunks it needs.
  const [folder] = readdirSync(DIST).filter((name) => name.startsWith('app-'));
  const gz = (name) => gzipSync(readFileSync(join(DIST, folder, name)), { level: 9 }).length;
  // The chunk table is read back by the build's own reader (xtask/src/loader.rs), which wrote it.
  const table = JSON.parse(execFileSync('cargo', ['xtask', 'chunk-table', join(DIST, folder)], { cwd: ROOT, encoding: 'utf8' }));
  console.log('Each page or part of a case on first opening (its chunk + the shared chunks it needs):');
  for (const [name, deps] of Object.entries(table)) {
    const total = gz(`split_${name}.wasm`) + deps.reduce((sum, dep) => sum + gz(dep), 0);
    figure(`${name} (${deps.length} shared chunks)`, Math.round(total / KB), 'KB gz');
  }
  // Each chunk once: the file that holds them all for the service worker is not counted again.
  const wasmFiles = readdirSync(join(DIST, folder)).filter((name) => name.endsWith('.wasm') && name !== 'all-chunks.wasm');
  figure(`the whole app, ${wasmFiles.length} wasm files`, Math.round(wasmFiles.reduce((sum, name) => sum + gz(name), 0) / KB), 'KB gz');
}

// 2. Where the wasm bytes go, by crate (twiggy on the wasm before wasm-bindgen and wasm-opt).
if (runs('size')) try {
  const csv = execFileSync('twiggy', ['top', '-n', '100000', '-f', 'csv', join(ROOT, 'target/wasm32-unknown-unknown/release/dispute-desk.wasm')], { maxBuffer: 1 << 28 }).toString();
  const byCrate = new Map();
  for (const line of csv.split('\n').slice(1)) {
    const [name, size] = line.split(/,(?=\d+,)/);
    if (!size || /function names|custom section/.test(name)) continue;
    const crate = name.replace(/^[<&*" ]+/, '').match(/^([a-z_][a-z0-9_]*)::/)?.[1] ?? 'other';
    byCrate.set(crate, (byCrate.get(crate) ?? 0) + Number.parseInt(size, 10));
  }
  const total = [...byCrate.values()].reduce((a, b) => a + b, 0);
  console.log('Where the wasm code goes (before wasm-opt), top crates:');
  [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 8)
    .forEach(([crate, size]) => console.log(`  ${crate.padEnd(20)} ${String(Math.round(size / KB)).padStart(6)} KB  ${(size * 100 / total).toFixed(1)}%`));
} catch (error) {
  console.log(`  (no size profile: twiggy is missing: ${error.message.split('\n')[0]})`);
}

// 3. Lighthouse, mobile preset, against the release build served locally.
/**
 * Runs Lighthouse, its browser speaking `language`, and returns its report: it writes the report,
 * then can hang closing its Chrome.
 */
async function lighthouse(url, report, language = 'en-US') {
  rmSync(report, { force: true });
  const child = spawn('lighthouse', [url, '--quiet', '--output=json', `--output-path=${report}`,
    '--only-categories=performance,accessibility,best-practices',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --lang=${language} --accept-lang=${language}`],
  { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' }, stdio: 'ignore', detached: true });
  try {
    for (let waited = 0; waited < 240; waited += 1) {
      await new Promise((done) => setTimeout(done, 1000));
      if (existsSync(report)) {
        await new Promise((done) => setTimeout(done, 500));
        return JSON.parse(readFileSync(report, 'utf8'));
      }
    }
    throw new Error('no report after 4 minutes');
  } finally {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    // Its Chrome runs detached, in a profile folder of its own: stop exactly that one.
    try { execFileSync('pkill', ['-f', 'user-data-dir=/tmp/lighthouse.']); } catch { /* none left */ }
  }
}
// In English, and in Russian: a translated first paint puts its texts in before it shows, and
// its catalog's first part comes before the app starts.
if (runs('lighthouse')) for (const [language, suffix] of [['en-US', ''], ['ru-RU', ', in Russian']]) try {
  const result = await lighthouse(server.url, join(OUT, `lighthouse-${language}.json`), language);
  console.log(`Lighthouse 12, mobile${suffix}:`);
  figure(`performance${suffix}`, Math.round(result.categories.performance.score * 100), 'score', 95, 'higher');
  figure(`accessibility${suffix}`, Math.round(result.categories.accessibility.score * 100), 'score', 100, 'higher');
  figure(`best practices${suffix}`, Math.round(result.categories['best-practices'].score * 100), 'score', 100, 'higher');
  for (const [id, name] of [['first-contentful-paint', 'FCP'], ['largest-contentful-paint', 'LCP'], ['total-blocking-time', 'TBT'], ['cumulative-layout-shift', 'CLS']]) {
    const audit = result.audits[id];
    figure(`${name}${suffix}`, audit.numericValue, id === 'cumulative-layout-shift' ? '' : 'ms', name === 'LCP' ? 2500 : undefined);
  }
} catch (error) {
  console.log(`  (Lighthouse did not run: ${error.message.split('\n')[0]})`);
}

// 4. Time until the dashboard is usable, against a plain page of the same size.
const ready = (page) => page.waitForFunction(() => performance.getEntriesByName('dispute-desk:dashboard-rendered').length > 0, null, { timeout: 60_000 })
  .then(() => page.evaluate(() => performance.getEntriesByName('dispute-desk:dashboard-rendered')[0].startTime));
// Random text: it compresses about as little as the app's wasm, so it transfers the same bytes.
let filler = randomBytes(brotliTotal).toString('base64').slice(0, brotliTotal);
filler = filler.slice(0, Math.round(filler.length * brotliTotal / brotliCompressSync(filler).length));
const plain = `<!doctype html><title>Plain</title><p>${filler}</p>`;
const plainServer = await serveDist({ overrides: new Map([['/plain.html', plain]]), compress: true });
if (runs('start')) {
// The test server compresses each file on its first request, and serves nothing else meanwhile; do
// that before timing, as a real host serves files compressed ahead of time. Every file the service
// worker keeps, not only the first screen's: it asks for them all while the warm load runs.
const kept = readdirSync(DIST, { recursive: true }).filter((file) => statSync(join(DIST, file)).isFile())
  .filter((file) => !isChunk(`/${file}`)).map((file) => `/${file}`);
for (const [origin, paths] of [[server.url, kept], [plainServer.url, ['/plain.html']]]) {
  for (const path of paths) await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'br' } }).then((r) => r.arrayBuffer());
}
const context = await browser.newContext();
const tab = await context.newPage();
await tab.goto(server.url);
const cold = await ready(tab);
await tab.reload();
const warm = await ready(tab);
// A returning buyer with one case: the chunk that reads and shows cases comes from the device.
await tab.evaluate(() => navigator.serviceWorker.ready);
await saveNewCase(tab, server.url, { 'order-number': 'BENCH-1', item: 'Desk lamp', problem: 'damaged', delivered: '2026-11-20' });
const returning = [];
for (let run = 0; run < 11; run += 1) {
  await tab.goto(server.url);
  await tab.waitForFunction(() => performance.getEntriesByName('dispute-desk:cases-loaded').length > 0, null, { timeout: 60_000 });
  returning.push(await tab.evaluate(() => performance.getEntriesByName('dispute-desk:cases-loaded')[0].startTime));
}
returning.sort((a, b) => a - b);
await tab.goto(`${plainServer.url}/plain.html`);
const plainLoad = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
console.log('Time to a usable dashboard (empty, served with brotli):');
figure('cold', cold, 'ms');
figure('warm (service worker cache)', warm, 'ms');
figure(`plain page transferring ${Math.round(brotliCompressSync(plain).length / KB)} KB`, plainLoad, 'ms');
figure('cold, as a multiple of the plain page', cold / Math.max(plainLoad, 1), 'x');
figure('returning buyer, one case: page start to cases loaded (median of 11)', Math.round(returning[5]), 'ms');
await context.close();
}

// 5. With 10,000 cases: restore the seeded sample, then load, render and order them.
if (runs('scale')) {
const sample = join(OUT, 'sample-10k.ddbackup');
const big = await browser.newContext();
const app = await big.newPage();
await app.goto(`${server.url}/backup`);
const restoreStart = Date.now();
await app.locator('input[type=file]').setInputFiles(sample);
await app.getByRole('button', { name: 'Merge into my cases' }).click();
await app.getByText(/^Restored 10000 case/).waitFor({ timeout: 120_000 });
const restoreTime = Date.now() - restoreStart;
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = [];
for (let run = 0; run < 5; run += 1) {
  await app.goto(server.url);
  await ready(app);
  samples.push(await app.evaluate(() => {
  const at = (name) => performance.getEntriesByName(name).at(-1);
  return {
    load: at('dispute-desk:cases-loaded').startTime,
    read: at('dispute-desk:read-end').startTime - at('dispute-desk:read-start').startTime,
    render: at('dispute-desk:dashboard-rendered').startTime - at('dispute-desk:cases-loaded').startTime,
    // The longest runs: the ones over all the cases, not an early one over none.
    schedules: Math.max(...performance.getEntriesByName('dispute-desk:schedules').map((entry) => entry.duration)),
    chains: Math.max(...performance.getEntriesByName('dispute-desk:chains').map((entry) => entry.duration)),
    order: Math.max(...performance.getEntriesByName('dispute-desk:dashboard-order').map((entry) => entry.duration)),
  };
  }));
}
const timings = Object.fromEntries(Object.keys(samples[0]).map((key) => [key, median(samples.map((sample) => sample[key]))]));
const devtools = await big.newCDPSession(app);
await devtools.send('Performance.enable');
const { metrics } = await devtools.send('Performance.getMetrics');
const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
console.log('10,000 cases (median of 5 loads):');
figure('restore from a backup (no media)', restoreTime, 'ms');
figure('read 10,000 cases from IndexedDB into the app', timings.read, 'ms', 300);
figure('page start to cases loaded (with app start-up)', timings.load, 'ms');
figure('dashboard first render after load', timings.render, 'ms', 150);
figure('deadline engine, every case\'s schedule, on load and each change (browser)', timings.schedules, 'ms');
figure('deadline engine, every case\'s chain each minute, shared by all views (browser)', timings.chains, 'ms');
figure('dashboard order and missing evidence from those chains (browser)', timings.order, 'ms');
figure('engine and order together, once a minute (browser)', timings.chains + timings.order, 'ms', 16);
figure('JavaScript heap in use', Math.round(heap / (KB * KB)), 'MB');
// A keystroke or a filter: from the input event until the list is updated and laid out.
await app.goto(server.url);
await ready(app);
// The tools of a long list open by themselves, once their chunk has arrived.
await app.locator('#case-search').waitFor();
const interaction = await app.evaluate(async () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const timed = async (change) => {
    const start = performance.now();
    change();
    await settle();
    void document.body.offsetHeight;
    return performance.now() - start;
  };
  const search = document.querySelector('#case-search');
  const keystrokes = [];
  for (const text of ['g', 'ga', 'gad', 'gadg', 'gadge', 'gadget', 'gadget ', 'gadget w', '8', '80', '800', '8000', '80001', '']) {
    keystrokes.push(await timed(() => { search.value = text; search.dispatchEvent(new Event('input', { bubbles: true })); }));
  }
  const status = document.querySelector('#filter-status');
  const filters = [];
  for (const value of ['dispute_open', 'resolved', 'new', '']) {
    filters.push(await timed(() => { status.value = value; status.dispatchEvent(new Event('change', { bubbles: true })); }));
  }
  const sorted = (values) => [...values].sort((a, b) => a - b);
  return { keystroke: sorted(keystrokes)[Math.floor(keystrokes.length / 2)], worstKeystroke: Math.max(...keystrokes),
    filter: sorted(filters)[Math.floor(filters.length / 2)],
    select: Math.max(...performance.getEntriesByName('dispute-desk:dashboard-filter').map((entry) => entry.duration)) };
});
figure('search keystroke to list updated (median)', interaction.keystroke, 'ms', 16);
figure('search keystroke to list updated (slowest)', interaction.worstKeystroke, 'ms');
figure('status filter to list updated (median)', interaction.filter, 'ms', 16);
figure('search and filter over all cases, in the app', interaction.select, 'ms');
await big.close();

// Import: a 10,000-row spreadsheet export into an empty browser.
const csvRows = ['Order ID;Order date;Store name;Product;Order total;Currency;Tracking number'];
for (let n = 1; n <= 10_000; n += 1) {
  csvRows.push([`BENCH-${n}`, `${String(n % 28 + 1).padStart(2, '0')}/${String(n % 10 + 1).padStart(2, '0')}/2026`, `Store ${n % 40}`,
    `Item ${n}`, `${n % 300 + 1},99`, 'EUR', `LP${n}CN`].join(';'));
}
const importing = await browser.newContext();
const importer = await importing.newPage();
await importer.goto(`${server.url}/import`);
const readStart = Date.now();
await importer.locator('#import-file').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csvRows.join('\n')) });
await importer.getByText('orders.csv: 10000 rows found.').waitFor({ timeout: 120_000 });
await importer.locator('.import-summary').waitFor();
const readTime = Date.now() - readStart;
const writeStart = Date.now();
await importer.getByRole('button', { name: 'Import 10000 orders' }).click();
await importer.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 120_000 });
const writeTime = Date.now() - writeStart;
console.log('Import of a 10,000-row CSV:');
figure('read, map and check every row (to the preview)', readTime, 'ms');
figure('write 10,000 new cases in one transaction', writeTime, 'ms');
await importing.close();
}
await browser.close();
await server.close();
await plainServer.close();

mkdirSync(OUT, { recursive: true });
appendFileSync(join(OUT, 'web.tsv'), `${rows.join('\n')}\n`);
writeFileSync(join(OUT, 'web-latest.tsv'), `${rows.join('\n')}\n`);
console.log(`  (appended to target/bench/web.tsv; ${over} figure(s) over budget)`);
// A figure over its budget fails the benchmark.
process.exitCode = over > 0 ? 1 : 0;
