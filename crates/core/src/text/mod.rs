//! Text normalisation. Two folds, each keeping a map back to byte offsets of the original:
//! - `quote_fold`: for matching codebook quotes against a paper; folds only whitespace
//!   (runs become one space), quote marks and dashes, nothing else.
//! - `search_fold`: for full-text search; also lowercases and strips diacritics.
//!
//! Diacritics are stripped as canonical decomposition (NFD) without the combining marks would
//! strip them, through small generated tables (`table.rs`, from `unicode-normalization` by
//! `examples/fold-table.rs`) rather than that crate's full normalisation tables, which would
//! otherwise ship in the browser's wasm.

pub mod suggest;
mod table;

/// A folded string and, for every byte of it, the byte range of the original it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `starts[i]` is the original byte offset where folded byte `i` begins; one extra entry at
    /// the end holds the original length, so a folded range `a..b` maps to `starts[a]..ends(b)`.
    starts: Vec<usize>,
    /// `ends[i]` is the original byte offset where the original char of folded byte `i` ends.
    ends: Vec<usize>,
}

impl Folded {
    /// Original byte range of folded byte range `a..b` (`a < b <= text.len()`).
    pub fn original_range(&self, a: usize, b: usize) -> (usize, usize) {
        if a >= b || b > self.text.len() {
            return (0, 0);
        }
        (self.starts[a], self.ends[b - 1])
    }

    /// Every original byte range where `needle` (already folded the same way) occurs.
    pub fn find_all(&self, needle: &str) -> Vec<(usize, usize)> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .map(|(i, m)| self.original_range(i, i + m.len()))
            .collect()
    }
}

fn fold_quote_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00AD}' => return None, // soft hyphen
        c => c,
    })
}

/// Calls `f` with each char of `c`'s canonical decomposition that is not a combining mark, in
/// order: none for a mark, one for most chars, two or three jamo for a Hangul syllable, two or
/// three for a few others (such as U+16D68).
fn strip_marks(c: char, mut f: impl FnMut(char)) {
    let u = c as u32;
    if u < 0xC0 {
        return f(c); // nothing below U+00C0 decomposes or is a mark
    }
    // Hangul syllables decompose by arithmetic (Unicode 3.12) into jamo, which are not marks.
    const S_BASE: u32 = 0xAC00;
    const T_COUNT: u32 = 28;
    const N_COUNT: u32 = 21 * T_COUNT;
    if (S_BASE..S_BASE + 19 * N_COUNT).contains(&u) {
        let s = u - S_BASE;
        let jamo = [
            0x1100 + s / N_COUNT,
            0x1161 + (s % N_COUNT) / T_COUNT,
            0x11A7 + s % T_COUNT,
        ];
        for (k, j) in jamo.into_iter().enumerate() {
            if k < 2 || j != 0x11A7 {
                f(char::from_u32(j).unwrap_or(c));
            }
        }
        return;
    }
    // A few BMP chars decompose to astral ones: those are in `DECOMP_ASTRAL` too.
    let bmp = u16::try_from(u).ok().and_then(|k| {
        table::DECOMP_BMP
            .binary_search_by_key(&k, |e| e.0)
            .ok()
            .map(|i| u32::from(table::DECOMP_BMP[i].1))
    });
    let base = bmp.or_else(|| {
        table::DECOMP_ASTRAL
            .binary_search_by_key(&u, |e| e.0)
            .ok()
            .map(|i| table::DECOMP_ASTRAL[i].1)
    });
    if let Ok(i) = table::DECOMP_MULTI.binary_search_by_key(&u, |e| e.0) {
        for b in table::DECOMP_MULTI[i].1.into_iter().filter(|&b| b != 0) {
            f(char::from_u32(b).unwrap_or(c));
        }
        return;
    }
    match base {
        Some(0) => {}
        Some(b) => f(char::from_u32(b).unwrap_or(c)),
        None if is_mark(u) => {}
        None => f(c),
    }
}

/// Whether `u` is a combining mark (General_Category M).
fn is_mark(u: u32) -> bool {
    fn within<T: Copy + Ord>(ranges: &[(T, T)], k: T) -> bool {
        let i = ranges.partition_point(|r| r.1 < k);
        ranges.get(i).is_some_and(|r| r.0 <= k)
    }
    if u <= 0xFFFF {
        within(&table::MARKS_BMP, u as u16)
    } else {
        within(&table::MARKS_ASTRAL, u)
    }
}

