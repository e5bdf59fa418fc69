#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml). Trunk runs it from the repo root after it has written
// index.html, the wasm-bindgen glue, the wasm and the CSS to TRUNK_STAGING_DIR, and before it
// moves that dir to dist/. Environment set by Trunk 0.21.14: TRUNK_PROFILE (debug|release),
// TRUNK_HTML_FILE, TRUNK_SOURCE_DIR, TRUNK_STAGING_DIR, TRUNK_DIST_DIR, TRUNK_PUBLIC_URL.
//
// Release builds only:
//  1. index.html gets a Content-Security-Policy <meta> (hashes of its inline scripts and styles);
//  2. explorer.html: one self-contained file (glue JS, wasm as base64, CSS, all inline) with a
//     strict hash-based CSP, so it runs from file://;
//  3. evidence.csv and corpus-summary.json from the core crate's export-csv bin;
//  4. codebook.qdc, project.qdpx and annotations.jsonld from its export-refi bin.
//
// It fails loudly (exit 1) on anything it does not expect, rather than emit a broken file.

import { readFileSync, renameSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { externalRefs, inlineContents, insertCsp as insertCspOrThrow, lf, sha256 } from './csp.mjs';
import { describe as sizes } from './sizes.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'debug';
const sourceDir = resolve(process.env.TRUNK_SOURCE_DIR ?? process.cwd());
const htmlName = 'index.html';
const singleName = 'explorer.html';

function die(msg) {
  console.error(`post-build: error: ${msg}`);
  process.exit(1);
}
const log = (msg) => console.log(`post-build: ${msg}`);

if (!staging) die('TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook');
if (profile !== 'release') {
  log(`profile ${profile}: nothing to do (CSP, ${singleName} and evidence.csv are made by release builds)`);
  process.exit(0);
}

function insertCsp(html, policy) {
  try {
    return insertCspOrThrow(html, policy);
  } catch (e) {
    die(e.message);
  }
}

const unique = (xs) => [...new Set(xs)];

// ---------------------------------------------------------------------------------------------
// Read what Trunk produced.
const indexPath = join(staging, htmlName);
const index = lf(readFileSync(indexPath, 'utf8'));

// Trunk's default initializer, e.g.
//   <script type="module">
//   import init, * as bindings from './evidence-explorer-<hash>.js';
//   const wasm = await init({ module_or_path: './evidence-explorer-<hash>_bg.wasm' });
//   window.wasmBindings = bindings;
//   dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
//   </script>
const initRe = /<script type="module"[^>]*>\s*import init[^'"]*from\s*['"]([^'"]+\.js)['"];[\s\S]*?module_or_path:\s*['"]([^'"]+\.wasm)['"][\s\S]*?<\/script>/;
const init = index.match(initRe);
if (!init) die(`cannot find Trunk's initializer <script type="module"> in ${htmlName}`);
const local = (url) => {
  const base = process.env.TRUNK_PUBLIC_URL ?? './';
  let p = url.startsWith(base) ? url.slice(base.length) : url.replace(/^\.?\//, '');
  if (p.includes('/') || p.includes('..')) die(`unexpected asset path ${url}`);
  return join(staging, p);
};
const jsPath = local(init[1]);
const wasmPath = local(init[2]);

// ---------------------------------------------------------------------------------------------
// 1. CSP for the served index.html. Trunk loads the glue JS with a module import (script-src
//    'self', also for its <link rel="modulepreload">), fetches the wasm (connect-src 'self', also
//    for its <link rel="preload" as="fetch">) and compiles it ('wasm-unsafe-eval'); its
//    initializer and our watchdog are inline scripts, allowed by hash.
{
  const { scripts, styles } = inlineContents(index);
  const policy = [
    "default-src 'none'",
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...unique(scripts.map(sha256))].join(' '),
    ['style-src', "'self'", ...unique(styles.map(sha256))].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    // The presenter window previews the current and the next step in two frames of this page.
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  writeFileSync(indexPath, insertCsp(index, policy));
  log(`${htmlName}: CSP with ${scripts.length} inline script hash(es), ${styles.length} style hash(es)`);
}

// ---------------------------------------------------------------------------------------------
// 2. The single self-contained file.
{
  let glue = lf(readFileSync(jsPath, 'utf8'));
  const wasm = readFileSync(wasmPath);

  if (/^\s*import\s/m.test(glue) || /\bimport\s*\(/.test(glue)) {
    die(`${init[1]} imports other modules (wasm-bindgen snippets: inline_js / #[wasm_bindgen(module)]); ` +
      'the single-file build cannot inline those');
  }
  // wasm-bindgen 0.2.130 ends with `export { initSync, __wbg_init as default };`; older
  // versions with `export { initSync }; export default __wbg_init;`.
  const def = glue.match(/^export default (\w+);\s*$/m) ?? glue.match(/^export\s*\{[^}]*?\b(\w+)\s+as\s+default\b[^}]*\};?\s*$/m);
  if (!def) die(`${init[1]}: cannot find its default export (wasm-bindgen --target web glue expected)`);
  const initFn = def[1];
  // An inline module script exports to nobody: drop the export syntax, keep the declarations.
  glue = glue
    .replace(/^export default \w+;\s*$/gm, '')
    .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|class|const|let|var)\b)/gm, '');
  if (/^\s*export\b/m.test(glue)) die(`${init[1]}: export syntax left after stripping`);
  // Defensive: "</script" inside the JS would end the element early.
  glue = glue.replace(/<\/(script)/gi, '<\\/$1');

  const boot = [
    glue.trimEnd(),
    '',
    '// Single-file start-up: the wasm is inlined gzip-compressed, as base64 (decoded natively',
    '// where available), and inflated by the browser (DecompressionStream): base64 of raw wasm',
    '// would make the file about 40% bigger, even served gzip-compressed.',
    `const wasmBase64 = "${gzipSync(wasm, { level: 9 }).toString('base64')}";`,
    'const wasmGzip = typeof Uint8Array.fromBase64 === "function"',
    '  ? Uint8Array.fromBase64(wasmBase64)',
    '  : (() => {',
    '      const s = atob(wasmBase64);',
    '      const n = s.length;',
    '      const bytes = new Uint8Array(n);',
    '      for (let i = 0; i < n; i++) bytes[i] = s.charCodeAt(i);',
    '      return bytes;',
    '    })();',
    'const wasmBytes = await new Response(',
    '  new Blob([wasmGzip]).stream().pipeThrough(new DecompressionStream("gzip")),',
    ').arrayBuffer();',
    `await ${initFn}({ module_or_path: wasmBytes });`,
    '',
  ].join('\n');

  let html = index;
  // No preloads and no SRI in the single file: nothing is fetched.
  html = html.replace(/[ \t]*<link\b[^>]*\brel=["']?(?:modulepreload|preload)["']?[^>]*>\n?/gi, '');
  // Stylesheets Trunk emitted (<link rel="stylesheet" href="./app-<hash>.css" ...>) -> <style>.
  html = html.replace(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi, (tag) => {
    const href = tag.match(/\bhref=["']([^"']+)["']/i);
    if (!href) die(`stylesheet link without href: ${tag}`);
    const css = lf(readFileSync(local(href[1]), 'utf8'));
    for (const u of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
      if (!/^(data:|#)/i.test(u[2])) die(`${href[1]} refers to ${u[2]}: inline it as a data: URL`);
    }
    if (/@import\b/i.test(css)) die(`${href[1]} uses @import: not possible in the single file`);
    return `<style>${css.replace(/<\/(style)/gi, '<\\/$1')}</style>`;
  });
  // Trunk's initializer -> the self-contained one. (Function replacement: no "$" patterns.)
  html = html.replace(initRe, () => `<script type="module">\n${boot}</script>`);

  // Nothing may point outside the file: only data: URLs and in-page #fragments.
  for (const ref of externalRefs(html)) die(`${singleName} would refer to ${ref}`);
  if (/\bintegrity\s*=/i.test(html)) die(`${singleName} still has an integrity attribute`);

  const { scripts, styles } = inlineContents(html);
  const policy = [
    "default-src 'none'",
    ['script-src', ...unique(scripts.map(sha256)), "'wasm-unsafe-eval'"].join(' '),
    ['style-src', ...unique(styles.map(sha256))].join(' '),
    'img-src data:',
    // The presenter window previews the current and the next step in two frames of this file.
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  if (styles.length === 0) die('no inline style in the single file (style-src would be empty)');
  html = insertCsp(html, policy);

  const out = Buffer.from(html, 'utf8');
  writeFileSync(join(staging, singleName), out);
  log(`wasm ${sizes(wasm)}; glue JS ${sizes(Buffer.from(glue))}`);
  log(`${singleName}: ${sizes(out)} (${scripts.length} inline scripts, ${styles.length} inline styles)`);
}

// ---------------------------------------------------------------------------------------------
// 3. evidence.csv: the codebook's evidence table, and corpus-summary.json: ids, marks, titles
//    and counts of the corpus (format in crates/core/src/share/summary.rs) that the tests read their
//    expected values from. Both by the core crate's export-csv bin (host build, release
//    profile; cargo's cache makes it quick after the first time), from the same seeds
//    directory as build.rs (EXPLORER_SEEDS, default seeds).
{
  const seedsDir = process.env.EXPLORER_SEEDS || 'seeds';
  const csvPath = join(staging, 'evidence.csv');
  const summaryPath = join(staging, 'corpus-summary.json');
  const tmp = `${csvPath}.tmp`;
  const summaryTmp = `${summaryPath}.tmp`;
  const fd = openSync(tmp, 'w');
  const r = spawnSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'evidence-core', '--bin', 'export-csv', '--', seedsDir, '--summary', summaryTmp],
    { cwd: sourceDir, stdio: ['ignore', fd, 'inherit'] },
  );
  closeSync(fd);
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    rmSync(summaryTmp, { force: true });
    die(`cargo run --bin export-csv failed (${r.error ?? `exit status ${r.status}`})`);
  }
  renameSync(tmp, csvPath);
  renameSync(summaryTmp, summaryPath);
  log(`evidence.csv: ${sizes(readFileSync(csvPath))}`);
  log(`corpus-summary.json: ${sizes(readFileSync(summaryPath))}`);
}

// ---------------------------------------------------------------------------------------------
// 4. The coding for QDA packages: codebook.qdc and project.qdpx (REFI-QDA) and
//    annotations.jsonld (W3C Web Annotations), by the core crate's export-refi bin, which
//    writes each file beside its place and renames it in.
{
  const seedsDir = process.env.EXPLORER_SEEDS || 'seeds';
  const r = spawnSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'evidence-core', '--bin', 'export-refi', '--', seedsDir, '--out', staging],
    { cwd: sourceDir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.error || r.status !== 0) die(`cargo run --bin export-refi failed (${r.error ?? `exit status ${r.status}`})`);
  for (const name of ['codebook.qdc', 'project.qdpx', 'annotations.jsonld']) {
    log(`${name}: ${sizes(readFileSync(join(staging, name)))}`);
  }
}
