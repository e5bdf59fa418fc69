// Sharing: "Copy link" (clipboard and its fallback) reproduces the view in a new context,
// Back/Forward move between meaningful states, hostile links open safely with a notice, the
// served dist and the single file both work offline, and the CSV's links land on their quotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { SINGLE_FILE, assertClean, harnessForFile, screenshot } from './harness.mjs';
import { checkedFacets, csvStats, eventually, facetBox, focusText, foldQuotes, loadCsv, loadSummary, paperIds, recordDialogs, summary, toggleFacet, waitFor, waitForFragment, waitInViewport } from './pages.mjs';

const T = { timeout: 60_000 };
const h = harnessForFile();
const csv = loadCsv();
// Papers to filter by, and words to search for, taken from the corpus: the last paper, and
// the first word (5 letters or more) of the title of an evidence item it cites.
const papers = paperIds();
const [paper, otherPaper] = [papers.at(-1), papers[0]];
const wordOf = (p) =>
  csv
    .filter((r) => r.paper_id === p)
    .map((r) => r.evidence_title.match(/[A-Za-z]{5,}/)?.[0])
    .find(Boolean);
const word = wordOf(paper);
const kind = csv[0].kind;

/** What a view shows, for comparing two contexts. */
async function snapshot(page) {
  return page.evaluate(() => ({
    summary: document.querySelector('[data-testid="matrix-summary"]')?.textContent.trim() ?? null,
    selected: [...document.querySelectorAll('[data-testid="matrix"] [aria-selected="true"]')].map((e) => [
      e.id,
      e.getAttribute('data-label'),
    ]),
    panelTitle: document.querySelector('[data-testid="panel"] #panel-title')?.textContent.trim() ?? null,
    checked: [...document.querySelectorAll('[data-testid^="facet-"] input[type="checkbox"]:checked')]
      .map((i) => `${i.dataset.facet}=${i.dataset.value}`)
      .sort(),
    search: document.querySelector('[data-testid="search"]')?.value ?? null,
    transposed: document.querySelector('[data-testid="matrix"]')?.dataset.transposed ?? null,
    compact: document.querySelector('[data-testid="matrix"]')?.classList.contains('compact') ?? null,
  }));
}

/** Builds a filtered view with a selected cell: one paper, a search, compact, one cell. */
async function filteredView(page) {
  await page.getByTestId('matrix').waitFor();
  await toggleFacet(page, 'paper', paper);
  await page.getByTestId('search').fill(word);
  await waitForFragment(page, new RegExp(`[?&]q=${word}(&|$)`));
  await page.getByTestId('compact').click();
  await waitForFragment(page, /[?&]compact=1(&|$)/);
  const cell = page.locator('[data-testid="matrix"] td.cell.has').first();
  const id = await cell.getAttribute('id');
  await cell.click();
  await page.getByTestId('panel').waitFor();
  await waitFor(page, (id) => document.getElementById(id)?.getAttribute('aria-selected') === 'true', id);
  await waitForFragment(page, /[?&]sel=cell:/);
}

test('Copy link puts the URL on the clipboard; it opens the same view in a new context', T, async () => {
  const s = await h.openApp('/#/matrix', { contextOptions: { permissions: ['clipboard-read', 'clipboard-write'] } });
  let t;
  try {
    const page = s.page;
    await filteredView(page);
    const before = await snapshot(page);
    assert.deepEqual(before.checked, [`paper=${paper}`]);
    assert.equal(before.selected.length, 1);

    await page.getByTestId('copy-link').click();
    await page.getByTestId('copy-status').getByText(/copied/i).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, page.url(), 'the clipboard holds the current URL');
    assert.match(copied, /#\/matrix\?v=1&/);
    // Every link carries the corpus version it was made with (so a later version can say what changed).
    const version = loadSummary().corpus.hash;
    assert.ok(version, 'the build records a corpus version');
    assert.equal(new URLSearchParams(new URL(copied).hash.split('?')[1]).get('cv'), version, `cv=${version} in ${copied}`);
    await screenshot(page, 'share-copied');
    assertClean(s);

    const u = new URL(copied);
    assert.equal(u.origin, h.origin);
    t = await h.openApp(u.pathname + u.hash);
    await t.page.getByTestId('panel').waitFor();
    await eventually(async () => assert.deepEqual(await snapshot(t.page), before), { page: t.page });
    await screenshot(t.page, 'share-opened');
    assertClean(t);
  } finally {
    await s.close();
    await t?.close();
  }
});

