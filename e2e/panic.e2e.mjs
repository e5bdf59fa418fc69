// The panic notice, in Chromium, Firefox and WebKit, against a test build that panics on purpose
// (cargo feature e2e-panic, built by scripts/test.sh into target/e2e-panic-dist; never shipped):
// at start-up (fragment containing e2e-panic=start) and in a key handler (F9) of a running app.
// A panic shows a readable notice (#fatal-error, role alert) above an inert app instead of a
// frozen view, and the harnesses see the uncaught error (so every other suite fails on one).
//
// Not picked up by `node --test e2e/` (name pattern); run: node --test e2e/panic.e2e.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, assertClean, screenshot, startHarness } from './harness.mjs';
import { startEngine } from './engines/engine.mjs';

const PANIC_DIST = process.env.E2E_PANIC_DIST || join(ROOT, 'target', 'e2e-panic-dist');
const MARKER = 'deliberate panic';
const T = { timeout: 120_000 };

const wasmOf = (dir) => readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => readFileSync(join(dir, f)));

before(() => {
  assert.ok(existsSync(join(PANIC_DIST, 'index.html')), `${PANIC_DIST} missing: build it with ` +
    '`trunk build --release --features e2e-panic --dist target/e2e-panic-dist` (scripts/test.sh does)');
});

test('the shipped build has no deliberate panic; the test build has both', () => {
  for (const w of wasmOf(DIST)) assert.equal(w.includes(MARKER), false, 'dist/ wasm without the test switch');
  assert.equal(readFileSync(join(DIST, 'explorer.html'), 'utf8').includes(MARKER), false);
  assert.ok(wasmOf(PANIC_DIST).some((w) => w.includes(`${MARKER} at start-up`) && w.includes(`${MARKER} in a key handler`)));
});

// What every engine must show after a panic, read in the page.
function notice() {
  const el = document.getElementById('fatal-error');
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return {
    role: el.getAttribute('role'),
    text: el.innerText,
    visible: r.width > 200 && r.height > 50 && r.top >= 0 && r.top < innerHeight,
    appInert: document.getElementById('app')?.hasAttribute('inert') ?? false,
    focused: document.activeElement === el,
  };
}

function checkNotice(n, where) {
  assert.ok(n, 'the panic notice is there');
  assert.equal(n.role, 'alert');
  assert.ok(n.visible, 'the notice is in view');
  assert.match(n.text, /stopped because of an internal error/);
  assert.match(n.text, /Reload the page/);
  assert.match(n.text, new RegExp(`${MARKER} ${where}`), 'the panic message is in the details');
  assert.match(n.text, /src[/\\]browser[/\\][a-z_]+\.rs:\d+/, 'with its source location');
}

// --- Chromium (playwright-core, the main harness) ----------------------------------------------

let h;
before(async () => {
  h = await startHarness({ dist: PANIC_DIST });
});
after(async () => {
  await h?.close();
});

test('chromium: a panic in a key handler shows the notice; the harness records the error', T, async () => {
  const s = await h.openApp('/#/matrix');
  try {
    await s.page.getByTestId('matrix').waitFor();
    assert.deepEqual(s.pageErrors, []);
    await s.page.keyboard.press('F9');
    await s.page.locator('#fatal-error').waitFor();
    checkNotice(await s.page.evaluate(notice), 'in a key handler');
    const n = await s.page.evaluate(notice);
    assert.ok(n.appInert && n.focused, 'the app is inert and the notice has the focus');
    await screenshot(s.page, 'panic-chromium-key');
    await s.page.waitForFunction(() => true);
    assert.ok(s.pageErrors.some((e) => /unreachable/i.test(e)), `uncaught RuntimeError recorded: ${s.pageErrors}`);
    assert.ok(s.consoleErrors.some((e) => e.includes(MARKER)), 'the panic went to the console');
    assert.throws(() => assert.deepEqual(s.pageErrors, []), 'assertClean would fail');
  } finally {
    await s.close();
  }
});

test('chromium: the harness fails a test on an uncaught error or an unhandled rejection', T, async () => {
  for (const how of ['throw', 'reject']) {
    const s = await h.openApp('/#/matrix');
    try {
      assert.deepEqual(s.pageErrors, []);
      await s.page.evaluate((how) => {
        if (how === 'throw') setTimeout(() => { throw new Error('e2e: uncaught on purpose'); });
        else Promise.reject(new Error('e2e: rejected on purpose'));
      }, how);
      await s.page.waitForFunction(() => new Promise((r) => setTimeout(() => r(true), 50)));
      assert.throws(() => assertClean(s), /uncaught page errors/, how);
    } finally {
      await s.close();
    }
  }
});

test('chromium: a panic at start-up (single file) shows the notice', T, async () => {
  const s = await h.openFile('#/matrix?e2e-panic=start', { ready: false });
  try {
    await s.page.locator('#fatal-error').waitFor();
    checkNotice(await s.page.evaluate(notice), 'at start-up');
    await screenshot(s.page, 'panic-chromium-start');
    assert.ok(s.pageErrors.length > 0, 'the error is recorded');
    assert.deepEqual(s.foreign, []);
  } finally {
    await s.close();
  }
});

// --- Firefox and WebKit ------------------------------------------------------------------------

for (const name of ['firefox', 'webkit']) {
  test(`${name}: a panic in a key handler and at start-up show the notice; uncaught errors and rejections fail assertClean`, T, async () => {
    const e = await startEngine(name, { dist: PANIC_DIST });
    try {
      const s = await e.openApp('/#/matrix');
      await s.waitSelector('[data-testid="matrix"]');
      await s.press('F9');
      await s.waitSelector('#fatal-error');
      checkNotice(await s.eval(notice), 'in a key handler');
      await s.screenshot('panic-key');
      await s.waitFor(
        () => window.__e2e && window.__e2e.errors.length > 0,
        [],
        { what: 'the uncaught error recorded in the page' },
      );
      await assert.rejects(() => s.assertClean(), 'assertClean fails after a panic');
      await s.close();

      const f = await e.openFile('#/matrix?e2e-panic=start', { ready: false });
      await f.waitSelector('#fatal-error');
      checkNotice(await f.eval(notice), 'at start-up');
      await f.screenshot('panic-start');
      await assert.rejects(() => f.assertClean(), 'assertClean fails after a panic');
      await f.close();

      // Without a panic: an uncaught error, then an unhandled rejection, each fails assertClean.
      for (const [how, why] of [['throw', /uncaught/], ['reject', /uncaught|unhandled/]]) {
        const u = await e.openApp('/#/matrix');
        await u.assertClean();
        await u.eval((how) => {
          if (how === 'throw') setTimeout(() => { throw new Error('e2e: uncaught on purpose'); });
          else Promise.reject(new Error('e2e: rejected on purpose'));
        }, how);
        await u.waitFor(() => new Promise((r) => setTimeout(() => r(true), 50)));
        await assert.rejects(() => u.assertClean(), why, `${name}: ${how}`);
        await u.close();
      }
    } finally {
      await e.close();
    }
  });
}
