// The matrix page: counts against dist/evidence.csv, facets (OR within, AND across, counts,
// clear all), layout switches, the drill-down panel, the reader at the quote, the evidence card,
// search, keyboard navigation and the reader's margin links back to the matrix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, harnessForFile, screenshot } from './harness.mjs';
import { activeId, categoryRows, checkedFacets, columnTitleOf, columnTitles, csvStats, distinct, eventually, facetBox, facetCount, focusText, foldQuotes, foldSearch, loadCsv, loadSummary, markOf, mostQuotedCoding, paperIds, placeLabel, summary, toggleFacet, waitFor, waitForFragment, waitInViewport } from './pages.mjs';

const T = { timeout: 90_000 };
const h = harnessForFile();
const csv = loadCsv();

/** The corpus's categories (of the papers `ids`, or all), from corpus-summary.json: the CSV
 *  has only the coded ones. */
const categoriesOf = (ids) => loadSummary().categories.filter((k) => !ids || ids.includes(k.paper));

/** The row groups by dimension: each dimension with categories, then the categories that map
 *  onto none (context) in a group of their own. */
const dimensionGroups = () => [
  ...loadSummary().dimensions.filter((d) => d.categories > 0).map((d) => d.label),
  ...(categoriesOf().some((k) => !k.dimension) ? ['Framing and background'] : []),
];

/** Every category row is one of `cats` (by its label and its paper's mark), and every one of
 *  `cats` has its row. */
function assertRowsAre(rows, cats) {
  const left = [...cats];
  for (const r of rows) {
    const fits = left
      .map((k, i) => [k, i])
      .filter(([k]) => r.text.includes(k.label) && markOf(k.paper) === r.mark)
      .sort((a, b) => b[0].label.length - a[0].label.length);
    assert.ok(fits.length > 0, `row ${JSON.stringify(r)} is a category of the corpus`);
    left.splice(fits[0][1], 1);
  }
  assert.deepEqual(left.map((k) => k.id), [], 'every category has its row');
}

async function openMatrix(hash = '#/matrix') {
  const s = await h.openApp(`/${hash}`);
  await s.page.getByTestId('matrix').waitFor();
  return s;
}

/** Waits until the summary shows `want` (evidence/codings/quotes and optionally categories). */
async function expectSummary(page, want) {
  await eventually(
    async () => {
      const got = await summary(page);
      for (const k of Object.keys(want)) assert.equal(got[k], want[k], `summary ${k}: ${got.text}`);
    },
    { page },
  );
}

const statsWant = (st) => ({ evidence: st.evidence.size, codings: st.codings.size, quotes: st.quotes });

/** The expected column titles for the CSV rows (as a sorted list). */
const titlesOf = (rows) => [...new Set(rows.map(columnTitleOf))].sort();

/** The id of the grid cell whose data-label starts with "<row> × <column>:". */
async function cellId(page, rowLabel, colLabel) {
  const prefix = `${rowLabel} × ${colLabel}:`;
  const id = await page
    .locator('[data-testid="matrix"] td.cell[data-label]')
    .evaluateAll((tds, p) => tds.find((td) => td.getAttribute('data-label').startsWith(p))?.id ?? null, prefix);
  assert.ok(id, `a cell labelled ${JSON.stringify(prefix)}`);
  return id;
}

