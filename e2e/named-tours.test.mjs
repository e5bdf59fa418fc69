// Corpus tours linked by name, speaker notes in parts, and tour files, over http and from
// file:// (`dist/explorer.html`):
// - a link naming a corpus tour (`tour=@name.hash&step=N`) opens at its step; a changed tour
//   opens at the step with a notice, a tour the corpus does not have opens the start page with one;
// - the presenter window shows every part of the step's notes, the planned minutes against the
//   time spent (a step over its minutes says so; the clock is Playwright's, fast-forwarded), the
//   quotes on screen, whether the audience screen is black, and live previews of the current
//   and the next step (two frames of the app, each at its step); axe finds nothing;
// - a tour saved as a file from the editor opens again (picker and drop) as the same tour, and
//   a hostile file opens with a notice.
// Every expectation comes from dist/corpus-summary.json (`tours`), never from corpus names.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startHarness, axe, assertClean, screenshot } from './harness.mjs';
import { loadSummary } from './pages.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const T = { timeout: 180_000 };
const tours = loadSummary().tours ?? [];
const def = tours.find((t) => t.name === 'default');
const open = (via, frag, opts) => (via === 'http' ? h.openApp('/' + frag, opts) : h.openFile(frag, opts));
const waitFor = (page, fn, arg, timeout = 15_000) => page.waitForFunction(fn, arg, { timeout, polling: 50 });
const named = (t, step) => `#/tour?v=1&present=1&tour=@${t.name}.${t.hash}${step ? `&step=${step}` : ''}`;
const partsOf = (s) => ['point', 'show', 'contrast', 'judgement', 'question'].filter((k) => s[k]);

/** The audience window shows step `k` of `t`. */
async function atStep(page, t, k) {
  await waitFor(page, ([want, title]) =>
    document.querySelector('[data-testid="tour-step"]')?.textContent === want
      && document.querySelector('[data-testid="tour-title"]')?.textContent === title,
  [`Step ${k + 1} of ${t.steps.length}`, t.steps[k].title]);
}

test('the build lists its corpus tours with their notes', () => {
  assert.ok(def, 'a default tour in corpus-summary.json');
  for (const t of tours) {
    assert.match(t.hash, /^[0-9a-f]{8}$/);
    assert.equal(t.fragment, `/tour?v=1&present=1&tour=@${t.name}.${t.hash}`, 'the link names the tour');
    assert.equal(t.minutes, t.steps.reduce((a, s) => a + s.minutes, 0));
    for (const s of t.steps) assert.ok(s.point && s.question && s.minutes > 0, `${t.name}: ${s.title}`);
  }
});

for (const via of ['file', 'http']) {
  test(`${via}: a named tour link opens at its step; changed and missing tours say so`, T, async (t) => {
    // A step with a step after it (the third, if the tour is that long).
    if (def.steps.length < 2) return t.skip(`the default tour has ${def.steps.length} step: none to step on to`);
    const k = Math.min(2, def.steps.length - 2);
    const s = await open(via, named(def, k));
    try {
      const { page } = s;
      await atStep(page, def, k);
      assert.equal(await page.getByTestId('url-notice').count(), 0, 'no notice for a current link');
      // Stepping keeps the link short: it still names the tour.
      await page.keyboard.press('ArrowRight');
      await atStep(page, def, k + 1);
      const hash = await page.evaluate(() => location.hash);
      assert.ok(hash.includes(`tour=@default.${def.hash}`), hash);
      assert.ok(hash.length < 200, `${hash.length} characters: ${hash}`);
      assertClean(s);
    } finally {
      await s.close();
    }
    // A tour that changed since the link was made: at the step, with a notice naming it.
    const changed = await open(via, named({ ...def, hash: '00000000' }, k));
    try {
      await atStep(changed.page, def, k);
      const notice = await changed.page.getByTestId('url-notice').innerText();
      assert.ok(notice.includes(def.title) && /has changed since the link was made/.test(notice), notice);
    } finally {
      await changed.close();
    }
    // A tour this corpus does not have: the start page, with a notice.
    const gone = await open(via, '#/tour?v=1&present=1&tour=@no-such-tour.12345678&step=1');
    try {
      const notice = await gone.page.getByTestId('url-notice').innerText();
      assert.match(notice, /no tour of this name in this corpus/);
      assert.equal(await gone.page.getByTestId('tour-bar').count(), 0);
    } finally {
      await gone.close();
    }
  });
}

/** The step of the default tour with the longest notes (every part, if one has them all). */
function richestStep(t) {
  let best = 0;
  const size = (s) => partsOf(s).length * 10_000 + partsOf(s).reduce((a, k) => a + s[k].length, 0);
  t.steps.forEach((s, i) => { if (i + 1 < t.steps.length && size(s) > size(t.steps[best])) best = i; });
  return best;
}

