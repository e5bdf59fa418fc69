#!/usr/bin/env node
// File sizes, raw and gzip -9, in one place: the build's report (`node scripts/sizes.mjs dist`,
// called by scripts/build.sh), the post-build hook's log lines and the benchmark.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** { raw, gzip } byte counts of a buffer. */
export const sizeOf = (buf) => ({ raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });

export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** "12.3 KiB raw, 4.5 KiB gzip". */
export function describe(buf) {
  const s = sizeOf(buf);
  return `${kib(s.raw)} raw, ${kib(s.gzip)} gzip`;
}

/** Every file below `dir` (sorted by path) as { file, raw, gzip }. */
export function dirSizes(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ file: relative(dir, p), ...sizeOf(readFileSync(p)) });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A table of every file of `dir` in bytes, with the totals. */
export function sizeTable(dir) {
  const rows = dirSizes(dir);
  const line = (a, b, c) => `${a.padEnd(52)} ${String(b).padStart(12)} ${String(c).padStart(12)}`;
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return [
    line(`file (${dir})`, 'raw bytes', 'gzip bytes'),
    ...rows.map((r) => line(r.file, r.raw, r.gzip)),
    line('TOTAL', total.raw, total.gzip),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(sizeTable(process.argv[2] ?? 'dist'));
}
