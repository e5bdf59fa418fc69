// Themes, the presenter window and the printed handout, over http and from file://.
//
// - themes: light, dark and projector from the URL and the menu, the system setting without one,
//   reduced motion; screenshots at 1280x720 and 1920x1080 in each theme (presentation mode);
//   axe-core finds no serious or critical violation; the projector theme passes axe's enhanced
//   (7:1) contrast rule and a computed check of every text node;
// - the presenter window (S or the button) follows the audience window and drives it, both ways,
//   over http and from the single file; when the popup is blocked (Chromium's
//   --block-new-web-contents), the notes open beside the slide and the page says so;
// - the handout: print emulation gives one page per step (page.pdf), and the QR code on a page
//   decodes (jsQR, on a screenshot) to that page's link.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startHarness, axe, assertClean, screenshot, CHROMIUM_ARGS, CHROMIUM, decodeQr, pdfPages } from './harness.mjs';
import { chromium } from 'playwright-core';
import { openMenu, loadCsv, loadSummary, paperIds } from './pages.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const T = { timeout: 120_000 };
const THEMES = ['light', 'dark', 'projector'];
const SIZES = [[1280, 720], [1920, 1080]];

/** Polls `fn` in the page until it returns a truthy value. */
async function waitFor(page, fn, arg, timeout = 10_000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 50 });
}

const open = (via, frag, opts) => (via === 'http' ? h.openApp('/' + frag, opts) : h.openFile(frag, opts));

// --- themes -----------------------------------------------------------------------------------

/** Contrast ratio of every visible text node against the colour behind it (WCAG formula). */
function textContrasts() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const behind = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0.5) return bg;
    }
    return parse(getComputedStyle(document.body).backgroundColor);
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    const st = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (st.visibility === 'hidden' || rect.width < 2 || rect.height < 2 || el.closest('.visually-hidden,[aria-hidden="true"]:not(.mark)')) continue;
    if (!el.checkVisibility?.({ opacityProperty: true })) continue;
    const fg = parse(st.color);
    const bg = behind(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({ text: n.textContent.trim().slice(0, 30), cls: el.className, ratio: (a + 0.05) / (b + 0.05) });
  }
  return out;
}

for (const theme of THEMES) {
  for (const [width, height] of SIZES) {
    test(`theme ${theme} at ${width}x${height}: presentation mode, screenshot, axe`, T, async () => {
      const s = await h.openApp(`/#/matrix?v=1&shared=1&compact=1&present=1&theme=${theme}`, {
        contextOptions: { viewport: { width, height } },
      });
      try {
        const page = s.page;
        await page.getByTestId('matrix').waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
        // The one-line summary keeps its full height above the grid (nothing squeezes or covers it).
        const sum = await page.evaluate(() => {
          const el = document.querySelector('[data-testid="matrix-summary"]');
          const r = el.getBoundingClientRect();
          const wrap = document.querySelector('[data-testid="matrix-wrap"]').getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, client: el.clientHeight, scroll: el.scrollHeight, wrapTop: wrap.top };
        });
        assert.ok(sum.top >= 0 && sum.client >= sum.scroll - 1 && sum.bottom <= sum.wrapTop + 0.5, `summary whole and above the grid: ${JSON.stringify(sum)}`);
        await screenshot(page, `presenter-theme-${theme}-${width}x${height}`);
        const violations = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), []);
        if (theme === 'projector') {
          const enhanced = await axe(page, { runOnly: ['color-contrast-enhanced'] });
          assert.deepEqual(enhanced.map((v) => `${v.id}: ${v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' ' + n.any.map((a) => a.message).join('')).join(' | ')}`), [], 'AAA contrast');
          const low = (await page.evaluate(textContrasts)).filter((t) => t.ratio < 7);
          assert.deepEqual(low, [], 'every text at least 7:1 in the projector theme');
        }
        assertClean(s);
      } finally {
        await s.close();
      }
    });
  }
}