test('file: the presenter window shows every part of the notes, the quotes, both previews, planned against spent time, the black screen; axe', T, async () => {
  const k = richestStep(def);
  const step = def.steps[k];
  const next = def.steps[k + 1];
  const s = await open('file', named(def, k), {
    contextOptions: { viewport: { width: 1280, height: 800 } },
    beforeGoto: (sess) => sess.context.clock.install(),
  });
  try {
    const { page } = s;
    await atStep(page, def, k);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
    await popup.setViewportSize({ width: 1280, height: 900 });
    await popup.waitForSelector('[data-testid="presenter-console"]');
    await waitFor(popup, (title) => document.querySelector('[data-testid="pv-current"]')?.textContent.includes(title), step.title);
    // Every part, whole, under its name.
    for (const key of partsOf(step)) {
      const text = (await popup.getByTestId(`pv-part-${key}`).locator('dd').innerText()).replace(/\s+/g, ' ').trim();
      assert.equal(text, step[key].replace(/\s+/g, ' ').trim(), `part ${key}`);
    }
    for (const key of ['show', 'contrast', 'judgement'].filter((x) => !step[x])) {
      assert.equal(await popup.getByTestId(`pv-part-${key}`).count(), 0, `no empty ${key}`);
    }
    assert.match(await popup.getByTestId('pv-current').innerText(), new RegExp(`${step.minutes} min planned`));
    assert.match(await popup.getByTestId('pv-source').innerText(), new RegExp(`Corpus tour “${def.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`));
    // The quotes the audience sees (a step shows the quotes that back its note).
    assert.ok(await popup.getByTestId('pv-quote').count() >= 1, 'the quotes on screen');
    // Both previews: the app itself, each frame at its step.
    for (const [testid, want] of [['pv-preview-current-frame', step.title], ['pv-preview-next-frame', next.title]]) {
      const frame = await (await popup.getByTestId(testid).elementHandle()).contentFrame();
      await frame.waitForSelector('html[data-ready="1"]', { state: 'attached', timeout: 30_000 });
      await frame.waitForFunction((t) => document.querySelector('[data-testid="tour-title"]')?.textContent === t, want, { timeout: 15_000 });
    }
    assert.match(await popup.getByTestId('pv-preview-next').innerText(), new RegExp(`Next: `));
    // Planned against spent: within the plan, then over it.
    const total = def.minutes;
    const mmss = (m) => `${m}:00`;
    await waitFor(popup, (t) => document.querySelector('[data-testid="pv-total-time"]')?.textContent.includes(t), `of ${mmss(total)} in total`);
    assert.equal(await popup.getByTestId('pv-step-time').getAttribute('data-over'), 'false');
    await s.context.clock.fastForward(step.minutes * 60_000 + 15_000);
    await waitFor(popup, () => document.querySelector('[data-testid="pv-step-time"]')?.dataset.over === 'true');
    assert.match(await popup.getByTestId('pv-step-time').innerText(), new RegExp(`over its ${mmss(step.minutes)} by 0:1[5-9]`));
    await screenshot(popup, 'presenter-named-tour-over-time');
    // The next step starts at zero, within its plan.
    await popup.getByTestId('pv-next-btn').click();
    await atStep(page, def, k + 1);
    await waitFor(popup, () => document.querySelector('[data-testid="pv-step-time"]')?.dataset.over === 'false'
      && /^0:0\d of /.test(document.querySelector('[data-testid="pv-step-time"]')?.textContent));
    // The audience screen black, and back.
    assert.equal(await popup.getByTestId('pv-screen').getAttribute('data-black'), 'false');
    await page.bringToFront();
    await page.keyboard.press('b');
    await waitFor(popup, () => document.querySelector('[data-testid="pv-screen"]')?.dataset.black === 'true');
    assert.match(await popup.getByTestId('pv-screen').innerText(), /black/);
    await popup.getByTestId('pv-black').click();
    await waitFor(page, () => !document.querySelector('[data-testid="blackout"]'));
    await waitFor(popup, () => document.querySelector('[data-testid="pv-screen"]')?.dataset.black === 'false');
    await popup.getByTestId('pv-prev').click();
    await atStep(page, def, k);
    await screenshot(popup, 'presenter-named-tour');
    const violations = await axe(popup, { iframes: false });
    const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(summary, [], 'axe violations in the presenter window');
    assertClean(s);
  } finally {
    await s.close();
  }
});

/** The editor's steps: title, point and the other parts, as the fields hold them. */
const editorSteps = (page) => page.$$eval('[data-testid="tour-step-item"]', (items) => items.map((li) =>
  ['title', 'note', 'show', 'contrast', 'judgement', 'question', 'minutes']
    .map((k) => li.querySelector(`[data-testid="te-${k}"]`).value)));