test('when the clipboard is refused, the URL is shown in a selected field instead', T, async () => {
  const s = await h.openApp('/#/matrix', {
    beforeGoto: async (s) => {
      // Refuse clipboard writes for this origin, as a user or policy would.
      // (Browser.setPermission needs the context's id, or it applies to the default context.)
      const cdp = await s.context.newCDPSession(s.page);
      const { targetInfo } = await cdp.send('Target.getTargetInfo');
      await cdp.send('Browser.setPermission', {
        permission: { name: 'clipboard-write' },
        setting: 'denied',
        origin: h.origin,
        browserContextId: targetInfo.browserContextId,
      });
      // (The session stays attached: detaching it drops the override.)
    },
  });
  try {
    const page = s.page;
    await filteredView(page);
    await page.getByTestId('copy-link').click();
    const field = page.getByTestId('copy-fallback');
    await field.waitFor();
    assert.equal(await field.inputValue(), page.url(), 'the field shows the current URL');
    await waitFor(page, () => document.activeElement?.id === 'copy-fallback');
    const selection = await field.evaluate((i) => [i.selectionStart, i.selectionEnd, i.value.length]);
    assert.deepEqual(selection, [0, selection[2], selection[2]], 'its text is selected, ready to copy');
    await screenshot(page, 'share-copy-fallback');
    assertClean(s);
  } finally {
    await s.close();
  }
});

test('Back and Forward move between meaningful states; a typed search is one step', T, async () => {
  const s = await h.openApp('/#/matrix');
  try {
    const page = s.page;
    const search = page.getByTestId('search');
    await page.getByTestId('matrix').waitFor();
    const base = (await summary(page)).text;
    await toggleFacet(page, 'paper', paper);
    await waitForFragment(page, new RegExp(`[?&]paper=${paper}(&|$)`));
    const filtered = (await summary(page)).text;
    const typed = word.toLowerCase().slice(0, 6);

    await search.click();
    await search.pressSequentially(typed);
    await waitForFragment(page, new RegExp(`[?&]q=${typed}(&|$)`));
    await page.getByTestId('passages').waitFor();

    // One Back leaves the whole search.
    await page.evaluate(() => history.back());
    await waitForFragment(page, new RegExp(`^/matrix\\?v=1&paper=${paper}$`));
    await waitFor(page, () => document.querySelector('[data-testid="search"]').value === '');
    assert.equal(await page.getByTestId('passages').count(), 0, 'no passages without a search');
    assert.equal(await facetBox(page, 'paper', paper).isChecked(), true, 'the facet stays');
    await eventually(async () => assert.equal((await summary(page)).text, filtered), { page });

    // The next Back leaves the facet.
    await page.evaluate(() => history.back());
    await waitForFragment(page, /^\/matrix$/);
    await waitFor(page, () => !document.querySelector('[data-testid="facet-paper"] input:checked'));
    await eventually(async () => assert.equal((await summary(page)).text, base), { page });

    // Forward twice restores the facet, then the whole search.
    await page.evaluate(() => history.forward());
    await waitForFragment(page, new RegExp(`^/matrix\\?v=1&paper=${paper}$`));
    await page.evaluate(() => history.forward());
    await waitForFragment(page, new RegExp(`[?&]q=${typed}(&|$)`));
    await waitFor(page, (t) => document.querySelector('[data-testid="search"]').value === t, typed);
    assert.equal(await facetBox(page, 'paper', paper).isChecked(), true);
    assertClean(s);
  } finally {
    await s.close();
  }
});

// --- hostile links ----------------------------------------------------------------------------

