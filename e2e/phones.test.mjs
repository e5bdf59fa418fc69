// Participants on phones, handouts that reach them, and slides the room can read (Chromium):
// - every route at 390x844 (and the narrowest, 360) without sideways page scroll, the top bar
//   folded into a menu, axe clean;
// - a tour link from explorer.html on a phone reads as steps: Next and Back, and a swipe;
// - a link to a selection opens on a phone with that selection's quotes in view;
// - a handout printed from file:// or 127.0.0.1 without the participants' address warns; with
//   one, its links and QR codes start with it and the tour's link carries it (`at=`);
// - a presented matrix at 1280x720 shows whole column and step titles and its quotes on the
//   slide; one Escape leaves presentation with a menu open.
// Every expected id, title and quote comes from the build's corpus-summary.json and evidence.csv.
import test from 'node:test';
import assert from 'node:assert/strict';
import { harnessForFile, axe, assertClean, screenshot } from './harness.mjs';
import { loadCsv, loadSummary, waitFor, mostQuotedCoding, openMenu } from './pages.mjs';

const h = harnessForFile();
const T = { timeout: 180_000 };
// Not `isMobile`: a mobile layout viewport grows to fit whatever is too wide, which would hide
// the sideways scroll this suite looks for (innerWidth must stay the phone's width).
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, deviceScaleFactor: 2 };
const summary = loadSummary();
const csv = loadCsv();
const open = (via, frag, opts) => (via === 'http' ? h.openApp('/' + frag, opts) : h.openFile(frag, opts));

/** How far the page scrolls sideways (0 when it fits the width). */
const sideways = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

/** The routes of this corpus: one of each page, with and without a selection. */
function routes() {
  const [a, b] = summary.papers;
  const coding = mostQuotedCoding(csv)[0];
  const ev = summary.evidence[0].id;
  return [
    '#/',
    '#/matrix',
    `#/matrix?v=1&sel=cell:${coding.category_id}~${coding.evidence_id}`,
    `#/matrix?v=1&t=1&sel=col:${coding.evidence_id}`,
    `#/read/${a.id}`,
    `#/evidence/${ev}`,
    '#/overview',
    '#/overview?v=1&ocols=place',
    '#/timeline',
    '#/compare',
    b ? `#/compare/${a.id}/${b.id}` : '#/compare',
    '#/about',
  ];
}

/** A tour to read on the phone: the corpus's default tour, else one of routes only. */
function tourLink() {
  if (summary.default_tour) return { frag: `#${summary.default_tour.fragment}`, steps: summary.default_tour.steps };
  const steps = [['Matrix', '/matrix'], ['Overview', '/overview'], ['Timeline', '/timeline']];
  const t = '1' + steps.map(([n, v]) => `!v*${n}*A+point+about+${n}.*${v}`).join('');
  return { frag: `#/matrix?v=1&present=1&tour=${t}`, steps: steps.length };
}

const stepIs = (page, k, n) =>
  waitFor(page, ([want]) => document.querySelector('[data-testid="tour-step"]')?.textContent === want, [`Step ${k} of ${n}`]);

