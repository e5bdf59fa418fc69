// A researcher's first hour (issue 24): the compare page exports exactly what it shows for its
// two papers and names them; its columns say which paper they are at every scroll position, and
// it narrows to one event or dimension; category labels in the filters say which paper they
// belong to; chips and checkboxes agree after route changes, a tour and Back; the start page
// leads with the tasks; a view opened from a link starts at its top; the timeline is labelled
// and a period fills its width; the overview fits 1280 px. Expected values come from the build's
// evidence.csv and corpus-summary.json; the suite passes on dist-tiny too
// (E2E_DIST=dist-tiny node --test e2e/firsthour.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertClean, screenshot, startHarness } from './harness.mjs';
import { loadCsv, loadSummary, parseCsvText, waitFor } from './pages.mjs';

const T = { timeout: 240_000 };
let h;
let csv;
let sum;
before(async () => {
  csv = loadCsv();
  sum = loadSummary();
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const open = (where, hash, opts) => (where === 'http' ? h.openApp(`/${hash}`, opts) : h.openFile(hash, opts));
const paperOf = (id) => sum.papers.find((p) => p.id === id);

/** Every unordered pair of papers. */
const pairs = () => {
  const ids = sum.papers.map((p) => p.id);
  const out = [];
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.push([ids[i], ids[j]]);
  return out;
};

/** The evidence item cited by the most papers (a selection that reaches beyond any pair). */
const mostCitedEvidence = () => {
  const papers = new Map();
  for (const r of csv) (papers.get(r.evidence_id) ?? papers.set(r.evidence_id, new Set()).get(r.evidence_id)).add(r.paper_id);
  return [...papers.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0][0];
};

async function download(page, testid) {
  // Chromium drops one download of a quick series of more than ten from one page (the app has
  // already said "Downloaded …"; the download never starts, over http and file:// alike): when
  // none starts within 10 s, the test clicks once more, as a user would.
  for (let attempt = 1; ; attempt++) {
    try {
      const [dl] = await Promise.all([
        page.waitForEvent('download', { timeout: attempt === 1 ? 10_000 : 30_000 }),
        page.getByTestId(testid).click(),
      ]);
      return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
    } catch (e) {
      if (attempt > 1 || e.name !== 'TimeoutError') throw e;
    }
  }
}

const rowKey = (r) => `${r.paper_id}|${r.category_id}|${r.evidence_id}|${r.quote}`;

function csvRows(text) {
  const [header, ...rows] = parseCsvText(text.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i]])));
}

/** What the compare page shows: (paper, evidence) pairs of each side's lists and shared items. */
const comparePairs = (page) =>
  page.evaluate(() => {
    const heads = Object.fromEntries(
      [...document.querySelectorAll('thead [data-testid="cmp-side-head"]')].map((e) => [e.dataset.side, e.dataset.paper]),
    );
    const out = new Set();
    for (const td of document.querySelectorAll('[data-testid="compare"] td[data-side]')) {
      for (const li of td.querySelectorAll('[data-testid="cmp-evidence"]')) out.add(`${heads[td.dataset.side]}|${li.dataset.evidence}`);
    }
    return [...out].sort();
  });

async function checkExport(page, a, b, want, label) {
  const got = await comparePairs(page);
  const wantPairs = [...new Set(want.map((r) => `${r.paper_id}|${r.evidence_id}`))].sort();
  assert.deepEqual(got, wantPairs, `${label}: the page lists each paper's evidence as evidence.csv has it`);
  const { name, text } = await download(page, 'export-csv');
  assert.ok(name.startsWith(`evidence-compare-${a}-vs-${b}`), `${label}: the file names both papers: ${name}`);
  const rows = csvRows(text);
  assert.deepEqual(rows.map(rowKey).sort(), want.map(rowKey).sort(), `${label}: the export holds exactly the rows shown`);
  assert.ok(rows.every((r) => r.paper_id === a || r.paper_id === b), `${label}: no row of a third paper`);
  const md = await download(page, 'export-md');
  assert.ok(md.name.startsWith(`evidence-compare-${a}-vs-${b}`), md.name);
  assert.equal((md.text.match(/^> “/gm) || []).length, want.length, `${label}: one Markdown quote per row`);
}

