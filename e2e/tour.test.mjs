// Tours in presentation mode, over http and from file://: a tour link opened in a fresh context
// opens at its step with the indicator showing; the keys step through it and the address bar
// follows; a number then Enter jumps; B blacks the screen and back; Back/Forward move between
// steps; Escape leaves presentation mode; screenshots at 1280x720 and 1920x1080; axe-core.
//
// The tour is made of routes only (matrix, overview, timeline, about), so no corpus id is written
// here. Its wire form is `tour::encode` (crates/core/src/link/tour.rs).
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, axe, assertClean, screenshot } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const T = { timeout: 120_000 };
const STEPS = [
  ['Matrix', '/matrix'],
  ['Overview', '/overview'],
  ['Timeline', '/timeline'],
  ['Methods', '/about'],
];
const TOUR = '1' + STEPS.map(([t, v]) => `!v*${t}*Note+for+${t}*${v}`).join('');
const link = (step) => `#${STEPS[step][1]}?v=1&present=1&tour=${TOUR}${step ? `&step=${step}` : ''}`;

const open = (via, frag, opts) => (via === 'http' ? h.openApp('/' + frag, opts) : h.openFile(frag, opts));
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

// At its step's view, a tour link writes `/tour` for the view (the tour holds it): the page
// shows the step's route.
async function expectStep(page, k) {
  // The indicator renders before the address bar follows: wait for both.
  await page.waitForFunction(
    ([want, route, k]) => document.querySelector('[data-testid="tour-step"]')?.textContent === want
      && document.querySelector('.app')?.dataset.route === route.slice(1)
      && location.hash.startsWith('#/tour?')
      && (k === 0 ? !/[?&]step=/.test(location.hash) : location.hash.includes(`step=${k}`)),
    [`Step ${k + 1} of ${STEPS.length}`, STEPS[k][1], k],
    { timeout: 10_000, polling: 50 },
  ).catch(async (e) => { throw new Error(`step ${k + 1}: ${e.message}; at ${await hash(page)}`); });
  assert.equal(await page.getByTestId('tour-title').textContent(), STEPS[k][0]);
  const h = await hash(page);
  assert.ok(h.startsWith('#/tour?'), `step ${k + 1}: the view is the tour's, in ${h}`);
  assert.ok(k === 0 ? !/[?&]step=/.test(h) : h.includes(`step=${k}`), `step ${k} in ${h}`);
  assert.ok(h.includes('present=1'), h);
}

for (const via of ['http', 'file']) {
  test(`${via}: a tour link opens at its step; keys, jump, black screen, Back/Forward, Escape`, T, async () => {
    const s = await open(via, link(1), { contextOptions: { viewport: { width: 1280, height: 720 } } });
    try {
      const { page } = s;
      await expectStep(page, 1);
      const size = await page.getByTestId('tour-step').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(size >= 28, `indicator ${size}px`);
      await page.keyboard.press('ArrowRight');
      await expectStep(page, 2);
      await page.keyboard.press('Space');
      await expectStep(page, 3);
      await page.keyboard.press('ArrowRight'); // stays on the last step
      await expectStep(page, 3);
      await page.keyboard.press('Home');
      await expectStep(page, 0);
      await page.keyboard.press('End');
      await expectStep(page, 3);
      await page.keyboard.press('ArrowLeft');
      await expectStep(page, 2);
      await page.keyboard.press('PageUp');
      await expectStep(page, 1);
      await page.keyboard.press('PageDown');
      await expectStep(page, 2);
      await page.keyboard.press('2');
      await page.keyboard.press('Enter');
      await expectStep(page, 1);
      await page.goBack();
      await expectStep(page, 2);
      await page.goForward();
      await expectStep(page, 1);
      await page.keyboard.press('b');
      await page.getByTestId('blackout').waitFor();
      await page.keyboard.press('.');
      await page.getByTestId('blackout').waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !location.hash.includes('present=1'), null, { timeout: 10_000 });
      assert.equal(await page.getByTestId('tour-bar').count(), 0);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`tour steps at ${width}x${height}: each page meets the screen (scaled to fit, or scrolls); screenshots, axe`, T, async () => {
    const s = await h.openApp('/' + link(0), { contextOptions: { viewport: { width, height } } });
    try {
      const { page } = s;
      await expectStep(page, 0);
      await screenshot(page, `tour-step1-${width}x${height}`);
      const violations = (await axe(page)).filter((v) => ['serious', 'critical'].includes(v.impact));
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), []);
      // The overview and the timeline fit the screen whole (scaled down if need be, to at least
      // half size); the methods page, a document to read, scrolls within the screen. Nothing
      // is cut without a way to reach it.
      for (let k = 1; k < STEPS.length; k++) {
        await page.keyboard.press('ArrowRight');
        await expectStep(page, k);
        await page.waitForTimeout(300);
        const m = await page.evaluate(() => {
          const p = document.getElementById('main');
          return { over: Math.max(p.scrollWidth - p.clientWidth, p.scrollHeight - p.clientHeight), scrolls: p.classList.contains('page-scrolls'), scale: p.dataset.scale, doc: document.scrollingElement.scrollHeight - innerHeight };
        });
        await screenshot(page, `tour-step${k + 1}-${width}x${height}`);
        assert.ok(m.doc <= 1, `step ${k + 1}: the document does not scroll (${m.doc})`);
        if (STEPS[k][1] === '/about') assert.ok(m.scrolls, `step ${k + 1}: the methods page scrolls`);
        else if (STEPS[k][1] === '/overview') assert.ok(m.over <= 1 && Number(m.scale) >= 0.5, `step ${k + 1}: the overview fits whole at scale ${m.scale}, ${m.over}px over`);
        // The timeline of the whole corpus is taller than the screen at half size: it scrolls.
        else assert.ok(Number(m.scale) >= 0.5 && (m.over <= 1 || m.scrolls), `step ${k + 1} (${STEPS[k][0]}): scale ${m.scale}, ${m.over}px over, scrolls: ${m.scrolls}`);
      }
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}

for (const via of ['http', 'file']) {
  test(`${via}: the presenter window shows the step, its note and the next title, and moves the tour`, T, async () => {
    const s = await open(via, link(1));
    try {
      const { page } = s;
      await expectStep(page, 1);
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
      await popup.waitForSelector('[data-testid="presenter-console"]');
      const current = (k) => popup.waitForFunction(
        ([want, title]) => {
          const t = document.querySelector('[data-testid="pv-current"]')?.textContent ?? '';
          return t.includes(want) && t.includes(title);
        },
        [`Step ${k + 1} of ${STEPS.length}`, STEPS[k][0]],
        { timeout: 10_000 },
      );
      await current(1);
      assert.equal((await popup.getByTestId('pv-note').innerText()).trim(), `Note for ${STEPS[1][0]}`);
      assert.match(await popup.getByTestId('pv-next').innerText(), new RegExp(`Next: ${STEPS[2][0]}`));
      assert.equal(await popup.getByTestId('pv-step').count(), STEPS.length, 'the step list');
      // The presenter's buttons move the audience window, and the presenter follows.
      await popup.getByTestId('pv-next-btn').click();
      await expectStep(page, 2);
      await current(2);
      await popup.getByTestId('pv-step').nth(0).click();
      await expectStep(page, 0);
      await current(0);
      // A key in the audience window moves both.
      await page.bringToFront();
      await page.keyboard.press('ArrowRight');
      await expectStep(page, 1);
      await current(1);
      await screenshot(popup, `tour-presenter-${via}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}