test('every route at 390x844 and 360x740 has no sideways page scroll; the top bar folds into a menu; axe', T, async () => {
  const s = await h.openApp('/#/', { contextOptions: PHONE });
  try {
    const { page } = s;
    // The top bar is one line: the corpus title and "Menu"; the menu opens the navigation.
    assert.equal(await page.getByTestId('nav-matrix').isVisible(), false, 'the navigation is folded');
    const toggle = page.getByTestId('menu-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.getByTestId('nav-matrix').waitFor();
    assert.equal(await sideways(page), 0, 'menu open');
    assert.deepEqual((await axe(page)).map((v) => v.id), [], 'axe: the open menu');
    await screenshot(page, 'phone-390-menu');
    await page.getByTestId('nav-matrix').click();
    await waitFor(page, () => document.querySelector('.app')?.dataset.route === 'matrix');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'following a link folds the menu');
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 740 });
      for (const r of [...routes(), tourLink().frag]) {
        await page.evaluate((f) => { location.hash = f; }, r);
        await waitFor(page, () => !!document.querySelector('#main'));
        await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 200))));
        assert.equal(await page.evaluate(() => innerWidth), width);
        const over = await sideways(page);
        const wide = over > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.matrix-wrap, .timeline-wrap, .tl-scroll, [data-testid="timeline"]'))
          .slice(0, 5).map((e) => `${e.tagName}.${e.className}`)) : [];
        assert.equal(over, 0, `${width}px ${r}: the page scrolls sideways by ${over}px (${wide.join(', ')})`);
        if (width === 390) await screenshot(page, `phone-390-${r.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
      }
    }
    await page.setViewportSize({ width: 390, height: 844 });
    for (const r of ['#/matrix', '#/overview', '#/timeline']) {
      await page.evaluate((f) => { location.hash = f; }, r);
      await waitFor(page, (f) => location.hash.startsWith(f), r);
      await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 200))));
      assert.deepEqual((await axe(page)).map((v) => v.id), [], `axe at 390px: ${r}`);
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('file://: a tour link on a phone reads as steps, moved by Next and Back and by a swipe', T, async () => {
  const { frag, steps } = tourLink();
  const s = await h.openFile(frag, { contextOptions: PHONE });
  try {
    const { page } = s;
    await page.getByTestId('phone-tour').waitFor();
    await stepIs(page, 1, steps);
    // Not a presentation: no full-screen layout, no exit button, the page scrolls normally.
    assert.equal(await page.evaluate(() => document.documentElement.dataset.mode), 'tour-phone');
    assert.equal(await page.getByTestId('present-exit').count(), 0);
    assert.equal(await page.evaluate(() => document.fullscreenElement), null);
    // The title whole (it wraps), the point, the buttons.
    const title = page.getByTestId('tour-title');
    assert.ok((await title.innerText()).length > 0);
    assert.ok(await title.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'the step title is not cut');
    assert.ok((await page.getByTestId('pt-notes').innerText()).trim().length > 0, 'the point of the step');
    assert.equal(await page.getByTestId('pt-back').isDisabled(), true);
    assert.equal(await sideways(page), 0);
    await screenshot(page, 'phone-390-tour-step-1');
    await page.getByTestId('pt-next').click();
    await stepIs(page, 2, steps);
    assert.match(await page.evaluate(() => location.hash), /[?&]step=1(&|$)/);
    assert.equal(await sideways(page), 0);
    await screenshot(page, 'phone-390-tour-step-2');
    await page.getByTestId('pt-back').click();
    await stepIs(page, 1, steps);
    // A swipe: real touch input (CDP), from right to left on the step's notes, then back.
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (from, to) => {
      const box = await page.getByTestId('pt-notes').boundingBox();
      const y = box.y + Math.min(box.height / 2, 20);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
      for (let i = 1; i <= 6; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from + ((to - from) * i) / 6, y }] });
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await page.getByTestId('pt-notes').scrollIntoViewIfNeeded();
    await swipe(330, 60);
    await stepIs(page, 2, steps);
    await swipe(60, 330);
    await stepIs(page, 1, steps);
    // Every step of the tour fits the width.
    for (let k = 2; k <= steps; k++) {
      await page.getByTestId('pt-next').click();
      await stepIs(page, k, steps);
      await page.evaluate(() => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 100))));
      assert.equal(await sideways(page), 0, `step ${k} scrolls sideways`);
    }
    assert.equal(await page.getByTestId('pt-next').isDisabled(), true, 'the last step has no Next');
    assert.deepEqual((await axe(page)).map((v) => v.id), [], 'axe: the tour on a phone');
    // "Leave the tour" explores the view.
    await page.getByTestId('pt-leave').click();
    await waitFor(page, () => document.documentElement.dataset.mode === 'explore');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a link to a selection opens on a phone with its quotes in view', T, async () => {
  const rows = mostQuotedCoding(csv);
  const { category_id: cat, evidence_id: ev } = rows[0];
  for (const via of ['http', 'file']) {
    const s = await open(via, `#/matrix?v=1&sel=cell:${cat}~${ev}`, { contextOptions: PHONE });
    try {
      const { page } = s;
      await page.getByTestId('panel').waitFor();
      await waitFor(page, () => {
        const q = document.querySelector('[data-testid="panel"] [data-testid="quote"] blockquote');
        if (!q) return false;
        const r = q.getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight - 40;
      });
      const shown = await page.locator('[data-testid="panel"] [data-testid="quote"] blockquote').first().innerText();
      assert.ok(rows.some((r) => shown.includes(r.quote.slice(0, 30))), `the quote in view is the cell's: ${shown.slice(0, 60)}`);
      assert.equal(await sideways(page), 0);
      if (via === 'http') await screenshot(page, 'phone-390-selection-link');
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});

