// The three engines buyers' browsers run on, each behind the same small interface, so that one
// journey runs in all of them: Chromium through Playwright, Firefox through WebDriver BiDi
// (puppeteer-core), and Safari's engine, WebKit, through W3C WebDriver (WebKitGTK's
// WebKitWebDriver driving its MiniBrowser under Xvfb). All from Debian's packages.
//
// `ENGINES[name].launch({ zone })` starts a browser with a fresh, empty profile at phone size
// (390 x 844) in English and the given time zone, and resolves to a tab:
//   goto(url), reload(), url(), run(fn, ...args): fn's result (JSON) run in the page, awaited;
//   click(css): a real click on the one element `css` matches, which counts as the buyer's own
//   (copying to the clipboard needs one); screenshot(file); problems(): what the browser itself
//   reported (console errors and warnings, page errors), where its driver can hear them;
//   close(): the browser and its profile go.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { isMissingHostFile, launchChromium } from '../e2e/harness.mjs';

export const PHONE = { width: 390, height: 844 };

/** Whether a console message is one the guard counts (Playwright's and puppeteer's types). */
const isProblem = (type) => ['error', 'warning', 'warn'].includes(type);

/**
 * A tab driven through Playwright's or puppeteer's page, which share these calls; `newPage()`
 * opens another page of the same browser and profile.
 */
function pageTab(page, close, newPage) {
  const reported = [];
  // The page being left may report the imports it was still making as failed (Firefox does, at
  // times just after the next page has loaded); those belong to no page the buyer sees, and a
  // module the page itself needed and lacked would stop the journey anyway.
  let leaving = false;
  let arrivedAt = 0;
  const leftBehind = (text) => (leaving || Date.now() - arrivedAt < 2000) && /error loading dynamically imported module/.test(text);
  const navigate = async (how) => {
    leaving = true;
    try {
      await how();
    } finally {
      leaving = false;
      arrivedAt = Date.now();
    }
  };
  page.on('console', (message) => {
    const source = message.location()?.url;
    const hostFileMissing = source && isMissingHostFile(source, 404) && /\b404\b/.test(message.text());
    if (isProblem(message.type()) && !leftBehind(message.text()) && !hostFileMissing) reported.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    const text = String(error.message ?? error);
    if (!leftBehind(text)) reported.push(`page error: ${text}`);
  });
  return {
    goto: (url) => navigate(() => page.goto(url)),
    reload: () => navigate(() => page.reload()),
    url: async () => page.url(),
    run: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
    click: (css) => page.click(css),
    screenshot: (file) => page.screenshot({ path: file }),
    problems: () => [...reported],
    another: async () => {
      const other = await newPage();
      return pageTab(other, () => other.close(), newPage);
    },
    close,
  };
}

let chromiumBrowser;

const chromiumEngine = {
  async launch({ zone }) {
    chromiumBrowser ??= await launchChromium();
    // Chromium asks for a permission to copy that the other engines grant on a click.
    const context = await chromiumBrowser.newContext({ viewport: PHONE, locale: 'en-US', timezoneId: zone, permissions: ['clipboard-write'] });
    return pageTab(await context.newPage(), () => context.close(), () => context.newPage());
  },
  async stop() {
    await chromiumBrowser?.close();
    chromiumBrowser = undefined;
  },
};

const firefoxEngine = {
  async launch({ zone }) {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
      headless: true,
      env: { ...process.env, TZ: zone },
      // No back-forward cache: a page kept there after a journey left it, when dropped later,
      // reports its unfinished imports as this tab's errors.
      extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'intl.locale.requested': 'en-US', 'browser.sessionhistory.max_total_viewers': 0 },
    });
    const atPhoneSize = async (page) => {
      await page.setViewport(PHONE);
      return page;
    };
    const [first] = await browser.pages();
    return pageTab(await atPhoneSize(first), () => browser.close(), async () => atPhoneSize(await browser.newPage()));
  },
  async stop() {},
};

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A port nobody listens on, for the driver to take. */
async function freePort() {
  const probe = createServer();
  await new Promise((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address();
  await new Promise((done) => probe.close(done));
  return port;
}

/**
 * W3C WebDriver over plain HTTP: `command(method, path, body, waitMs)` resolves to the answer's
 * value. A driver that never answers fails the one call after `waitMs` (longer than the page
 * scripts' own 60 s), not the whole test file.
 */
function webDriverClient(port) {
  return async (method, path, body, waitMs = 90_000) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(waitMs),
    });
    const { value } = await response.json();
    if (value?.error) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
    return value;
  };
}

