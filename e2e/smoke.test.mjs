// Smoke tests of the release build in dist/ (scripts/build.sh or scripts/test.sh makes it):
// the app starts over http and from file://, cleanly, and the build's files are what they claim.
// Corpus-independent: the test command runs it twice, on dist/ and (E2E_DIST=dist-tiny) on the
// tiny fixture corpus.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { externalRefs, inlineContents, readCsp, sha256 } from '../scripts/csp.mjs';
import { DIST, SINGLE_FILE, assertClean, harnessForFile, screenshot } from './harness.mjs';
import { BOM, CSV_COLUMNS, csvStats, loadCsv, loadSummary, readCsvFile } from './pages.mjs';

const T = { timeout: 60_000 };
const INDEX = join(DIST, 'index.html');

before(() => {
  assert.ok(existsSync(INDEX), `${INDEX} missing: run scripts/build.sh first`);
});
const h = harnessForFile();

// --- static checks of the built files --------------------------------------------------------

function cspOf(html) {
  const csp = readCsp(html);
  assert.ok(csp, 'CSP <meta> present');
  // The policy must precede every script and style it governs.
  const first = html.search(/<(script|style|link)\b/i);
  assert.ok(csp.index < first, 'CSP <meta> comes before any script, style or link');
  return csp.policy;
}

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
  const { scripts, styles } = inlineContents(html);
  assert.ok(scripts.length > 0, 'the watchdog and the initializer are inline scripts');
  for (const s of scripts) assert.ok(scriptSrc.includes(sha256(s)), 'inline script hash-allowed');
  for (const s of styles) assert.ok(policy.get('style-src').includes(sha256(s)), 'inline style hash-allowed');
  assert.deepEqual(policy.get('connect-src'), ["'self'"]);
});

test('explorer.html is one self-contained file under a hash-only CSP', T, () => {
  const html = readFileSync(SINGLE_FILE, 'utf8');
  assert.deepEqual(externalRefs(html), [], 'no src=/href= to anything outside the file');
  assert.doesNotMatch(html, /\bintegrity\s*=/i, 'no SRI');
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2');
  assert.doesNotMatch(markup, /rel=["']?(modulepreload|preload|stylesheet)/i, 'no preload or stylesheet links');

  const policy = cspOf(html);
  assertNoLooseSources(policy);
  const { scripts, styles } = inlineContents(html);
  assert.equal(scripts.filter((s) => s.includes('module_or_path')).length, 1, 'one inline boot module');
  assert.deepEqual(
    [...policy.get('script-src')].sort(),
    [...new Set(scripts.map(sha256)), "'wasm-unsafe-eval'"].sort(),
    'script-src is exactly the inline scripts\' hashes',
  );
  assert.deepEqual([...policy.get('style-src')].sort(), [...new Set(styles.map(sha256))].sort());
  assert.ok(!policy.has('connect-src'), 'no connect-src: the file fetches nothing');
});

test('dist/evidence.csv is RFC 4180 with the documented columns, a row per quote of the corpus', T, () => {
  const { header, rows } = readCsvFile();
  assert.deepEqual(header, CSV_COLUMNS, 'the documented columns, in order');
  assert.ok(rows.length > 0, 'at least one row');
  const bad = rows.filter((r) => r.length !== header.length);
  assert.deepEqual(bad.slice(0, 3), [], `every row has ${header.length} fields`);
  const raw = readFileSync(join(DIST, 'evidence.csv'), 'utf8');
  assert.ok(raw.startsWith(BOM), 'a UTF-8 byte-order mark first (for Excel)');
  assert.ok(raw.endsWith('\r\n') && !/[^\r]\n/.test(raw.replace(/"[^"]*"/g, '')), 'CRLF line ends');
  const csv = loadCsv();
  const summary = loadSummary();
  const all = csvStats(csv);
  assert.equal(all.quotes, summary.counts.csv_rows, 'one row per quote');
  assert.equal(all.quotes, summary.counts.quotes);
  assert.equal(all.codings.size, summary.counts.codings, 'every coding has its rows');
  const coded = summary.evidence.filter((e) => e.codings > 0).map((e) => e.id).sort();
  assert.deepEqual([...all.evidence].sort(), coded, 'the evidence items with codings');
  const ids = new Set(summary.papers.map((p) => p.id));
  for (const r of csv) {
    assert.ok(ids.has(r.paper_id), `paper ${r.paper_id} is in the corpus summary`);
    assert.ok(r.link.startsWith(`index.html#/read/${r.paper_id}`), `link of a ${r.paper_id} quote opens it: ${r.link}`);
    assert.ok(r.quote.trim() !== '', 'a quote is never empty');
  }
});

test('dist/corpus-summary.json names every paper with a unique mark, and its counts add up', T, () => {
  const summary = loadSummary();
  const marks = summary.papers.map((p) => p.mark);
  assert.equal(new Set(marks).size, marks.length, `unique marks: ${marks}`);
  assert.equal(summary.papers.length, summary.counts.papers);
  const sum = (k) => summary.papers.reduce((t, p) => t + p[k], 0);
  for (const k of ['categories', 'codings', 'quotes']) assert.equal(sum(k), summary.counts[k], `papers' ${k} add up`);
  assert.ok(summary.counts.shared_evidence <= summary.counts.evidence);
  for (const p of summary.papers) assert.equal(csvStats(loadCsv(), (r) => r.paper_id === p.id).quotes, p.quotes, `quotes of ${p.id}`);
});

// --- in the browser --------------------------------------------------------------------------

test('over http the app starts cleanly and requests nothing beyond its origin', T, async () => {
  const s = await h.openApp('/');
  try {
    await screenshot(s.page, 'smoke-http');
    assert.equal(await s.page.locator('#boot').count(), 0, 'the app replaced the loading indicator');
    assert.equal(await s.page.title(), loadSummary().corpus.title, 'the landing page is titled with the corpus');
    assert.equal(await s.page.getByTestId('paper-card').count(), loadSummary().papers.length, 'a card per paper');
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
    assert.equal(await s.page.title(), loadSummary().corpus.title, 'the landing page is titled with the corpus');
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
