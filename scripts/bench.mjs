// Benchmark of the release build (dist/) in headless Chromium, 1440x900. Prints a table and
// writes bench/results.json; asserts nothing (speed is measured, never tested).
// Run: bash scripts/bench.sh
//
// - start-up against a static baseline: the rendered DOM of the same view (#/matrix), saved as a
//   plain HTML page without any script (served beside the app, and as one file with its CSS
//   inline for file://), loaded alternately with the app, BENCH_LOADS (15) fresh loads each. The
//   figure is navigation start to the first animation frame with the matrix in the document
//   (both pages get the same probe, injected before their own content), and the ratio app/static
//   of the medians, over http and from file://;
// - interactions, BENCH_INTERACTIONS (100) of each kind: search keystrokes, facet toggles, cell
//   selections, layout switches (transpose). "script" is dispatch to the end of the task (Yew
//   renders in microtasks of that task; a MessageChannel message runs after it), "frame" is
//   dispatch to the next painted frame (a requestAnimationFrame callback, then a message after
//   it). p50 and p95;
// - bytes of every artefact in dist/, raw and gzip -9;
// - JS heap (CDP Runtime.getHeapUsage) and wasm memory (the instance's memory, from Trunk's
//   TrunkApplicationStarted event) after load and after the interactions.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, SINGLE_FILE, launchBrowser, startServer } from '../e2e/harness.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 15);
const N = Number(process.env.BENCH_INTERACTIONS || 100);
const VIEWPORT = { width: 1440, height: 900 };
const WWW = join(ROOT, 'target', 'bench-www');
const OUT = join(ROOT, 'bench', 'results.json');

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const stats = (xs) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), max: +Math.max(...xs).toFixed(1) });

// Injected into every page before its own content: the first frame with the matrix in it, and
// the wasm instance's memory once Trunk has started the app.
function probe() {
  const check = () => {
    if (document.querySelector('[data-testid="matrix"] td')) window.__matrixFrame = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
  });
}

async function firstMatrixFrame(browser, url) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(probe);
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__matrixFrame !== undefined, null, { timeout: 30000 });
  const ms = await page.evaluate(() => window.__matrixFrame);
  await ctx.close();
  return ms;
}

/** Alternating loads of the app and the static page; medians and their ratio. */
async function startup(browser, appUrl, staticUrl) {
  const app = [];
  const stat = [];
  for (let i = 0; i < LOADS; i++) {
    app.push(await firstMatrixFrame(browser, appUrl));
    stat.push(await firstMatrixFrame(browser, staticUrl));
  }
  const a = stats(app);
  const s = stats(stat);
  return { app: a, static: s, ratio: +(a.p50 / s.p50).toFixed(2) };
}

/** The rendered matrix view as a plain page: no script, the CSP and preloads dropped. */
function staticPage(html, cssInline) {
  let out = html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '')
    .replace(/<link\b[^>]*\brel="?(modulepreload|preload)"?[^>]*>/gi, '');
  if (cssInline !== undefined) {
    out = out.replace(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/gi, () => `<style>${cssInline}</style>`);
  }
  return `<!doctype html>\n${out}`;
}

// Dispatches `act` and measures to the end of the task and to the next painted frame.
async function interaction(page, act, n) {
  const script = [];
  const frame = [];
  for (let i = 0; i < n; i++) {
    const t = await page.evaluate(async ({ src, i }) => {
      const afterTask = () => new Promise((r) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => r(performance.now());
        ch.port2.postMessage(0);
      });
      const fn = new Function('i', src);
      const t0 = performance.now();
      const taskEnd = afterTask();
      fn(i);
      const t1 = await taskEnd;
      await new Promise((r) => requestAnimationFrame(() => r()));
      const t2 = await afterTask();
      return { script: t1 - t0, frame: t2 - t0 };
    }, { src: act, i });
    script.push(t.script);
    frame.push(t.frame);
  }
  return { script: stats(script), frame: stats(frame) };
}

async function memory(page, cdp) {
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : null));
  return { js_heap_used: heap.usedSize, js_heap_total: heap.totalSize, wasm_memory: wasm };
}

function sizes() {
  const files = {};
  let servedGzip = 0;
  let servedRaw = 0;
  for (const f of readdirSync(DIST).sort()) {
    const p = join(DIST, f);
    if (!statSync(p).isFile()) continue;
    const b = readFileSync(p);
    const gz = gzipSync(b, { level: 9 }).length;
    files[f] = { raw: b.length, gzip: gz };
    if (f !== 'explorer.html' && f !== 'evidence.csv') {
      servedRaw += b.length;
      servedGzip += gz;
    }
  }
  return { files, served_app: { raw: servedRaw, gzip: servedGzip } };
}

// --- run -----------------------------------------------------------------------------------------

// A copy of dist/ with the static pages beside it (dist/ itself stays what the build made).
rmSync(WWW, { recursive: true, force: true });
mkdirSync(WWW, { recursive: true });
for (const f of readdirSync(DIST)) if (statSync(join(DIST, f)).isFile()) copyFileSync(join(DIST, f), join(WWW, f));