/** The page's result of `fn(...args)`, awaited, through WebDriver's asynchronous script. */
const ASYNC_RUN = `const done = arguments[arguments.length - 1];
const args = Array.prototype.slice.call(arguments, 0, -1);
Promise.resolve().then(() => (FN)(...args)).then((value) => done({ value: value === undefined ? null : value }),
  (error) => done({ error: String((error && error.stack) || error) }));`;

const webkitEngine = {
  async launch({ zone }) {
    const port = await freePort();
    // A screen the phone's size, MiniBrowser in full screen (its toolbar would keep the window at
    // least 447 px wide) and the window set to that size: a 390 x 844 viewport.
    const driver = spawn('xvfb-run', ['-a', '-s', `-screen 0 ${PHONE.width}x${PHONE.height}x24`,
      process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver', `--port=${port}`], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
    });
    const command = webDriverClient(port);
    let session;
    for (let tries = 0; !session; tries += 1) {
      try {
        session = await command('POST', '/session', { capabilities: { alwaysMatch: {
          browserName: 'MiniBrowser',
          unhandledPromptBehavior: 'accept',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--full-screen', `--time-zone=${zone}`] },
        } } });
      } catch (error) {
        if (tries > 50) throw error;
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    const at = `/session/${session.sessionId}`;
    await command('POST', `${at}/timeouts`, { script: 60_000 });
    await command('POST', `${at}/window/rect`, { x: 0, y: 0, ...PHONE });
    const stop = async () => {
      // Ending the session closes MiniBrowser; should it hang, killing the group ends it anyway.
      await command('DELETE', at, undefined, 10_000).catch(() => {});
      try {
        process.kill(-driver.pid);
      } catch {
        // Already gone.
      }
    };
    return webDriverTab(command, at, await command('GET', `${at}/window`), stop);
  },
  async stop() {},
};

/**
 * One window of a WebDriver session; `focus.handle` is the session's current window, shared by
 * all its tabs, and each call first makes its own window the current one.
 */
function webDriverTab(command, at, handle, close, focus = { handle }) {
  const inWindow = (call) => async (...args) => {
    if (focus.handle !== handle) await command('POST', `${at}/window`, { handle });
    focus.handle = handle;
    return call(...args);
  };
  return {
    goto: inWindow((url) => command('POST', `${at}/url`, { url })),
    reload: inWindow(() => command('POST', `${at}/refresh`, {})),
    url: inWindow(() => command('GET', `${at}/url`)),
    run: inWindow(async (fn, ...args) => {
      const outcome = await command('POST', `${at}/execute/async`, { script: ASYNC_RUN.replace('FN', String(fn)), args });
      if (outcome.error) throw new Error(`in the page: ${outcome.error}`);
      return outcome.value;
    }),
    click: inWindow(async (css) => {
      const element = await command('POST', `${at}/element`, { using: 'css selector', value: css });
      await command('POST', `${at}/element/${element[ELEMENT]}/click`, {});
    }),
    screenshot: inWindow(async (file) => writeFile(file, Buffer.from(await command('GET', `${at}/screenshot`), 'base64'))),
    // WebDriver classic hears nothing of the console: the page's own guard (app.mjs) does.
    problems: () => [],
    another: async () => {
      // A window of its own, shown: a tab behind another never paints, and the app starts
      // after its first paint.
      const { handle: opened } = await command('POST', `${at}/window/new`, { type: 'window' });
      return webDriverTab(command, at, opened, async () => {}, focus);
    },
    close,
  };
}

export const ENGINES = { chromium: chromiumEngine, firefox: firefoxEngine, webkit: webkitEngine };