const JUNK = 'a%zz<b>&'.repeat(12_800); // 102,400 bytes
const HOSTILE = [
  { name: 'unknown key', hash: `#/matrix?v=1&foo=bar&paper=${paper}`, notice: /foo/, checked: [`paper=${paper}`] },
  { name: 'misspelt key', hash: `#/matrix?v=1&papr=${paper}&kind=${kind}`, notice: /papr.*did you mean "paper"/, checked: [`kind=${kind}`] },
  { name: 'unknown paper id', hash: `#/matrix?v=1&paper=no-such-paper,${paper}`, notice: /no such paper/, checked: [`paper=${paper}`] },
  { name: 'unknown evidence page', hash: '#/evidence/no-such-evidence', notice: /no such evidence/ },
  { name: 'unknown paper page', hash: '#/read/no-such-paper/p1', notice: /no such paper/ },
  { name: 'unknown block', hash: `#/read/${otherPaper}/p999999`, notice: /no such block/, reader: otherPaper },
  { name: 'bad years', hash: '#/matrix?v=1&years=19x9-99999', notice: /years/ },
  { name: 'years out of range', hash: '#/matrix?v=1&years=0-99', notice: /years must lie/ },
  { name: 'duplicate key', hash: `#/matrix?v=1&paper=${paper}&paper=${otherPaper}`, notice: /repeated key/, checked: [`paper=${paper}`] },
  { name: 'duplicate value', hash: `#/matrix?v=1&paper=${paper},${paper}`, notice: /listed twice/, checked: [`paper=${paper}`] },
  { name: 'percent debris', hash: '#/matrix?v=1&q=%zz&paper=%E0%A4%', notice: /%-escape|UTF-8/, search: '%zz' },
  { name: '100 KB of junk', hash: `#/matrix?v=1&${JUNK}`, notice: /too long/ },
  { name: 'img payload in a facet', hash: '#/matrix?v=1&paper=<img src=x onerror=alert(1)>', notice: /<img src=x onerror=alert\(1\)>/ },
  {
    name: 'script payloads in a facet and the search',
    hash: '#/matrix?v=1&kind=<script>alert(2)</script>&q=<svg/onload=alert(3)>',
    notice: /<script>alert\(2\)<\/script>/,
    search: '<svg/onload=alert(3)>',
  },
  { name: 'payload as a key', hash: '#/matrix?v=1&<img src=x onerror=alert(4)>=1', notice: /<img src\b.*onerror=alert\(4\)>/ },
  { name: 'payload in the route', hash: '#/read/<img src=x onerror=alert(5)>', notice: /<img src=x onerror=alert\(5\)>/ },
  { name: 'payload in the selection', hash: '#/matrix?v=1&sel=cell:<b>x</b>~javascript:alert(6)', notice: /<b>x<\/b>|javascript:alert\(6\)/ },
];

for (const c of HOSTILE) {
  test(`hostile link (${c.name}) opens with a notice, rendered as text`, T, async () => {
    let dialogs = [];
    const s = await h.openApp(`/${c.hash}`, {
      beforeGoto: (s) => {
        dialogs = recordDialogs(s.page);
      },
    });
    try {
      const page = s.page;
      const notice = page.getByTestId('url-notice');
      await notice.waitFor({ state: 'visible' });
      const text = await notice.innerText();
      assert.match(text, c.notice, `notice text: ${text.slice(0, 300)}`);
      // No injected markup: no element the payloads name, no event-handler attribute anywhere.
      const injected = await page.evaluate(() => ({
        // (svg.qr: the print-only QR code of the view's own link, drawn by the app.)
        embeds: document.querySelectorAll('#app img, #app svg:not(.qr), #app iframe, #app object, #app embed, #app script').length,
        bold: [...document.querySelectorAll('#app b')].filter((b) => b.textContent === 'x').length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
        ),
      }));
      assert.deepEqual(injected, { embeds: 0, bold: 0, handlers: [] }, 'no injected element or handler');
      if (c.checked) assert.deepEqual((await checkedFacets(page).then(flat)), c.checked, 'the valid parts are kept');
      if (c.search !== undefined) assert.equal(await page.getByTestId('search').inputValue(), c.search);
      if (c.reader) assert.equal(await page.getByTestId('reader').getAttribute('data-paper'), c.reader);

      await page.getByTestId('dismiss-notice').click();
      await notice.waitFor({ state: 'detached' });
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

const flat = (o) => Object.entries(o).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`)).sort();

// --- offline: served dist and single file -----------------------------------------------------

test('the served dist filters and opens a shared fragment without leaving the origin', T, async () => {
  const s = await h.openApp('/');
  let t;
  try {
    await s.page.getByTestId('nav-matrix').click();
    await s.page.getByTestId('matrix').waitFor();
    await toggleFacet(s.page, 'paper', otherPaper);
    const u = csvStats(csv, (r) => r.paper_id === otherPaper);
    await eventually(async () => assert.equal((await summary(s.page)).evidence, u.evidence.size), { page: s.page });
    assertClean(s);
    assert.ok(s.requests.every((r) => r.startsWith('data:') || new URL(r).origin === h.origin), JSON.stringify(s.requests));

    t = await h.openApp(`/#/matrix?v=1&paper=${paper}`);
    await t.page.getByTestId('matrix').waitFor();
    assert.equal(await facetBox(t.page, 'paper', paper).isChecked(), true);
    const p = csvStats(csv, (r) => r.paper_id === paper);
    await eventually(async () => assert.equal((await summary(t.page)).evidence, p.evidence.size), { page: t.page });
    assertClean(t);
  } finally {
    await s.close();
    await t?.close();
  }
});

