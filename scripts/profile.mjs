// Traces a kind of interaction in Chromium and sums the main thread's time by event (script,
// style, layout, paint...), with the CPU profile's top functions by self time. Not part of any
// test: a tool for deciding what to make faster (speed is measured by scripts/bench.sh).
// Run: node scripts/profile.mjs [dist-dir] [search|facet|transpose|cell] [n]
// CSS='…' injects a style sheet first (to try a rule without rebuilding).
// Wasm function names need a build that keeps them (wasm-opt strips them):
//   sed 's/data-wasm-opt="z"/data-wasm-opt="0" data-keep-debug/' index.html > index-prof.html
//   trunk build --release --dist target/prof index-prof.html && node scripts/profile.mjs target/prof
import { DIST, launchBrowser, startServer } from '../e2e/harness.mjs';
const dir = process.argv[2] || DIST;
const kind = process.argv[3] || 'search';
const n = Number(process.argv[4] || 30);
const ACT = {
  search: `const el = document.getElementById('search-input'); const w = 'cooperation '; el.value = w.slice(0, (i % w.length) + 1); el.dispatchEvent(new InputEvent('input', { bubbles: true }));`,
  search1: `const el = document.getElementById('search-input'); el.value = i % 2 ? '' : 'c'; el.dispatchEvent(new InputEvent('input', { bubbles: true }));`,
  facet: `const b = [...document.querySelectorAll('[data-testid="facet-kind"] input[type=checkbox]')]; b[i % b.length].click();`,
  transpose: `document.querySelector('[data-testid="transpose"]').click();`,
  cell: `const c = document.querySelectorAll('[data-testid="matrix"] td.has'); c[(i * 7) % c.length].click();`,
};
const server = await startServer(dir);
const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: !!process.env.CSS });
const page = await ctx.newPage();
await page.goto(`${server.origin}/index.html#/matrix`);
await page.waitForSelector('[data-testid="matrix"] td.cell');
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS });
await page.waitForTimeout(500);
const cdp = await ctx.newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
const frames = [];
for (let i = 0; i < n; i++) {
  frames.push(await page.evaluate(async ({ src, i }) => {
    const t0 = performance.now();
    new Function('i', src)(i);
    await new Promise((r) => requestAnimationFrame(() => r()));
    await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    return performance.now() - t0;
  }, { src: ACT[kind], i }));
}
const { profile } = await cdp.send('Profiler.stop');
await cdp.send('Tracing.end');
{
  const self = {};
  const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
  const cnt = {};
  for (const s of profile.samples) cnt[s] = (cnt[s] || 0) + 1;
  for (const [id, c] of Object.entries(cnt)) { const nd = byId.get(+id); const k = nd.callFrame.functionName || `(${nd.callFrame.url.split('/').pop()})`; self[k] = (self[k] || 0) + c * dt; }
  console.log('CPU self time per op (top 30):');
  for (const [k, v] of Object.entries(self).sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / n).toFixed(2).padStart(8)} ms  ${k.slice(0, 120)}`);
}
await done;
const main = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
const tids = new Set(main.map((e) => `${e.pid}:${e.tid}`));
const sum = {};
for (const e of events) {
  if (!tids.has(`${e.pid}:${e.tid}`) || e.ph !== 'X' || !e.dur) continue;
  sum[e.name] = (sum[e.name] || 0) + e.dur / 1000;
}
const top = Object.entries(sum).sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log(frames.map((f) => f.toFixed(0)).join(" "));
frames.sort((a, b) => a - b);
console.log(`${kind} n=${n} frame p50 ${frames[Math.floor(n / 2)].toFixed(1)} p95 ${frames[Math.ceil(n * 0.95) - 1].toFixed(1)} ms`);
for (const [k, v] of top) console.log(`${(v / n).toFixed(2).padStart(8)} ms/op  ${k}`);
await browser.close();
await server.close();