test('a handout from file:// or 127.0.0.1 without the participants\' address warns; with one, links use it', T, async () => {
  const { frag } = tourLink();
  const address = 'https://workshop.example.org/explorer.html';
  for (const via of ['file', 'http']) {
    const s = await open(via, '#/matrix', { contextOptions: { viewport: { width: 1280, height: 800 } } });
    try {
      const { page } = s;
      await openMenu(page);
      await page.getByTestId('print-view').click();
      await page.getByTestId('handout').waitFor();
      const warning = page.getByTestId('handout-warning');
      await warning.waitFor();
      assert.match(await warning.innerText(), /participants/i);
      assert.match(await warning.innerText(), /Participants open the explorer at/);
      assert.equal(await page.getByTestId('handout-print').innerText(), 'Print anyway…');
      assert.equal(await page.getByTestId('handout-notes').isChecked(), false, 'no speaker notes by default');
      // Not an address: said under the field, and still the warning.
      await page.getByTestId('handout-address').fill('explorer.html');
      await page.getByTestId('handout-address').press('Enter');
      await page.getByTestId('handout-address-error').waitFor();
      assert.equal(await warning.isVisible(), true);
      await page.getByTestId('handout-address').fill(address);
      await page.getByTestId('handout-address').press('Enter');
      await waitFor(page, () => !document.querySelector('[data-testid="handout-warning"]'));
      assert.equal(await page.getByTestId('handout-print').innerText(), 'Print…');
      const url = await page.getByTestId('handout-url').first().innerText();
      assert.ok(url.startsWith(`${address}#/`), url);
      assert.match(await page.evaluate(() => location.hash), /[?&]at=https%3A%2F%2Fworkshop\.example\.org%2Fexplorer\.html/);
      if (via === 'file') await screenshot(page, 'handout-address-file');
      assertClean(s);
    } finally {
      await s.close();
    }
  }
  // The address travels with a tour's link: every step keeps it, its handout uses it.
  const s = await h.openFile(`${frag}&at=${encodeURIComponent(address)}`, { contextOptions: { viewport: { width: 1280, height: 720 } } });
  try {
    const { page } = s;
    await page.keyboard.press('ArrowRight');
    await waitFor(page, () => /[?&]step=1(&|$)/.test(location.hash));
    assert.match(await page.evaluate(() => location.hash), /[?&]at=https%3A/);
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** An evidence item two or more papers cite, with the categories that cite it and its year. */
function sharedItem() {
  const by = new Map();
  for (const r of csv) {
    const e = by.get(r.evidence_id) ?? { id: r.evidence_id, title: r.evidence_title, date: r.date, papers: new Set(), cats: new Set(), quotes: [] };
    e.papers.add(r.paper_id);
    e.cats.add(r.category_id);
    e.quotes.push(r.quote);
    by.set(r.evidence_id, e);
  }
  return [...by.values()].filter((e) => /^\d{4}/.test(e.date)).sort((a, b) => b.papers.size - a.papers.size || b.quotes.length - a.quotes.length)[0];
}

test('a presented matrix at 1280x720 shows whole column and step titles and its quotes on the slide; Escape leaves with a menu open', T, async () => {
  const e = sharedItem();
  const analytic = new Set(summary.categories.filter((c) => c.kind !== 'context').map((c) => c.id));
  const cats = [...e.cats].filter((c) => analytic.has(c)).sort();
  const view = `/matrix?category=${cats.join(',')};years=${e.date.slice(0, 4)};sel=col:${e.id}`;
  const title = `The step names ${e.title} in full, as a facilitator would`.slice(0, 120);
  const tour = `1!v*${encodeURIComponent(title).replace(/%20/g, '+')}*A+point.*${view}`;
  const s = await h.openFile(`#/tour?v=1&present=1&tour=${tour}`, { contextOptions: { viewport: { width: 1280, height: 720 } } });
  try {
    const { page } = s;
    await page.getByTestId('slide-quotes').waitFor();
    await page.waitForTimeout(400);
    // Column titles whole: no header is cut (its text fits its box), and each says its item.
    const heads = await page.locator('[data-testid="matrix"] [data-testid="col-head"] .col-head').evaluateAll((l) =>
      l.map((d) => ({ text: d.textContent.trim(), cut: d.scrollWidth > d.clientWidth + 1 || d.scrollHeight > d.clientHeight + 1, title: d.parentElement.title })));
    assert.ok(heads.length > 0);
    for (const hd of heads) assert.equal(hd.cut, false, `column title cut: ${hd.text}`);
    const mine = heads.find((hd) => hd.title.startsWith(e.title));
    assert.ok(mine && mine.text.includes(e.title), `the selected column's title whole: ${mine?.text}`);
    // A few columns are set across, in the width beside the grid.
    const across = await page.getByTestId('matrix').evaluate((t) => t.classList.contains('across'));
    assert.equal(across, heads.length <= 3, `${heads.length} columns, across: ${across}`);
    // The step title whole.
    const st = page.getByTestId('tour-title');
    assert.equal(await st.innerText(), title);
    assert.ok(await st.evaluate((d) => d.scrollWidth <= d.clientWidth + 1 && d.getBoundingClientRect().right <= innerWidth), 'the step title is not cut');
    // The quotes on the slide, in view, without a key press; they are the item's.
    const items = page.getByTestId('slide-quote-item');
    assert.ok((await items.count()) > 0);
    const first = await items.first().locator('blockquote').innerText();
    assert.ok(e.quotes.some((q) => first.includes(q.slice(0, 30))), first);
    assert.ok(await items.first().evaluate((d) => { const r = d.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight - 80; }), 'the first quote is on screen');
    for (const q of await items.locator('blockquote').allInnerTexts()) {
      assert.ok(e.quotes.some((x) => q.includes(x.slice(0, 30))), `a quote of the item: ${q.slice(0, 60)}`);
    }
    const px = await items.first().locator('blockquote').evaluate((d) => parseFloat(getComputedStyle(d).fontSize));
    assert.ok(px >= 18, `quote type ${px}px`);
    await screenshot(page, 'present-1280-matrix-step');
    // A menu open (the top bar's "More") and the panel's selection: one Escape leaves.
    await page.evaluate(() => { document.querySelector('[data-testid="more-menu"]').open = true; document.querySelector('[data-testid="more-menu"] summary').focus(); });
    await page.keyboard.press('Escape');
    await waitFor(page, () => document.documentElement.dataset.mode === 'explore');
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="more-menu"]').open), false, 'the menu is closed');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /present=1/);
    // From the keyboard: the menu opened, P presents, Escape leaves at once.
    await openMenu(page);
    await page.keyboard.press('p');
    await waitFor(page, () => document.documentElement.dataset.mode === 'present');
    await page.keyboard.press('Escape');
    await waitFor(page, () => document.documentElement.dataset.mode === 'explore');
    assertClean(s);
  } finally {
    await s.close();
  }
});
