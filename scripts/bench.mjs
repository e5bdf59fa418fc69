// Benchmark of the release build (dist/) and of synthetic corpora 10x and 100x the real one
// (target/bench-10x, target/bench-100x: scripts/bench.sh builds them with EVIDENCE_SCALE, a
// build-time switch that never ships), in headless Chromium, 1440x900. Prints a table and
// writes bench/results.json; asserts nothing (speed is measured, never tested). A build whose
// matrix does not render within BENCH_TIMEOUT_MS (120 s) is reported as such.
// Run: bash scripts/bench.sh
//
// - start-up against a static baseline: the rendered DOM of the same view (#/matrix), saved as a
//   plain HTML page without any script (served beside the app, and as one file with its CSS
//   inline for file://), loaded alternately with the app, BENCH_LOADS (15) fresh loads each. The
//   figure is navigation start to the first animation frame with the document parsed and the
//   matrix in it (both pages get the same probe, injected before their own content; a static
//   page could otherwise count a frame with only its first rows), and the ratio app/static
//   of the medians, over http and from file://;
// - interactions, BENCH_INTERACTIONS (100) of each kind: search keystrokes, facet toggles, cell
//   selections, layout switches (transpose). "script" is dispatch to the end of the task (Yew
//   renders in microtasks of that task; a MessageChannel message runs after it), "frame" is
//   dispatch to the next painted frame (a requestAnimationFrame callback, then a message after
//   it). p50 and p95;
// - bytes of every artefact in dist/, raw and gzip -9;
// - JS heap (CDP Runtime.getHeapUsage) and wasm memory (the instance's memory, from Trunk's
//   TrunkApplicationStarted event) after load and after the interactions;
// - a participant's phone (the 1x build only): 390x844, touch, Chromium's CPU throttled 4x (CDP
//   Emulation.setCPUThrottlingRate), the default tour's link on explorer.html from file:// to
//   the first painted frame of its first step read as steps (BENCH_PHONE_LOADS, 10 loads), and
//   BENCH_PHONE_STEPS (60) step changes by the "Next"/"Back" buttons (forward to the end, then
//   back), each to the next painted frame: p50 and p95.
// `node scripts/bench.mjs --phone` (or `bash scripts/bench.sh --phone`) measures only the phone
// and writes bench/phone.json.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';
import { dirSizes } from './sizes.mjs';
import { pathToFileURL } from 'node:url';
import { DIST, ROOT, launchBrowser, startServer } from '../e2e/harness.mjs';
import { loadCsv } from '../e2e/pages.mjs';

const LOADS = Number(process.env.BENCH_LOADS || 15);
const N = Number(process.env.BENCH_INTERACTIONS || 100);
const VIEWPORT = { width: 1440, height: 900 };
const WWW = join(ROOT, 'target', 'bench-www');
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS || 120000);
/** The builds measured: dist/ (1x) and, when scripts/bench.sh made them, synthetic 10x and 100x. */
// Typed: the longest word of the evidence titles (from the build's evidence.csv), letter by letter.
const WORD = `${loadCsv().flatMap((r) => r.evidence_title.match(/\p{L}+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')} `;
const SCALES = (process.env.BENCH_SCALES ?? '10 100').split(/\s+/).filter(Boolean);
const BUILDS = [
  { label: '1x', dir: DIST },
  ...SCALES.map((k) => ({ label: `${k}x`, dir: join(ROOT, 'target', `bench-${k}x`) })),
].filter((b) => existsSync(join(b.dir, 'index.html')));
const PHONE_ONLY = process.argv.includes('--phone');
const OUT = join(ROOT, 'bench', PHONE_ONLY ? 'phone.json' : 'results.json');
const PHONE_LOADS = Number(process.env.BENCH_PHONE_LOADS || 10);
const PHONE_STEPS = Number(process.env.BENCH_PHONE_STEPS || 60);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
const THROTTLE = 4;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const stats = (xs) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(1), p95: +pct(xs, 95).toFixed(1), max: +Math.max(...xs).toFixed(1) });

