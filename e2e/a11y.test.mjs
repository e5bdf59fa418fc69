// Accessibility: axe-core finds no violations on each page a person visits, and meaning is
// never carried by colour alone (every mark in a cell has a letter).
import test from 'node:test';
import assert from 'node:assert/strict';
import { harnessForFile, axe, assertClean, screenshot } from './harness.mjs';
import { csvStats, loadCsv, paperIds } from './pages.mjs';

const h = harnessForFile();

const T = { timeout: 60_000 };

// Each page with what must be on it before axe looks (so a page that did not open fails).
const csv = loadCsv();
const row = csv[0];
const pages = [
  ['landing', '/#/', 'paper-list'],
  ['matrix', '/#/matrix', 'matrix'],
  ['matrix-panel', `/#/matrix?v=1&sel=cell:${row.category_id}~${row.evidence_id}`, 'panel'],
  ['matrix-transposed-compact', '/#/matrix?v=1&rows=dim&t=1&compact=1', 'matrix'],
  ['reader', `/#/read/${paperIds().at(-1)}`, 'reader'],
  ['evidence-card', `/#/evidence/${row.evidence_id}`, 'evidence-card'],
  ['notice', '/#/matrix?v=1&nope=1', 'url-notice'],
];

for (const [name, path, shown] of pages) {
  test(`axe finds no violations: ${name}`, T, async () => {
    const s = await h.openApp(path);
    try {
      await s.page.getByTestId(shown).waitFor({ state: 'visible' });
      const violations = await axe(s.page);
      const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      assert.deepEqual(summary, [], `axe violations on ${name}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test('every mark in a matrix cell carries a letter, not only a colour', T, async () => {
  const s = await h.openApp('/#/matrix');
  try {
    const marks = await s.page.$$eval('[data-testid="matrix"] td .mark', (els) => els.map((e) => e.textContent.trim()));
    // Rows by paper: a cell is one category against one evidence item, so one mark per coding.
    assert.equal(marks.length, csvStats(csv).codings.size, 'a mark for every coding');
    assert.ok(marks.every((m) => /^[A-Za-z]{1,2}$/.test(m)), 'each mark is a letter');
    const labelled = await s.page.$$eval('[data-testid="matrix"] td.has', (els) => els.every((e) => (e.querySelector('.visually-hidden')?.textContent || '').includes('quote')));
    assert.ok(labelled, 'non-empty cells announce their papers and quotes');
    await screenshot(s.page, 'a11y-matrix');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('the matrix works at 200% zoom (a 720 px wide viewport at twice the density)', T, async () => {
  const s = await h.openApp(`/#/matrix?v=1&paper=${paperIds().at(-1)}`, { contextOptions: { viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 } });
  try {
    const page = s.page;
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 720, `no horizontal page scroll (scrollWidth ${width})`);
    await page.getByTestId('matrix').scrollIntoViewIfNeeded();
    await page.locator('#mx-0-0').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('panel').waitFor();
    await screenshot(page, 'zoom-200-matrix');
    assertClean(s);
  } finally {
    await s.close();
  }
});