for (const via of ['file', 'http']) {
  test(`${via}: a tour saved as a file opens again as the same tour (picker and drop); a hostile file opens with a notice`, T, async () => {
    const s = await open(via, '#/matrix');
    try {
      const { page } = s;
      await page.getByTestId('tour-open').click();
      await page.getByTestId('tour-load-default').click();
      await waitFor(page, (n) => document.querySelectorAll('[data-testid="tour-step-item"]').length === n, def.steps.length);
      // A copy of the corpus tour travels whole in the link.
      assert.match(await page.getByTestId('tour-source').innerText(), /Tour from a link/);
      const before = await editorSteps(page);
      const tourBefore = await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('tour'));
      assert.deepEqual(before.map(([t]) => t), def.steps.map((x) => x.title));
      assert.deepEqual(before.map((x) => x[5]), def.steps.map((x) => x.question), 'the editor holds every part');
      assert.deepEqual(before.map((x) => Number(x[6])), def.steps.map((x) => x.minutes));
      // A part edited here travels in the link; put back, the link is the same as before.
      const tourParam = () => page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('tour'));
      await page.getByTestId('te-more').first().locator('summary').click();
      await page.getByTestId('te-question').first().fill('A question of our own?');
      await page.getByTestId('te-question').first().blur();
      await waitFor(page, (t) => new URLSearchParams(location.hash.split('?')[1]).get('tour') !== t, tourBefore);
      await page.getByTestId('te-question').first().fill(def.steps[0].question);
      await page.getByTestId('te-question').first().blur();
      await waitFor(page, (t) => new URLSearchParams(location.hash.split('?')[1]).get('tour') === t, tourBefore);
      assert.equal(await tourParam(), tourBefore);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tour-save').click()]);
      assert.match(dl.suggestedFilename(), /\.tour\.json$/);
      const text = readFileSync(await dl.path(), 'utf8');
      const file = JSON.parse(text);
      assert.equal(file.format, 'evidence-explorer-tour');
      assert.equal(file.version, 1);
      assert.deepEqual(file.steps.map((x) => x.question), def.steps.map((x) => x.question), 'every part is saved');
      mkdirSync(ARTIFACTS, { recursive: true });
      const saved = join(ARTIFACTS, `saved-${via}.tour.json`);
      writeFileSync(saved, text);
      // Discard it, then open the file: the same tour.
      await page.getByTestId('tour-discard').click();
      await page.getByTestId('tour-empty').waitFor();
      await page.getByTestId('tour-file-open').setInputFiles(saved);
      await waitFor(page, (n) => document.querySelectorAll('[data-testid="tour-step-item"]').length === n, def.steps.length);
      assert.deepEqual(await editorSteps(page), before);
      assert.equal(await page.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('tour')), tourBefore);
      assert.match(await page.getByTestId('tour-source').innerText(), /Tour from the file “saved-/);
      assert.equal(await page.getByTestId('url-notice').count(), 0, 'a clean file opens without a notice');
      // Dropped on the editor: the same again.
      await page.getByTestId('tour-discard').click();
      await page.getByTestId('tour-empty').waitFor();
      const drop = async (name, content) => {
        const dt = await page.evaluateHandle(([n, c]) => {
          const d = new DataTransfer();
          d.items.add(new File([c], n, { type: 'application/json' }));
          return d;
        }, [name, content]);
        await page.getByTestId('tour-editor').dispatchEvent('dragover', { dataTransfer: dt });
        await page.getByTestId('tour-editor').dispatchEvent('drop', { dataTransfer: dt });
      };
      await drop('dropped.tour.json', text);
      await waitFor(page, (n) => document.querySelectorAll('[data-testid="tour-step-item"]').length === n, def.steps.length);
      assert.deepEqual(await editorSteps(page), before);
      // A hostile file: what can be used, and a notice.
      const hostile = JSON.stringify({
        format: 'evidence-explorer-tour',
        version: 1,
        steps: [
          { title: '<img src=x onerror=alert(1)>', view: '#/matrix?v=1&paper=no-such-paper', point: 'kept', minutes: 'many' },
          { title: 'no view' },
        ],
      });
      await drop('hostile.tour.json', hostile);
      await waitFor(page, () => document.querySelectorAll('[data-testid="tour-step-item"]').length === 1);
      const notice = await page.getByTestId('url-notice').innerText();
      assert.match(notice, /hostile\.tour\.json/);
      assert.match(notice, /step 2: needs either a `view`/);
      assert.match(notice, /no-such-paper/);
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'text stays text');
      await drop('junk.tour.json', 'not json at all');
      await waitFor(page, () => /not JSON/.test(document.querySelector('[data-testid="url-notice"]')?.textContent ?? ''));
      assert.equal(await page.$$eval('[data-testid="tour-step-item"]', (x) => x.length), 1, 'a file with nothing usable changes nothing');
      await screenshot(page, `tour-file-${via}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}
