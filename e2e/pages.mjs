// A small page object and data helpers shared by the e2e suites (reader, matrix, share).
// Everything waits on DOM conditions (selectors, attributes, text), never on fixed delays.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT } from './harness.mjs';

export const CSV_PATH = join(DIST, 'evidence.csv');
export const SUMMARY_PATH = join(DIST, 'corpus-summary.json');
/** The columns of evidence.csv, in order (ARCHITECTURE.md, "Exports"). */
export const CSV_COLUMNS = [
  'paper_id', 'paper_title', 'section', 'category_id', 'category_label', 'partner', 'dimension',
  'evidence_id', 'evidence_title', 'date', 'theatre', 'kind', 'domain', 'quote', 'link',
  'rationale', 'corpus_version',
];
/** The byte-order mark evidence.csv starts with (for Excel); a CSV reader skips it. */
export const BOM = '\uFEFF';
/** Timeout for a UI reaction (a re-render after a click, a route change). */
export const UI_TIMEOUT = 10_000;

// --- dist/evidence.csv ------------------------------------------------------------------------

/** RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF. Returns arrays of fields. */
export function parseCsvText(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The header and rows of dist/evidence.csv as arrays of fields. */
export function readCsvFile(path = CSV_PATH) {
  assert.ok(existsSync(path), `${path} missing: run scripts/build.sh first`);
  const text = readFileSync(path, 'utf8');
  const [header, ...rows] = parseCsvText(text.startsWith(BOM) ? text.slice(1) : text);
  return { header, rows };
}

let csvCache;
/** The rows of dist/evidence.csv as objects keyed by the header. */
export function loadCsv() {
  if (csvCache) return csvCache;
  const { header, rows } = readCsvFile();
  assert.deepEqual(header, CSV_COLUMNS, 'evidence.csv header');
  csvCache = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  assert.ok(csvCache.length > 0, 'evidence.csv has rows');
  return csvCache;
}

let summaryCache;
/** dist/corpus-summary.json, written by the build from the corpus it embeds (format in
 *  crates/core/src/share/summary.rs): { corpus: { title, version, hash }, counts: { papers,
 *  categories, evidence, codings, quotes, csv_rows, shared_evidence, … }, papers: [{ id, mark,
 *  title, short_title, categories, codings, quotes, sections, footnotes }], categories,
 *  evidence, codings, … }. */
export function loadSummary() {
  if (summaryCache) return summaryCache;
  assert.ok(existsSync(SUMMARY_PATH), `${SUMMARY_PATH} missing: run scripts/build.sh first`);
  summaryCache = JSON.parse(readFileSync(SUMMARY_PATH, 'utf8'));
  assert.equal(summaryCache.format, 1, 'corpus-summary.json format 1');
  assert.ok(summaryCache.papers.length > 0, 'the corpus has papers');
  for (const p of summaryCache.papers) assert.ok(p.id && p.mark, `paper ${JSON.stringify(p)} has an id and a mark`);
  return summaryCache;
}

/** Paper ids in corpus order. */
export const paperIds = () => loadSummary().papers.map((p) => p.id);
/** The mark letter(s) of a paper. */
export const markOf = (id) => loadSummary().papers.find((p) => p.id === id)?.mark;
/** The papers, most of `key` (a figure of the summary's papers: 'quotes', 'footnotes', …) first. */
export const papersBy = (key) => [...loadSummary().papers].sort((a, b) => b[key] - a[key]);

/** Counts the matrix summary states, for the CSV rows passing `pred`. */
export function csvStats(rows, pred = () => true) {
  const r = rows.filter(pred);
  return {
    rows: r,
    evidence: new Set(r.map((x) => x.evidence_id)),
    categories: new Set(r.map((x) => x.category_id)),
    codings: new Set(r.map((x) => `${x.evidence_id}\u0000${x.category_id}`)),
    quotes: r.length,
  };
}

/** Distinct values of a column, in first-seen order. */
export const distinct = (rows, col) => [...new Set(rows.map((r) => r[col]))];

/** Texts folded by the core itself (its text-fold bin): 'quote' folds as quotes are matched
 *  against the papers (whitespace, quote marks, dashes), 'search' as search matches (also case
 *  and diacritics). */
export function coreFold(mode, texts) {
  if (texts.length === 0) return [];
  const r = spawnSync('cargo', ['run', '-q', '--release', '-p', 'evidence-core', '--bin', 'text-fold', '--', mode], {
    cwd: ROOT,
    input: texts.join('\0'),
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `text-fold ${mode} failed: ${r.error ?? r.stderr}`);
  return r.stdout.split('\0');
}
/** The quotes as the explorer matches them (`text::quote_fold`). */
export const foldQuotes = (...texts) => coreFold('quote', texts);
/** The texts as search matches them (`text::search_fold`). */
export const foldSearch = (...texts) => coreFold('search', texts);

// --- the page ---------------------------------------------------------------------------------

/** Counts shown in data-testid=matrix-summary. */
export async function summary(page) {
  const text = await page.getByTestId('matrix-summary').innerText();
  const m = text.match(/(\d+) categor\w* × (\d+) pieces? of evidence · (\d+) codings? · (\d+) quotes?/);
  assert.ok(m, `matrix summary has the expected shape: ${JSON.stringify(text)}`);
  return { text, categories: +m[1], evidence: +m[2], codings: +m[3], quotes: +m[4] };
}

/** Waits until `fn(arg)` is truthy in the page. */
export function waitFor(page, fn, arg, timeout = UI_TIMEOUT) {
  return page.waitForFunction(fn, arg, { timeout });
}

/** Retries an async assertion until it passes (for composite DOM checks after a re-render). */
export async function eventually(check, { timeout = UI_TIMEOUT, page } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      // Yield to the page for one animation frame rather than sleeping a fixed time.
      if (page) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      else await new Promise((r) => setImmediate(r));
    }
  }
}

