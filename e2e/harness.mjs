// End-to-end harness: a static server for dist/ on 127.0.0.1, Debian's Chromium driven by
// playwright-core, and per-page recording of requests, console errors and CSP violations.
//
// Typical test file (one browser and one server per file, a fresh context per test):
//
//   import { test } from 'node:test';
//   import { harnessForFile, assertClean } from './harness.mjs';
//   const h = harnessForFile();
//   test('…', async () => {
//     const s = await h.openApp('/');        // or h.openFile('#some/fragment')
//     …                                       // s.page is a playwright Page
//     assertClean(s);                          // no console errors, CSP violations, foreign requests
//     await s.close();
//   });
//
// Requests are checked, not blocked: every request a page makes is recorded, and one that leaves
// the origin (http) or is not the opened file itself (file://) makes assertClean fail.

import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The build under test: dist/, or the directory E2E_DIST names (relative to the repository),
 *  e.g. dist-tiny for the smoke suite on the tiny fixture corpus. */
export const DIST = resolve(ROOT, process.env.E2E_DIST || 'dist');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
export const SINGLE_FILE = join(DIST, 'explorer.html');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Generous: a 2-core CI machine compiles the wasm while other suites run. */
export const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS || 20000);

// Flags that keep Chromium quiet on these machines (see "Toolchain" in ARCHITECTURE.md). Playwright adds
// --headless and a fresh temporary --user-data-dir itself (and refuses one in args), and removes
// that dir when the browser closes.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Static file server for `dir` on 127.0.0.1 and a free port. Resolves to { origin, close }. */
export async function startServer(dir = DIST) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, '.' + path);
    if ((file !== root && !file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** Launch Debian's Chromium via playwright-core (headless, fresh temporary profile). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run SETUP_FOR=test bash scripts/setup.sh (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

// Runs in every page before its own scripts: collects CSP violations (also those of the
// document's own parsing), reported back through an exposed binding.
function cspRecorder() {
  document.addEventListener('securitypolicyviolation', (e) => {
    const v = {
      directive: e.effectiveDirective || e.violatedDirective,
      blockedURI: e.blockedURI,
      sourceFile: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
      disposition: e.disposition,
    };
    (window.__cspViolations ||= []).push(v);
    window.__e2eReportCsp?.(v);
  });
}

/**
 * A fresh browser context and page that records everything assertClean checks.
 * `allowed(url)` tells whether a request URL is acceptable.
 * Returns { context, page, requests, foreign, consoleErrors, pageErrors, cspViolations, close }.
 */
export async function newSession(browser, allowed, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const s = {
    context,
    page: null,
    requests: [],
    foreign: [],
    consoleErrors: [],
    pageErrors: [],
    cspViolations: [],
    close: () => context.close(),
  };
  await context.exposeBinding('__e2eReportCsp', (_source, v) => {
    s.cspViolations.push(v);
  });
  await context.addInitScript(cspRecorder);
  context.on('request', (req) => {
    const url = req.url();
    s.requests.push(url);
    if (!allowed(url)) s.foreign.push(url);
  });
  const page = await context.newPage();
  page.on('websocket', (ws) => s.foreign.push(ws.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') s.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => s.pageErrors.push(String(err?.stack || err)));
  s.page = page;
  return s;
}

/** Wait until the app has mounted: <html data-ready="1">. Errors so far go into the message. */
export async function waitReady(s, timeout = READY_TIMEOUT_MS) {
  try {
    await s.page.waitForSelector('html[data-ready="1"]', { state: 'attached', timeout });
  } catch (e) {
    const boot = await s.page
      .evaluate(() => document.getElementById('boot')?.innerText ?? '')
      .catch(() => '');
    throw new Error(
      `app not ready (html[data-ready="1"]) within ${timeout} ms at ${s.page.url()}\n` +
        `  boot indicator: ${JSON.stringify(boot)}\n` +
        `  console errors: ${JSON.stringify(s.consoleErrors)}\n` +
        `  page errors: ${JSON.stringify(s.pageErrors)}\n` +
        `  CSP violations: ${JSON.stringify(s.cspViolations)}\n` +
        `  (${e.message.split('\n')[0]})`,
    );
  }
}

/** No console errors, no uncaught exceptions, no CSP violations, no request outside the page's origin/file. */
export function assertClean(s, { allowConsoleErrors = [] } = {}) {
  const errors = s.consoleErrors.filter((t) => !allowConsoleErrors.some((re) => re.test(t)));
  assert.deepEqual(s.cspViolations, [], 'CSP violations');
  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(s.pageErrors, [], 'uncaught page errors');
  assert.deepEqual(s.foreign, [], 'requests beyond the origin / the file');
}

/** Screenshot of the whole page to e2e/artifacts/<name>.png (gitignored). Returns the path. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Run axe-core in the page and return its violations. Injected with page.evaluate (a CDP
 * evaluation, which the page's CSP does not govern); addScriptTag would be blocked by the CSP.
 */
export async function axe(page, options = {}) {
  const source = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate((opts) => window.axe.run(document, opts), options);
  return result.violations;
}

/** Number of pages of a PDF made by Chromium (`page.pdf`). */
export function pdfPages(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

/** Decodes the QR code in a PNG screenshot with jsQR, in a blank page of `browser` (no CSP there). */
export async function decodeQr(browser, png) {
  const source = readFileSync(join(ROOT, 'node_modules', 'jsqr', 'dist', 'jsQR.js'), 'utf8');
  const ctx = await browser.newContext();
  try {
    const page = await ctx.newPage();
    await page.setContent('<canvas></canvas>');
    await page.evaluate(source);
    return await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.querySelector('canvas');
      c.width = img.width; c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height);
      return window.jsQR(d.data, d.width, d.height)?.data ?? null;
    }, png.toString('base64'));
  } finally {
    await ctx.close();
  }
}

/**
 * One browser and one server for a test file. Returns
 *   { browser, server, origin, openApp(path, opts), openFile(hash, opts), close() }
 * openApp/openFile open a fresh context, navigate, and (unless opts.ready === false) wait for
 * html[data-ready="1"]. opts.beforeGoto(session) runs before navigation (routes, init scripts).
 */
export async function startHarness({ dist = DIST } = {}) {
  const server = await startServer(dist);
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  const origin = server.origin;
  const sessions = new Set();

  async function open(url, allowed, opts) {
    const s = await newSession(browser, allowed, opts.contextOptions);
    sessions.add(s);
    const close = s.close;
    s.close = async () => {
      sessions.delete(s);
      await close();
    };
    if (opts.beforeGoto) await opts.beforeGoto(s);
    await s.page.goto(url, { waitUntil: 'load' });
    if (opts.ready !== false) await waitReady(s, opts.timeout);
    return s;
  }

  return {
    browser,
    server,
    origin,
    /** Open `path` (e.g. '/', '/#x') of the served dist/. */
    openApp(path = '/', opts = {}) {
      const url = new URL(path, origin + '/').href;
      const allowed = (u) => u.startsWith('data:') || u.startsWith('blob:') || new URL(u).origin === origin;
      return open(url, allowed, opts);
    },
    /** Open dist/explorer.html from disk, with an optional '#fragment'. */
    openFile(hashFragment = '', opts = {}) {
      const file = join(dist, 'explorer.html');
      const base = pathToFileURL(file).href;
      const frag = hashFragment ? (hashFragment.startsWith('#') ? hashFragment : `#${hashFragment}`) : '';
      // data: and blob: URLs never leave the page; anything else must be the file itself.
      const allowed = (u) => u.startsWith('data:') || u.startsWith('blob:') || u.split('#')[0] === base;
      return open(base + frag, allowed, opts);
    },
    async close() {
      for (const s of [...sessions]) await s.close().catch(() => {});
      await browser?.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * The harness of a test file: started before its first test, closed after its last. Its
 * methods and `origin` are usable inside the tests.
 */
export function harnessForFile(options) {
  let h;
  before(async () => {
    h = await startHarness(options);
  });
  after(async () => {
    await h?.close();
  });
  return {
    get origin() {
      return h.origin;
    },
    openApp: (...args) => h.openApp(...args),
    openFile: (...args) => h.openFile(...args),
  };
}
