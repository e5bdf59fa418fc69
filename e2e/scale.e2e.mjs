// The grid at ten times the corpus (run by scripts/test.sh against a build of the synthetic 10x
// corpus, E2E_DIST=target/e2e-10x; the name keeps it out of `node --test e2e/`): a grid that
// large is drawn as a window over what is in view (`viewmodel::grid::WINDOW_CELLS`), and
// everything a person does still reaches every cell: scrolling draws the far end, the keys move
// the focus to cells not drawn yet, a link selecting the last column shows it, a filter small
// enough draws the whole grid again, the transposed grid and the single file too. Expected sizes
// are read from the page's own summary and the grid's aria-rowcount/aria-colcount (the build's
// corpus-summary.json describes the real corpus, not the synthetic one).
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, assertClean, screenshot } from './harness.mjs';
import { summary, waitFor } from './pages.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const T = { timeout: 120_000 };
const VIEW = { contextOptions: { viewport: { width: 1440, height: 900 } }, timeout: 60_000 };
const open = (via, frag) => (via === 'http' ? h.openApp('/' + frag, VIEW) : h.openFile(frag, VIEW));

/** What the page shows: drawn cells and headers, the grid's declared size, the focus. */
function grid(page) {
  return page.evaluate(() => {
    const m = document.querySelector('[data-testid="matrix"]');
    const heads = [...document.querySelectorAll('[data-testid="col-head"]')].map((e) => +e.id.match(/-(-?\d+)$/)[1]);
    const rows = [...document.querySelectorAll('[data-testid="matrix-row"] th.row-head')].map((e) => +e.id.match(/^mx-(-?\d+)-/)[1]);
    const wrap = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
    const a = document.activeElement;
    const box = a?.getBoundingClientRect();
    return {
      windowed: m?.dataset.windowed === 'true',
      cols: +m?.getAttribute('aria-colcount') - 1,
      cells: document.querySelectorAll('[data-testid="matrix"] td.cell').length,
      heads,
      rows,
      focus: a?.id ?? '',
      focusInView: !!box && box.left >= wrap.left - 1 && box.right <= wrap.right + 1 && box.top >= wrap.top - 1 && box.bottom <= wrap.bottom + 1,
    };
  });
}

/** Waits until the focused cell is in view (the window follows the scroll a frame later). */
const focusInView = (page, what) => waitFor(page, () => {
  const w = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
  const b = document.activeElement?.getBoundingClientRect();
  return !!b && b.left >= w.left - 1 && b.right <= w.right + 1 && b.top >= w.top - 1 && b.top + b.height / 2 <= w.bottom;
}).catch(async () => assert.fail(`${what}: the focus (${(await grid(page)).focus}) is not in view`));

const focusIs = (page, id) => waitFor(page, (id) => document.activeElement?.id === id, id)
  .catch(async (e) => { throw new Error(`focus on ${id}: ${e.message}; the focus is on "${await page.evaluate(() => document.activeElement?.id)}"`); });

