// The app under test in any engine (drivers.mjs): the release build served by the e2e harness's
// static host, a guard that fails a journey on any console error or warning, page error, policy
// violation, failed file or request to another origin, and the few page actions journeys use,
// each run inside the page so that every engine does exactly the same thing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, isMissingHostFile, serveDist } from '../e2e/harness.mjs';
import { ENGINES } from './drivers.mjs';

/**
 * Where a driver cannot hear the console (WebDriver classic), the page tells: this script, put
 * first in the page's head by the test host (and pinned in its policy like the page's own), keeps
 * what went wrong in sessionStorage, which a reload and an offline start keep.
 */
const GUARD_KEY = 'engine-guard-problems';
const GUARD = `(function () {
  var KEY = '${GUARD_KEY}';
  function note(text) {
    try {
      var list = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      list.push(String(text));
      sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch (error) {}
  }
  ['error', 'warn'].forEach(function (level) {
    var real = console[level];
    console[level] = function () {
      note('console ' + level + ': ' + Array.prototype.join.call(arguments, ' '));
      return real.apply(console, arguments);
    };
  });
  // A file that fails shows in the host's own log; an element's error event cannot tell a
  // failure from a load the page abandoned (WebKit fires it for a preload cut short).
  addEventListener('error', function (event) {
    if (event.message) note('page error: ' + event.message);
  });
  addEventListener('unhandledrejection', function (event) {
    note('unhandled rejection: ' + ((event.reason && event.reason.message) || event.reason));
  });
  document.addEventListener('securitypolicyviolation', function (event) {
    note('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
  });
  try {
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (entry) {
        var url = new URL(entry.name, location.href);
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== location.origin) note('request to another origin: ' + entry.name);
      });
    }).observe({ type: 'resource', buffered: true });
  } catch (error) {}
})();`;

/** index.html with the guard first in its head and the guard's hash in its policy. */
function guarded(page) {
  const hash = `'sha256-${createHash('sha256').update(GUARD).digest('base64')}'`;
  return page
    .replace("script-src 'self'", `script-src 'self' ${hash}`)
    .replace('<meta charset="utf-8">', `<meta charset="utf-8">\n<script>${GUARD}</script>`);
}

/**
 * The release build served for one engine's journeys. `failures` lists every file the host
 * answered with an error (a host without settings answers site.json with 404, as the app expects).
 */
export async function hostApp(options = {}) {
  const failures = [];
  const page = await readFile(join(DIST, 'index.html'), 'utf8');
  const overrides = new Map([['/index.html', guarded(page)]]);
  const server = await serveDist({
    ...options,
    overrides,
    answered: (path, status) => {
      if (status >= 400 && !isMissingHostFile(`${server.origin}${path}`, status)) failures.push(`HTTP ${status}: ${path}`);
    },
  });
  return { ...server, failures, overrides };
}

