// The Content-Security-Policy rules of the release build, in one place: the post-build hook
// (scripts/post-build.mjs) writes the policies with them and the smoke test
// (e2e/smoke.test.mjs) checks the built pages with them.

import { createHash } from 'node:crypto';

/** The HTML parser turns CR LF and lone CR into LF before a script's text exists, and CSP hashes
 *  are taken over that text (UTF-8): normalise first so the hashes match what the browser sees. */
export const lf = (s) => s.replace(/\r\n?/g, '\n');

/** A CSP hash source for an inline script's or style's text: 'sha256-<base64>'. */
export const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Inline <script> (no src) and <style> contents of a finished document, in order. */
export function inlineContents(html) {
  const scripts = [];
  const styles = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    scripts.push(m[2]);
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) styles.push(m[1]);
  return { scripts, styles };
}

/** Attributes in the markup (not inside scripts, styles or comments) that would load or link
 *  anything other than a data: URL or an in-page #fragment, as `name="value"`. */
export function externalRefs(html) {
  const markup = html
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style\s*>)/gi, '$1$2')
    .replace(/<!--[\s\S]*?-->/g, '');
  const refs = [];
  for (const tag of markup.matchAll(/<[a-z][^>]*>/gi)) {
    for (const m of tag[0].matchAll(/\s(src|href|srcset|action|formaction|poster|data|manifest|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const v = (m[2] ?? m[3] ?? m[4] ?? '').trim();
      if (!/^(data:|#)/i.test(v)) refs.push(`${m[1]}="${v}"`);
    }
  }
  return refs;
}

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/i;

/** Adds the policy as a <meta> right after <meta charset> (it must precede every script and
 *  style it governs). Throws when the document already has one or has no charset meta. */
export function insertCsp(html, policy) {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) throw new Error('document already has a CSP meta');
  const charset = /<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i;
  if (!charset.test(html)) throw new Error('no <meta charset="utf-8"> to put the CSP after');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  return html.replace(charset, (m) => `${m}\n  ${meta}`);
}

/** The document's CSP <meta>: { policy: Map(directive -> [values]), index } or null. */
export function readCsp(html) {
  const m = html.match(CSP_META);
  if (!m) return null;
  const policy = new Map();
  for (const part of m[1].split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) policy.set(name, values);
  }
  return { policy, index: m.index };
}