test('the single file from file:// filters and opens a shared fragment, requesting nothing else', T, async () => {
  const base = pathToFileURL(SINGLE_FILE).href;
  const onlyItself = (sess) =>
    assert.deepEqual(
      sess.requests.filter((r) => !r.startsWith('data:') && r.split('#')[0] !== base),
      [],
      'no request beyond the file itself',
    );
  const s = await h.openFile('');
  let t;
  try {
    await s.page.getByTestId('nav-matrix').click();
    await s.page.getByTestId('matrix').waitFor();
    await toggleFacet(s.page, 'paper', otherPaper);
    const v = csvStats(csv, (r) => r.paper_id === otherPaper);
    await eventually(async () => assert.equal((await summary(s.page)).evidence, v.evidence.size), { page: s.page });
    await screenshot(s.page, 'share-file-filtered');
    assertClean(s);
    onlyItself(s);

    t = await h.openFile(`#/matrix?v=1&paper=${paper}`);
    await t.page.getByTestId('matrix').waitFor();
    assert.equal(await facetBox(t.page, 'paper', paper).isChecked(), true);
    const p = csvStats(csv, (r) => r.paper_id === paper);
    await eventually(async () => assert.equal((await summary(t.page)).evidence, p.evidence.size), { page: t.page });
    assert.equal(await t.page.getByTestId('url-notice').count(), 0, 'a clean link gives no notice');
    assertClean(t);
    onlyItself(t);
  } finally {
    await s.close();
    await t?.close();
  }
});

// --- the CSV's links --------------------------------------------------------------------------

/** Two rows per paper, spread over its rows (first and about two thirds in), distinct links. */
function sampleRows() {
  const out = [];
  for (const p of papers) {
    const rows = csv.filter((r) => r.paper_id === p);
    const picks = rows.length ? [rows[0], rows[Math.floor((rows.length * 2) / 3)]] : [];
    for (const r of picks) if (!out.some((o) => o.link === r.link)) out.push(r);
  }
  return out;
}

test('links from evidence.csv (two a paper) each land in the reader on their quote', { timeout: 120_000 }, async () => {
  const rows = sampleRows();
  const citing = new Set(csv.map((r) => r.paper_id)).size;
  assert.ok(rows.length >= citing, `at least a link for each paper with quotes: ${rows.length}`);
  for (const row of rows) {
    assert.match(row.link, /^index\.html#\/read\//, `link shape: ${row.link}`);
    const s = await h.openApp(`/${row.link}`);
    try {
      const page = s.page;
      const reader = page.getByTestId('reader');
      await reader.waitFor();
      assert.equal(await reader.getAttribute('data-paper'), row.paper_id, row.link);
      await page.getByTestId('focus-quote').waitFor();
      assert.deepEqual(foldQuotes(await focusText(page)), foldQuotes(row.quote), `quote of ${row.link}`);
      await waitInViewport(page, '#focus-quote');
      assert.equal(await page.getByTestId('url-notice').count(), 0, 'no notice for an exported link');
      assertClean(s);
    } finally {
      await s.close();
    }
  }
});
