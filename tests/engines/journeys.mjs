// The journeys that depend on the browser's engine, each run in Chromium, Firefox and Safari's
// engine (WebKit) at phone size: one journey, three drivers (drivers.mjs), one test file per
// engine (<engine>.test.mjs), so each engine has the whole file timeout to itself and one can run
// alone. The clock is the machine's own (WebDriver cannot freeze it), so dates are written
// relative to today.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, png } from '../e2e/harness.mjs';
import { ENGINES } from './drivers.mjs';
import { hostApp, openTab } from './app.mjs';

const SCREENSHOTS = new URL('../results/engines/', import.meta.url).pathname;

/** The day `days` before today, as a date field takes it (UTC, the zone the tabs run in). */
const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A real one-page PDF. */
function pdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 12 Tf 20 50 Td (Receipt 42) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, at) => {
    const offset = body.length;
    body += `${at + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const table = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${table}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const SECTIONS = ['', '/deadlines', '/evidence', '/messages', '/journal', '/details', '/share'];

/** Saves a case through the full form; resolves to its address's path. */
async function saveCase(tab, { order, item = 'Desk lamp', problem = 'damaged', delivered = daysAgo(3) }) {
  await tab.goto('/new');
  await tab.fill('#order-number', order);
  await tab.fill('#item', item);
  await tab.fill('#problem', problem);
  await tab.fill('#delivered', delivered);
  await tab.press('button[type=submit]');
  await tab.seen('.guide');
  return new URL(await tab.url()).pathname;
}

/** The part of a case at `path` has started: its own link in the case's bar is the current one. */
const started = (tab, path) => tab.until((at) => document.querySelector('nav.case-sections a[aria-current="page"]')?.getAttribute('href') === at
  && document.querySelector('.case-clock') !== null, [path], `the case part ${path}`);

/** Everything stored for the cases, as plain data; each file by its SHA-256, whatever form it has. */
const dump = (tab) => tab.run(async () => {
  const database = await new Promise((done, fail) => {
    const request = indexedDB.open('dispute-desk');
    request.onsuccess = () => done(request.result);
    request.onerror = () => fail(request.error);
  });
  const all = (store, method = 'getAll') => new Promise((done) => {
    const request = database.transaction(store).objectStore(store)[method]();
    request.onsuccess = () => done(request.result);
  });
  const byId = (a, b) => a.id.localeCompare(b.id);
  const keys = await all('evidence_blobs', 'getAllKeys');
  const files = await all('evidence_blobs');
  const digests = {};
  for (let at = 0; at < files.length; at += 1) {
    const bytes = files[at] instanceof Blob ? await files[at].arrayBuffer() : files[at].bytes;
    digests[keys[at]] = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  const result = { cases: (await all('cases')).sort(byId), evidence: (await all('evidence')).sort(byId), digests };
  database.close();
  return result;
});

/** Every journey, in the engine named (a key of ENGINES). */
export function journeys(engine) {
  describe(engine, () => {
    let app;
    const tabs = [];
    const open = async (path, options) => {
      const tab = await openTab(engine, app, path, options);
      tabs.push(tab);
      return tab;
    };
    // WebKitGTK's MiniBrowser at times dies under a journey (WebDriver: "invalid session id"),
    // which no page can cause: that journey runs once more in a new browser, and says so.
    const journey = (name, body) => test(name, async () => {
      try {
        await body();
      } catch (error) {
        if (!/invalid session id/.test(String(error?.message))) throw error;
        console.warn(`${engine}: the browser went away during "${name}" (${error.message}); running it again`);
        await body();
      }
    });
    before(async () => {
      app = await hostApp();
      await mkdir(join(SCREENSHOTS, engine), { recursive: true });
    });
    after(async () => {
      await Promise.all(tabs.map((tab) => tab.close()));
      await ENGINES[engine].stop();
      await app?.close();
    });

    journey('every address starts, and starts again on reload: the questions, the full form, each part of a case', async () => {
      const tab = await open('/');
      await tab.seen('h2', 'No cases yet');
      await tab.screenshot(join(SCREENSHOTS, engine, 'welcome.png'));

      // The questions: each answer one press, then the order and its dates.
      await tab.press('a', 'Start: answer 5 questions');
      for (let question = 0; question < 4; question += 1) {
        const asked = await tab.text('.interview h2');
        await tab.press('.choices [aria-pressed="true"]');
        await tab.until((before) => document.querySelector('.interview h2')?.innerText !== before, [asked], 'the next question');
      }
      await tab.fill('#order-number', 'WK-1');
      await tab.fill('#paid', daysAgo(20));
      await tab.fill('#shipped', daysAgo(18));
      await tab.press('button', 'Create my case');
      await tab.seen('.guide');
      assert.match(await tab.text('.case-clock'), /left/);
      await tab.screenshot(join(SCREENSHOTS, engine, 'case.png'));
      const home = new URL(await tab.url()).pathname;

      for (const section of SECTIONS) {
        await tab.goto(`${home}${section}`);
        await started(tab, `${home}${section}`);
        await tab.reload();
        await started(tab, `${home}${section}`);
      }
      for (const [path, heading] of [['/upcoming', 'h1'], ['/backup', 'h1'], ['/start', '.interview h2'], ['/new', 'h1'], ['/', 'li.case-row']]) {
        await tab.goto(path);
        await tab.seen(heading);
      }
      assert.match(await tab.text('li.case-row'), /WK-1/);
      await tab.screenshot(join(SCREENSHOTS, engine, 'dashboard.png'));
      await tab.assertClean();
    });

    journey('evidence: a photo and a PDF kept with their digests, shown, and there after a reload; a journal entry', async () => {
      const tab = await open('/');
      const home = await saveCase(tab, { order: 'EV-1' });
      await tab.goto(`${home}/evidence`);
      const photo = png(64, 48, [200, 40, 40]);
      const receipt = pdf();
      await tab.attach('.drop-zone input[type=file][multiple]', [
        { name: 'scratch.png', type: 'image/png', bytes: photo },
        { name: 'receipt.pdf', type: 'application/pdf', bytes: receipt },
      ]);
      const digests = () => tab.until(() => {
        const shown = [...document.querySelectorAll('.evidence-card .digest')].map((digest) => digest.getAttribute('title'));
        return shown.length === 2 && shown.sort();
      }, [], 'two evidence cards with their digests');
      assert.deepEqual(await digests(), [sha256(photo), sha256(receipt)].sort());
      await tab.until(() => [...document.querySelectorAll('.evidence-card img')].some((img) => img.complete && img.naturalWidth === 64), [], 'the photo shown');
      await tab.screenshot(join(SCREENSHOTS, engine, 'evidence.png'));
      await tab.reload();
      assert.deepEqual(await digests(), [sha256(photo), sha256(receipt)].sort());

      await tab.goto(`${home}/journal`);
      await tab.press('label', 'A step');
      await tab.fill('#entry-day', daysAgo(1));
      await tab.press('button', 'Add to the journal');
      await tab.seen('.journal-item');
      await tab.assertClean();
    });

    journey('messages are written for the case and copied', async () => {
      const tab = await open('/');
      const home = await saveCase(tab, { order: 'MS-1', problem: 'not_received', delivered: '' });
      await tab.goto(`${home}/messages`);
      await tab.until(() => document.querySelector('#message-text')?.value.includes('MS-1'), [], 'a message naming the order');
      await tab.screenshot(join(SCREENSHOTS, engine, 'messages.png'));
      await tab.press('button', 'Copy the text');
      await tab.seen('main', 'Copied. Paste it');
      await tab.assertClean();
    });

    journey('a share link, plain and sealed, opens in a fresh browser', async () => {
      const sender = await open('/');
      const home = await saveCase(sender, { order: 'SH-1', item: 'Kettle' });
      await sender.goto(`${home}/share`);
      await sender.fill('#share-passphrase', 'blue kettle 42');
      await sender.press('button', 'Create the link');
      const sealed = await sender.until(() => document.querySelector('#share-link')?.value, [], 'the sealed link');
      assert.match(sealed, /#share=v1\.e\./);
      await sender.fill('#share-passphrase', '');
      await sender.press('button', 'Create the link');
      const plain = await sender.until(() => /#share=v1\.p\./.test(document.querySelector('#share-link')?.value ?? '') && document.querySelector('#share-link').value, [], 'the plain link');

      const helper = await open('/');
      await helper.goto(sealed);
      await helper.fill('#open-passphrase', 'blue kettle 42');
      await helper.press('button', 'Open');
      await helper.seen('main h1, main h2', 'Kettle');
      await helper.press('button', 'Add to my cases');
      await helper.seen('.guide');
      await helper.goto(plain);
      await helper.press('button', 'Keep both');
      await helper.seen('.guide');
      await helper.goto('/');
      await helper.until(() => document.querySelectorAll('li.case-row').length === 2, [], 'both copies on the dashboard');
      await sender.assertClean();
      await helper.assertClean();
    });

    journey('a backup downloaded, then restored into a browser with nothing stored: the same cases and files', async () => {
      const tab = await open('/');
      const home = await saveCase(tab, { order: 'BK-1' });
      await tab.goto(`${home}/evidence`);
      await tab.attach('.drop-zone input[type=file][multiple]', [{ name: 'lamp.png', type: 'image/png', bytes: png(8, 8, [1, 2, 3]) }]);
      await tab.seen('.evidence-card .digest');
      await saveCase(tab, { order: 'BK-2', item: 'Phone case <b>x</b>' });
      const before = await dump(tab);
      await tab.goto('/backup');
      await tab.catchDownloads();
      await tab.press('button', 'Download a full backup');
      const [backup] = await tab.downloads();
      assert.match(backup.name, /^dispute-desk-backup-\d{4}-\d{2}-\d{2}\.ddbackup$/);
      assert.ok(backup.bytes.subarray(0, 16).equals(Buffer.from('DISPUTEDESK-BAK1')));

      // A browser with nothing stored, as a new phone or a cleared browser has.
      const fresh = await open('/');
      await fresh.seen('h2', 'No cases yet');
      await fresh.goto('/backup');
      await fresh.attach('input[type=file]', [{ name: backup.name, type: '', bytes: backup.bytes }]);
      await fresh.seen('main', '2 cases, 0 already here');
      await fresh.press('button', 'Merge into my cases');
      await fresh.seen('main', 'Restored 2 cases and 1 file.');
      assert.deepEqual(await dump(fresh), before);
      await tab.assertClean();
      await fresh.assertClean();
    });

    journey('offline after the first visit: the app and every part of a case open from the service worker, reloaded too', async () => {
      const tab = await open('/');
      const home = await saveCase(tab, { order: 'OF-1' });
      // No part of the case was opened online: each one's code comes out of the file of all
      // chunks that the worker keeps.
      await app.stop();
      try {
        for (const section of SECTIONS) {
          await tab.goto(`${home}${section}`);
          await started(tab, `${home}${section}`);
        }
        await tab.reload();
        await started(tab, `${home}${SECTIONS.at(-1)}`);
        await tab.goto('/');
        await tab.seen('li.case-row', 'OF-1');
      } finally {
        await app.resume();
      }
      await tab.assertClean();
    });

    journey('CSV: orders imported from a spreadsheet, then exported; every deadline as a calendar file', async () => {
      const tab = await open('/import');
      const rows = `Order number,Store,Item,Delivered on\nCSV-1,Blue Store,Desk lamp,${daysAgo(3)}\nCSV-2,"=HYPERLINK(""x"")",Kettle,${daysAgo(2)}\n`;
      await tab.attach('#import-file', [{ name: 'orders.csv', type: 'text/csv', bytes: Buffer.from(rows) }]);
      await tab.seen('.import-summary', '2 new cases');
      await tab.press('button', 'Import 2 orders');
      await tab.seen('main', 'Imported 2 new cases');
      await tab.goto('/');
      await tab.press('button', 'Select several');
      await tab.press('button', 'Select all 2');
      await tab.catchDownloads();
      await tab.press('button', 'Export them as CSV');
      const [exported] = await tab.downloads();
      assert.match(exported.name, /\.csv$/);
      const text = exported.bytes.toString('utf8');
      assert.ok(text.includes('CSV-1') && text.includes('Blue Store'), text);
      assert.ok(text.includes(`"'=HYPERLINK(""x"")"`), `a formula stays text: ${text}`);

      await tab.goto('/upcoming');
      await tab.catchDownloads();
      await tab.press('button', 'Add all deadlines to my calendar (.ics)');
      const [calendar] = await tab.downloads();
      assert.equal(calendar.name, 'dispute-desk-deadlines.ics');
      assert.match(calendar.bytes.toString('utf8'), /^BEGIN:VCALENDAR\r\n[\s\S]*SUMMARY:[^\r]*Kettle[\s\S]*END:VCALENDAR\r\n$/);
      await tab.assertClean();
    });

    journey('two tabs: a case saved in one shows in the other', async () => {
      const first = await open('/');
      await first.seen('h2', 'No cases yet');
      const second = await first.another('/');
      await saveCase(second, { order: 'TT-1', item: 'Blender' });
      await first.seen('li.case-row', 'Blender');
      await first.assertClean();
      await second.assertClean();
    });

    journey('the paste reader fills a new case from an order page', async () => {
      const tab = await open('/new');
      await tab.press('summary', 'Paste from your order page');
      await tab.fill('#paste-text', 'Order details\nOrder ID:\n3041234567890123\nOrder placed on: Nov 02, 2026, 12:00\nStore: Lamp World Official Store\nTotal: US $14.50');
      await tab.seen('.paste-found', '3041234567890123');
      await tab.assertClean();
    });

    journey('a new version of the app waits for the buyer, then takes over', async () => {
      const tab = await open('/');
      const worker = await readFile(join(DIST, 'sw.js'), 'utf8');
      app.overrides.set('/sw.js', worker.replace(/const VERSION = "[0-9a-f]+";/, 'const VERSION = "next-release";'));
      try {
        await tab.run(async () => (await navigator.serviceWorker.getRegistration()).update());
        await tab.seen('main', 'A new version of Dispute Desk is ready.');
        await tab.press('button', 'Reload to update');
        await tab.until(async () => (await caches.keys()).includes('dispute-desk-next-release')
          && !(await caches.keys()).some((name) => /^dispute-desk-[0-9a-f]{16}$/.test(name)), [], 'the new version in place of the old');
        await tab.until(() => document.querySelector('header.app-header') !== null, [], 'the app started again');
      } finally {
        app.overrides.delete('/sw.js');
      }
      await tab.assertClean();
    });
  });
}
