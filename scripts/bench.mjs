// Benchmark of the release build (dist/): start-up, interaction latency and size. Prints
// figures; asserts nothing (speed is measured, never tested). Run: bash scripts/bench.sh
//
// - start-up: navigation start to the app's ready mark (html[data-ready]) and to first
//   contentful paint, over http on 127.0.0.1 and for the single file from file://;
// - input to next frame: a search keystroke, a facet toggle, a cell selection and a layout
//   switch, each dispatched and timed to the next animation frame (p50 / p95 / max);
// - size: every dist file raw and gzipped.

import { pathToFileURL } from 'node:url';
import { startServer, launchBrowser, DIST, SINGLE_FILE } from '../e2e/harness.mjs';
import { loadCsv } from '../e2e/pages.mjs';
import { dirSizes, kib } from './sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function startup(browser, url) {
  const ready = [];
  const fcp = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="1"]', { timeout: 20000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      return { ready: performance.now() - (nav ? nav.startTime : 0), fcp: paint ? paint.startTime : NaN };
    });
    ready.push(t.ready);
    if (!Number.isNaN(t.fcp)) fcp.push(t.fcp);
    await ctx.close();
  }
  return { ready, fcp };
}

// Dispatches `act` in the page and measures to the next frame after Yew's render.
async function interaction(page, act, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const ms = await page.evaluate(async (src) => {
      const fn = new Function('i', src);
      const t0 = performance.now();
      fn(window.__benchI = (window.__benchI || 0) + 1);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, act);
    out.push(ms);
  }
  return out;
}

const server = await startServer(DIST);
const browser = await launchBrowser();
try {
  console.log(`bench: ${RUNS} runs each, Chromium headless, 1440x900`);
  const http = await startup(browser, `${server.origin}/index.html#/matrix`);
  console.log(`start-up over http (#/matrix): ready ${fmt(http.ready)}; first contentful paint ${http.fcp.length ? fmt(http.fcp) : 'n/a'}`);
  const file = await startup(browser, `${pathToFileURL(SINGLE_FILE).href}#/matrix`);
  console.log(`start-up of the single file from file:// (#/matrix): ready ${fmt(file.ready)}; first contentful paint ${file.fcp.length ? fmt(file.fcp) : 'n/a'}`);

  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/index.html#/matrix`);
  await page.waitForSelector('html[data-ready="1"]');
  // Typed: the longest word of the evidence titles (from the build's evidence.csv), letter by letter.
  const word = `${loadCsv().flatMap((r) => r.evidence_title.match(/\p{L}+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '')} `;
  const typing = await interaction(page, `
    const el = document.getElementById('search-input');
    const word = ${JSON.stringify(word)};
    el.value = word.slice(0, (i % word.length) + 1);
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));`, 48);
  console.log(`search keystroke -> next frame: ${fmt(typing)}`);
  await page.evaluate(() => { const el = document.getElementById('search-input'); el.value = ''; el.dispatchEvent(new InputEvent('input', { bubbles: true })); });
  const facet = await interaction(page, `
    const boxes = [...document.querySelectorAll('[data-testid="facet-kind"] input[type=checkbox]')];
    boxes[i % boxes.length].click();`, 40);
  console.log(`facet toggle -> next frame: ${fmt(facet)}`);
  await page.evaluate(() => document.querySelectorAll('[data-testid="facet-kind"] input:checked').forEach((b) => b.click()));
  const select = await interaction(page, `
    const cells = document.querySelectorAll('[data-testid="matrix"] td.has');
    cells[(i * 7) % cells.length].click();`, 40);
  console.log(`cell selection (panel opens) -> next frame: ${fmt(select)}`);
  const layout = await interaction(page, `document.querySelector('[data-testid="transpose"]').click();`, 20);
  console.log(`transpose switch -> next frame: ${fmt(layout)}`);
  await ctx.close();

  const files = dirSizes(DIST);
  console.log('size of dist/ (raw, gzip -9):');
  for (const f of files) console.log(`  ${f.file.padEnd(46)} ${kib(f.raw).padStart(12)} ${kib(f.gzip).padStart(12)}`);
  const sum = (xs, k) => xs.reduce((t, f) => t + f[k], 0);
  const served = files.filter((f) => f.file !== 'explorer.html' && f.file !== 'evidence.csv' && !f.file.endsWith('.json'));
  console.log(`  total ${kib(sum(files, 'raw'))} raw, ${kib(sum(files, 'gzip'))} gzip; the served app alone (index.html, js, wasm, css) ${kib(sum(served, 'gzip'))} gzip`);
} finally {
  await browser.close();
  await server.close();
}
