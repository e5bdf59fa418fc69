// Workshops, over http and from file://: the default tour (from the corpus's seeds/tours/) started
// from the landing page and stepped through by keyboard, quote slides included; a tour built in the
// editor (add, title, reorder), copied as a link and opened in a fresh context; reveal and
// spotlight on the matrix, with the presentation keys revealing before they move on; a presented
// matrix says what is off screen; the whole tour's handout, one printed page per step whose QR code
// decodes to the link of that step's view. Ids come from the build's corpus-summary.json.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startHarness, axe, assertClean, screenshot, decodeQr, pdfPages } from './harness.mjs';
import { loadSummary, waitFor } from './pages.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const T = { timeout: 180_000 };
const summary = loadSummary();
const tour = summary.default_tour;
const open = (via, frag, opts) => (via === 'http' ? h.openApp('/' + frag, opts) : h.openFile(frag, opts));
const indicator = (page) => page.getByTestId('tour-step').textContent();

for (const via of ['http', 'file']) {
  test(`${via}: the default tour starts from the landing page and steps through by keyboard`, T, async (ctx) => {
    if (!tour) return ctx.skip('this corpus has no default tour');
    assert.ok(tour.length < 2000, `the default tour's link has ${tour.length} characters`);
    const s = await open(via, '#/', { contextOptions: { viewport: { width: 1280, height: 720 } } });
    try {
      const page = s.page;
      await page.getByTestId('start-default-tour').click();
      await waitFor(page, () => document.documentElement.dataset.mode === 'present');
      await waitFor(page, (n) => document.querySelector('[data-testid="tour-step"]')?.textContent === `Step 1 of ${n}`, tour.steps);
      let slides = 0;
      for (let k = 1; k <= tour.steps; k++) {
        await waitFor(page, ([k, n]) => document.querySelector('[data-testid="tour-step"]')?.textContent === `Step ${k} of ${n}`, [k, tour.steps]);
        // Each step shows a view or a quote slide, and the address holds the step.
        const kind = await page.evaluate(() => (document.querySelector('[data-testid="quote-slide"]') ? 'quote' : 'view'));
        if (kind === 'quote') {
          slides += 1;
          assert.ok((await page.getByTestId('slide-quote').innerText()).length > 10, `step ${k}: the quote is shown`);
          assert.ok((await page.getByTestId('slide-category').innerText()).length > 0);
          const px = await page.getByTestId('slide-quote').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
          assert.ok(px >= 28, `step ${k}: quote type ${px}px at 1280x720`);
        }
        else {
          // A view step fits the screen: nothing of its matrix is off screen (the presented
          // matrix measures itself again 120 ms after it renders).
          await page.waitForTimeout(400);
          const off = await page.evaluate(() => document.querySelector('[data-testid="offscreen-note"]')?.textContent ?? '');
          assert.equal(off, '', `step ${k}: the default tour's view should fit 1280x720`);
        }
        if (k > 1) assert.match(await page.evaluate(() => location.hash), new RegExp(`[?&]step=${k - 1}(&|$)`));
        if (via === 'http') await screenshot(page, `workshop-default-step-${k}`);
        // Nothing scrolls in presentation: the page fits the screen.
        const scroll = await page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
        assert.ok(scroll <= 1, `step ${k}: the page scrolls by ${scroll}px`);
        await page.keyboard.press(k % 2 ? 'ArrowRight' : 'PageDown');
      }
      assert.ok(slides > 0, 'the default tour has quote slides');
      assert.equal(await indicator(page), `Step ${tour.steps} of ${tour.steps}`, 'the last step stays');
      await page.keyboard.press('Home');
      await waitFor(page, (n) => document.querySelector('[data-testid="tour-step"]')?.textContent === `Step 1 of ${n}`, tour.steps);
      const found = await axe(page);
      const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad.map((v) => v.id), [], 'no serious or critical axe violation');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await waitFor(page, () => document.documentElement.dataset.mode === 'explore');
      assertClean(s);
    } finally {
      await s.close();
    }
  });

  test(`${via}: a tour built in the editor travels in its link`, T, async () => {
    const s = await open(via, '#/matrix', { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
    let t;
    try {
      const page = s.page;
      await page.getByTestId('matrix').waitFor();
      await page.getByTestId('tour-open').click();
      await page.getByTestId('tour-editor').waitFor();
      await page.getByTestId('tour-empty').waitFor();
      await page.getByTestId('tour-add').click();
      await waitFor(page, () => document.querySelectorAll('[data-testid="tour-step-item"]').length === 1);
      await page.getByTestId('te-title').first().fill('The whole matrix');
      await page.getByTestId('te-note').first().fill('Rows are categories.');
      await page.getByTestId('te-title').first().press('Tab');
      await page.getByTestId('nav-overview').click();
      await page.getByTestId('tour-add').click();
      await waitFor(page, () => document.querySelectorAll('[data-testid="tour-step-item"]').length === 2);
      await page.getByTestId('te-title').nth(1).fill('At a glance');
      await page.getByTestId('te-title').nth(1).press('Tab');
      await waitFor(page, () => document.querySelectorAll('[data-testid="te-title"]')[1]?.value === 'At a glance');
      // Reorder: the overview first.
      await page.getByTestId('te-up').nth(1).click();
      await waitFor(page, () => document.querySelectorAll('[data-testid="te-title"]')[0]?.value === 'At a glance');
      await page.getByTestId('te-duplicate').nth(0).click();
      await waitFor(page, () => document.querySelectorAll('[data-testid="tour-step-item"]').length === 3);
      await page.getByTestId('te-delete').nth(1).click();
      await waitFor(page, () => document.querySelectorAll('[data-testid="tour-step-item"]').length === 2);
      assert.deepEqual(await page.getByTestId('te-title').evaluateAll((l) => l.map((e) => e.value)), ['At a glance', 'The whole matrix']);
      assert.match(await page.getByTestId('tour-length').innerText(), /Link: \d+ characters/);
      await screenshot(page, `workshop-editor-${via}`);
      let link;
      await page.getByTestId('tour-copy').click();
      const copied = await page.getByTestId('tour-copy-status').getByText(/copied/i).waitFor({ timeout: 3000 }).then(() => true, () => false);
      link = copied ? await page.evaluate(() => navigator.clipboard.readText()) : await page.getByTestId('tour-copy-fallback').inputValue();
      assertClean(s);
      const frag = link.slice(link.indexOf('#'));
      assert.match(frag, /[?&]present=1(&|$)/);
      t = await open(via, frag);
      await waitFor(t.page, () => document.querySelector('[data-testid="tour-step"]')?.textContent === 'Step 1 of 2');
      assert.equal(await t.page.getByTestId('tour-title').textContent(), 'At a glance');
      await t.page.keyboard.press('Space');
      await waitFor(t.page, () => document.querySelector('[data-testid="tour-step"]')?.textContent === 'Step 2 of 2');
      await t.page.getByTestId('matrix').waitFor();
      assertClean(t);
    } finally {
      await s.close();
      await t?.close();
    }
  });
}

for (const via of ['http', 'file']) {
  test(`${via}: the whole tour's handout prints one page per step, each with the QR code of its view`, T, async (ctx) => {
    if (!tour) return ctx.skip('this corpus has no default tour');
    // The default tour opened for editing (not presenting), then its handout from the editor.
    const frag = tour.fragment.replace(/([?&])present=1(&|$)/, (_, a, b) => (b ? a : ''));
    const s = await open(via, `#${frag}`);
    try {
      const page = s.page;
      await page.getByTestId('tour-open').click();
      await waitFor(page, (n) => document.querySelectorAll('[data-testid="tour-step-item"]').length === n, tour.steps);
      const titles = await page.getByTestId('te-title').evaluateAll((l) => l.map((e) => e.value));
      const notes = await page.getByTestId('te-note').evaluateAll((l) => l.map((e) => e.value));
      await page.getByTestId('tour-handout').click();
      await page.getByTestId('handout').waitFor();
      const pages = page.getByTestId('handout-page');
      assert.equal(await pages.count(), tour.steps, 'one page per step');
      assert.equal(await page.getByTestId('handout-scope-tour').isChecked(), true);
      assert.deepEqual(await page.locator('.handout-title').allInnerTexts(), titles, 'each page has its step title');
      // A participants' handout leaves the notes out unless ticked.
      assert.equal(await page.getByTestId('handout-notes').isChecked(), false, 'notes are off by default');
      assert.equal(await page.locator('.handout-note').count(), 0);
      await page.getByTestId('handout-notes').check();
      await waitFor(page, () => document.querySelectorAll('.handout-note').length > 0);
      const printedNotes = await page.locator('.handout-note p').allInnerTexts();
      assert.deepEqual(printedNotes, notes.filter((n) => n.trim()), 'the speaker notes');
      // Every page: its link is its step's view alone (short enough to scan), and the QR code
      // decodes to it. From the file, the first and last pages (the codes are the same kind).
      await page.emulateMedia({ media: 'print' });
      const urls = await page.getByTestId('handout-url').allInnerTexts();
      const base = page.url().split('#')[0];
      const check = via === 'http' ? urls.map((_, i) => i) : [0, urls.length - 1];
      for (const i of check) {
        assert.ok(urls[i].startsWith(`${base}#/`), `page ${i + 1}: ${urls[i]}`);
        assert.doesNotMatch(urls[i], /[?&](tour|present|step|reveal)=/, `page ${i + 1} links its view alone`);
        const png = await pages.nth(i).getByTestId('handout-qr').screenshot();
        assert.equal(await decodeQr(h.browser, png), urls[i], `page ${i + 1}: the QR code decodes to its link`);
      }
      await screenshot(page, `workshop-tour-handout-${via}`);
      if (via === 'http') {
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(join(ARTIFACTS, 'handout-tour.pdf'), pdf);
        assert.equal(pdfPages(pdf), tour.steps, 'one printed page per step');
      }
      await page.emulateMedia({ media: 'screen' });
      // The preview switches between the tour and the current view.
      await page.getByTestId('handout-scope-view').check();
      await waitFor(page, () => document.querySelectorAll('[data-testid="handout-page"]').length === 1);
      await page.getByTestId('handout-close').click();
      assertClean(s);
      // A quote slide's page links the reader at its quote.
      const quotePage = urls.findIndex((u) => /[?&]quote=/.test(u));
      if (quotePage >= 0) {
        const t = await open(via, urls[quotePage].slice(urls[quotePage].indexOf('#')));
        try {
          await t.page.locator('#focus-quote').waitFor();
          assert.match(t.page.url(), /#\/read\//);
          assertClean(t);
        } finally {
          await t.close();
        }
      }
    } finally {
      await s.close();
    }
  });
}

test('reveal and spotlight: marks hidden, revealed by the keys before the tour moves on; the rest dimmed', T, async () => {
  const s = await h.openApp('/#/matrix?v=1&shared=1&compact=1&reveal=row.0&present=1', { contextOptions: { viewport: { width: 1280, height: 720 } } });
  try {
    const page = s.page;
    await page.getByTestId('matrix').waitFor();
    const concealed = () => page.locator('[data-testid="concealed"]').count();
    const before = await concealed();
    assert.ok(before > 0, 'the marks are hidden');
    assert.match(await page.getByTestId('reveal-progress').innerText(), /^Revealed 0 of \d+ rows$/);
    await page.keyboard.press('ArrowRight');
    await waitFor(page, () => /[?&]reveal=row\.1(&|$)/.test(location.hash));
    assert.match(await page.getByTestId('reveal-progress').innerText(), /^Revealed 1 of \d+ rows$/);
    assert.ok((await concealed()) < before, 'one row revealed');
    await page.keyboard.press('ArrowLeft');
    await waitFor(page, () => /[?&]reveal=row\.0(&|$)/.test(location.hash));
    // The presented matrix says what it cannot show. A corpus whose matrix fits 1280x720 has
    // nothing off screen (and no note) until the screen is made too low for its rows.
    const note = page.getByTestId('offscreen-note');
    const shown = await note.waitFor({ timeout: 3_000 }).then(() => true, () => false);
    if (!shown) {
      const below = await page.evaluate(() => {
        const wrap = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
        return [...document.querySelectorAll('[data-testid="matrix-row"]')]
          .filter((r) => r.getBoundingClientRect().bottom > wrap.bottom + 1).length;
      });
      assert.equal(below, 0, 'no note although rows lie below the matrix');
      await page.setViewportSize({ width: 1280, height: 240 });
    }
    await note.waitFor();
    assert.match(await note.innerText(), /off screen/);
    await screenshot(page, 'workshop-reveal');
    assertClean(s);
  } finally {
    await s.close();
  }
  const t = await h.openApp('/#/matrix?v=1&shared=1&compact=1');
  try {
    const page = t.page;
    const cell = page.locator('[data-testid="matrix"] td.cell.has').first();
    await cell.click();
    await page.getByTestId('spotlight').click();
    await waitFor(page, () => /[?&]spot=cell:/.test(location.hash));
    const dim = await page.locator('[data-testid="matrix"] td.cell.dim').count();
    const lit = await page.locator('[data-testid="matrix"] td.cell:not(.dim)').count();
    assert.ok(dim > 0 && lit === 1, `one lit cell (${lit}), the rest dimmed (${dim})`);
    await page.getByTestId('reveal-by').selectOption('col');
    await waitFor(page, () => /[?&]reveal=col\.0(&|$)/.test(location.hash));
    await page.getByTestId('reveal-next').click();
    await waitFor(page, () => /[?&]reveal=col\.1(&|$)/.test(location.hash));
    await screenshot(page, 'workshop-spotlight');
    assertClean(t);
  } finally {
    await t.close();
  }
});