for (const where of ['http', 'file://']) {
  test(`compare exports exactly what it shows, for every pair, with and without a selection from the matrix (${where})`, T, async () => {
    const ev = mostCitedEvidence();
    const s = await open(where, `#/matrix?v=1&sel=col:${encodeURIComponent(ev)}`, { contextOptions: { viewport: { width: 1440, height: 900 } } });
    try {
      const { page } = s;
      await page.getByTestId('matrix').waitFor();
      // Carried over from the matrix: the header's Compare link keeps the selection.
      await page.getByTestId('nav-compare').click();
      await page.getByTestId('compare').waitFor();
      for (const [a, b] of pairs()) {
        await page.getByTestId('compare-left').selectOption(a);
        await page.getByTestId('compare-right').selectOption(b);
        await waitFor(page, ([a, b]) => location.hash.includes(`/compare/${a}/${b}`), [a, b]);
        // The selection narrows the page, and the page says so.
        const note = page.getByTestId('cmp-narrowed');
        await note.waitFor();
        const title = csv.find((r) => r.evidence_id === ev).evidence_title;
        assert.ok((await note.textContent()).includes(title), 'the narrowing names the event');
        assert.equal(await page.getByTestId('cmp-event').inputValue(), ev, 'the event list shows it');
        const inPair = (r) => r.paper_id === a || r.paper_id === b;
        await checkExport(page, a, b, csv.filter((r) => inPair(r) && r.evidence_id === ev), `${a}/${b} narrowed to ${ev}`);
        if (where === 'http') await screenshot(page, `firsthour-compare-narrowed-${a}-${b}`);
        // The whole comparison.
        await page.getByTestId('cmp-show-all').click();
        await page.getByTestId('cmp-narrowed').waitFor({ state: 'detached' });
        await checkExport(page, a, b, csv.filter(inPair), `${a}/${b} whole`);
        // Back to the narrowed view for the next pair (Back restores the selection).
        await page.goBack();
        await page.getByTestId('cmp-narrowed').waitFor();
      }
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

/** Problems with the side heads at the current scroll position (empty when every column shown is named). */
const sideHeadProblems = (page, names) =>
  page.evaluate((names) => {
    const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
    const problems = [];
    const visible = (r) => r.bottom > bar + 4 && r.top < innerHeight - 4 && r.height > 0;
    const cols = [...document.querySelectorAll('[data-testid="compare"] td[data-side], .cmp-col[data-side]')].filter((e) => visible(e.getBoundingClientRect()));
    for (const side of new Set(cols.map((c) => c.dataset.side))) {
      const heads = [...document.querySelectorAll(`[data-testid="cmp-side-head"][data-side="${side}"]`)].filter((e) => {
        const r = e.getBoundingClientRect();
        if (!(r.top >= bar - 1 && r.bottom <= innerHeight && r.height > 0)) return false;
        const hit = document.elementFromPoint(r.left + Math.min(12, r.width / 2), r.top + r.height / 2);
        return hit && e.contains(hit);
      });
      const ok = heads.some((e) => e.textContent.includes(names[side].title) && e.querySelector('.mark')?.textContent === names[side].mark);
      if (!ok) problems.push(`${side} column at scrollY ${scrollY} has no visible head naming ${names[side].title}`);
    }
    return problems;
  }, names);

test('compare: every column says which paper it is at every scroll position; narrow to one event or dimension; jump within', T, async () => {
  // The pair that shares the most evidence (the longest page).
  const best = pairs()
    .map(([a, b]) => {
      const ea = new Set(csv.filter((r) => r.paper_id === a).map((r) => r.evidence_id));
      return { a, b, n: new Set(csv.filter((r) => r.paper_id === b && ea.has(r.evidence_id)).map((r) => r.evidence_id)).size };
    })
    .sort((x, y) => y.n - x.n)[0];
  const s = await h.openApp(`/#/compare/${best.a}/${best.b}`, { contextOptions: { viewport: { width: 1440, height: 900 } } });
  try {
    const { page } = s;
    await page.getByTestId('compare').waitFor();
    const names = {
      left: { title: paperOf(best.a).short_title, mark: paperOf(best.a).mark },
      right: { title: paperOf(best.b).short_title, mark: paperOf(best.b).mark },
    };
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const problems = [];
    let checked = 0;
    for (let y = 0; y < height; y += 250) {
      await page.evaluate((y) => window.scrollTo(0, y), y);
      await page.waitForTimeout(30);
      problems.push(...(await sideHeadProblems(page, names)));
      checked++;
    }
    assert.deepEqual(problems, [], `checked ${checked} scroll positions`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.6));
    await screenshot(page, 'firsthour-compare-scrolled');
    // Jump to the shared events.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('cmp-jump-shared').click();
    await waitFor(page, () => {
      const r = document.getElementById('cmp-shared-h').getBoundingClientRect();
      return r.top >= document.querySelector('.topbar').getBoundingClientRect().bottom && r.bottom <= innerHeight;
    });
    // Narrow to one shared event: one item left, its quotes under both papers.
    if (best.n > 0) {
      const ev = await page.getByTestId('cmp-shared').first().getAttribute('data-evidence');
      await page.getByTestId('cmp-event').selectOption(ev);
      await waitFor(page, () => document.querySelectorAll('[data-testid="cmp-shared"]').length === 1);
      assert.equal(await page.getByTestId('cmp-shared').getAttribute('data-evidence'), ev);
      assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), new RegExp(`sel=col:${ev}`));
      assert.ok((await page.getByTestId('cmp-narrowed').textContent()).length > 0);
      // One dimension as well: only that row.
      const dims = await page.getByTestId('cmp-dim').locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      if (dims.length) {
        await page.getByTestId('cmp-event').selectOption('');
        await page.getByTestId('cmp-dim').selectOption(dims[0]);
        await waitFor(page, () => document.querySelectorAll('[data-testid="cmp-row"]').length === 1);
        assert.match(await page.evaluate(() => decodeURIComponent(location.hash)), new RegExp(`sel=row:dim:${dims[0]}`));
      }
      await screenshot(page, 'firsthour-compare-one-dimension');
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** The category checkboxes: value, the text of their label, and the paper of the group they are in. */
const categoryBoxes = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="facet-category"] input[type="checkbox"]')].map((i) => ({
      id: i.dataset.value,
      text: i.closest('label').textContent.replace(/\s+/g, ' ').replace(/\d+\s*$/, '').trim(),
      group: i.closest('[data-testid="facet-group"]')?.dataset.paper ?? null,
    })),
  );