// Injected into every page before its own content: the first frame with the matrix in it, and
// the wasm instance's memory once Trunk has started the app.
function probe() {
  // The whole document parsed (a static page can paint a table while it is still arriving) and
  // a matrix cell in it: the frame that shows the matrix.
  const check = () => {
    if (document.readyState !== 'loading' && document.querySelector('[data-testid="matrix"] td.cell')) {
      window.__matrixFrame = performance.now();
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
  });
}

async function firstMatrixFrame(browser, url, timeout = TIMEOUT) {
  const ctx = await browser.newContext({ viewport: VIEWPORT });
  try {
    await ctx.addInitScript(probe);
    const page = await ctx.newPage();
    await page.goto(url, { timeout });
    await page.waitForFunction(() => window.__matrixFrame !== undefined, null, { timeout });
    return await page.evaluate(() => window.__matrixFrame);
  } finally {
    await ctx.close();
  }
}

/** Alternating loads of the app and the static page; medians and their ratio. */
async function startup(browser, appUrl, staticUrl, loads) {
  const app = [];
  const stat = [];
  for (let i = 0; i < loads; i++) {
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

function sizes(dir) {
  const files = {};
  let servedGzip = 0;
  let servedRaw = 0;
  // Top-level files only, sized by scripts/sizes.mjs (the one home of the size rule).
  for (const { file, raw, gzip } of dirSizes(dir).filter((r) => !r.file.includes('/'))) {
    files[file] = { raw, gzip };
    if (file !== 'explorer.html' && file !== 'evidence.csv' && !file.endsWith('.json')) {
      servedRaw += raw;
      servedGzip += gzip;
    }
  }
  return { files, served_app: { raw: servedRaw, gzip: servedGzip } };
}

// --- a participant's phone ------------------------------------------------------------------------

// Injected into the phone's pages: the first frame with a tour step read as steps, its view in it.
function phoneProbe() {
  const check = () => {
    if (document.readyState !== 'loading' && document.querySelector('[data-testid="phone-tour"] [data-testid="phone-view"] > *')) {
      window.__stepFrame = performance.now();
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** A page on a phone-class CPU: phone viewport and touch, the CPU throttled before it loads. */
async function phonePage(browser) {
  const ctx = await browser.newContext(PHONE);
  await ctx.addInitScript(phoneProbe);
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return { ctx, page };
}

/** The default tour from explorer.html on a phone: to its first step, and the step changes. */
async function measurePhone(browser) {
  const summary = JSON.parse(readFileSync(join(DIST, 'corpus-summary.json'), 'utf8'));
  if (!summary.default_tour) return { note: 'this corpus has no default tour' };
  const url = `${pathToFileURL(join(DIST, 'explorer.html')).href}#${summary.default_tour.fragment}`;
  const first = [];
  for (let i = 0; i < PHONE_LOADS; i++) {
    const { ctx, page } = await phonePage(browser);
    try {
      await page.goto(url, { timeout: TIMEOUT });
      await page.waitForFunction(() => window.__stepFrame !== undefined, null, { timeout: TIMEOUT });
      first.push(await page.evaluate(() => window.__stepFrame));
    } finally {
      await ctx.close();
    }
  }
  const { ctx, page } = await phonePage(browser);
  try {
    await page.goto(url, { timeout: TIMEOUT });
    await page.waitForFunction(() => window.__stepFrame !== undefined, null, { timeout: TIMEOUT });
    page.setDefaultTimeout(TIMEOUT);
    const step = await interaction(page, `
      const next = document.querySelector('[data-testid="pt-next"]');
      const back = document.querySelector('[data-testid="pt-back"]');
      window.__dir ??= 1;
      if (window.__dir > 0 && next.disabled) window.__dir = -1;
      if (window.__dir < 0 && back.disabled) window.__dir = 1;
      (window.__dir > 0 ? next : back).click();`, PHONE_STEPS);
    return {
      viewport: `${PHONE.viewport.width}x${PHONE.viewport.height}`,
      cpu_throttling: THROTTLE,
      tour_steps: summary.default_tour.steps,
      link_chars: summary.default_tour.length,
      first_step_file: stats(first),
      step_change: step,
    };
  } finally {
    await ctx.close();
  }
}

// --- run -----------------------------------------------------------------------------------------

/** Every figure for one build; `null` figures (with `note`) when its matrix does not render in time. */
async function measure(browser, build) {
  const out = { build: build.label, dir: relative(ROOT, build.dir) };
  // A copy of the build with the static pages beside it (the build itself stays as it was made).
  const www = join(WWW, build.label);
  rmSync(www, { recursive: true, force: true });
  mkdirSync(www, { recursive: true });
  for (const f of readdirSync(build.dir)) if (statSync(join(build.dir, f)).isFile()) copyFileSync(join(build.dir, f), join(www, f));
  out.bytes = sizes(build.dir);
  const server = await startServer(www);
  try {
    // The static baseline, from the app's own rendering of #/matrix.
    let html;
    const t0 = Date.now();
    try {
      const ctx = await browser.newContext({ viewport: VIEWPORT });
      try {
        const page = await ctx.newPage();
        await page.goto(`${server.origin}/index.html#/matrix`, { timeout: TIMEOUT });
        await page.waitForSelector('[data-testid="matrix"] td.cell', { timeout: TIMEOUT });
        html = await page.evaluate(() => document.documentElement.outerHTML);
      } finally {
        await ctx.close();
      }
    } catch (e) {
      out.note = `the matrix did not render within ${TIMEOUT / 1000} s (${e.message.split('\n')[0]})`;
      console.log(`bench: ${build.label}: ${out.note}`);
      return out;
    }
    out.first_load_ms = Date.now() - t0;
    const loads = LOADS;
    const n = N;
    const cssName = readdirSync(build.dir).find((f) => f.endsWith('.css'));
    writeFileSync(join(www, 'static-matrix.html'), staticPage(html));
    writeFileSync(join(www, 'static-matrix-single.html'), staticPage(html, readFileSync(join(build.dir, cssName), 'utf8')));
    out.static_html_bytes = Buffer.byteLength(html);

    out.startup_http = await startup(browser, `${server.origin}/index.html#/matrix`, `${server.origin}/static-matrix.html`, loads);
    out.startup_file = await startup(
      browser,
      `${pathToFileURL(join(www, 'explorer.html')).href}#/matrix`,
      pathToFileURL(join(www, 'static-matrix-single.html')).href,
      loads,
    );

    const ctx = await browser.newContext({ viewport: VIEWPORT });
    try {
      await ctx.addInitScript(probe);
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await page.goto(`${server.origin}/index.html#/matrix`, { timeout: TIMEOUT });
      await page.waitForFunction(() => window.__matrixFrame !== undefined, null, { timeout: TIMEOUT });
      out.memory_after_load = await memory(page, cdp);
      page.setDefaultTimeout(TIMEOUT);
      const it = {};
      it.search_keystroke = await interaction(page, `
        const el = document.getElementById('search-input');
        const word = ${JSON.stringify(WORD)};
        el.value = word.slice(0, (i % word.length) + 1);
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));`, n);
      await page.evaluate(() => {
        const el = document.getElementById('search-input');
        el.value = '';
        el.dispatchEvent(new InputEvent('input', { bubbles: true }));
      });
      it.facet_toggle = await interaction(page, `
        const boxes = [...document.querySelectorAll('[data-testid="facet-kind"] input[type=checkbox]')];
        boxes[i % boxes.length].click();`, n);
      await page.evaluate(() => document.querySelectorAll('[data-testid="facets"] input:checked').forEach((b) => b.click()));
      it.cell_selection = await interaction(page, `
        const cells = document.querySelectorAll('[data-testid="matrix"] td.has');
        cells[(i * 7) % cells.length].click();`, n);
      await page.keyboard.press('Escape');
      it.layout_switch = await interaction(page, `document.querySelector('[data-testid="transpose"]').click();`, n);
      out.interactions_ms = it;
      out.memory_after_interactions = await memory(page, cdp);
    } finally {
      await ctx.close();
    }
  } finally {
    await server.close();
  }
  return out;
}

rmSync(WWW, { recursive: true, force: true });
const browser = await launchBrowser();
const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`,
  browser: `Chromium ${browser.version()} headless, ${VIEWPORT.width}x${VIEWPORT.height}`,
  loads: LOADS,
  interactions: N,
  builds: [],
};
try {
  for (const b of PHONE_ONLY ? [] : BUILDS) {
    console.log(`bench: measuring ${b.label} (${b.dir})`);
    results.builds.push(await measure(browser, b));
  }
  console.log(`bench: a phone (390x844, CPU throttled ${THROTTLE}x): the default tour from explorer.html`);
  results.phone = await measurePhone(browser);
} finally {
  await browser.close();
}

mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');

// --- the table -----------------------------------------------------------------------------------
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n) => (n == null ? 'n/a' : `${(n / 1048576).toFixed(1)} MiB`);
const na = (r, f) => (r.note ? 'n/a' : f(r));
const B = results.builds;
const rows = [
  ['measure', ...B.map((r) => r.build)],
  ['first painted matrix, http: app / static p50', ...B.map((r) => na(r, (r) => `${r.startup_http.app.p50} / ${r.startup_http.static.p50} ms = ${r.startup_http.ratio}x`))],
  ['first painted matrix, file://: app / static p50', ...B.map((r) => na(r, (r) => `${r.startup_file.app.p50} / ${r.startup_file.static.p50} ms = ${r.startup_file.ratio}x`))],
  ['  p95 app / static, http', ...B.map((r) => na(r, (r) => `${r.startup_http.app.p95} / ${r.startup_http.static.p95} ms (n=${r.startup_http.app.n})`))],
  ...['search_keystroke', 'facet_toggle', 'cell_selection', 'layout_switch'].map((k) => [
    `${k.replace(/_/g, ' ')}: script p50/p95; frame p50/p95`,
    ...B.map((r) => na(r, (r) => { const v = r.interactions_ms[k]; return `${v.script.p50}/${v.script.p95}; ${v.frame.p50}/${v.frame.p95} ms (n=${v.frame.n})`; })),
  ]),
  ['served app (index, js, wasm, css), gzip', ...B.map((r) => `${kib(r.bytes.served_app.gzip)} (${kib(r.bytes.served_app.raw)} raw)`)],
  ['explorer.html, gzip', ...B.map((r) => r.bytes.files['explorer.html'] ? `${kib(r.bytes.files['explorer.html'].gzip)} (${kib(r.bytes.files['explorer.html'].raw)} raw)` : 'n/a')],
  ['JS heap / wasm memory after load', ...B.map((r) => na(r, (r) => `${mib(r.memory_after_load.js_heap_used)} / ${mib(r.memory_after_load.wasm_memory)}`))],
  ['JS heap / wasm memory after interactions', ...B.map((r) => na(r, (r) => `${mib(r.memory_after_interactions.js_heap_used)} / ${mib(r.memory_after_interactions.wasm_memory)}`))],
];
console.log(`bench: ${results.date}; ${results.machine}; ${results.browser}; up to ${LOADS} loads each, ${N} interactions of each kind`);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
if (B.length) for (const r of rows) console.log(`  ${r.map((c, i) => String(c).padEnd(widths[i])).join('  ')}`);
for (const r of B) if (r.note) console.log(`  ${r.build}: ${r.note}`);
for (const r of B) {
  console.log(`  files of ${r.build}:`);
  for (const [f, b] of Object.entries(r.bytes.files)) console.log(`    ${f.padEnd(46)} ${kib(b.raw).padStart(12)} raw ${kib(b.gzip).padStart(12)} gzip`);
}
const P = results.phone;
if (P?.note) console.log(`  phone: ${P.note}`);
else if (P) {
  console.log(`  phone ${P.viewport}, CPU ${P.cpu_throttling}x slower, default tour (${P.tour_steps} steps, link ${P.link_chars} chars):`);
  console.log(`    tour link from explorer.html (file://) to its first step painted: p50 ${P.first_step_file.p50} ms, p95 ${P.first_step_file.p95} ms (n=${P.first_step_file.n})`);
  console.log(`    step change (Next/Back) to the next painted frame: p50 ${P.step_change.frame.p50} ms, p95 ${P.step_change.frame.p95} ms; script p50/p95 ${P.step_change.script.p50}/${P.step_change.script.p95} ms (n=${P.step_change.frame.n})`);
}
console.log(`bench: wrote ${OUT}`);
