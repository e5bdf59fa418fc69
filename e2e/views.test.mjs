// The views of issue 9: overview (evidence gap map), methods, corpus version on links, exports
// of the selection. Expected values come from the build's dist/evidence.csv, never from
// constants about the papers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, assertClean, axe, screenshot, startHarness } from './harness.mjs';
import { csvStats, distinct, eventually, foldQuotes, loadCsv, loadSummary, parseCsvText, openMenu, summary, waitFor, waitForFragment } from './pages.mjs';

const T = { timeout: 120_000 };
let h;
let csv;
before(async () => {
  csv = loadCsv();
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** The paper whose categories carry the most codings in evidence.csv. */
const busiestPaper = () => {
  const n = new Map();
  for (const r of csv) n.set(r.paper_id, (n.get(r.paper_id) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0];
};

/** The overview table as { rowId: { colId: value } } (values as strings: numbers or "na"). */
const overviewCells = (page, test = 'overview') =>
  page.evaluate((t) => {
    const out = {};
    for (const tr of document.querySelectorAll(`[data-testid="${t}"] tr[data-testid="ov-row"]`)) {
      const row = (out[tr.dataset.row] = {});
      for (const td of tr.querySelectorAll('td[data-col]')) row[td.dataset.col] = td.dataset.value;
    }
    return out;
  }, test);

/** Expected overview cells from CSV rows: category rows × one column attribute. */
function expectedCells(rows, colOf, measure) {
  const out = {};
  const add = (cat, col, r) => {
    const cell = ((out[cat] ||= {})[col] ||= { ev: new Set(), cod: new Set(), q: 0 });
    cell.ev.add(r.evidence_id);
    cell.cod.add(`${r.evidence_id}~${r.category_id}`);
    cell.q += 1;
  };
  for (const r of rows) {
    add(r.category_id, colOf(r), r);
    add(r.category_id, 'total', r);
  }
  const value = (c) => (measure === 'evidence' ? c.ev.size : measure === 'codings' ? c.cod.size : c.q);
  return Object.fromEntries(
    Object.entries(out).map(([cat, cols]) => [cat, Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, String(value(c))]))]),
  );
}

function compareOverview(got, want, label) {
  for (const [cat, cols] of Object.entries(want)) {
    assert.ok(got[cat], `${label}: overview has a row for ${cat}`);
    for (const [col, v] of Object.entries(cols)) assert.equal(got[cat][col], v, `${label}: ${cat} × ${col}`);
  }
  // Every other cell of the overview is empty (0) or does not apply.
  for (const [cat, cols] of Object.entries(got)) {
    for (const [col, v] of Object.entries(cols)) {
      if (want[cat]?.[col] === undefined) assert.ok(v === '0' || v === 'na', `${label}: ${cat} × ${col} should be empty, is ${v}`);
    }
  }
}

for (const [where, open] of [
  ['http', (hash) => h.openApp(`/${hash}`)],
  ['file://', (hash) => h.openFile(hash)],
]) {
  test(`overview counts for a filtered state equal those computed from evidence.csv (${where})`, T, async () => {
    const paper = busiestPaper();
    const rows = csv.filter((r) => r.paper_id === paper);
    for (const measure of ['evidence', 'codings', 'quotes']) {
      const s = await open(`#/overview?v=1&paper=${paper}${measure === 'evidence' ? '' : `&count=${measure}`}`);
      try {
        await s.page.getByTestId('overview').waitFor();
        const got = await overviewCells(s.page);
        compareOverview(got, expectedCells(rows, (r) => r.kind, measure), `${where} kind/${measure}`);
        // Rows of the other papers are filtered out.
        const otherCats = new Set(csv.filter((r) => r.paper_id !== paper).map((r) => r.category_id));
        for (const cat of Object.keys(got)) assert.ok(!otherCats.has(cat), `row ${cat} of another paper is hidden`);
        assertClean(s);
      } finally {
        await s.close();
      }
    }
  });
}

