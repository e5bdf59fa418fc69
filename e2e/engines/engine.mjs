// Firefox and WebKit drivers for the engine subsets (e2e/engines/*.e2e.mjs), behind one small
// interface so that both files run the same checks (e2e/engines/checks.mjs):
//
//   Firefox: Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi (headless).
//   WebKit:  Debian's webkit2gtk-driver: WebKitWebDriver drives WebKitGTK's MiniBrowser under
//            an Xvfb display, through selenium-webdriver (classic WebDriver).
//
// Both reuse the Chromium harness's static server (e2e/harness.mjs: dist/ on 127.0.0.1) and its
// artefacts directory. What each page does is recorded in the page itself by RECORDER (uncaught
// errors, unhandled rejections, console.error, CSP violations, every resource it fetched), and
// additionally by the driver where the protocol offers it (Firefox: request, pageerror and
// console events). `assertClean` fails on any of it and on the panic notice (#fatal-error).
//
// Where the recorder starts: in Firefox before the page's own scripts (a BiDi preload script);
// in WebKit (classic WebDriver has no preload scripts) right after the load event. An error
// before that in WebKit either stops the start-up (the watchdog's failure notice: the test fails
// waiting for html[data-ready]) or is a panic (the panic notice stays in the page).
//
// The file names do not match node --test's patterns (*.test.mjs), so `node --test e2e/` (the
// Chromium suites) does not pick these up; scripts/test.sh runs them by name.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { ARTIFACTS, DIST, READY_TIMEOUT_MS, startServer } from '../harness.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER =
  process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = process.env.XVFB_PATH || '/usr/bin/Xvfb';
export const VIEWPORT = { width: 1280, height: 800 };

/** Installed in every page: records what assertClean checks, in `window.__e2e`. */
export function RECORDER() {
  if (window.__e2e) return;
  const rec = { errors: [], rejections: [], consoleErrors: [], csp: [], since: performance.now() };
  window.__e2e = rec;
  try {
    performance.setResourceTimingBufferSize(10000);
  } catch {}
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) rec.errors.push(`${e.message} (${e.filename}:${e.lineno})`);
      else if (e.target && e.target !== window) {
        rec.errors.push(`failed to load ${e.target.tagName} ${e.target.src || e.target.href || ''}`);
      }
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => rec.rejections.push(String(e.reason && (e.reason.stack || e.reason))));
  document.addEventListener('securitypolicyviolation', (e) =>
    rec.csp.push(`${e.effectiveDirective || e.violatedDirective} ${e.blockedURI}`),
  );
  const error = console.error;
  console.error = function (...args) {
    rec.consoleErrors.push(args.map(String).join(' '));
    return error.apply(this, args);
  };
}

/** What the page recorded: resources it fetched and the errors. */
function readRecord() {
  const rec = window.__e2e;
  if (!rec) return null;
  const resources = performance.getEntriesByType('resource').map((e) => e.name);
  const fatal = document.getElementById('fatal-error');
  return {
    errors: rec.errors,
    rejections: rec.rejections,
    consoleErrors: rec.consoleErrors,
    csp: rec.csp,
    resources,
    fatal: fatal ? fatal.innerText : null,
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Helper processes this file started (Xvfb, WebKitWebDriver and its MiniBrowser), each in a
// process group of its own: stopped by close(), and killed if node exits without it.
const started = new Set();
process.on('exit', () => {
  for (const c of started) signal(c, 'SIGKILL');
});

function signal(child, sig) {
  try {
    process.kill(-child.pid, sig); // the whole group: the driver and the browser it started
  } catch {
    try {
      child.kill(sig);
    } catch {}
  }
}

function startProcess(cmd, args, opts = {}) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Stops a helper process (SIGTERM, then SIGKILL after `ms`), resolving once it has exited. */
function stop(child, ms = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child) started.delete(child);
    return Promise.resolve();
  }
  return new Promise((ok) => {
    const t = setTimeout(() => signal(child, 'SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(t);
      ok();
    });
    signal(child, 'SIGTERM');
  });
}

