// Smoke tests of the release build in dist/ (scripts/build.sh or scripts/test.sh makes it):
// the app starts over http and from file://, cleanly, and the build's files are what they claim.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, SINGLE_FILE, assertClean, screenshot, startHarness } from './harness.mjs';

const T = { timeout: 60_000 };
const INDEX = join(DIST, 'index.html');

let h;
before(async () => {
  assert.ok(existsSync(INDEX), `${INDEX} missing: run scripts/build.sh first`);
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

// --- static checks of the built files --------------------------------------------------------

function cspOf(html) {
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/i);
  assert.ok(m, 'CSP <meta> present');
  const policy = new Map();
  for (const part of m[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) policy.set(name, values);
  }
  // The policy must precede every script and style it governs.
  const first = html.search(/<(script|style|link)\b/i);
  assert.ok(m.index < first, 'CSP <meta> comes before any script, style or link');
  return policy;
}

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const inline = (html, tag) =>
  [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}\\s*>`, 'gi'))]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]))
    .map((m) => m[2]);

function assertNoLooseSources(policy) {
  for (const [name, values] of policy) {
    for (const v of values) {
      assert.ok(
        !["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'blob:'].includes(v),
        `${name} must not allow ${v}`,
      );
    }
  }
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
}

test('served index.html has a strict CSP that allows exactly its inline scripts', T, () => {
  const html = readFileSync(INDEX, 'utf8');
  const policy = cspOf(html);
  assertNoLooseSources(policy);
  const scriptSrc = policy.get('script-src');
  assert.ok(scriptSrc.includes("'self'") && scriptSrc.includes("'wasm-unsafe-eval'"));
  for (const s of inline(html, 'script')) assert.ok(scriptSrc.includes(hash(s)), 'inline script hash-allowed');
  for (const s of inline(html, 'style')) assert.ok(policy.get('style-src').includes(hash(s)), 'inline style hash-allowed');
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
});

test('explorer.html is one self-contained file under a hash-only CSP', T, () => {
  const html = readFileSync(SINGLE_FILE, 'utf8');
  const markup = html
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2')
    .replace(/<!--[\s\S]*?-->/g, '');
  const refs = [...markup.matchAll(/\s(src|href|srcset|action|formaction|poster|data|manifest)\s*=\s*["']?([^"'\s>]*)/gi)]
    .map((m) => `${m[1]}=${m[2]}`)
    .filter((r) => !/=(data:|#)/i.test(r));
  assert.deepEqual(refs, [], 'no src=/href= to anything outside the file');
  assert.doesNotMatch(html, /\bintegrity\s*=/i, 'no SRI');
  assert.doesNotMatch(markup, /rel=["']?(modulepreload|preload|stylesheet)/i, 'no preload or stylesheet links');

  const policy = cspOf(html);
  assertNoLooseSources(policy);
  const scripts = inline(html, 'script');
  const styles = inline(html, 'style');
  assert.equal(scripts.filter((s) => s.includes('module_or_path')).length, 1, 'one inline boot module');
  assert.deepEqual(
    [...policy.get('script-src')].sort(),
    [...new Set(scripts.map(hash)), "'wasm-unsafe-eval'"].sort(),
    'script-src is exactly the inline scripts\' hashes',
  );
  assert.deepEqual([...policy.get('style-src')].sort(), [...new Set(styles.map(hash))].sort());
  assert.ok(!policy.has('connect-src'), 'no connect-src: the file fetches nothing');
});

test('dist/evidence.csv is there (exported by the export-csv bin at build time)', T, () => {
  const csv = readFileSync(join(DIST, 'evidence.csv'), 'utf8');
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  assert.ok(lines.length >= 2, 'a header and at least one row');
});

// --- in the browser --------------------------------------------------------------------------

test('over http the app starts cleanly and requests nothing beyond its origin', T, async () => {
  const s = await h.openApp('/');
  try {
    await screenshot(s.page, 'smoke-http');
    assert.equal(await s.page.locator('#boot').count(), 0, 'the app replaced the loading indicator');
    assertClean(s);
    assert.ok(s.requests.some((u) => u.endsWith('.wasm')), 'the wasm came from the origin');
  } finally {
    await s.close();
  }
});

test('from file:// explorer.html starts cleanly and requests nothing but itself', T, async () => {
  const s = await h.openFile('');
  try {
    await screenshot(s.page, 'smoke-file');
    assert.equal(await s.page.locator('#boot').count(), 0, 'the app replaced the loading indicator');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('without WebAssembly the single file says so instead of loading forever', T, async () => {
  const s = await h.openFile('', {
    ready: false,
    beforeGoto: (s) => s.context.addInitScript(() => delete globalThis.WebAssembly),
  });
  try {
    const boot = s.page.locator('#boot[data-failed="1"]');
    await boot.waitFor({ timeout: 5000 });
    assert.match(await boot.innerText(), /WebAssembly/);
    await screenshot(s.page, 'watchdog-no-wasm');
    assert.deepEqual(s.foreign, []);
    assert.deepEqual(s.cspViolations, []);
  } finally {
    await s.close();
  }
});

test('when the wasm cannot be fetched the page says so at once', T, async () => {
  const s = await h.openApp('/', {
    ready: false,
    beforeGoto: (s) => s.context.route('**/*.wasm', (route) => route.abort()),
  });
  try {
    const boot = s.page.locator('#boot[data-failed="1"]');
    await boot.waitFor({ timeout: 5000 });
    assert.match(await boot.innerText(), /could not start/);
    assert.deepEqual(s.cspViolations, []);
  } finally {
    await s.close();
  }
});

test('when the inlined wasm fails to instantiate the single file says so at once', T, async () => {
  const s = await h.openFile('', {
    ready: false,
    beforeGoto: (s) =>
      s.context.addInitScript(() => {
        WebAssembly.instantiate = () => Promise.reject(new Error('instantiate refused by the test'));
      }),
  });
  try {
    const boot = s.page.locator('#boot[data-failed="1"]');
    await boot.waitFor({ timeout: 5000 });
    assert.match(await boot.innerText(), /could not start/);
    assert.deepEqual(s.foreign, []);
    assert.deepEqual(s.cspViolations, []);
  } finally {
    await s.close();
  }
});