for (const via of ['http', 'file']) {
  test(`${via}: the 10x grid is drawn as a window; scrolling draws the far end`, T, async () => {
    const s = await open(via, '#/matrix');
    try {
      const { page } = s;
      await page.getByTestId('matrix').waitFor();
      const sum = await summary(page);
      const g = await grid(page);
      assert.ok(g.windowed, 'windowed');
      assert.equal(g.cols, sum.evidence, 'aria-colcount is every column');
      assert.ok(g.cells < (sum.categories * sum.evidence) / 20, `${g.cells} cells drawn of ${sum.categories * sum.evidence}`);
      assert.equal(Math.min(...g.heads), 0, 'the first columns are drawn');
      // The spacers keep the whole grid's size: the scroll reaches the last column and row.
      await page.evaluate(() => {
        const w = document.querySelector('[data-testid="matrix-wrap"]');
        w.scrollLeft = w.scrollWidth;
        w.scrollTop = w.scrollHeight;
      });
      await waitFor(page, (n) => [...document.querySelectorAll('[data-testid="col-head"]')].some((e) => +e.id.match(/-(-?\d+)$/)[1] === n - 1), sum.evidence);
      const far = await grid(page);
      assert.ok(!far.heads.includes(0), 'the first columns are no longer drawn');
      assert.ok(far.rows.includes(Math.max(...far.rows)) && Math.max(...far.rows) >= sum.categories - 1, `the last row is drawn (${Math.max(...far.rows)})`);
      const box = await page.locator(`#mx--1-${sum.evidence - 1}`).boundingBox();
      const wrap = await page.getByTestId('matrix-wrap').boundingBox();
      assert.ok(box.x + box.width <= wrap.x + wrap.width + 1 && box.x >= wrap.x, 'the last column is in view');
      await screenshot(page, `scale-10x-far-${via}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test('the keys reach cells not drawn yet, and the focus is always in view', T, async () => {
  const s = await open('http', '#/matrix');
  try {
    const { page } = s;
    await page.getByTestId('matrix').waitFor();
    const { evidence: n } = await summary(page);
    await page.locator('#mx-0-0').focus();
    const steps = [
      ['End', `mx-0-${n - 1}`],
      ['ArrowLeft', `mx-0-${n - 2}`],
      ['Home', 'mx-0--1'],
      ['PageDown', 'mx-10--1'],
      ['ArrowRight', 'mx-10-0'],
      ['Control+End', null],
      ['Control+Home', 'mx-0-0'],
    ];
    for (const [key, want] of steps) {
      await page.keyboard.press(key);
      if (want) await focusIs(page, want);
      else await waitFor(page, (n) => new RegExp(`^mx-\\d+-${n - 1}$`).test(document.activeElement?.id ?? ''), n);
      await focusInView(page, key);
    }
    // Enter opens the focused cell's column in the panel, wherever it is.
    await page.keyboard.press('End');
    await focusIs(page, `mx-0-${n - 1}`);
    await page.locator(`#mx--1-${n - 1}`).focus();
    await page.keyboard.press('Enter');
    await waitFor(page, () => /[?&]sel=col(:|%3A)/.test(location.hash));
    await screenshot(page, 'scale-10x-keys');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a link selecting the last column opens with it in view; the grid of one paper is drawn whole; the transposed grid is windowed', T, async () => {
  const s = await open('http', '#/matrix');
  let t;
  try {
    const { page } = s;
    await page.getByTestId('matrix').waitFor();
    const { evidence: n } = await summary(page);
    await page.locator('#mx--1-0').focus();
    await page.keyboard.press('End');
    await focusIs(page, `mx--1-${n - 1}`);
    await page.keyboard.press('Enter');
    await waitFor(page, () => /[?&]sel=col/.test(location.hash));
    const hash = await page.evaluate(() => location.hash);
    t = await open('http', hash);
    const head = t.page.locator(`#mx--1-${n - 1}`);
    await head.waitFor();
    await waitFor(t.page, (id) => {
      const e = document.getElementById(id);
      const w = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
      const b = e?.getBoundingClientRect();
      return !!b && b.left >= w.left - 1 && b.right <= w.right + 1;
    }, `mx--1-${n - 1}`);
    assert.equal(await head.getAttribute('aria-selected'), 'true');
    await t.page.getByTestId('panel').waitFor();
    assertClean(t);
    // One paper: a grid small enough to be drawn whole again.
    await page.locator('[data-testid="facet-paper"] input[type=checkbox]').first().check();
    await waitFor(page, () => document.querySelector('[data-testid="matrix"]')?.dataset.windowed === 'false');
    const g = await grid(page);
    assert.equal(Math.max(...g.heads) + 1, g.cols, 'every column drawn');
    assert.equal(new Set(g.heads).size, g.cols);
    // And the transposed grid of everything is windowed too, with the keys still working.
    await page.locator('[data-testid="facet-paper"] input[type=checkbox]').first().uncheck();
    await page.getByTestId('transpose').click();
    await waitFor(page, () => document.querySelector('[data-testid="matrix"]')?.dataset.transposed === 'true'
      && document.querySelector('[data-testid="matrix"]')?.dataset.windowed === 'true');
    // The selected evidence is now the last row, brought into view.
    await waitFor(page, (id) => {
      const e = document.getElementById(id);
      const w = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
      const b = e?.getBoundingClientRect();
      return !!b && b.top >= w.top - 1 && b.top + b.height / 2 <= w.bottom;
    }, `mx-${n - 1}--1`);
    await page.locator(`#mx-${n - 1}--1`).focus();
    await page.keyboard.press('Control+Home');
    await focusIs(page, 'mx-0-0');
    await page.keyboard.press('Control+End');
    await waitFor(page, () => /^mx-\d{3,}-\d+$/.test(document.activeElement?.id ?? ''));
    await focusInView(page, 'the last evidence row');
    await screenshot(page, 'scale-10x-transposed');
    assertClean(s);
  } finally {
    await s.close();
    await t?.close();
  }
});