/** Waits until `probe()` resolves truthy, polling every 100 ms, or throws after `ms`. */
async function until(probe, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {}
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

// --- the common session interface --------------------------------------------------------------

/**
 * A page in one engine. Subclasses implement: _goto(url), _eval(src, args), click(sel),
 * type(sel, text), press(key), shot(path), _driverRecord(), close().
 */
class Session {
  constructor(engine, allowed) {
    this.engine = engine;
    this.allowed = allowed;
    this.events = { requests: [], pageErrors: [], consoleErrors: [] };
  }

  /** Runs `fn(...args)` in the page and returns its (JSON) result; awaits a returned promise. */
  eval(fn, ...args) {
    return this._eval(`return (${fn}).apply(null, arguments);`, args);
  }

  /** Polls `fn(...args)` in the page until truthy. */
  async waitFor(fn, args = [], { timeout = 10_000, what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        const v = await this.eval(fn, ...args);
        if (v) return v;
      } catch (e) {
        last = e;
      }
      if (Date.now() > end) {
        throw new Error(`${this.engine}: timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
      }
      await sleep(50);
    }
  }

  waitSelector(sel, timeout) {
    return this.waitFor((s) => !!document.querySelector(s), [sel], { timeout, what: sel });
  }

  /** Waits for html[data-ready="1"]; the boot indicator's text goes into the failure. */
  async waitReady(timeout = READY_TIMEOUT_MS) {
    try {
      await this.waitFor(() => document.documentElement.getAttribute('data-ready') === '1', [], {
        timeout,
        what: 'html[data-ready="1"]',
      });
    } catch (e) {
      const boot = await this.eval(() => document.getElementById('boot')?.innerText ?? '').catch(() => '');
      const rec = await this.record().catch(() => null);
      throw new Error(`${e.message}\n  boot indicator: ${JSON.stringify(boot)}\n  recorded: ${JSON.stringify(rec)}`);
    }
  }

  async goto(url, { ready = true } = {}) {
    this.url = url;
    await this._goto(url);
    await this.eval(RECORDER);
    if (ready) await this.waitReady();
  }

  /** Everything recorded so far, by the page and by the driver. */
  async record() {
    const page = (await this.eval(readRecord)) ?? {
      errors: [],
      rejections: [],
      consoleErrors: [],
      csp: [],
      resources: [],
      fatal: null,
    };
    return { ...page, driver: this.events };
  }

  /** No uncaught error, rejection, console error, CSP violation, panic notice or foreign request. */
  async assertClean() {
    const r = await this.record();
    const requests = [...new Set([...r.resources, ...r.driver.requests])];
    const foreign = requests.filter((u) => !this.allowed(u));
    assert.equal(r.fatal, null, `${this.engine}: the panic notice is shown`);
    assert.deepEqual(r.errors, [], `${this.engine}: uncaught errors`);
    assert.deepEqual(r.driver.pageErrors, [], `${this.engine}: uncaught page errors (driver)`);
    assert.deepEqual(r.rejections, [], `${this.engine}: unhandled rejections`);
    assert.deepEqual([...new Set([...r.consoleErrors, ...r.driver.consoleErrors])], [], `${this.engine}: console errors`);
    assert.deepEqual(r.csp, [], `${this.engine}: CSP violations`);
    assert.deepEqual(foreign, [], `${this.engine}: requests beyond the origin / the file`);
    return r;
  }

  /** Screenshot of the viewport to e2e/artifacts/<engine>-<name>.png. Returns the path. */
  async screenshot(name) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${this.engine}-${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.shot(path);
    return path;
  }
}

// --- Firefox (puppeteer-core, WebDriver BiDi) --------------------------------------------------

class FirefoxSession extends Session {
  constructor(context, page, allowed) {
    super('firefox', allowed);
    this.context = context;
    this.page = page;
    page.on('request', (req) => {
      const u = req.url();
      this.events.requests.push(u);
    });
    page.on('pageerror', (err) => this.events.pageErrors.push(String(err?.stack || err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.events.consoleErrors.push(msg.text());
    });
  }
  async _goto(url) {
    await this.page.goto(url, { waitUntil: 'load' });
  }
  _eval(src, args) {
    // A function built from source, so that both drivers take the same arguments.
    return this.page.evaluate(
      (src, args) => new Function(src).apply(null, args),
      src,
      args,
    );
  }
  async click(sel) {
    await this.page.click(sel);
  }
  async type(sel, text) {
    await this.page.type(sel, text);
  }
  async press(key) {
    await this.page.keyboard.press(key);
  }
  async shot(path) {
    await this.page.screenshot({ path });
  }
  /** Sets the viewport (CSS pixels). */
  async resize(width, height) {
    await this.page.setViewport({ width, height });
  }
  async close() {
    await this.context.close().catch(() => {});
  }
}

/** Firefox: one browser per suite; a fresh browser context per session. */
export async function launchFirefox() {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: run scripts/setup.sh (apt-get install firefox-esr)`);
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      // Nothing of the browser's own reaching out (updates, telemetry, captive portal checks).
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  return {
    engine: 'firefox',
    version: await browser.version(),
    async open(allowed) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(RECORDER);
      return new FirefoxSession(context, page, allowed);
    },
    async close() {
      await browser.close().catch(() => {});
      // Bounded: a browser that does not exit is killed.
      const proc = browser.process?.();
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        await new Promise((ok) => {
          const t = setTimeout(() => {
            try {
              proc.kill('SIGKILL');
            } catch {}
            ok();
          }, 3000);
          proc.once('exit', () => {
            clearTimeout(t);
            ok();
          });
        });
      }
    },
  };
}

// --- WebKit (selenium-webdriver, WebKitWebDriver + MiniBrowser under Xvfb) ---------------------

const SELENIUM_KEYS = {
  ArrowLeft: 'ARROW_LEFT',
  ArrowRight: 'ARROW_RIGHT',
  ArrowUp: 'ARROW_UP',
  ArrowDown: 'ARROW_DOWN',
  Enter: 'ENTER',
  Escape: 'ESCAPE',
  Home: 'HOME',
  End: 'END',
  PageUp: 'PAGE_UP',
  PageDown: 'PAGE_DOWN',
  Tab: 'TAB',
  F9: 'F9',
};

class WebKitSession extends Session {
  constructor(driver, wd, allowed) {
    super('webkit', allowed);
    this.driver = driver;
    this.wd = wd;
  }
  async _goto(url) {
    // A page of its own first, so that nothing of the previous page (or its fragment) remains.
    await this.driver.get('about:blank');
    await this.driver.get(url);
  }
  _eval(src, args) {
    return this.driver.executeScript(src, ...args);
  }
  async click(sel) {
    await this.driver.findElement(this.wd.By.css(sel)).click();
  }
  async type(sel, text) {
    await this.driver.findElement(this.wd.By.css(sel)).sendKeys(text);
  }
  async press(key) {
    const k = SELENIUM_KEYS[key] ? this.wd.Key[SELENIUM_KEYS[key]] : key;
    await this.driver.actions({ async: true }).sendKeys(k).perform();
  }
  async shot(path) {
    writeFileSync(path, Buffer.from(await this.driver.takeScreenshot(), 'base64'));
  }
  /** Sets the window's size (MiniBrowser's window is the viewport under Xvfb). */
  async resize(width, height) {
    await this.driver.manage().window().setRect({ x: 0, y: 0, width, height });
  }
  async close() {
    // One WebDriver session serves the whole suite (a MiniBrowser start-up each is slow);
    // the next test navigates to about:blank first.
  }
}

/** A free X display number (no lock file and no socket). */
function freeDisplay() {
  for (let n = 90 + (process.pid % 50); n < 400; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display number');
}

/** WebKit: Xvfb, WebKitWebDriver and one MiniBrowser session per suite; close() stops all three. */
export async function launchWebKit() {
  for (const p of [WEBKIT_DRIVER, MINIBROWSER, XVFB]) {
    if (!existsSync(p)) throw new Error(`${p} not found: run scripts/setup.sh (apt-get install webkit2gtk-driver xvfb)`);
  }
  const wd = await import('selenium-webdriver');
  const children = [];
  let driver;
  const closeAll = async () => {
    if (driver) {
      await Promise.race([driver.quit().catch(() => {}), sleep(10_000)]);
      driver = null;
    }
    for (const c of children.reverse()) await stop(c);
    children.length = 0;
  };
  try {
    const display = freeDisplay();
    const xvfb = startProcess(XVFB, [`:${display}`, '-screen', '0', '1600x1000x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(xvfb);
    let xlog = '';
    xvfb.stderr.on('data', (d) => (xlog += d));
    await until(() => existsSync(`/tmp/.X11-unix/X${display}`), 10_000, `Xvfb :${display} (${xlog.trim()})`);

    const port = await freePort();
    const driverProc = startProcess(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
      env: { ...process.env, DISPLAY: `:${display}` },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(driverProc);
    let dlog = '';
    driverProc.stderr.on('data', (d) => (dlog += d));
    const server = `http://127.0.0.1:${port}`;
    await until(async () => (await fetch(`${server}/status`)).ok, 10_000, `WebKitWebDriver on ${server} (${dlog.trim()})`);

    const caps = new wd.Capabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    });
    driver = await new wd.Builder().usingServer(server).withCapabilities(caps).build();
    await driver.manage().setTimeouts({ script: 30_000, pageLoad: 30_000 });
    await driver.manage().window().setRect({ x: 0, y: 0, ...VIEWPORT });
    const version = (await driver.getCapabilities()).get('browserVersion');
    return {
      engine: 'webkit',
      version: `MiniBrowser (WebKitGTK ${version})`,
      async open(allowed) {
        return new WebKitSession(driver, wd, allowed);
      },
      close: closeAll,
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

// --- a suite's harness -------------------------------------------------------------------------

/**
 * One engine and one server for a suite file:
 *   { engine, version, origin, openApp(path, opts), openFile(hash, opts), close() }.
 */
export async function startEngine(name, { dist = DIST } = {}) {
  const server = await startServer(dist);
  let engine;
  try {
    engine = name === 'firefox' ? await launchFirefox() : await launchWebKit();
  } catch (e) {
    await server.close();
    throw e;
  }
  const origin = server.origin;
  const fileUrl = pathToFileURL(join(dist, 'explorer.html')).href;
  const open = async (url, allowed, opts = {}) => {
    const s = await engine.open(allowed);
    const t0 = Date.now();
    await s.goto(url, opts);
    s.openedInMs = Date.now() - t0;
    return s;
  };
  return {
    engine: engine.engine,
    version: engine.version,
    origin,
    openApp(path = '/', opts) {
      const url = new URL(path, origin + '/').href;
      const allowed = (u) => u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank' || new URL(u).origin === origin;
      return open(url, allowed, opts);
    },
    openFile(hash = '', opts) {
      const frag = hash ? (hash.startsWith('#') ? hash : `#${hash}`) : '';
      const allowed = (u) => u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank' || u.split('#')[0] === fileUrl;
      return open(fileUrl + frag, allowed, opts);
    },
    async close() {
      await engine.close();
      await server.close();
    },
  };
}