test('every category label in the filters says which paper it belongs to, and chips name the paper', T, async () => {
  const s = await h.openApp('/#/matrix', { contextOptions: { viewport: { width: 1440, height: 900 } } });
  try {
    const { page } = s;
    await page.getByTestId('matrix').waitFor();
    await page.locator('[data-testid="facet-category"] > summary').click();
    await page.locator('[data-testid="facet-category"] input').first().waitFor();
    const boxes = await categoryBoxes(page);
    assert.equal(boxes.length, sum.categories.length, 'one checkbox per category');
    for (const b of boxes) {
      const cat = sum.categories.find((c) => c.id === b.id);
      assert.equal(b.group, cat.paper, `${b.id} is grouped under its paper`);
      assert.ok(b.text.startsWith(paperOf(cat.paper).mark), `${b.id}'s label starts with its paper's mark: ${b.text}`);
    }
    // Unambiguous: no two labels read alike, even ignoring case; every group names its paper.
    const seen = new Map();
    for (const b of boxes) {
      const k = b.text.toLowerCase();
      assert.ok(!seen.has(k), `“${b.text}” is the label of ${seen.get(k)} and ${b.id}`);
      seen.set(k, b.id);
    }
    const groups = await page.locator('[data-testid="facet-category"] [data-testid="facet-group"] > .facet-group-head').allTextContents();
    assert.deepEqual(groups.map((g) => g.trim()), sum.papers.filter((p) => sum.categories.some((c) => c.paper === p.id)).map((p) => `${p.mark} ${p.short_title}`));
    // Labels that repeat across papers (case aside) give chips that differ.
    const byLabel = new Map();
    for (const c of sum.categories) (byLabel.get(c.label.toLowerCase()) ?? byLabel.set(c.label.toLowerCase(), []).get(c.label.toLowerCase())).push(c);
    const twins = [...byLabel.values()].find((cs) => new Set(cs.map((c) => c.paper)).size > 1) ?? sum.categories.slice(0, 2);
    for (const c of twins.slice(0, 2)) await page.locator(`[data-testid="facet-category"] input[data-value="${c.id}"]`).check();
    const chips = await page.locator('[data-testid="chip"][data-facet="category"]').allTextContents();
    assert.equal(chips.length, Math.min(2, twins.length));
    assert.equal(new Set(chips).size, chips.length, `chips differ: ${chips.join(' | ')}`);
    for (const c of twins.slice(0, 2)) {
      const want = `${paperOf(c.paper).mark} · ${c.label}`;
      assert.ok(chips.some((t) => t.includes(want)), `a chip reads “${want}”: ${chips.join(' | ')}`);
    }
    await screenshot(page, 'firsthour-category-filter');
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** Chips and checked boxes as facet:value sets (only facets whose lists are drawn). */
const chipsAndBoxes = (page) =>
  page.evaluate(() => {
    const chips = [...document.querySelectorAll('[data-testid="chip"][data-facet]')].map((c) => `${c.dataset.facet}:${c.dataset.value}`).sort();
    const boxes = [...document.querySelectorAll('[data-testid="facets"] input[type="checkbox"][data-facet]')];
    const checked = boxes.filter((b) => b.checked).map((b) => `${b.dataset.facet}:${b.dataset.value}`).sort();
    const drawn = new Set(boxes.map((b) => b.dataset.facet));
    return { chips, checked, missing: chips.filter((c) => !drawn.has(c.split(':')[0])) };
  });

async function expectAgree(page, label) {
  await page.getByTestId('matrix').waitFor();
  await page.waitForTimeout(50);
  const { chips, checked, missing } = await chipsAndBoxes(page);
  assert.deepEqual(checked, chips, `${label}: ticked boxes equal the chips`);
  assert.deepEqual(missing, [], `${label}: every chip's facet shows its boxes`);
}

test('chips and checkboxes agree after route changes, a tour, leaving it, and Back', T, async () => {
  const s = await h.openApp('/#/matrix', { contextOptions: { viewport: { width: 1440, height: 900 } } });
  try {
    const { page } = s;
    await page.getByTestId('matrix').waitFor();
    await page.locator('[data-testid="facet-category"] > summary').click();
    const cat = sum.categories.find((c) => csv.some((r) => r.category_id === c.id)).id;
    await page.locator(`[data-testid="facet-category"] input[data-value="${cat}"]`).check();
    await expectAgree(page, 'after ticking a category');
    // A click the state refuses cannot leave a box that disagrees: the chip removes the value.
    await page.locator(`[data-testid="chip"][data-value="${cat}"]`).click();
    await expectAgree(page, 'after removing its chip');
    await page.locator(`[data-testid="facet-category"] input[data-value="${cat}"]`).check();
    for (const nav of ['nav-overview', 'nav-timeline', 'nav-compare', 'nav-home', 'nav-matrix']) {
      await page.getByTestId(nav).click();
    }
    await expectAgree(page, 'after visiting every page');
    // A tour: present the default one, step through, leave it, open the matrix.
    if (sum.default_tour) {
      await page.evaluate((f) => { location.hash = f; }, sum.default_tour.fragment);
      await page.getByTestId('tour-bar').waitFor();
      for (let k = 1; k < sum.default_tour.steps; k++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(80);
        const at = await page.evaluate(() => ({ route: document.querySelector('.app')?.dataset.route, mode: document.documentElement.dataset.mode }));
        if (at.route === 'matrix' && at.mode === 'explore') {
          await expectAgree(page, `tour step ${k + 1}`);
        }
      }
      // Escape closes what the step opened (a panel), then leaves presentation.
      for (let k = 0; k < 4 && (await page.evaluate(() => location.hash.includes('present=1'))); k++) {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(150);
      }
      await page.waitForFunction(() => !location.hash.includes('present=1'));
      if ((await page.evaluate(() => document.querySelector('.app')?.dataset.route)) !== 'matrix') await page.getByTestId('nav-matrix').click();
      await expectAgree(page, 'after leaving the tour');
    }
    // Back through the history: wherever the matrix shows, they agree.
    for (let k = 0; k < 8; k++) {
      await page.goBack();
      await page.waitForTimeout(80);
      const at = await page.evaluate(() => ({ route: document.querySelector('.app')?.dataset.route, mode: document.documentElement.dataset.mode }));
      // (A presented tour step shows the matrix without the filters.)
      if (at.route === 'matrix' && at.mode === 'explore') await expectAgree(page, `Back ${k + 1}`);
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

for (const [width, height] of [[1280, 720], [1440, 900]]) {
  test(`the start page leads with the tasks, above the fold at ${width}x${height}; the method is on the methods page`, T, async () => {
    const s = await h.openApp('/', { contextOptions: { viewport: { width, height } } });
    try {
      const { page } = s;
      const links = page.locator('[data-testid="guided-start"] a');
      await links.first().waitFor();
      const rects = await links.evaluateAll((as) => as.map((a) => ({ text: a.textContent, bottom: a.getBoundingClientRect().bottom })));
      assert.ok(rects.length >= 4, `${rects.length} task links`);
      for (const r of rects) assert.ok(r.bottom <= height, `“${r.text}” ends at ${r.bottom} px, below the fold (${height})`);
      const startTour = page.getByTestId('start-default-tour');
      if (await startTour.count()) assert.ok((await startTour.boundingBox()).y + 10 < height, 'the tour button is above the fold');
      // The method paragraph is not on the start page; its first sentence is, with a link.
      const home = await page.locator('.home').textContent();
      const more = await page.getByTestId('home-summary').textContent();
      assert.ok(more.length < 400, `one line of summary (${more.length} chars)`);
      await screenshot(page, `firsthour-start-${width}x${height}`);
      await page.getByTestId('home-methods').click();
      await page.locator('.methods, [id="methods-top"]').first().waitFor();
      const methods = (await page.locator('.lede').first().textContent()).trim();
      const line = more.replace('How it was coded →', '').trim();
      assert.ok(methods.startsWith(line), `the methods page has the whole description, from “${line}”`);
      // A description longer than its first sentence is on the methods page only.
      if (methods.length > line.length) assert.ok(!home.includes(methods), 'the start page does not repeat it');
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test('a view opened from a link starts at its top with its toolbar visible; a link to something further down scrolls it into view below the top bar', T, async () => {
  const s = await h.openApp('/', { contextOptions: { viewport: { width: 1440, height: 900 } } });
  try {
    const { page } = s;
    const tasks = await page.locator('[data-testid="guided-start"] a').evaluateAll((as) => as.map((a) => a.dataset.testid));
    for (const t of tasks) {
      await page.getByTestId('nav-home').click();
      await page.getByTestId(t).waitFor();
      // Scrolled down the start page as far as it goes (as a reader would be after reading it).
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.getByTestId(t).click();
      await page.waitForFunction(() => document.querySelector('.app')?.dataset.route !== 'home');
      await page.waitForTimeout(300);
      const route = await page.evaluate(() => document.querySelector('.app').dataset.route);
      const state = await page.evaluate(() => {
        const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
        const tool = document.querySelector('.page .toolbar, .page h1');
        const focus = document.querySelector('[data-testid="reader"] mark.focus');
        return {
          scrollY,
          bar,
          toolTop: tool ? tool.getBoundingClientRect().top : null,
          focus: focus ? { top: focus.getBoundingClientRect().top, bottom: focus.getBoundingClientRect().bottom } : null,
        };
      });
      if (state.focus) {
        // A quote further down: in view, below the top bar.
        assert.ok(state.focus.top >= state.bar && state.focus.bottom <= 900, `${t}: the quote is in view below the top bar (${JSON.stringify(state)})`);
      } else {
        assert.equal(state.scrollY, 0, `${t} (${route}) opens at its top`);
        assert.ok(state.toolTop !== null && state.toolTop >= state.bar, `${t} (${route}): the toolbar is below the top bar (${JSON.stringify(state)})`);
      }
      if (route === 'matrix') await screenshot(page, `firsthour-task-${t}`);
    }
    // Back to the start page and forward: the page opens at its top again.
    await page.goBack();
    await page.waitForTimeout(200);
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** Label boxes (screen px) of the timeline, with the items count. */
const timelineLabels = (page) =>
  page.evaluate(() => {
    const svg = document.querySelector('[data-testid="timeline"]');
    const sr = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll('[data-testid="tl-label"]')].map((t) => {
      const r = t.getBoundingClientRect();
      return { l: r.left, r: r.right, t: r.top, b: r.bottom, text: t.textContent };
    });
    return { items: svg.querySelectorAll('[data-testid="tl-item"]').length, labels, svg: { l: sr.left, r: sr.right } };
  });

test('the timeline can be read without hovering: labels that do not overlap; a period fills the width; lane marks stay visible', T, async () => {
  const s = await h.openApp('/#/timeline', { contextOptions: { viewport: { width: 1440, height: 900 } } });
  try {
    const { page } = s;
    await page.getByTestId('timeline').waitFor();
    const check = async (label) => {
      const { items, labels, svg } = await timelineLabels(page);
      assert.ok(items > 0, label);
      assert.ok(labels.length >= Math.min(items, 8) && labels.length >= items / 2, `${label}: ${labels.length} of ${items} items labelled`);
      for (const [i, a] of labels.entries()) {
        assert.ok(a.l >= svg.l - 1 && a.r <= svg.r + 1, `${label}: “${a.text}” inside the drawing`);
        for (const b of labels.slice(i + 1)) {
          const overlap = a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
          assert.ok(!overlap, `${label}: “${a.text}” and “${b.text}” overlap`);
        }
      }
      // Lane marks: wherever the reader has scrolled, every lane in view shows its paper's
      // mark (repeated down a tall lane), with its letter, not covered by any item.
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y < total; y += 300) {
        await page.evaluate((y) => window.scrollTo(0, y), y);
        const lanes = await page.evaluate(() => {
          const bar = document.querySelector('.topbar').getBoundingClientRect().bottom;
          return [...document.querySelectorAll('[data-testid="tl-lane-head"]')]
            .map((g) => {
              const stripe = g.querySelector('.tl-lane-stripe').getBoundingClientRect();
              // A stretch of the lane at least as tall as the marks' spacing is in view.
              const inView = Math.min(stripe.bottom, innerHeight) - Math.max(stripe.top, bar) >= 340;
              const marks = [...g.querySelectorAll('.tl-lane-mark')].filter((m) => {
                const r = m.getBoundingClientRect();
                if (r.top < bar || r.bottom > innerHeight) return false;
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit && g.contains(hit);
              });
              const letter = g.querySelector('.tl-lane-mark-text')?.textContent;
              return { lane: g.dataset.lane, inView, shown: marks.length, letter };
            })
            .filter((l) => l.inView);
        });
        for (const l of lanes) assert.ok(l.shown > 0 && l.letter, `${label}: at scrollY ${y} lane ${l.lane} shows its mark`);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
    };
    await check('all years');
    await screenshot(page, 'firsthour-timeline');
    // A period: the busiest years when offered, else the middle of the dated evidence.
    const zoom = page.getByTestId('tl-zoom-busy');
    let from;
    let to;
    if (await zoom.count()) {
      [, from, to] = (await zoom.textContent()).match(/(\d{4})–(\d{4})/).map(Number);
      await zoom.click();
    } else {
      const years = csv.map((r) => Number(r.date.slice(0, 4))).filter(Boolean).sort((a, b) => a - b);
      const axis = page.getByTestId('timeline');
      const [first, last] = [Number(await axis.getAttribute('data-first')), Number(await axis.getAttribute('data-last'))];
      assert.ok(last > first, `the axis spans more than one year (${first}-${last})`);
      from = Math.max(first, years[Math.floor(years.length * 0.2)]);
      to = Math.min(last, Math.max(from, years[Math.floor(years.length * 0.8)]));
      // A period narrower than the axis.
      if (from === first && to === last) from = first + 1;
      await page.getByTestId('tl-from').fill(String(from));
      await page.getByTestId('tl-from').press('Tab');
      await waitFor(page, (f) => decodeURIComponent(location.hash).includes(`years=${f}-`), from);
      await page.getByTestId('tl-to').fill(String(to));
      await page.getByTestId('tl-to').press('Tab');
    }
    await waitFor(page, ([f, t]) => decodeURIComponent(location.hash).includes(`years=${f}-${t}`), [from, to]);
    // The axis is the period (narrowed to the years its items take).
    const axis = page.getByTestId('timeline');
    await waitFor(page, ([f, t]) => {
      const svg = document.querySelector('[data-testid="timeline"]');
      return Number(svg?.dataset.first) >= f && Number(svg?.dataset.last) <= t;
    }, [from, to]);
    from = Number(await axis.getAttribute('data-first'));
    // The period fills the axis: its first year is written at the left end, and every item lies
    // within the axis (a range reaching past it is cut and says so).
    const fit = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="timeline"]');
      const k = svg.getBoundingClientRect().width / Number(svg.dataset.w);
      const x0 = svg.getBoundingClientRect().left + Number(svg.dataset.x0) * k;
      const x1 = svg.getBoundingClientRect().left + Number(svg.dataset.x1) * k;
      const years = [...svg.querySelectorAll('[data-testid="tl-year"]')].map((t) => ({ y: Number(t.textContent), l: t.getBoundingClientRect().left }));
      const outside = [...svg.querySelectorAll('[data-testid="tl-item"]')]
        .map((g) => g.querySelector('rect, circle').getBoundingClientRect())
        .filter((r) => r.left < x0 - 6 || r.right > x1 + 6).length;
      return { x0, x1, years, outside, width: x1 - x0 };
    });
    assert.equal(fit.years[0].y, from, 'the axis starts at the period');
    assert.ok(Math.abs(fit.years[0].l - fit.x0) < 4, `the first year at the left end (${fit.years[0].l} vs ${fit.x0})`);
    assert.equal(fit.outside, 0, 'every item within the axis');
    assert.ok(fit.width > 700, `the axis is the drawing's width (${fit.width} px)`);
    await check(`${from}–${to}`);
    await screenshot(page, 'firsthour-timeline-period');
    await page.getByTestId('tl-all-years').click();
    await waitFor(page, () => !location.hash.includes('years='));
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('the overview fits 1280 px with its column headings turned', T, async () => {
  const s = await h.openApp('/#/overview', { contextOptions: { viewport: { width: 1280, height: 800 } } });
  try {
    const { page } = s;
    await page.getByTestId('overview').waitFor();
    const m = await page.evaluate(() => {
      const t = document.querySelector('[data-testid="overview"]').getBoundingClientRect();
      const heads = [...document.querySelectorAll('.many-cols [data-testid="ov-col"] > span')].map((e) => e.getBoundingClientRect());
      return { right: t.right, width: innerWidth, scroll: document.documentElement.scrollWidth, heads: heads.map((r) => ({ w: r.width, h: r.height })) };
    });
    assert.ok(m.right <= m.width, `the table ends at ${m.right} px of ${m.width}`);
    assert.ok(m.scroll <= m.width, `the page does not scroll sideways (${m.scroll})`);
    for (const r of m.heads) assert.ok(r.h >= r.w, `a turned heading is taller than wide (${r.w}×${r.h})`);
    await screenshot(page, 'firsthour-overview-1280');
    assertClean(s);
  } finally {
    await s.close();
  }
});
