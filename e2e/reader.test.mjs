// The landing view and the reader: paper cards, opening a paper, footnotes that move focus there
// and back, and paragraph anchors that survive a fresh context and a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, harnessForFile, screenshot } from './harness.mjs';
import { activeId, distinct, hash as viewHash, loadCsv, loadSummary, paperIds, papersBy, waitFor, waitInViewport } from './pages.mjs';

const T = { timeout: 60_000 };
const h = harnessForFile();
const csv = loadCsv();

/** paper_id -> paper_title, from evidence.csv. */
const titles = () => Object.fromEntries(distinct(csv, 'paper_id').map((id) => [id, csv.find((r) => r.paper_id === id).paper_title]));

/** The paper with the most footnotes (the footnote tests need one), and a paragraph of the
 *  paper with the most sections that a quote is in (the earliest such). */
const withNotes = papersBy('footnotes')[0];
const longest = papersBy('sections')[0].id;
const paragraph = (() => {
  const blocks = csv
    .filter((r) => r.paper_id === longest)
    .map((r) => r.link.match(/#\/read\/[^/?]+\/(p(\d+))\b/))
    .filter(Boolean)
    .sort((a, b) => a[2] - b[2]);
  return blocks[0]?.[1] ?? 'p1';
})();
const noNotes = withNotes.footnotes === 0 && 'no paper of this corpus has footnotes';

test('the landing view lists every paper with its title', T, async () => {
  const s = await h.openApp('/');
  try {
    const cards = s.page.getByTestId('paper-card');
    await cards.first().waitFor();
    assert.equal(await cards.count(), loadSummary().papers.length, 'a card per paper');
    const shown = await cards.evaluateAll((els) =>
      els.map((el) => ({ id: el.dataset.paper, title: el.querySelector('h3')?.textContent.trim() })),
    );
    assert.deepEqual(shown.map((c) => c.id), paperIds(), 'in corpus order');
    const want = titles();
    for (const c of shown) {
      assert.equal(c.title, loadSummary().papers.find((p) => p.id === c.id).title, `title of ${c.id}`);
      if (want[c.id]) assert.equal(c.title, want[c.id], `title of ${c.id} as evidence.csv has it`);
    }
    await screenshot(s.page, 'reader-landing');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a paper card opens the reader on that paper', T, async () => {
  const s = await h.openApp('/');
  try {
    const paper = loadSummary().papers.at(-1);
    const card = s.page.locator(`[data-testid="paper-card"][data-paper="${paper.id}"]`);
    await card.getByRole('link').click();
    const reader = s.page.getByTestId('reader');
    await reader.waitFor();
    assert.equal(await reader.getAttribute('data-paper'), paper.id);
    assert.equal((await s.page.getByTestId('paper-title').innerText()).trim(), paper.title);
    assert.equal(decodeURIComponent(await viewHash(s.page)), `#/read/${paper.id}`);
    await screenshot(s.page, 'reader');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('footnote references are visible targets with a box of their own', { ...T, skip: noNotes }, async () => {
  const s = await h.openApp(`/#/read/${withNotes.id}`);
  try {
    const page = s.page;
    await page.getByTestId('fnref').first().waitFor({ state: 'attached' });
    const boxes = await page.getByTestId('fnref').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.id, width: Math.round(r.width), height: Math.round(r.height) };
      }),
    );
    assert.ok(boxes.length > 0, 'the paper has footnote references');
    // A zero-height button cannot be clicked by pointer tools and its focus ring collapses
    // onto the number (see reader-fnref-focus.png).
    const flat = boxes.filter((b) => b.height < 8 || b.width < 8);
    await page.locator(`[id="${boxes[0].id}"]`).focus();
    await screenshot(page, 'reader-fnref-focus');
    assert.equal(
      flat.length,
      0,
      `${flat.length} of ${boxes.length} footnote references have a box under 8x8 px, e.g. ${JSON.stringify(flat.slice(0, 3))}`,
    );
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a footnote reference moves focus to its note and "back to text" returns it', { ...T, skip: noNotes }, async () => {
  const s = await h.openApp(`/#/read/${withNotes.id}`);
  try {
    const page = s.page;
    await page.getByTestId('reader').waitFor();
    // The first reference whose note can lead back (a note referenced from the text).
    const refId = await page.getByTestId('fnref').evaluateAll((refs) =>
      refs
        .map((r) => r.id)
        .find((id) => document.getElementById(`note-${id.slice(4)}`)?.querySelector('[data-testid="note-back"]')),
    );
    assert.match(refId ?? '', /^ref-/, 'a footnote reference with a note that leads back');
    const noteId = `note-${refId.slice('ref-'.length)}`;
    // Activated from the keyboard (the references' pointer boxes are tested above).
    await page.locator(`[id="${refId}"]`).focus();
    await page.keyboard.press('Enter');
    await waitFor(page, (id) => document.activeElement?.id === id, noteId);
    const note = page.locator(`li[id="${noteId}"]`);
    assert.equal(await note.getAttribute('data-testid'), 'footnote');
    await waitInViewport(page, `[id="${noteId}"]`);

    await note.getByTestId('note-back').click();
    await waitFor(page, (id) => document.activeElement?.id === id, refId);
    assert.equal(await activeId(page), refId, 'focus is back on the reference');
    await waitInViewport(page, `[id="${refId}"]`);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('a paragraph anchor lands on its paragraph in a fresh context, and reload keeps it', T, async () => {
  const s = await h.openApp(`/#/read/${longest}/${paragraph}`);
  try {
    const page = s.page;
    await page.locator(`#b-${paragraph}`).waitFor();
    await waitInViewport(page, `#b-${paragraph}`);
    const targeted = () =>
      page.evaluate((id) => {
        const el = document.getElementById(id);
        const row = el.closest('.para-row') ?? el;
        return row.classList.contains('targeted');
      }, `b-${paragraph}`);
    assert.equal(await targeted(), true, 'the paragraph row is marked targeted');
    assert.equal(await page.locator('.targeted').count(), 1, 'exactly one targeted block');
    await screenshot(page, 'reader-anchor');

    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="1"]', { state: 'attached' });
    await page.locator(`#b-${paragraph}`).waitFor();
    await waitInViewport(page, `#b-${paragraph}`);
    assert.equal(await targeted(), true, 'still targeted after reload');
    assert.equal(await viewHash(page), `#/read/${longest}/${paragraph}`);
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('the URL follows the reading position without adding history, and reopens there', T, async (ctx) => {
  const s = await h.openApp(`/#/read/${longest}/${paragraph}`);
  try {
    const page = s.page;
    await waitInViewport(page, `#b-${paragraph}`);
    if (await page.evaluate(() => document.documentElement.scrollHeight < innerHeight + 4000)) {
      ctx.skip(`${longest} is too short to scroll through`);
      return;
    }
    const before = await page.evaluate(() => history.length);
    // Landing on a paragraph keeps it in the address (the app only adds the corpus version, cv=).
    assert.equal(await viewHash(page), `#/read/${longest}/${paragraph}`);
    // Scroll as a reader does, then pause: the address names the paragraph now in view. (A
    // scroll in the first instants after the app's own scrolling to the paragraph is not counted, so a
    // reader who keeps scrolling is followed.)
    let followed = false;
    for (let attempt = 0; attempt < 5 && !followed; attempt++) {
      await page.mouse.wheel(0, 800);
      followed = await waitFor(page, (p) => !location.hash.split('?')[0].endsWith(`/${p}`), paragraph, 2000).then(() => true, () => false);
    }
    assert.ok(followed, 'the address follows the reading position');
    const hash = await viewHash(page);
    assert.match(hash, new RegExp(`^#/read/${longest}/(p|s)\\d+$`));
    assert.equal(await page.evaluate(() => history.length), before, 'no history entry per scroll');
    const block = hash.split('/').pop();
    const t = await h.openApp(`/${hash}`);
    try {
      await waitInViewport(t.page, `#b-${block}`);
      assertClean(t);
    } finally {
      await t.close();
    }
    assertClean(s);
  } finally {
    await s.close();
  }
});
