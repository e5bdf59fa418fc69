// The exchange files from the app (issue 22): "REFI-QDA" and "Web Annotations" in the export
// bar for what is shown, and the whole corpus from the methods page, which must equal the
// build's dist/project.qdpx and dist/annotations.jsonld byte for byte (same core, same
// corpus). Over http and from file://. Expected values come from dist/evidence.csv.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, assertClean, DIST, screenshot, startHarness } from './harness.mjs';
import { foldQuotes, loadCsv } from './pages.mjs';

const T = { timeout: 120_000 };
let h;
let csv;
before(async () => {
  csv = loadCsv();
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

async function download(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** The selections of a .qdpx as [{ name, text }] (python3's zipfile reads the archive). */
function qdpxSelections(path) {
  const py = `
import zipfile, sys, re, json
z = zipfile.ZipFile(sys.argv[1])
qde = z.read('project.qde').decode('utf-8')
out = []
for src in re.finditer(r'<TextSource guid="([^"]+)"(.*?)</TextSource>', qde, re.S):
    text = z.read('sources/%s.txt' % src.group(1)).decode('utf-8')
    for m in re.finditer(r'<PlainTextSelection guid="[^"]+" name="([^"]+)" startPosition="(\\d+)" endPosition="(\\d+)"', src.group(2)):
        out.append({'name': m.group(1), 'text': text[int(m.group(2)):int(m.group(3))]})
print(json.dumps(out))
`;
  const r = spawnSync('python3', ['-c', py, path], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const mostFrequent = (rows, col) => {
  const n = new Map();
  for (const r of rows) n.set(r[col], (n.get(r[col]) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0][0];
};

for (const where of ['http', 'file://']) {
  test(`REFI-QDA and Web Annotations of the filtered view hold exactly its quotes (${where})`, T, async () => {
    const paper = mostFrequent(csv, 'paper_id');
    const kind = mostFrequent(csv.filter((r) => r.paper_id === paper), 'kind');
    const want = csv.filter((r) => r.paper_id === paper && r.kind === kind);
    const hash = `#/matrix?v=1&paper=${paper}&kind=${kind}`;
    const s = where === 'http' ? await h.openApp(`/${hash}`) : await h.openFile(hash);
    try {
      const page = s.page;
      await page.getByTestId('matrix').waitFor();
      const anno = await download(page, 'export-annotations');
      assert.equal(anno.name, `evidence-matrix-paper-${paper}-kind-${kind}.jsonld`);
      const json = JSON.parse(anno.bytes.toString('utf8'));
      const items = json.first.items;
      assert.equal(items.length, want.length, 'one annotation per quote');
      const tags = (a) => a.body.filter((b) => b.purpose === 'tagging').map((b) => b.value).sort().join(' | ');
      assert.deepEqual(items.map(tags).sort(), want.map((r) => [r.category_label, r.evidence_title].sort().join(' | ')).sort());
      const exact = items.map((a) => a.target.selector.find((x) => x.type === 'TextQuoteSelector').exact);
      assert.deepEqual(foldQuotes(...exact).sort(), foldQuotes(...want.map((r) => r.quote)).sort(), 'exact = the quotes');
      const refi = await download(page, 'export-refi');
      assert.equal(refi.name, `evidence-matrix-paper-${paper}-kind-${kind}.qdpx`);
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `interop-${where === 'http' ? 'http' : 'file'}.qdpx`);
      writeFileSync(path, refi.bytes);
      const sels = qdpxSelections(path);
      assert.equal(sels.length, want.length, 'one selection per quote');
      assert.deepEqual(foldQuotes(...sels.map((x) => x.text)).sort(), foldQuotes(...want.map((r) => r.quote)).sort(), 'the text at every selection is its quote');
      await page.getByTestId('export-status').getByText('Downloaded').waitFor();
      await screenshot(page, `interop-export-bar-${where === 'http' ? 'http' : 'file'}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });

  test(`the methods page exports the whole corpus, byte-identical to the build's files (${where})`, T, async () => {
    const s = where === 'http' ? await h.openApp('/#/about') : await h.openFile('#/about');
    try {
      const page = s.page;
      await page.getByTestId('methods-exchange').waitFor();
      const omitted = await page.getByTestId('methods-exchange-omitted').locator('li').count();
      assert.ok(omitted >= 3, 'says what the files leave out');
      const refi = await download(page, 'methods-export-refi');
      assert.equal(refi.name, 'project.qdpx');
      assert.ok(refi.bytes.equals(readFileSync(join(DIST, 'project.qdpx'))), 'project.qdpx as the build wrote it');
      const anno = await download(page, 'methods-export-annotations');
      assert.equal(anno.name, 'annotations.jsonld');
      assert.ok(anno.bytes.equals(readFileSync(join(DIST, 'annotations.jsonld'))), 'annotations.jsonld as the build wrote it');
      await page.getByTestId('methods-exchange').scrollIntoViewIfNeeded();
      await screenshot(page, `interop-methods-${where === 'http' ? 'http' : 'file'}`);
      assertClean(s);
    } finally {
      await s.close();
    }
  });
}