fn fold_with(s: &str, lower_and_strip: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        starts: Vec::with_capacity(s.len() + 1),
        ends: Vec::with_capacity(s.len()),
    };
    let mut pending_space: Option<(usize, usize)> = None;
    let push = |out: &mut Folded, c: char, a: usize, b: usize| {
        let n = c.len_utf8();
        out.text.push(c);
        for _ in 0..n {
            out.starts.push(a);
            out.ends.push(b);
        }
    };
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            pending_space = Some(match pending_space {
                Some((a, _)) => (a, end),
                None => (i, end),
            });
            continue;
        }
        let Some(c) = fold_quote_char(c) else {
            continue;
        };
        if let Some((a, b)) = pending_space.take() {
            if !out.text.is_empty() {
                push(&mut out, ' ', a, b);
            }
        }
        if lower_and_strip {
            strip_marks(c, |b| {
                for l in b.to_lowercase() {
                    push(&mut out, l, i, end);
                }
            });
        } else {
            push(&mut out, c, i, end);
        }
    }
    out.starts.push(s.len());
    out
}

/// Folds whitespace runs (to one space, trimmed), quote marks and dashes; keeps case.
pub fn quote_fold(s: &str) -> Folded {
    fold_with(s, false)
}

/// `quote_fold` plus lowercasing and diacritic stripping, for search.
pub fn search_fold(s: &str) -> Folded {
    fold_with(s, true)
}

/// True for a char both folds drop without ending a run of whitespace (a soft hyphen).
pub fn vanishes(c: char) -> bool {
    fold_quote_char(c).is_none()
}

/// `search_fold` of one char that is neither whitespace nor `vanishes`: calls `f` with each
/// char it folds to (none for a combining mark), without allocating.
pub fn search_fold_char(c: char, mut f: impl FnMut(char)) {
    match fold_quote_char(c) {
        Some(c) if c.is_ascii() => f(c.to_ascii_lowercase()),
        Some(c) => strip_marks(c, |b| b.to_lowercase().for_each(&mut f)),
        None => {}
    }
}

/// The folded text only (no offset map), for queries.
pub fn search_key(s: &str) -> String {
    search_fold(s).text
}

/// The first `n` chars of `s` (chars kept whole): the one way the core cuts a text to a length
/// (search, titles, notes, timeline labels).
pub fn truncate_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_whole_chars() {
        assert_eq!(truncate_chars("héllo", 2), "hé");
        assert_eq!(truncate_chars("héllo", 9), "héllo");
        assert_eq!(truncate_chars("日本語", 1), "日");
        assert_eq!(truncate_chars("", 3), "");
        assert_eq!(truncate_chars("abc", 0), "");
    }

    #[test]
    fn quote_fold_collapses_whitespace_and_styles_only() {
        let f = quote_fold("  “Use”\n NATO — and\tthe EU’s  ");
        assert_eq!(f.text, "\"Use\" NATO - and the EU's");
        // Case is kept.
        assert_eq!(quote_fold("Abe").text, "Abe");
    }

    #[test]
    fn quote_fold_maps_back_to_original_bytes() {
        let s = "Japan’s  “arc”";
        let f = quote_fold(s);
        let hits = f.find_all("\"arc\"");
        assert_eq!(hits.len(), 1);
        let (a, b) = hits[0];
        assert_eq!(&s[a..b], "“arc”");
    }

    #[test]
    fn search_fold_is_case_and_diacritic_insensitive() {
        assert_eq!(search_key("Bōei Kenkyūsho KIYŌ"), "boei kenkyusho kiyo");
        assert_eq!(search_key("Bamyán  Tőro"), "bamyan toro");
    }

    #[test]
    fn search_fold_maps_matches_to_original_text() {
        let s = "in Bamyán Province";
        let f = search_fold(s);
        let hits = f.find_all(&search_key("BAMYAN"));
        assert_eq!(hits.len(), 1);
        assert_eq!(&s[hits[0].0..hits[0].1], "Bamyán");
    }

    #[test]
    fn fold_table_equals_unicode_normalization() {
        use unicode_normalization::char::{decompose_canonical, is_combining_mark};
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut want = Vec::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    want.push(d)
                }
            });
            let mut got = Vec::new();
            strip_marks(c, |d| got.push(d));
            assert_eq!(got, want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn empty_needle_finds_nothing() {
        assert!(search_fold("abc").find_all("").is_empty());
    }
}