const server = await startServer(WWW);
const browser = await launchBrowser();
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  browser: `Chromium ${browser.version()} headless, ${VIEWPORT.width}x${VIEWPORT.height}`,
  loads: LOADS,
  interactions: N,
};
try {
  // The static baseline, from the app's own rendering of #/matrix.
  {
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/index.html#/matrix`);
    await page.waitForSelector('html[data-ready="1"]');
    await page.waitForSelector('[data-testid="matrix"] td');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    await ctx.close();
    const cssName = readdirSync(DIST).find((f) => f.endsWith('.css'));
    writeFileSync(join(WWW, 'static-matrix.html'), staticPage(html));
    writeFileSync(join(WWW, 'static-matrix-single.html'), staticPage(html, readFileSync(join(DIST, cssName), 'utf8')));
  }
  copyFileSync(SINGLE_FILE, join(WWW, 'explorer.html'));

  results.startup_http = await startup(browser, `${server.origin}/index.html#/matrix`, `${server.origin}/static-matrix.html`);
  results.startup_file = await startup(
    browser,
    `${pathToFileURL(join(WWW, 'explorer.html')).href}#/matrix`,
    pathToFileURL(join(WWW, 'static-matrix-single.html')).href,
  );

  const ctx = await browser.newContext({ viewport: VIEWPORT });
  await ctx.addInitScript(probe);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.goto(`${server.origin}/index.html#/matrix`);
  await page.waitForSelector('html[data-ready="1"]');
  await page.waitForFunction(() => window.__matrixFrame !== undefined);
  results.memory_after_load = await memory(page, cdp);

  const it = {};
  it.search_keystroke = await interaction(page, `
    const el = document.getElementById('search-input');
    const word = 'afghanistan ';
    el.value = word.slice(0, (i % word.length) + 1);
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));`, N);
  await page.evaluate(() => {
    const el = document.getElementById('search-input');
    el.value = '';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  it.facet_toggle = await interaction(page, `
    const boxes = [...document.querySelectorAll('[data-testid="facet-kind"] input[type=checkbox]')];
    boxes[i % boxes.length].click();`, N);
  await page.evaluate(() => document.querySelectorAll('[data-testid="facets"] input:checked').forEach((b) => b.click()));
  it.cell_selection = await interaction(page, `
    const cells = document.querySelectorAll('[data-testid="matrix"] td.has');
    cells[(i * 7) % cells.length].click();`, N);
  await page.keyboard.press('Escape');
  it.layout_switch = await interaction(page, `document.querySelector('[data-testid="transpose"]').click();`, N);
  results.interactions_ms = it;
  results.memory_after_interactions = await memory(page, cdp);
  await ctx.close();

  results.bytes = sizes();
} finally {
  await browser.close();
  await server.close();
}

mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');

// --- the table -----------------------------------------------------------------------------------
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n) => (n == null ? 'n/a' : `${(n / 1048576).toFixed(1)} MiB`);
const rows = [
  ['measure', 'figure'],
  ['first painted matrix, http: app / static (p50)', `${results.startup_http.app.p50} / ${results.startup_http.static.p50} ms = ${results.startup_http.ratio}x`],
  ['first painted matrix, file://: app / static (p50)', `${results.startup_file.app.p50} / ${results.startup_file.static.p50} ms = ${results.startup_file.ratio}x`],
  ['  (p95 app / static, http; file://)', `${results.startup_http.app.p95} / ${results.startup_http.static.p95} ms; ${results.startup_file.app.p95} / ${results.startup_file.static.p95} ms`],
  ...Object.entries(results.interactions_ms).map(([k, v]) => [
    `${k.replace(/_/g, ' ')}: script p50/p95; frame p50/p95`,
    `${v.script.p50}/${v.script.p95} ms; ${v.frame.p50}/${v.frame.p95} ms (n=${v.frame.n})`,
  ]),
  ['served app (index, js, wasm, css)', `${kib(results.bytes.served_app.raw)} raw, ${kib(results.bytes.served_app.gzip)} gzip`],
  ...Object.entries(results.bytes.files).map(([f, b]) => [`  ${f}`, `${kib(b.raw)} raw, ${kib(b.gzip)} gzip`]),
  ['JS heap used / wasm memory, after load', `${mib(results.memory_after_load.js_heap_used)} / ${mib(results.memory_after_load.wasm_memory)}`],
  ['JS heap used / wasm memory, after interactions', `${mib(results.memory_after_interactions.js_heap_used)} / ${mib(results.memory_after_interactions.wasm_memory)}`],
];
console.log(`bench: ${results.date}; ${results.machine}; ${results.browser}; ${LOADS} loads each, ${N} interactions of each kind`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [a, b] of rows) console.log(`  ${a.padEnd(w)}  ${b}`);
console.log(`bench: wrote ${OUT}`);