/**
 * A fragment without the corpus version the app writes into every address (`cv=`), and
 * without the bare `?v=1` that is left when the version was the only key: what the view is.
 * `view('#/read/x?v=1&cv=ab12')` is `'#/read/x'`.
 */
const VERSION_KEY = '([?&])cv=[^&]*(&|$)';
export const view = (hash) => hash.replace(new RegExp(VERSION_KEY), (_, a, b) => (b ? a : '')).replace(/\?v=1$/, '');

/** The URL fragment without '#' and without the corpus version (see `view`). */
export const fragment = async (page) => view(await page.evaluate(() => decodeURIComponent(location.hash.slice(1))));

/** The address's `#` fragment as the page has it (not decoded), without the corpus version. */
export const hash = async (page) => view(await page.evaluate(() => location.hash));

/** Waits until the fragment (decoded, without the corpus version) satisfies `re`. */
export function waitForFragment(page, re, timeout = UI_TIMEOUT) {
  return page.waitForFunction(
    ([src, flags, strip]) => {
      const f = decodeURIComponent(location.hash.slice(1)).replace(new RegExp(strip), (_, a, b) => (b ? a : '')).replace(/\?v=1$/, '');
      return new RegExp(src, flags).test(f);
    },
    [re.source, re.flags, VERSION_KEY],
    { timeout },
  );
}

/** How a place reads in the explorer: evidence whose sources give no place (an empty
 *  `theatre` in evidence.csv) reads "no place given". */
export const placeLabel = (place) => place || 'no place given';

/** The facet checkbox for a value. */
export const facetBox = (page, facet, value) =>
  page.locator(`[data-testid="facet-${facet}"] input[type="checkbox"][data-value="${value.replace(/"/g, '\\"')}"]`);

/** Clicks a facet checkbox and waits for its checked state to flip and the URL to follow. */
export async function toggleFacet(page, facet, value) {
  const box = facetBox(page, facet, value);
  const was = await box.isChecked();
  await box.click();
  await waitFor(
    page,
    ([facet, value, want]) => {
      const el = [...document.querySelectorAll(`[data-testid="facet-${facet}"] input[type="checkbox"]`)].find(
        (i) => i.dataset.value === value,
      );
      return el && el.checked === want;
    },
    [facet, value, !was],
  );
}

/** The checked values of every facet: { paper: [...], kind: [...] }. */
export const checkedFacets = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const i of document.querySelectorAll('[data-testid^="facet-"] input[type="checkbox"]:checked')) {
      (out[i.dataset.facet] ||= []).push(i.dataset.value);
    }
    for (const k of Object.keys(out)) out[k].sort();
    return out;
  });

/** The count shown beside a facet value. */
export async function facetCount(page, facet, value) {
  const box = facetBox(page, facet, value);
  const text = await box.locator('xpath=ancestor::label').locator('.count').innerText();
  return Number(text.trim());
}

/** Column header titles ("Evidence title (date)") in order. */
export const columnTitles = (page) =>
  page.locator('[data-testid="matrix"] [data-testid="col-head"]').evaluateAll((ths) => ths.map((t) => t.title));

/** Row header texts of the non-aggregate category rows, with their paper mark. */
export const categoryRows = (page) =>
  page.locator('[data-testid="matrix"] tr[data-testid="matrix-row"]:not(.agg) th.row-head').evaluateAll((ths) =>
    ths.map((th) => ({
      mark: th.querySelector('.mark')?.textContent.trim() ?? '',
      text: th.textContent.trim(),
    })),
  );

/** Whether an element's box intersects the viewport. */
export const inViewport = (page, selector) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && r.bottom >= 0 && r.top <= innerHeight && r.right >= 0 && r.left <= innerWidth;
  }, selector);

/** Waits until the element is in the viewport. */
export const waitInViewport = (page, selector, timeout = UI_TIMEOUT) =>
  page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return (r.width > 0 || r.height > 0) && r.bottom >= 0 && r.top <= innerHeight && r.right >= 0 && r.left <= innerWidth;
    },
    selector,
    { timeout },
  );

/** The text of the opened quote: every mark.focus run, in document order. */
export const focusText = (page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-testid="reader"] mark.focus')].map((m) => m.textContent).join(''));

/** The id of the focused element. */
export const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Records dialogs (alert/confirm/prompt), dismissing them, into the returned array. */
export function recordDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

/** A CSV row's expected evidence-title header text: "title (date)". */
export const columnTitleOf = (row) => `${row.evidence_title} (${row.date})`;

/** The CSV rows of the coding with the most quotes (a cell worth opening). */
export function mostQuotedCoding(csv) {
  const byCoding = new Map();
  for (const r of csv) {
    const k = `${r.category_id}~${r.evidence_id}`;
    byCoding.set(k, [...(byCoding.get(k) ?? []), r]);
  }
  return [...byCoding.values()].sort((a, b) => b.length - a.length)[0];
}

/** Opens the top bar's "More" menu (open a shared link, presenter view, print, theme), unless open. */
export async function openMenu(page) {
  const menu = page.getByTestId('more-menu');
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  return menu;
}