test('overview by place and by paper; does-not-apply cells; legend states the rule', T, async () => {
  const s = await h.openApp('/#/overview?v=1&ocols=place');
  try {
    await s.page.getByTestId('overview').waitFor();
    compareOverview(await overviewCells(s.page), expectedCells(csv, (r) => r.theatre, 'evidence'), 'place/evidence');
    await s.page.getByTestId('ov-cols-paper').click();
    await waitForFragment(s.page, /ocols=paper/);
    await eventually(async () => {
      const got = await overviewCells(s.page);
      compareOverview(got, expectedCells(csv, (r) => r.paper_id, 'evidence'), 'paper/evidence');
      // A category's cell under another paper does not apply.
      const r = csv[0];
      const other = distinct(csv, 'paper_id').find((p) => p !== r.paper_id);
      assert.equal(got[r.category_id][other], 'na');
    }, { page: s.page });
    const na = await s.page.locator('[data-testid="overview"] td.na').first().innerText();
    assert.match(na, /does not apply/);
    await s.page.getByTestId('ov-count-presence').click();
    await waitForFragment(s.page, /count=presence/);
    const rule = await s.page.getByTestId('overview-rule').innerText();
    assert.match(rule, /at least one evidence item/);
    assert.match(await s.page.getByTestId('overview-legend').innerText(), /no evidence cited/);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('an overview cell opens the matrix narrowed to it', T, async () => {
  const s = await h.openApp('/#/overview');
  try {
    const page = s.page;
    await page.getByTestId('overview').waitFor();
    const link = page.locator('[data-testid="overview"] td.ov-cell:not(.ov-total) a').first();
    const cat = await link.evaluate((a) => a.closest('tr').dataset.row);
    const kind = await link.evaluate((a) => a.closest('td').dataset.col);
    const value = Number(await link.evaluate((a) => a.closest('td').dataset.value));
    await link.click();
    await page.getByTestId('matrix').waitFor();
    await waitForFragment(page, new RegExp(`category=${cat}.*kind=${kind}`));
    const st = csvStats(csv, (r) => r.category_id === cat && r.kind === kind);
    assert.equal(st.evidence.size, value, 'the cell counted the distinct evidence items');
    await eventually(async () => {
      const got = await summary(page);
      assert.equal(got.evidence, st.evidence.size);
      assert.equal(got.codings, st.codings.size);
      assert.equal(got.quotes, st.quotes);
    }, { page });
    await page.getByTestId('panel').waitFor();
    assert.equal(await page.locator('[data-testid="panel"] [data-testid="quote"]').count(), st.quotes);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('the overview fits a 1280x720 screen without scrolling, with year bins too', T, async () => {
  for (const hash of ['#/overview', '#/overview?v=1&rows=dim&ocols=years', '#/overview?v=1&ocols=place']) {
    const s = await h.openApp(`/${hash}`, { contextOptions: { viewport: { width: 1280, height: 720 } } });
    try {
      await s.page.getByTestId('overview').waitFor();
      const size = await s.page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
      await screenshot(s.page, `views-overview-${hash.replace(/\W+/g, "-")}`);
      assert.ok(size.w <= 1280, `${hash}: no horizontal scroll (${size.w})`);
      assert.ok(size.h <= 720, `${hash}: no vertical scroll (${size.h})`);
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test('the top bar at 1280 wide: one row, the search field shows its whole placeholder; the More menu closes by Escape and outside clicks', T, async () => {
  const s = await h.openApp('/#/matrix', { contextOptions: { viewport: { width: 1280, height: 720 } } });
  try {
    const page = s.page;
    await page.getByTestId('matrix').waitFor();
    const bar = await page.locator('.topbar').boundingBox();
    const nav = await page.getByTestId('nav-matrix').boundingBox();
    assert.ok(bar.height < nav.height * 2.2, `one row (${bar.height}px)`);
    const fits = await page.getByTestId('search').evaluate((e) => {
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;font:' + getComputedStyle(e).font;
      probe.textContent = e.placeholder;
      document.body.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { need, have: e.clientWidth };
    });
    assert.ok(fits.have >= fits.need, `the placeholder needs ${fits.need}px, the field has ${fits.have}px`);
    await screenshot(page, 'views-topbar-1280');
    const menu = await openMenu(page);
    await page.getByTestId('theme-select').waitFor();
    await screenshot(page, 'views-topbar-menu');
    await page.keyboard.press('Escape');
    await waitFor(page, () => !document.querySelector('[data-testid="more-menu"]').open);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY', 'focus back on the menu button');
    await openMenu(page);
    await page.getByTestId('matrix-summary').click();
    await waitFor(page, () => !document.querySelector('[data-testid="more-menu"]').open);
    assert.equal(await menu.evaluate((d) => d.open), false);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('methods page: papers, every category with its definition, crosswalk, rules, numbers, version', T, async () => {
  const s = await h.openApp('/#/about');
  try {
    const page = s.page;
    await page.getByTestId('methods').waitFor();
    const cats = await page.locator('[data-testid="methods-category"]').evaluateAll((els) => els.map((e) => e.dataset.category));
    for (const c of distinct(csv, 'category_id')) assert.ok(cats.includes(c), `category ${c} is described`);
    assert.ok((await page.getByTestId('methods-definition').count()) >= cats.length);
    assert.ok((await page.getByTestId('crosswalk-link').count()) > 0);
    const text = await page.getByTestId('methods').innerText();
    for (const want of ['Coding rules', 'How every number is computed', 'verbatim', 'Completeness sweep']) assert.ok(text.includes(want), want);
    assert.match(await page.getByTestId('methods-version').innerText(), /codebook|corpus version/);
    await screenshot(page, 'views-methods');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('methods page: the agreement study shows the figures the build computed, per paper and pooled', T, async () => {
  const a = loadSummary().agreement;
  const s = await h.openApp('/#/about');
  try {
    const page = s.page;
    await page.getByTestId('methods').waitFor();
    if (!a) {
      await page.getByTestId('methods-no-agreement').waitFor();
      assertClean(s);
      return;
    }
    const rows = a.papers.map((p) => [p.paper, p.figures]);
    if (a.papers.length > 1) rows.push(['overall', a.overall]);
    const cells = (table, id) =>
      page.locator(`[data-testid="${table}"] tr[data-paper="${id}"] td`).allInnerTexts();
    for (const [id, f] of rows) {
      assert.deepEqual(await cells('agreement-stage1', id), [
        String(f.first_mentions), String(f.second_mentions),
        String(f.units.both), String(f.units.only_first), String(f.units.only_second), f.units_pa.text,
      ], `stage 1 of ${id}`);
      assert.deepEqual(await cells('agreement-stage2', id), [
        String(f.units.both), String(f.agreed), f.kappa.text, f.alpha.text, f.decisions_pa.text,
      ], `stage 2 of ${id}`);
      assert.deepEqual(await cells('agreement-items', id), [
        String(f.items.both), String(f.items.only_first), String(f.items.only_second), f.items_pa.text, String(f.clusters),
      ], `whole items of ${id}`);
      // An estimate with an interval reads "v (lo–hi)" and the interval brackets the value.
      if (f.units_pa.low !== null) assert.ok(f.units_pa.low <= f.units_pa.value && f.units_pa.value <= f.units_pa.high);
    }
    // Per category, on the units both found.
    await page.getByTestId('agreement-categories').locator('summary').click();
    for (const p of a.papers) {
      for (const k of p.categories) {
        const t = await page.locator(`[data-testid="agreement-categories"] tr[data-category="${k.category}"] td`).allInnerTexts();
        assert.deepEqual(t, [String(k.tally.both), String(k.tally.only_first), String(k.tally.only_second), k.pa.text], k.category);
      }
    }
    // The resolutions: how many went each way, and the total.
    const res = await page.locator('[data-testid="agreement-resolutions"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    const sum = (i) => res.reduce((n, r) => n + r[i], 0);
    assert.deepEqual([sum(0), sum(1), sum(2)], [a.resolutions.first_coder, a.resolutions.second_coder, a.resolutions.neither]);
    assert.equal(sum(0) + sum(1) + sum(2), a.disagreements);
    if (a.crosswalk) {
      const cw = await page.getByTestId('agreement-crosswalk').innerText();
      assert.ok(cw.startsWith(`${a.crosswalk.agreed} of ${a.crosswalk.links} categories`), cw);
      assert.ok(cw.includes(a.crosswalk.kappa.text), cw);
    }
    // Which papers are double-coded, the units defined, and what the figures do not show.
    const protocol = await page.getByTestId('agreement-protocol').innerText();
    for (const p of a.papers) {
      const title = loadSummary().papers.find((x) => x.id === p.paper).short_title;
      assert.ok(protocol.includes(title), `${title} is named as double-coded`);
    }
    assert.match(await page.getByTestId('agreement-units-defined').innerText(), /touch a common sentence/);
    assert.ok((await page.getByTestId('agreement-limits').locator('li').count()) >= 4);
    assert.equal(loadSummary().counts.double_coded_papers, a.papers.length);
    // The section alone (the page is long): what a reviewer reads.
    await page.getByTestId('methods-agreement').screenshot({ path: join(ARTIFACTS, 'views-methods-agreement.png') });
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a link made with another corpus version opens with a notice naming what no longer exists', T, async () => {
  for (const open of [(x) => h.openApp(`/${x}`), (x) => h.openFile(x)]) {
    const cat = csv[0].category_id;
    const s = await open(`#/matrix?v=1&category=${cat},gone-category&cv=zz0ld999`);
    try {
      const notice = s.page.getByTestId('version-notice');
      await notice.waitFor();
      const t = await notice.innerText();
      assert.match(t, /zz0ld999/);
      assert.match(t, /gone-category/);
      // The view opens with what still exists.
      await waitForFragment(s.page, new RegExp(`category=${cat}`));
      const frag = await s.page.evaluate(() => location.hash);
      assert.ok(!frag.includes('zz0ld999'), 'the old version is not carried on');
      await screenshot(s.page, 'views-version-notice');
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

for (const [name, path] of [
  ['overview', '/#/overview'],
  ['overview-dimensions-years', '/#/overview?v=1&rows=dim&ocols=years&count=quotes'],
  ['methods', '/#/about'],
  ['timeline', '/#/timeline?v=1&lanes=category'],
  ['compare', '/#/compare'],
]) {
  test(`axe: no serious or critical violation on ${name}`, T, async () => {
    const s = await h.openApp(path);
    try {
      const v = (await axe(s.page)).filter((x) => x.impact === 'serious' || x.impact === 'critical');
      assert.deepEqual(v.map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

/** The most frequent value of `col` among `rows`. */
const mostFrequent = (rows, col) => {
  const n = new Map();
  for (const r of rows) n.set(r[col], (n.get(r[col]) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0];
};

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const text = readFileSync(await dl.path(), 'utf8');
  return { name: dl.suggestedFilename(), text };
}

for (const where of ['http', 'file://']) {
  test(`both exports download exactly the filtered selection (${where})`, T, async () => {
    const paper = busiestPaper();
    const kind = mostFrequent(csv.filter((r) => r.paper_id === paper), 'kind');
    const want = csv.filter((r) => r.paper_id === paper && r.kind === kind);
    const hash = `#/matrix?v=1&paper=${paper}&kind=${kind}`;
    const s = where === 'http' ? await h.openApp(`/${hash}`) : await h.openFile(hash);
    try {
      const page = s.page;
      await page.getByTestId('matrix').waitFor();
      const { name, text } = await download(page, 'export-csv');
      assert.equal(name, `evidence-matrix-paper-${paper}-kind-${kind}.csv`);
      assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a byte-order mark (Excel reads it as UTF-8)');
      const [header, ...rows] = parseCsvText(text.slice(1));
      const full = parseCsvText(readFileSync(new URL('../dist/evidence.csv', import.meta.url), 'utf8').replace(/^\uFEFF/, ''))[0];
      assert.deepEqual(header, full, 'the columns of evidence.csv');
      const objs = rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
      const key = (r) => `${r.category_id}|${r.evidence_id}|${r.quote}`;
      assert.deepEqual(objs.map(key).sort(), want.map(key).sort(), 'rows equal the filtered selection');
      const cv = want[0].corpus_version;
      for (const r of objs) {
        if (cv) assert.ok(r.link.includes(`cv=${cv}`), `the link carries the corpus version: ${r.link}`);
        if (where === 'http') assert.ok(r.link.startsWith(`${h.origin}/`), `absolute link: ${r.link}`);
        else assert.ok(r.link.startsWith('explorer.html#/read/'), `link relative to explorer.html: ${r.link}`);
      }
      // Accents and curly quotes survive (compare with evidence.csv's own text).
      const md = await download(page, 'export-md');
      assert.equal(md.name, `evidence-matrix-paper-${paper}-kind-${kind}.md`);
      assert.equal((md.text.match(/^> “/gm) || []).length, want.length, 'one blockquote per quote');
      for (const r of want.slice(0, 5)) assert.ok(md.text.includes(r.category_label.replace(/([\\`*_[\]<>#|])/g, '\\$1')), `category heading ${r.category_label}`);
      assert.match(md.text, where === 'http' ? new RegExp(`\\(${h.origin}/[^)]*#/read/`) : /\(explorer\.html#\/read\//);
      await screenshot(page, `views-export-${where === 'http' ? 'http' : 'file'}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test('Copy as Markdown: copies, and shows the text selected where the clipboard is refused', T, async () => {
  const s = await h.openApp('/#/overview', {
    beforeGoto: async (s) => {
      await s.context.addInitScript(() => {
        Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
      });
    },
  });
  try {
    const page = s.page;
    await page.getByTestId('overview').waitFor();
    await page.getByTestId('export-copy-md').click();
    const box = page.getByTestId('export-fallback');
    await box.waitFor();
    await waitFor(page, () => document.activeElement?.id === 'export-fallback');
    const text = await box.inputValue();
    assert.equal((text.match(/^> “/gm) || []).length, csv.length, 'every quote of the unfiltered corpus');
    const sel = await page.evaluate(() => {
      const t = document.getElementById('export-fallback');
      return t.selectionEnd - t.selectionStart;
    });
    assert.equal(sel, text.length, 'the whole text is selected');
    assertClean(s);
  } finally {
    await s.close();
  }
  const t = await h.openApp('/#/matrix', { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
  try {
    await t.page.getByTestId('matrix').waitFor();
    await t.page.getByTestId('export-copy-md').click();
    await t.page.getByTestId('export-status').getByText('Markdown copied.').waitFor();
    const clip = await t.page.evaluate(() => navigator.clipboard.readText());
    assert.equal((clip.match(/^> “/gm) || []).length, csv.length);
    assertClean(t);
  } finally {
    await t.close();
  }
});

test("next/previous step through a cell's quotes, in the panel and in the reader", T, async (t) => {
  // The evidence item with the most quotes; its column is the selection.
  const ev = mostFrequent(csv, 'evidence_id');
  const n = csv.filter((r) => r.evidence_id === ev).length;
  if (n < 2) return t.skip(`no column of this corpus has 2 quotes to step through (at most ${n})`);
  const s = await h.openApp(`/#/matrix?v=1&sel=col:${ev}`);
  try {
    const page = s.page;
    await page.getByTestId('panel').waitFor();
    const pos = page.getByTestId('trail-pos');
    assert.equal(await pos.innerText(), `${n} quotes: step through them`);
    const texts = await page.locator('[data-testid="panel"] [data-testid="quote"] blockquote').allInnerTexts();
    assert.equal(texts.length, n);
    const current = () => page.locator('[data-testid="panel"] li.quote.current blockquote').innerText();
    await page.getByTestId('trail-next').click();
    await pos.getByText(`Quote 1 of ${n}`).waitFor();
    assert.equal(await current(), texts[0]);
    assert.match(await page.getByTestId('trail-loc').innerText(), /paragraph|note/);
    await page.keyboard.press('j');
    await pos.getByText(`Quote 2 of ${n}`).waitFor();
    assert.equal(await current(), texts[1]);
    await page.keyboard.press('k');
    await pos.getByText(`Quote 1 of ${n}`).waitFor();
    assert.ok(await page.getByTestId('trail-prev').isDisabled(), 'no previous before the first');
    // Read quote m in context (the second, where a third follows it): the reader keeps the trail.
    const m = n >= 3 ? 2 : 1;
    if (m === 2) {
      await page.keyboard.press('j');
      await pos.getByText(`Quote 2 of ${n}`).waitFor();
    }
    await page.locator('[data-testid="panel"] li.quote.current [data-testid="read-in-context"]').click();
    await page.getByTestId('reader').waitFor();
    const rpos = page.locator('[data-testid="reader"] [data-testid="trail-pos"]');
    await rpos.getByText(`Quote ${m} of ${n}`).waitFor();
    const strip = (t) => t.replace(/^“|”$/g, '');
    const focus = () => page.evaluate(() => [...document.querySelectorAll('[data-testid="reader"] mark.focus')].map((m) => m.textContent).join(''));
    await page.locator('[data-testid="reader"] [data-testid="trail-next"]').click();
    await rpos.getByText(`Quote ${m + 1} of ${n}`).waitFor();
    await eventually(async () => {
      const [got, want] = foldQuotes(await focus(), strip(texts[m]));
      assert.equal(got, want);
    }, { page });
    await screenshot(page, 'views-trail-reader');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('timeline: follows the filters, shows titles on hover and focus, brushing sets the years, selection emphasised', T, async () => {
  const paper = busiestPaper();
  const s = await h.openApp(`/#/timeline?v=1&paper=${paper}`);
  try {
    const page = s.page;
    await page.getByTestId('timeline').waitFor();
    const want = distinct(csv.filter((r) => r.paper_id === paper), 'evidence_id');
    const got = await page.locator('[data-testid="tl-item"]').evaluateAll((els) => els.map((e) => e.dataset.evidence));
    assert.deepEqual([...got].sort(), [...want].sort(), 'one item per evidence item of the paper (one lane)');
    // Hover, then keyboard focus, show the title.
    const first = page.locator('[data-testid="tl-item"]').first();
    const ev = await first.getAttribute('data-evidence');
    const title = csv.find((r) => r.evidence_id === ev).evidence_title;
    await first.hover();
    await page.getByTestId('tl-caption').getByText(title, { exact: false }).waitFor();
    const second = page.locator('[data-testid="tl-item"]').nth(1);
    const ev2 = await second.getAttribute('data-evidence');
    await second.focus();
    await page.getByTestId('tl-caption').getByText(csv.find((r) => r.evidence_id === ev2).evidence_title, { exact: false }).waitFor();
    await screenshot(page, 'views-timeline');
    // Brush from the middle of one year to the middle of a later one.
    const g = await page.getByTestId('timeline').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height, ...Object.fromEntries(['first', 'last', 'x0', 'x1', 'w'].map((k) => [k, Number(el.dataset[k])])) };
    });
    assert.ok(g.last - g.first >= 2, `the axis spans several years (${g.first}-${g.last})`);
    const [y1, y2] = [g.first + 1, g.last - 1];
    const px = (y) => g.left + ((g.x0 + ((y + 0.5 - g.first) / (g.last + 1 - g.first)) * (g.x1 - g.x0)) / g.w) * g.width;
    // Across the axis band at the top (the drawing may be taller than the window).
    const yPix = g.top + 12;
    await page.mouse.move(px(y1), yPix);
    await page.mouse.down();
    await page.mouse.move((px(y1) + px(y2)) / 2, yPix);
    await page.mouse.move(px(y2), yPix);
    await page.mouse.up();
    await waitForFragment(page, new RegExp(`years=${y1}-${y2}`));
    await eventually(async () => {
      const n = await page.locator('[data-testid="tl-item"]').count();
      const inRange = distinct(
        csv.filter((r) => r.paper_id === paper && Number(r.date.slice(0, 4)) <= y2 && Number((r.date.split('/')[1] || r.date).slice(0, 4)) >= y1),
        'evidence_id',
      );
      assert.equal(n, inRange.length, 'the brushed range filters the items');
    }, { page });
    assertClean(s);
  } finally {
    await s.close();
  }
  const ev = mostFrequent(csv, 'evidence_id');
  const t = await h.openApp(`/#/timeline?v=1&lanes=category&sel=col:${ev}`);
  try {
    await t.page.getByTestId('timeline').waitFor();
    const em = await t.page.locator('[data-testid="tl-item"]').evaluateAll((els) => els.map((e) => [e.dataset.evidence, e.dataset.emphasised]));
    assert.ok(em.length > 0);
    for (const [id, flag] of em) assert.equal(flag, String(id === ev), `${id} emphasised iff selected`);
    const lanes = await t.page.locator('[data-testid="timeline"] .tl-lane').count();
    assert.equal(lanes, distinct(csv, 'category_id').length, 'one lane per category');
    await screenshot(t.page, 'views-timeline-categories');
    assertClean(t);
  } finally {
    await t.close();
  }
});

test('a link pasted from anywhere opens its view here (landing field and header menu)', T, async () => {
  const paper = busiestPaper();
  const kind = mostFrequent(csv, 'kind');
  for (const open of [(x) => h.openApp(`/${x}`), (x) => h.openFile(x)]) {
    const s = await open('#/');
    try {
      const page = s.page;
      const foreign = `file:///C:/Users/someone/Desktop/old%20copy/explorer.html#/overview?v=1&paper=${paper}&ocols=domain`;
      await page.getByTestId('open-link-home').getByTestId('open-link-input').fill(foreign);
      await page.getByTestId('open-link-home').getByTestId('open-link-go').click();
      await page.getByTestId('overview').waitFor();
      await waitForFragment(page, new RegExp(`^/overview\\?v=1&paper=${paper}&ocols=domain`));
      assert.equal(await page.getByTestId('ov-cols-domain').getAttribute('aria-pressed'), 'true');
      // The header menu, with a link from another host.
      let menu = await openMenu(page);
      await menu.getByTestId('open-link-input').fill(`https://elsewhere.example/x/index.html#/matrix?v=1&kind=${kind}`);
      await menu.getByTestId('open-link-go').click();
      await page.getByTestId('matrix').waitFor();
      await waitForFragment(page, new RegExp(`^/matrix\\?v=1&kind=${kind}`));
      assert.equal(await menu.evaluate((d) => d.open), false, 'the menu closes once the link is open');
      // Text without a fragment is refused with a message.
      menu = await openMenu(page);
      await menu.getByTestId('open-link-input').fill('https://elsewhere.example/');
      await menu.getByTestId('open-link-go').click();
      await page.getByTestId('open-link-error').waitFor();
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test('print: filters and corpus version at the top, chrome hidden (matrix, overview, timeline, panel)', T, async () => {
  const paper = busiestPaper();
  const ev = mostFrequent(csv.filter((r) => r.paper_id === paper), 'evidence_id');
  for (const [name, hash, ready] of [
    ['matrix-panel', `#/matrix?v=1&paper=${paper}&sel=col:${ev}`, 'panel'],
    ['overview', `#/overview?v=1&paper=${paper}`, 'overview'],
    ['timeline', `#/timeline?v=1&paper=${paper}`, 'timeline'],
  ]) {
    const s = await h.openApp(`/${hash}`);
    try {
      const page = s.page;
      await page.getByTestId(ready).waitFor();
      await page.emulateMedia({ media: 'print' });
      const head = page.getByTestId('print-head');
      assert.ok(await head.isVisible(), 'the print header shows');
      const title = csv.find((r) => r.paper_id === paper).paper_title;
      assert.ok(title.length > 0);
      assert.match(await page.getByTestId('print-filters').innerText(), /Paper: /);
      assert.match(await page.getByTestId('print-version').innerText(), /Version: (corpus version|codebook)/);
      const hash = (await page.getByTestId('print-version').innerText()).match(/corpus version (\w+)/)?.[1];
      if (hash) assert.ok((await page.getByTestId('print-head-link').innerText()).includes(`cv=${hash}`), 'the printed link carries the corpus version');
      assert.ok(!(await page.locator('.topbar').isVisible()), 'the top bar is not printed');
      assert.ok(!(await page.getByTestId('export-bar').first().isVisible()), 'the export buttons are not printed');
      await screenshot(page, `views-print-${name}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test('compare marks the evidence both papers cite and sets their quotes side by side', T, async () => {
  const papers = distinct(csv, 'paper_id');
  // The pair of papers with the most shared evidence.
  let best;
  for (const a of papers)
    for (const b of papers) {
      if (a >= b) continue;
      const ea = new Set(csv.filter((r) => r.paper_id === a).map((r) => r.evidence_id));
      const shared = distinct(csv.filter((r) => r.paper_id === b && ea.has(r.evidence_id)), 'evidence_id');
      if (!best || shared.length > best.shared.length) best = { a, b, shared };
    }
  assert.ok(best.shared.length > 0, 'two papers share evidence');
  for (const open of [(x) => h.openApp(`/${x}`), (x) => h.openFile(x)]) {
    const s = await open(`#/compare/${best.a}/${best.b}`);
    try {
      const page = s.page;
      await page.getByTestId('compare').waitFor();
      const got = await page.locator('[data-testid="cmp-shared"]').evaluateAll((els) => els.map((e) => e.dataset.evidence));
      assert.deepEqual([...got].sort(), [...best.shared].sort(), 'the shared items');
      const marks = await page.locator('[data-testid="cmp-evidence"]').evaluateAll((els) => els.map((e) => [e.dataset.evidence, e.dataset.shared, e.innerText]));
      assert.ok(marks.length > 0);
      for (const [id, flag, text] of marks) {
        assert.equal(flag, String(best.shared.includes(id)), `${id} marked shared iff both cite it`);
        assert.equal(text.includes('shared'), best.shared.includes(id), 'the mark is written, not only coloured');
      }
      const first = best.shared[0];
      const n = await page.locator(`[data-testid="cmp-shared"][data-evidence="${first}"] [data-testid="quote"]`).count();
      assert.equal(n, csv.filter((r) => r.evidence_id === first && (r.paper_id === best.a || r.paper_id === best.b)).length, 'both papers\' quotes');
      await screenshot(page, 'views-compare');
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test('methods record, changelog and crosswalk stances come from the codebook; compare says where two papers weigh a dimension differently', T, async () => {
  const sum = loadSummary();
  const s = await h.openApp('/#/about');
  try {
    const page = s.page;
    await page.getByTestId('methods').waitFor();
    // The report sections, rules and changelog entries the codebook records, as many as it has.
    assert.equal(await page.getByTestId('methods-report').count(), sum.counts.methods, 'report sections');
    const rules = sum.counts.rules ? await page.locator('[data-testid="methods-rules"] li').count() : 0;
    assert.equal(rules, sum.counts.rules, 'coding rules');
    const versions = await page.locator('[data-testid="methods-changelog"] dt').evaluateAll((els) => els.map((e) => e.dataset.version));
    assert.equal(versions.length, sum.counts.changelog, 'changelog entries');
    if (versions.length) assert.equal(versions[0], sum.corpus.version, 'the newest changelog entry is the corpus version');
    // Every crosswalk link (primary and secondary) shows its stance, in words.
    const want = sum.categories.flatMap((k) => (k.stance ? [k.stance, ...k.secondary_stances] : [])).sort();
    const got = await page.locator('[data-testid="crosswalk-link"] [data-testid="stance"], [data-testid="crosswalk-secondary"] [data-testid="stance"]').evaluateAll((els) => els.map((e) => e.dataset.stance));
    assert.deepEqual(got.sort(), want, 'one stance per crosswalk link');
    const text = await page.locator('[data-testid="crosswalk-link"] [data-testid="stance"]').first().innerText();
    assert.match(text, /positive|negative|mixed/, 'the stance is written, not only drawn');
    await screenshot(page, 'views-methods-record');
    assertClean(s);
  } finally {
    await s.close();
  }
  // Compare: a row is marked where the two papers' categories on that dimension carry different
  // stances (expected from the summary), for every pair of papers.
  const papers = sum.papers.map((p) => p.id);
  const stancesOn = (paper, dim) => [...new Set(sum.categories.filter((k) => k.paper === paper && k.dimension === dim && k.stance).map((k) => k.stance))].sort().join();
  let opposedSeen = 0;
  for (const a of papers)
    for (const b of papers) {
      if (a >= b) continue;
      const c = await h.openApp(`/#/compare/${a}/${b}`);
      try {
        await c.page.getByTestId('compare').waitFor();
        const rows = await c.page.locator('[data-testid="cmp-row"]').evaluateAll((els) => els.map((e) => e.dataset.opposed === 'true'));
        const dims = sum.dimensions.map((d) => d.id).filter((d) => stancesOn(a, d) || stancesOn(b, d));
        const expected = dims.map((d) => Boolean(stancesOn(a, d) && stancesOn(b, d) && stancesOn(a, d) !== stancesOn(b, d)));
        assert.deepEqual(rows.slice(0, dims.length), expected, `${a} against ${b}: opposed rows`);
        const marked = await c.page.getByTestId('cmp-opposed').count();
        assert.equal(marked, expected.filter(Boolean).length, 'each opposed row says so in words');
        opposedSeen += marked;
        if (marked) await screenshot(c.page, 'views-compare-opposed');
        assertClean(c);
      } finally {
        await c.close();
      }
    }
  const anyOpposed = sum.dimensions.some((d) => papers.some((a) => papers.some((b) => a < b && stancesOn(a, d.id) && stancesOn(b, d.id) && stancesOn(a, d.id) !== stancesOn(b, d.id))));
  assert.equal(opposedSeen > 0, anyOpposed, 'opposed rows appear exactly when the codebook has differing stances');
});
