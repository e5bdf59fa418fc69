//! Inline cleaning of one source line: markup, footnote markers, emphasis and debris.
//!
//! The result is clean text plus byte ranges (emphasis) and marker offsets into that text.
//! Everything here is generic: no knowledge of any paper.

use super::Format;

/// Clean text of a piece of a block or note, with its inline annotations.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Inline {
    /// Clean text (whitespace runs folded to one space, trimmed).
    pub text: String,
    /// Emphasised byte ranges of `text`.
    pub emphasis: Vec<(usize, usize)>,
    /// Footnote markers found in the text, by offset.
    pub markers: Vec<Marker>,
}

/// A footnote marker: where it stands in the clean text and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Byte offset in the clean text (after the word it follows).
    pub offset: usize,
    /// The label: `12`, `*`, `**`.
    pub label: String,
    /// 1-based source line of the marker.
    pub line: u32,
}

impl Inline {
    /// Appends `other` as the continuation of this text: joined with one space, or with no
    /// space when this text ends with a hyphen or an unspaced dash (a real hyphen stays).
    pub fn append(&mut self, other: Inline) {
        if other.text.is_empty() && other.markers.is_empty() {
            return;
        }
        let sep = if self.text.is_empty() || ends_with_unspaced_dash(&self.text) {
            ""
        } else {
            " "
        };
        let base = self.text.len() + sep.len();
        self.text.push_str(sep);
        self.text.push_str(&other.text);
        self.emphasis.extend(
            other
                .emphasis
                .into_iter()
                .map(|(a, b)| (a + base, b + base)),
        );
        self.markers.extend(other.markers.into_iter().map(|mut m| {
            m.offset += base;
            m
        }));
    }
}

fn ends_with_unspaced_dash(s: &str) -> bool {
    let mut it = s.chars().rev();
    match (it.next(), it.next()) {
        (Some('-' | '\u{2010}' | '\u{2011}' | '\u{2014}'), Some(before)) => !before.is_whitespace(),
        _ => false,
    }
}

/// Whether a text ends a sentence (or a clause that may end a paragraph): its last character,
/// ignoring closing quotes and brackets, is `.`, `!`, `?`, `:` or `;`.
pub(crate) fn is_finished(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '\u{2019}', '\u{201D}', ')', ']', ' ']);
    match t.chars().last() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | '\u{2026}'),
    }
}

/// Whether a text starts with a lowercase letter (a sentence continued from elsewhere).
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Value of a superscript digit.
pub(crate) fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '\u{2070}' => '0',
        '\u{00B9}' => '1',
        '\u{00B2}' => '2',
        '\u{00B3}' => '3',
        '\u{2074}' => '4',
        '\u{2075}' => '5',
        '\u{2076}' => '6',
        '\u{2077}' => '7',
        '\u{2078}' => '8',
        '\u{2079}' => '9',
        _ => return None,
    })
}