test('the theme menu sets theme= in the URL; a bad theme opens with a notice; none follows the system', T, async () => {
  const s = await h.openApp('/#/matrix', { contextOptions: { colorScheme: 'dark', reducedMotion: 'reduce' } });
  try {
    const page = s.page;
    // No theme: the system's dark scheme applies.
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-theme')), false);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(dark, 'rgb(22, 22, 22)', 'system dark without a theme');
    // Reduced motion: no transition lasts.
    const dur = await page.evaluate(() => {
      const b = document.querySelector('.btn');
      b.style.transition = 'opacity 2s';
      return getComputedStyle(b).transitionDuration;
    }).catch(() => null);
    if (dur !== null) assert.ok(parseFloat(dur) < 0.01, `transition-duration ${dur}`);

    await openMenu(page);
    await page.getByTestId('theme-select').selectOption('projector');
    await waitFor(page, () => /[?&]theme=projector(&|$)/.test(location.hash));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'projector');
    await waitFor(page, () => getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)');
    await page.getByTestId('theme-select').selectOption('');
    await waitFor(page, () => !/theme=/.test(location.hash) && !document.documentElement.hasAttribute('data-theme'));
    assertClean(s);
  } finally {
    await s.close();
  }
  const t = await h.openApp('/#/matrix?v=1&theme=sepia');
  try {
    const notice = await t.page.locator('.notice').innerText();
    assert.match(notice, /theme "sepia": expected light, dark or projector/);
    assert.equal(await t.page.evaluate(() => document.documentElement.hasAttribute('data-theme')), false);
    assertClean(t);
  } finally {
    await t.close();
  }
});

// --- presenter window ---------------------------------------------------------------------------