test('the matrix renders categories against evidence with counts matching evidence.csv', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const grid = page.getByRole('grid');
    assert.equal(await grid.count(), 1, 'one role=grid');
    assert.equal(await grid.getAttribute('data-testid'), 'matrix');
    assert.equal(await grid.getAttribute('data-transposed'), 'false');

    const all = csvStats(csv);
    await expectSummary(page, { ...statsWant(all), categories: loadSummary().counts.categories });

    const rows = await categoryRows(page);
    assert.equal(rows.length, loadSummary().counts.categories, 'one row per category');
    assertRowsAre(rows, categoriesOf());
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(csv), 'one column per evidence item');
    await screenshot(page, 'matrix');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('facets: one paper, OR within a facet, AND across facets, counts, clear all', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    // Counts before any filter: evidence items per paper.
    const papers = paperIds();
    for (const p of papers) {
      assert.equal(await facetCount(page, 'paper', p), csvStats(csv, (r) => r.paper_id === p).evidence.size, `count of ${p}`);
    }

    // One paper (the last), then OR a second one (the first).
    const [one, other] = [papers.at(-1), papers[0]];
    await toggleFacet(page, 'paper', one);
    await waitForFragment(page, new RegExp(`[?&]paper=${one}(&|$)`));
    const pro = csvStats(csv, (r) => r.paper_id === one);
    await expectSummary(page, { ...statsWant(pro), categories: categoriesOf([one]).length });
    const rows = await categoryRows(page);
    assertRowsAre(rows, categoriesOf([one]));
    assert.ok(rows.every((r) => r.mark === markOf(one)), `every row is a category of ${one}: ${JSON.stringify(rows)}`);
    assert.equal((await columnTitles(page)).length, pro.evidence.size, `columns = evidence items of ${one}`);
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(pro.rows));
    // Counts: the paper facet ignores its own selection; another facet counts within it.
    for (const p of papers) {
      assert.equal(await facetCount(page, 'paper', p), csvStats(csv, (r) => r.paper_id === p).evidence.size);
    }
    for (const k of distinct(csv, 'kind')) {
      assert.equal(
        await facetCount(page, 'kind', k),
        csvStats(pro.rows, (r) => r.kind === k).evidence.size,
        `kind count of ${k} within ${one}`,
      );
    }
    await screenshot(page, 'matrix-facet-one-paper');

    // OR within the paper facet.
    await toggleFacet(page, 'paper', other);
    const two = csvStats(csv, (r) => r.paper_id === one || r.paper_id === other);
    await expectSummary(page, { ...statsWant(two), categories: categoriesOf([one, other]).length });
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(two.rows));
    assert.deepEqual([...new Set((await categoryRows(page)).map((r) => r.mark))].sort(), [markOf(one), markOf(other)].sort());

    // AND across facets: papers AND a kind that the first paper uses.
    const kind = distinct(pro.rows, 'kind')[0];
    await toggleFacet(page, 'kind', kind);
    const and = csvStats(two.rows, (r) => r.kind === kind);
    await expectSummary(page, statsWant(and));
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(and.rows));
    assert.deepEqual(await checkedFacets(page), { kind: [kind], paper: [one, other].sort() });

    // Clear all restores everything.
    await page.getByTestId('clear-all').click();
    const all = csvStats(csv);
    await expectSummary(page, { ...statsWant(all), categories: loadSummary().counts.categories });
    assert.deepEqual(await checkedFacets(page), {});
    assert.equal(await page.getByTestId('clear-all').count(), 0, 'no clear-all without filters');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /paper=|kind=/);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a closed facet draws its values when opened; a place filter (also "no place given") is a link', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const facet = page.getByTestId('facet-place');
    const boxes = facet.locator('input[type="checkbox"]');
    assert.equal(await facet.evaluate((d) => d.open), false, 'the place facet starts closed');
    assert.equal(await boxes.count(), 0, 'a closed facet has drawn no values yet');

    await facet.locator('summary').click();
    await waitFor(page, () => document.querySelectorAll('[data-testid="facet-place"] input[type="checkbox"]').length > 0);
    // Every place the coded evidence has is a value, with its count of evidence items.
    const places = distinct(csv, 'theatre');
    for (const p of places) {
      assert.equal(await facetCount(page, 'place', p), csvStats(csv, (r) => r.theatre === p).evidence.size, `count of place ${JSON.stringify(p)}`);
    }
    if (places.includes('')) {
      const label = await facetBox(page, 'place', '').locator('xpath=ancestor::label').innerText();
      assert.match(label, new RegExp(`^${placeLabel('')}\\s*\\d+$`), 'the empty place has a label');
    }
    await screenshot(page, 'matrix-facet-place-open');

    // Filtering by a place (and, where the corpus has it, by "no place given") is in the link,
    // and the link opens the same view, the facet open and its values checked.
    const chosen = places.includes('') ? ['', places.find((p) => p)] : [places[0]];
    for (const p of chosen) await toggleFacet(page, 'place', p);
    await waitForFragment(page, /[?&]place=/);
    const want = csvStats(csv, (r) => chosen.includes(r.theatre));
    await expectSummary(page, statsWant(want));
    const link = await page.evaluate(() => location.hash);
    const t = await h.openApp(`/${link}`);
    try {
      await t.page.getByTestId('matrix').waitFor();
      assert.equal(await t.page.getByTestId('facet-place').evaluate((d) => d.open), true, 'a facet with a selection opens');
      assert.deepEqual((await checkedFacets(t.page)).place, [...chosen].sort());
      await expectSummary(t.page, statsWant(want));
      assert.equal(await t.page.getByTestId('url-notice').count(), 0, 'the link gives no notice');
      assertClean(t);
    } finally {
      await t.close();
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('switches: rows by dimension, columns by place and kind, transpose, compact', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const pressed = (id) => page.getByTestId(id).getAttribute('aria-pressed');
    const groupHeads = () => page.locator('[data-testid="matrix"] th.group-head').allInnerTexts();
    const rowGroups = () => page.locator('[data-testid="matrix"] tr.row-group th').allInnerTexts();

    await page.getByTestId('rows-dimension').click();
    await waitForFragment(page, /[?&]rows=dim(&|$)/);
    assert.equal(await pressed('rows-dimension'), 'true');
    assert.equal(await pressed('rows-paper'), 'false');
    await eventually(async () =>
      assert.deepEqual((await rowGroups()).map((t) => t.trim()).sort(), dimensionGroups().sort()),
    { page });
    assert.ok((await page.locator('[data-testid="matrix"] tr.agg').count()) > 0, 'dimension groups have an aggregate row');
    const all = csvStats(csv);
    await expectSummary(page, { ...statsWant(all), categories: loadSummary().counts.categories });

    await page.getByTestId('cols-place').click();
    await waitForFragment(page, /[?&]cols=place(&|$)/);
    await eventually(async () =>
      assert.deepEqual((await groupHeads()).map((t) => t.trim()).sort(), distinct(csv, 'theatre').map(placeLabel).sort()),
    { page });

    await page.getByTestId('cols-kind').click();
    await waitForFragment(page, /[?&]cols=kind(&|$)/);
    await eventually(async () =>
      assert.deepEqual(
        (await groupHeads()).map((t) => t.trim().toLowerCase()).sort(),
        distinct(csv, 'kind').map((k) => k.toLowerCase()).sort(),
      ),
    { page });
    await expectSummary(page, statsWant(all));
    await screenshot(page, 'matrix-dimension-kind');

    const nRows = await page.locator('[data-testid="matrix"] tr[data-testid="matrix-row"]').count();
    const nCols = await page.locator('[data-testid="matrix"] [data-testid="col-head"]').count();
    await page.getByTestId('transpose').click();
    await page.locator('[data-testid="matrix"][data-transposed="true"]').waitFor();
    await waitForFragment(page, /[?&]t=1(&|$)/);
    assert.equal(await pressed('transpose'), 'true');
    assert.equal(await page.locator('[data-testid="matrix"] [data-testid="col-head"]').count(), nRows, 'rows became columns');
    assert.equal(await page.locator('[data-testid="matrix"] tr[data-testid="matrix-row"]').count(), nCols, 'columns became rows');
    await expectSummary(page, statsWant(all));
    await screenshot(page, 'matrix-transposed');

    await page.getByTestId('compact').click();
    await page.locator('[data-testid="matrix"].compact').waitFor();
    await waitForFragment(page, /[?&]compact=1(&|$)/);
    assert.equal(await pressed('compact'), 'true');
    await screenshot(page, 'matrix-compact');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a cell opens the panel with its quotes; "Read in context" highlights the quote', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    // The coding with the most quotes.
    const quotes = mostQuotedCoding(csv);
    const row = quotes[0];
    const id = await cellId(page, row.category_label, row.evidence_title);
    await page.locator(`[id="${id}"]`).click();
    const panel = page.getByTestId('panel');
    await panel.waitFor();
    await waitFor(page, (id) => document.getElementById(id)?.getAttribute('aria-selected') === 'true', id);
    await waitForFragment(page, /[?&]sel=cell:/);
    assert.equal((await panel.locator('#panel-title').innerText()).trim(), `${row.category_label} × ${row.evidence_title}`);
    const groups = panel.getByTestId('panel-paper');
    assert.equal(await groups.count(), 1);
    assert.equal(await groups.first().getAttribute('data-paper'), row.paper_id);
    const shown = foldQuotes(...(await panel.getByTestId('quote').locator('blockquote').allInnerTexts()).map((t) => t.replace(/^“|”$/g, '')));
    assert.deepEqual(shown, foldQuotes(...quotes.map((q) => q.quote)), 'the quotes of the cell, in order');
    assert.equal(
      (await panel.getByTestId('rationale').innerText()).replace(/^Why coded:\s*/, '').trim(),
      row.rationale.trim(),
      "the coding's rationale, as evidence.csv has it",
    );
    await screenshot(page, 'matrix-panel');

    await panel.getByTestId('read-in-context').first().click();
    const reader = page.getByTestId('reader');
    await reader.waitFor();
    assert.equal(await reader.getAttribute('data-paper'), row.paper_id);
    await page.getByTestId('focus-quote').waitFor();
    assert.equal(await page.getByTestId('focus-quote').evaluate((el) => el.tagName), 'MARK');
    assert.deepEqual(foldQuotes(await focusText(page)), foldQuotes(row.quote), 'the highlighted text is the quote');
    await waitInViewport(page, '#focus-quote');
    await screenshot(page, 'matrix-read-in-context');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('rows say which categories frame the argument and which cite no concrete evidence', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const rows = await page.locator('[data-testid="matrix"] tr[data-testid="matrix-row"]:not(.agg) th.row-head').evaluateAll((ths) =>
      ths.map((th) => ({
        mark: th.querySelector('.mark')?.textContent.trim() ?? '',
        text: th.textContent.trim(),
        tag: th.querySelector('[data-testid="row-tag"]')?.textContent.trim() ?? '',
        gap: th.querySelector('[data-testid="gap-note"]')?.textContent.trim() ?? '',
      })),
    );
    const rowOf = (k) => rows.find((r) => r.text.startsWith(`${markOf(k.paper)} ${k.label}`) || (r.mark === markOf(k.paper) && r.text.includes(k.label)));
    for (const k of categoriesOf()) {
      const r = rowOf(k);
      assert.ok(r, `a row for ${k.id}`);
      assert.equal(r.tag, { context: 'framing', descriptive: 'descriptive' }[k.kind] ?? '', `tag of ${k.id}`);
      assert.equal(r.gap, k.no_evidence ? '· no concrete evidence cited' : k.codings === 0 ? '· no evidence in view' : '', `gap note of ${k.id}`);
    }
    // Framing is counted apart in the summary line.
    const ctx = categoriesOf().filter((k) => k.kind === 'context');
    const text = (await summary(page)).text;
    if (ctx.length > 0) {
      const n = ctx.reduce((a, k) => a + k.codings, 0);
      const plural = (x, one, many) => `${x} ${x === 1 ? one : many}`;
      assert.ok(
        text.includes(`framing and background (not evidence for an analytic category): ${plural(ctx.length, 'category', 'categories')}, ${plural(n, 'coding', 'codings')}`),
        text,
      );
    } else {
      assert.ok(!text.includes('framing and background'), text);
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('the panel summary counts in words that agree with the numbers (1 coding, 1 paper)', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    // A category cell holds one coding of one paper; pick one with a single quote too.
    const counts = new Map();
    for (const r of csv) {
      const k = `${r.category_id}~${r.evidence_id}`;
      counts.set(k, [...(counts.get(k) ?? []), r]);
    }
    const rows = [...counts.values()].find((v) => v.length === 1);
    const row = rows[0];
    await page.locator(`[id="${await cellId(page, row.category_label, row.evidence_title)}"]`).click();
    const text = (await page.getByTestId('panel-summary').innerText()).trim();
    await screenshot(page, 'matrix-panel-single');
    assert.equal(text, '1 coding · 1 quote · 1 paper', 'singular nouns for counts of one');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('an aggregate cell groups its quotes by paper; the evidence card compares the papers', T, async () => {
  const s = await openMatrix('#/matrix?v=1&rows=dim');
  try {
    const page = s.page;
    // The evidence item most papers cite within one dimension.
    const key = (r) => `${r.dimension}\u0000${r.evidence_id}`;
    const papersOf = new Map();
    for (const r of csv.filter((r) => r.dimension !== '')) {
      papersOf.set(key(r), new Set([...(papersOf.get(key(r)) ?? []), r.paper_id]));
    }
    const [best] = [...papersOf.entries()].sort((a, b) => b[1].size - a[1].size);
    const [dimension, evidenceId] = best[0].split('\u0000');
    const row = csv.find((r) => r.evidence_id === evidenceId);
    assert.ok(best[1].size >= 2, 'some evidence item is cited by two papers in one dimension');

    // The dimension's aggregate row (tr.agg) and the item's column, by their headers.
    const r = await page
      .locator('[data-testid="matrix"] tr.agg th.row-head')
      .evaluateAll((ths, d) => ths.find((th) => th.textContent.includes(d))?.id.match(/^mx-(-?\d+)-/)[1] ?? null, dimension);
    const c = await page
      .locator('[data-testid="matrix"] [data-testid="col-head"]')
      .evaluateAll((ths, t) => ths.find((th) => th.title === t)?.id.match(/-(-?\d+)$/)[1] ?? null, columnTitleOf(row));
    assert.ok(r !== null && c !== null, `aggregate row of ${dimension} (${r}) and column of ${evidenceId} (${c})`);
    const id = `mx-${r}-${c}`;
    const label = await page.locator(`[id="${id}"]`).getAttribute('data-label');
    assert.ok(label.startsWith('All') && label.includes(`${dimension} × ${row.evidence_title}:`), label);
    await page.locator(`[id="${id}"]`).click();
    const panel = page.getByTestId('panel');
    await panel.waitFor();
    await eventually(async () => {
      const papers = await panel.getByTestId('panel-paper').evaluateAll((els) => els.map((e) => e.dataset.paper));
      assert.deepEqual([...papers].sort(), [...best[1]].sort(), 'one group per citing paper');
    }, { page });
    const inDim = csvStats(csv, (r) => r.dimension === dimension && r.evidence_id === evidenceId);
    assert.equal(await panel.getByTestId('quote').count(), inDim.quotes, 'every quote of the cell');
    await screenshot(page, 'matrix-panel-aggregate');

    await panel.getByTestId('open-evidence-card').click();
    const card = page.getByTestId('evidence-card');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-evidence'), evidenceId);
    const cols = card.getByTestId('evidence-paper');
    assert.equal(await cols.count(), paperIds().length, 'one column per paper');
    const ev = csvStats(csv, (r) => r.evidence_id === evidenceId);
    const citing = await cols.evaluateAll((els) => els.filter((e) => !e.classList.contains('silent')).map((e) => e.dataset.paper));
    assert.deepEqual(citing.sort(), distinct(ev.rows, 'paper_id').sort(), 'the papers citing it are not silent');
    assert.equal(await card.getByTestId('evidence-coding').count(), ev.categories.size, 'one entry per category');
    assert.equal(await card.getByTestId('quote').count(), ev.quotes, 'every quote');
    assert.equal((await card.getByTestId('evidence-date').innerText()).trim(), row.date);
    await screenshot(page, 'evidence-card');
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** Words of the quotes (letters only, 5 or more), each once, in order of appearance. */
const quoteWords = () => [...new Set(csv.flatMap((r) => r.quote.match(/\p{L}{5,}/gu) ?? []))];

test('search is case- and diacritic-insensitive, narrows columns, lists passages that open the reader', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const search = page.getByTestId('search');
    const total = csvStats(csv).evidence.size;
    const words = quoteWords();
    const folded = foldSearch(...words);
    // What the search reads of each CSV row (evidence title, place, category, quote), folded.
    const fields = foldSearch(...csv.flatMap((r) => [r.evidence_title, r.theatre, r.category_label, r.quote]));
    const matching = (term) => csv.filter((_, i) => fields.slice(4 * i, 4 * i + 4).some((f) => f.includes(term)));

    // A word of the papers with a diacritic, searched without it, is found and highlighted
    // with its diacritic (if the corpus quotes such a word).
    const accentedAt = words.findIndex((w, i) => /^[a-z]+$/.test(folded[i]) && folded[i] !== w.toLowerCase());
    if (accentedAt >= 0) {
      const [word, plain] = [words[accentedAt], folded[accentedAt]];
      await search.fill(plain);
      await waitForFragment(page, new RegExp(`[?&]q=${plain}(&|$)`));
      const passages = page.getByTestId('passages');
      await passages.getByTestId('passage').first().waitFor();
      const hits = await passages.locator('mark.hit').allInnerTexts();
      assert.ok(hits.length > 0 && foldSearch(...hits).every((t) => t === plain), `highlights: ${JSON.stringify(hits)}`);
      assert.ok(hits.some((h) => h.toLowerCase() === word.toLowerCase()), `the spelling ${word} is found and highlighted: ${hits}`);
      await screenshot(page, 'matrix-search-diacritic');
    }

    // A word that narrows the evidence, typed in upper case, narrows the columns to (at least)
    // what the CSV says matches.
    const term = folded.find(
      (t, i) => /^[a-z]+$/.test(t) && words[i].length >= 6 && new Set(matching(t).map((r) => r.evidence_id)).size < Math.max(total / 2, 2),
    );
    assert.ok(term, 'some word of the quotes narrows the evidence');
    const upper = term.toUpperCase();
    await search.fill(upper);
    await waitForFragment(page, new RegExp(`[?&]q=${upper}(&|$)`));
    const must = matching(term);
    await eventually(async () => {
      const cols = await columnTitles(page);
      assert.ok(cols.length < total, `fewer columns than ${total}: ${cols.length}`);
      for (const t of titlesOf(must)) assert.ok(cols.includes(t), `column ${t}`);
      assert.equal((await summary(page)).evidence, cols.length);
    }, { page });
    const passages = page.getByTestId('passages');
    await eventually(async () => {
      const hits = await passages.locator('mark.hit').allInnerTexts();
      assert.ok(hits.length > 0 && foldSearch(...hits).every((t) => t === term), `highlights: ${JSON.stringify(hits)}`);
    }, { page });
    await screenshot(page, 'matrix-search');

    // A passage opens the reader at its paragraph, the match highlighted.
    const first = passages.getByTestId('passage').first().getByRole('link');
    const href = await first.getAttribute('href');
    const paper = decodeURIComponent(href).match(/#\/read\/([^/?]+)/)?.[1];
    assert.ok(paperIds().includes(paper), `passage link ${href}`);
    await first.click();
    const reader = page.getByTestId('reader');
    await reader.waitFor();
    assert.equal(await reader.getAttribute('data-paper'), paper);
    const readerHits = await reader.locator('mark.hit').allInnerTexts();
    assert.ok(readerHits.length > 0 && foldSearch(...readerHits).every((t) => t === term));
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('keyboard: arrows move focus between cells, Enter opens the panel, Escape closes it', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const first = page.locator('[id="mx-0-0"]');
    assert.equal(await first.getAttribute('tabindex'), '0', 'the first cell is the tab stop');
    await first.focus();
    assert.equal(await activeId(page), 'mx-0-0');
    const press = async (key, want) => {
      await page.keyboard.press(key);
      await waitFor(page, (id) => document.activeElement?.id === id, want);
      assert.equal(await page.locator(`[id="${want}"]`).getAttribute('tabindex'), '0', `${want} is the tab stop`);
    };
    await press('ArrowRight', 'mx-0-1');
    await press('ArrowDown', 'mx-1-1');
    await press('ArrowLeft', 'mx-1-0');
    await press('ArrowUp', 'mx-0-0');
    await press('ArrowRight', 'mx-0-1');

    await page.keyboard.press('Enter');
    await page.getByTestId('panel').waitFor();
    await waitFor(page, () => document.getElementById('mx-0-1')?.getAttribute('aria-selected') === 'true');
    await waitForFragment(page, /[?&]sel=cell:/);
    await page.keyboard.press('Escape');
    await page.getByTestId('panel').waitFor({ state: 'detached' });
    await waitForFragment(page, /^(?!.*sel=)/);
    assert.equal(await page.locator('[data-testid="matrix"] [aria-selected="true"]').count(), 0);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a margin link in the reader returns to the matrix with that cell selected', T, async () => {
  // The paper of the first quote that stands in a paragraph (the margin is beside paragraphs).
  const paper = csv.find((r) => /#\/read\/[^/?]+\/p\d+/.test(r.link))?.paper_id ?? csv[0].paper_id;
  const s = await h.openApp(`/#/read/${paper}`);
  try {
    const page = s.page;
    const link = page.getByTestId('margin-coding').first();
    await link.waitFor();
    // The margin groups a paragraph's codings under their category label.
    const cat = (await link.locator('xpath=ancestor::li[.//span[@class="margin-cat"]][1]/span[@class="margin-cat"]').innerText()).trim();
    const ev = (await link.locator('.margin-ev').innerText()).trim();
    await link.click();
    await page.getByTestId('matrix').waitFor();
    const selected = page.locator('[data-testid="matrix"] td[aria-selected="true"]');
    await selected.waitFor();
    assert.equal(await selected.count(), 1, 'one selected cell');
    assert.ok((await selected.getAttribute('data-label')).startsWith(`${cat} × ${ev}:`), 'the cell of that coding');
    await page.getByTestId('panel').waitFor();
    assert.equal((await page.locator('#panel-title').innerText()).trim(), `${cat} × ${ev}`);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('"only evidence two or more papers cite" narrows the matrix to comparable events', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const papersOf = new Map();
    for (const r of csv) {
      if (!papersOf.has(r.evidence_id)) papersOf.set(r.evidence_id, new Set());
      papersOf.get(r.evidence_id).add(r.paper_id);
    }
    const sharedIds = new Set([...papersOf].filter(([, p]) => p.size >= 2).map(([e]) => e));
    const want = csvStats(csv, (r) => sharedIds.has(r.evidence_id));
    const box = page.getByTestId('shared-only');
    assert.equal((await page.locator('.shared-facet .count').innerText()).trim(), String(sharedIds.size), 'count beside the switch');
    await box.check();
    await waitForFragment(page, /shared=1/);
    await expectSummary(page, statsWant(want));
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(want.rows));
    // Every column shows marks of two or more papers.
    const lettersPerColumn = await page.evaluate(() => {
      const out = {};
      for (const m of document.querySelectorAll('[data-testid="matrix"] td.has .mark')) {
        const c = m.closest('td').id.match(/-(-?\d+)$/)[1];
        (out[c] ??= new Set()).add(m.textContent.trim());
      }
      return Object.values(out).map((set) => set.size);
    });
    assert.equal(lettersPerColumn.length, sharedIds.size);
    assert.ok(lettersPerColumn.every((n) => n >= 2), `letters per column: ${lettersPerColumn}`);
    await screenshot(page, 'matrix-shared-only');
    await page.getByTestId('clear-all').click();
    await waitFor(page, () => !location.hash.includes('shared=1'));
    assert.equal(await box.isChecked(), false);
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** First and last year of a CSV date ("2007-01-12", "2009/2010", "2007-03/2008-12"). */
const yearsOf = (date) => {
  const [a, b = a] = date.split('/');
  return [Number(a.slice(0, 4)), Number(b.slice(0, 4))];
};

test('the year inputs set a range that keeps the evidence active in those years', T, async () => {
  const s = await openMatrix();
  try {
    const page = s.page;
    const spans = csv.map((r) => yearsOf(r.date));
    const sorted = spans.map((y) => y[0]).sort((a, b) => a - b);
    const year = sorted[Math.floor(sorted.length / 2)];
    const setYear = async (id, y) => {
      const input = page.getByTestId(id);
      await input.fill(String(y));
      await input.dispatchEvent('change');
    };
    await setYear('year-from', year);
    await waitForFragment(page, new RegExp(`[?&]years=${year}-\\d{4}(&|$)`));
    await setYear('year-to', year);
    await waitForFragment(page, new RegExp(`[?&]years=${year}(&|$)`));
    const want = csvStats(csv, (r) => {
      const [a, b] = yearsOf(r.date);
      return a <= year && b >= year;
    });
    await expectSummary(page, statsWant(want));
    assert.deepEqual((await columnTitles(page)).sort(), titlesOf(want.rows));
    assert.ok(
      (await page.locator('.active-filters .chip').allInnerTexts()).some((t) => t.includes(`Years: ${year}–${year}`)),
      'a chip names the range',
    );
    await screenshot(page, 'matrix-years');
    await page.locator('.years-facet .facet-clear').click();
    await waitFor(page, () => !location.hash.includes('years='));
    const all = csvStats(csv);
    await expectSummary(page, statsWant(all));
    assertClean(s);
  } finally {
    await s.close();
  }
});