/// Decodes character references, including the mangled form `^{&#}x27;` that some PDF
/// extractions leave for a quote mark: `^{&#}xHH;`, `&#xHH;` and `&#DD;` become the character.
/// Returns the text and whether anything was decoded.
pub(crate) fn decode_references(s: &str) -> (String, bool) {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut changed = false;
    while let Some(pos) = rest.find(['^', '&']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        let (body, hex) = if let Some(t) = tail.strip_prefix("^{&#}x") {
            (t, true)
        } else if let Some(t) = tail
            .strip_prefix("&#x")
            .or_else(|| tail.strip_prefix("&#X"))
        {
            (t, true)
        } else if let Some(t) = tail.strip_prefix("&#") {
            (t, false)
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
            continue;
        };
        let digits: &str = {
            let n = body
                .char_indices()
                .find(|&(_, c)| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .map_or(body.len(), |(i, _)| i);
            &body[..n]
        };
        let decoded = if !digits.is_empty() && body[digits.len()..].starts_with(';') {
            u32::from_str_radix(digits, if hex { 16 } else { 10 })
                .ok()
                .and_then(char::from_u32)
        } else {
            None
        };
        match decoded {
            Some(c) => {
                out.push(c);
                changed = true;
                rest = &body[digits.len() + 1..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    (out, changed)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A plain character.
    Ch(char),
    /// An escaped character, always literal.
    Lit(char),
    /// A single `*`: emphasis delimiter if paired, else literal.
    Star,
    /// `**` (bold): dropped, the model has no bold.
    Bold,
    /// A footnote marker written as `<sup>x</sup>` or superscript digits; `orig` is the source.
    Sup { label: String, orig: String },
    /// A run of `n` escaped stars `\*` right after a word (Markdown star marker).
    StarMarker(usize),
}

impl Tok {
    fn is_space(&self) -> bool {
        matches!(self, Tok::Ch(c) if c.is_whitespace())
    }
}

fn tokenize(format: Format, s: &str) -> Vec<Tok> {
    let cs: Vec<char> = s.chars().collect();
    let starts = |i: usize, pat: &str| {
        let p: Vec<char> = pat.chars().collect();
        cs.len() >= i + p.len() && cs[i..i + p.len()] == p[..]
    };
    let mut out: Vec<Tok> = Vec::with_capacity(cs.len());
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if format == Format::Markdown && c == '\\' && i + 1 < cs.len() {
            if cs[i + 1] == '*' {
                let mut j = i;
                let mut n = 0;
                while j + 1 < cs.len() && cs[j] == '\\' && cs[j + 1] == '*' {
                    n += 1;
                    j += 2;
                }
                let after_word = out.last().is_some_and(|t| !t.is_space());
                let before_space = j >= cs.len() || cs[j].is_whitespace();
                if after_word && before_space {
                    out.push(Tok::StarMarker(n));
                } else {
                    out.extend(std::iter::repeat_n(Tok::Lit('*'), n));
                }
                i = j;
                continue;
            }
            if cs[i + 1].is_ascii_punctuation() {
                out.push(Tok::Lit(cs[i + 1]));
                i += 2;
                continue;
            }
        }
        if format == Format::Markdown && starts(i, "<sup>") {
            let from = i + 5;
            if let Some(end) = (from..cs.len()).find(|&k| starts(k, "</sup>")) {
                let inner: String = cs[from..end].iter().collect();
                out.push(Tok::Sup {
                    label: inner.trim().to_string(),
                    orig: inner.trim().to_string(),
                });
                i = end + 6;
                continue;
            }
        }
        if c == '*' {
            if i + 1 < cs.len() && cs[i + 1] == '*' {
                out.push(Tok::Bold);
                i += 2;
            } else {
                out.push(Tok::Star);
                i += 1;
            }
            continue;
        }
        if superscript_digit(c).is_some() {
            let mut label = String::new();
            let mut orig = String::new();
            while let Some(d) = cs.get(i).and_then(|&c| superscript_digit(c)) {
                label.push(d);
                orig.push(cs[i]);
                i += 1;
            }
            out.push(Tok::Sup { label, orig });
            continue;
        }
        out.push(Tok::Ch(c));
        i += 1;
    }
    out
}

/// Cleans lines one at a time, in reading order, remembering the last numbered marker so that
/// plain digits can be recognised as markers only when they continue the sequence.
#[derive(Debug)]
pub(crate) struct Scanner {
    format: Format,
    /// Last numeric marker seen in body text.
    last_number: u32,
    /// Lines where character references were decoded.
    pub decoded_lines: Vec<u32>,
    /// Plain digits read as markers: (line, label).
    pub plain_markers: Vec<(u32, String)>,
}

impl Scanner {
    /// A scanner for text in `format`.
    pub fn new(format: Format) -> Self {
        Scanner {
            format,
            last_number: 0,
            decoded_lines: Vec::new(),
            plain_markers: Vec::new(),
        }
    }

    /// Cleans one source line. `body` is true for body text (markers are read as markers);
    /// false for note text (marker-like characters stay literal).
    pub fn clean(&mut self, raw: &str, line: u32, body: bool) -> Inline {
        let (decoded, changed) = decode_references(raw);
        if changed && !self.decoded_lines.contains(&line) {
            self.decoded_lines.push(line);
        }
        let toks = tokenize(self.format, &decoded);

        // Pair single stars into emphasis: an opener is followed by a non-space, a closer
        // follows a non-space. Unpaired stars stay literal.
        let mut role: Vec<Option<bool>> = vec![None; toks.len()];
        let mut open: Option<usize> = None;
        for (i, t) in toks.iter().enumerate() {
            if *t != Tok::Star {
                continue;
            }
            let next_ns = toks.get(i + 1).is_some_and(|t| !t.is_space());
            let prev_ns = i > 0 && !toks[i - 1].is_space();
            match open {
                None if next_ns => open = Some(i),
                Some(o) if prev_ns => {
                    role[o] = Some(true);
                    role[i] = Some(false);
                    open = None;
                }
                _ => {}
            }
        }

        let mut out = Inline::default();
        let mut em_start: Option<usize> = None;
        let mut i = 0;
        while i < toks.len() {
            match &toks[i] {
                Tok::Ch(c) if c.is_whitespace() => {
                    if !out.text.is_empty() && !out.text.ends_with(' ') {
                        out.text.push(' ');
                    }
                }
                Tok::Ch(c) => {
                    if body && self.format == Format::Plain && c.is_ascii_digit() {
                        if let Some((label, len)) = self.plain_marker(&toks, i, &out.text) {
                            self.last_number += 1;
                            self.plain_markers.push((line, label.clone()));
                            push_marker(&mut out, label, line);
                            i += len;
                            continue;
                        }
                    }
                    out.text.push(*c);
                }
                Tok::Lit(c) => out.text.push(*c),
                Tok::Star => match role[i] {
                    Some(true) => em_start = Some(out.text.len()),
                    Some(false) => {
                        if let Some(s) = em_start.take() {
                            if out.text.len() > s {
                                out.emphasis.push((s, out.text.len()));
                            }
                        }
                    }
                    None => out.text.push('*'),
                },
                Tok::Bold => {}
                Tok::Sup { label, orig } => {
                    if body {
                        if let Ok(n) = label.parse::<u32>() {
                            self.last_number = n;
                        }
                        push_marker(&mut out, label.clone(), line);
                    } else {
                        out.text.push_str(orig);
                    }
                }
                Tok::StarMarker(n) => {
                    if body {
                        push_marker(&mut out, "*".repeat(*n), line);
                    } else {
                        out.text.push_str(&"*".repeat(*n));
                    }
                }
            }
            i += 1;
        }
        while out.text.ends_with(' ') {
            out.text.pop();
        }
        let len = out.text.len();
        for m in &mut out.markers {
            m.offset = m.offset.min(len);
        }
        out.emphasis.retain(|&(a, _)| a < len);
        for r in &mut out.emphasis {
            r.1 = r.1.min(len);
        }
        out
    }

    /// A run of plain digits at `i` that is a footnote marker: it follows sentence punctuation
    /// and one space, is followed by a space and a capital (or ends the line), and its value is
    /// exactly the next number of the marker sequence. Returns (label, tokens used).
    fn plain_marker(&self, toks: &[Tok], i: usize, out: &str) -> Option<(String, usize)> {
        let mut label = String::new();
        let mut j = i;
        while let Some(Tok::Ch(c)) = toks.get(j) {
            if !c.is_ascii_digit() {
                break;
            }
            label.push(*c);
            j += 1;
        }
        if label.len() > 3 || label.starts_with('0') {
            return None;
        }
        let before = out.strip_suffix(' ')?;
        let punct = before.chars().last()?;
        if !matches!(
            punct,
            '.' | ',' | ';' | ':' | ')' | '\'' | '"' | '\u{2019}' | '\u{201D}'
        ) {
            return None;
        }
        let ends_line = toks[j..].iter().all(Tok::is_space);
        let before_capital = matches!(toks.get(j), Some(t) if t.is_space())
            && matches!(toks.get(j + 1), Some(Tok::Ch(c)) if c.is_uppercase() || matches!(c, '\'' | '"' | '\u{2018}' | '\u{201C}'));
        if !(ends_line || before_capital) {
            return None;
        }
        let n: u32 = label.parse().ok()?;
        if n != self.last_number + 1 {
            return None;
        }
        Some((label, j - i))
    }
}

fn push_marker(out: &mut Inline, label: String, line: u32) {
    while out.text.ends_with(' ') {
        out.text.pop();
    }
    out.markers.push(Marker {
        offset: out.text.len(),
        label,
        line,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_mangled_and_plain_references() {
        assert_eq!(
            decode_references("^{&#}x27;NATO&#x27;s &#39;x&#39; R&D ^{a}"),
            ("'NATO's 'x' R&D ^{a}".to_string(), true)
        );
        assert_eq!(decode_references("a & b"), ("a & b".to_string(), false));
    }

    #[test]
    fn markdown_markers_emphasis_and_escapes() {
        let mut s = Scanner::new(Format::Markdown);
        let out = s.clean("**Title<sup>9</sup>** in *Kan* x \\* y EU\\*", 3, true);
        assert_eq!(out.text, "Title in Kan x * y EU");
        assert_eq!(out.emphasis, vec![(9, 12)]);
        let labels: Vec<_> = out
            .markers
            .iter()
            .map(|m| (m.offset, m.label.as_str()))
            .collect();
        assert_eq!(labels, vec![(5, "9"), (21, "*")]);
    }

    #[test]
    fn plain_superscripts_and_sequence_digits() {
        let mut s = Scanner::new(Format::Plain);
        let out = s.clean("in 2010. ¹⁰ Then ISAF. 11 Japan in 1990. 13 More", 1, true);
        assert_eq!(out.text, "in 2010. Then ISAF. Japan in 1990. 13 More");
        let labels: Vec<_> = out.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, vec!["10", "11"]);
        assert_eq!(out.markers[0].offset, "in 2010.".len());
    }

    #[test]
    fn note_mode_keeps_characters() {
        let mut s = Scanner::new(Format::Plain);
        let out = s.clean("See x². 3 A", 1, false);
        assert_eq!(out.text, "See x². 3 A");
        assert!(out.markers.is_empty());
    }

    #[test]
    fn append_keeps_real_hyphens() {
        let mut a = Inline {
            text: "NATO-".into(),
            ..Default::default()
        };
        a.append(Inline {
            text: "Japan".into(),
            ..Default::default()
        });
        assert_eq!(a.text, "NATO-Japan");
        let mut b = Inline {
            text: "Europe —".into(),
            ..Default::default()
        };
        b.append(Inline {
            text: "a group".into(),
            ..Default::default()
        });
        assert_eq!(b.text, "Europe — a group");
    }
}