for (const via of ['http', 'file']) {
  test(`presenter window follows the audience window (${via})`, T, async () => {
    const s = await open(via, '#/matrix?v=1&theme=dark');
    try {
      const page = s.page;
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
      await popup.waitForSelector('[data-testid="presenter-console"]');
      await waitFor(popup, () => /Matrix/.test(document.querySelector('[data-testid="pv-current"]')?.textContent));
      // It follows the audience window: a new view there shows here, with its theme.
      await page.getByTestId('nav-home').click();
      await waitFor(popup, () => !/Matrix/.test(document.querySelector('[data-testid="pv-current"]')?.textContent));
      assert.equal(await popup.evaluate(() => document.documentElement.dataset.theme), 'dark');
      // Keys pressed in the presenter window act in the audience window: Escape there leaves
      // presentation mode (and every tour key does what it does there).
      await page.getByTestId('present-toggle').click();
      await waitFor(page, () => /[?&]present=1(&|$)/.test(location.hash));
      await popup.bringToFront();
      await popup.keyboard.press('Escape');
      await waitFor(page, () => !/present=1/.test(location.hash) && document.documentElement.dataset.mode === 'explore');
      // It drives the audience window: the theme chosen here applies there (and in the URL).
      await popup.getByTestId('pv-theme').selectOption('projector');
      await waitFor(page, () => document.documentElement.dataset.theme === 'projector' && /[?&]theme=projector(&|$)/.test(location.hash));
      await waitFor(popup, () => document.documentElement.dataset.theme === 'projector');
      // A message from any other window (here the presenter window itself) is ignored.
      const before = await popup.getByTestId('pv-current').innerText();
      await popup.evaluate((id) => window.postMessage(`evidence-presenter/1 state /evidence/${id}`, '*'), loadSummary().evidence[0].id);
      await popup.waitForTimeout(300);
      assert.equal(await popup.getByTestId('pv-current').innerText(), before, 'a foreign message changes nothing');
      // The clock runs, pauses and resets.
      const clock = popup.getByTestId('pv-clock');
      await popup.getByTestId('pv-clock-toggle').click();
      assert.equal(await clock.getAttribute('data-running'), 'false');
      await popup.getByTestId('pv-clock-reset').click();
      assert.match(await clock.innerText(), /^0:00/);
      // The audience window reloads (a facilitator presses F5): the presenter window notices,
      // says hello again, and the reloaded page adopts it (its opener is that page).
      await page.reload();
      await page.waitForSelector('html[data-ready="1"]', { state: 'attached' });
      await page.getByTestId('nav-matrix').click();
      await waitFor(popup, () => /Matrix/.test(document.querySelector('[data-testid="pv-current"]')?.textContent)
        && !document.querySelector('[data-testid="pv-disconnected"]'));
      await screenshot(popup, `presenter-window-${via}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test('when the popup is blocked, the notes open beside the slide and the page says so', T, async () => {
  // Playwright turns Chromium's popup blocker off; turn it back on. Then a window.open without a
  // user gesture (a key event dispatched by script, through CDP without a gesture) is blocked.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-popup-blocking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    let popups = 0;
    context.on('page', () => popups++);
    await page.goto(`${h.origin}/#/matrix?v=1&paper=${paperIds()[0]}`);
    await page.waitForSelector('html[data-ready="1"]', { state: 'attached' });
    // Let the transient user activation of the test's own calls expire (5 s in Chromium).
    await new Promise((ok) => setTimeout(ok, 5500));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Runtime.evaluate', {
      expression: "document.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))",
      userGesture: false,
    });
    await page.getByTestId('split-view').waitFor();
    assert.equal(popups, 0, 'no window opened');
    assert.match(await page.getByTestId('popup-blocked').innerText(), /blocked the presenter window/);
    await page.getByTestId('presenter-console').waitFor();
    await screenshot(page, 'presenter-split-view');
    await page.getByTestId('pv-close').click();
    await page.getByTestId('split-view').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

// --- handout ------------------------------------------------------------------------------------

for (const via of ['http', 'file']) {
  test(`the handout of the current view prints one page with a QR code of its link (${via})`, T, async () => {
    // The paper with the fewest codings, and the category of that paper with the most of them.
    const rows = loadCsv();
    const papers = [...loadSummary().papers].filter((p) => rows.some((r) => r.paper_id === p.id));
    const paper = papers.sort((a, b) => a.codings - b.codings)[0];
    const counts = new Map();
    for (const r of rows.filter((r) => r.paper_id === paper.id)) counts.set(r.category_id, (counts.get(r.category_id) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const frag = `#/matrix?v=1&paper=${paper.id}&sel=row:${category}`;
    const s = await open(via, frag);
    try {
      const page = s.page;
      await openMenu(page);
      await page.getByTestId('print-view').click();
      await page.getByTestId('handout').waitFor();
      const pages = page.getByTestId('handout-page');
      assert.equal(await pages.count(), 1);
      const link = await page.getByTestId('handout-url').innerText();
      assert.equal(link, page.url(), 'the printed link is the view');
      const sources = await page.locator('.handout-source').allInnerTexts();
      assert.ok(sources.length > 0, 'the quotes of the selection are listed');
      const head = `${paper.short_title} (${paper.mark}) · `;
      assert.ok(sources.every((t) => t.startsWith(head) && / · .+ · .+/.test(t)), `paper and section: ${sources}`);
      await page.emulateMedia({ media: 'print' });
      await screenshot(page, `handout-view-${via}`);
      const png = await page.getByTestId('handout-qr').screenshot();
      assert.equal(await decodeQr(h.browser, png), link, 'the QR code decodes to the link');
      if (via === 'http') {
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(join(ARTIFACTS, 'handout-view.pdf'), pdf);
        assert.equal(pdfPages(pdf), 1, 'one page');
      }
      await page.emulateMedia({ media: 'screen' });
      await page.getByTestId('handout-close').click();
      await page.getByTestId('matrix').waitFor();
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

test("printing a view with the browser's own Print command carries its link and QR code", T, async () => {
  const s = await h.openApp(`/#/matrix?v=1&paper=${paperIds().at(-1)}&theme=dark`);
  try {
    const page = s.page;
    await page.getByTestId('matrix').waitFor();
    assert.equal(await page.getByTestId('print-link').isVisible(), false, 'not on screen');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByTestId('print-link').isVisible(), true, 'on paper');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)', 'black on white whatever the theme');
    assert.equal(await page.locator('.topbar').isVisible(), false, 'no chrome on paper');
    const png = await page.getByTestId('print-qr').screenshot();
    assert.equal(await decodeQr(h.browser, png), page.url());
    await screenshot(page, 'print-view-dark-theme');
    assertClean(s);
  } finally {
    await s.close();
  }
});