/** Resolves once `check()` (run in the page) gives something true; its value. */
async function until(tab, check, args = [], what = String(check), timeout = 20_000) {
  const started = Date.now();
  for (;;) {
    const value = await tab.run(check, ...args).catch((error) => {
      // A navigation under way destroys the page the check ran in; the next try reads the new one.
      if (Date.now() - started > timeout) throw error;
      return undefined;
    });
    if (value) return value;
    if (Date.now() - started > timeout) {
      const shown = await tab.run((key) => `${location.pathname}: ${document.body.innerText}\nthe guard heard: ${sessionStorage.getItem(key)}`, GUARD_KEY)
        .catch((error) => String(error));
      const text = shown.replace(/\s*\n\s*/g, ' | ');
      throw new Error(`waited ${timeout / 1000} s for: ${what}\nthe page shows ${text.length > 3000 ? `${text.slice(0, 1500)} … ${text.slice(-1500)}` : text}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * One browser of `engine` at phone size, opened at `path` of `app`, with the actions below.
 * `zone` is the time zone its clock runs in.
 */
export async function openTab(engine, app, path = '/', { zone = 'UTC' } = {}) {
  const tab = await withActions(engine, app, await ENGINES[engine].launch({ zone }), path);
  // A first visit left while its service worker is still being registered can leave that worker
  // installing for good in Safari's engine (seen about one time in four, with a page loaded within
  // a tenth of a second): the journeys start once the app is kept, as a buyer's second visit would.
  await tab.until(() => navigator.serviceWorker.controller !== null, [], 'the service worker in control');
  return tab;
}

/** `tab` (a driver's), opened at `path` of `app`, with the journeys' actions. */
async function withActions(engine, app, tab, path) {
  // The page's first paint is plain HTML with links of its own; the app replaces it once started.
  const appStarted = () => until(tab, () => document.querySelector('header.app-header') && !document.getElementById('boot'), [], 'the app to start');
  await tab.goto(`${app.url}${path}`);
  await appStarted();
  let targets = 0;
  const actions = {
    engine,
    tab,
    async goto(to) {
      await tab.goto(to.startsWith('http') ? to : `${app.url}${to}`);
      await appStarted();
    },
    async reload() {
      await tab.reload();
      await appStarted();
    },
    url: () => tab.url(),
    screenshot: (file) => tab.screenshot(file),
    run: (fn, ...args) => tab.run(fn, ...args),
    until: (check, args, what, timeout) => until(tab, check, args, what, timeout),
    /** The text of the first element `css` matches, once there. */
    text: (css) => until(tab, (selector) => document.querySelector(selector)?.innerText, [css], `text of ${css}`),
    /** Waits for an element `css` matches whose text includes `words` (any, when not given). */
    seen: (css, words = '') => until(tab, (selector, text) => [...document.querySelectorAll(selector)]
      .some((element) => element.innerText.includes(text)), [css, words], `${css} with "${words}"`),
    /** A real click on the element `css` matches whose own words are `name` (any, when not given). */
    async press(css, name = '') {
      const started = Date.now();
      for (;;) {
        targets += 1;
        // Where it is on the page, once it has stayed there for a moment: a real click lands on
        // whatever is at that place when it comes.
        await until(tab, async (selector, words, mark) => {
          const element = [...document.querySelectorAll(selector)].find((candidate) => !words
            || candidate.innerText.trim() === words || candidate.getAttribute('aria-label') === words || candidate.value === words);
          if (!element) return false;
          element.setAttribute('data-engine-target', mark);
          const at = () => JSON.stringify(element.getBoundingClientRect().toJSON()) + document.documentElement.scrollHeight;
          const before = at();
          await new Promise((done) => setTimeout(done, 150));
          return at() === before && before;
        }, [css, name, String(targets)], `${css} "${name}" to press, where it stays`);
        try {
          await tab.click(`[data-engine-target="${targets}"]`);
          return;
        } catch (error) {
          // Drawn again between being found and pressed: found again.
          if (Date.now() - started > 20_000) throw error;
        }
      }
    },
    /** Types `value` into the field `css`, as the buyer's keyboard would end up. */
    fill: (css, value) => until(tab, (selector, text) => {
      const field = document.querySelector(selector);
      if (!field) return false;
      const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
        : field instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(prototype, 'value').set.call(field, text);
      field.dispatchEvent(new Event('input', { bubbles: true }));
      field.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, [css, value], `${css} to fill`),
    /** Picks files (`{ name, type, bytes }`) in the file input `css`. */
    attach: (css, files) => until(tab, (selector, picked) => {
      const input = document.querySelector(selector);
      if (!input) return false;
      const transfer = new DataTransfer();
      for (const file of picked) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, [css, files.map(({ name, type, bytes }) => ({ name, type, base64: Buffer.from(bytes).toString('base64') }))], `${css} to attach`),
    /**
     * From now on, files the app offers for download are kept in the page instead: `downloads()`
     * gives each as `{ name, bytes }`.
     */
    catchDownloads: () => tab.run(() => {
      window.engineDownloads = [];
      HTMLAnchorElement.prototype.click = function () {
        if (!this.download) return;
        const name = this.download;
        const kept = fetch(this.href).then((response) => response.arrayBuffer()).then((buffer) => {
          let binary = '';
          new Uint8Array(buffer).forEach((byte) => { binary += String.fromCharCode(byte); });
          return { name, base64: btoa(binary) };
        });
        window.engineDownloads.push(kept);
      };
    }),
    async downloads() {
      const files = await until(tab, async () => window.engineDownloads?.length && Promise.all(window.engineDownloads), [], 'a download');
      return files.map(({ name, base64 }) => ({ name, bytes: Buffer.from(base64, 'base64') }));
    },
    /** Fails with every problem the page, the browser and the host reported so far. */
    async assertClean() {
      const page = await tab.run((key) => JSON.parse(sessionStorage.getItem(key) || '[]'), GUARD_KEY).catch(() => []);
      const problems = [...app.failures, ...tab.problems(), ...page];
      if (problems.length) throw new Error(`${engine} reported problems:\n${problems.join('\n')}`);
    },
    /** Another tab of the same browser and profile, opened at `to`. */
    another: async (to = '/') => withActions(engine, app, await tab.another(), to),
    close: () => tab.close(),
  };
  return actions;
}
