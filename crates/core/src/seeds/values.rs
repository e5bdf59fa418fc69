//! Value checks and small text helpers of the seeds reader: slugs, dates, heading
//! enumerations, record extents in a TOML file, and "did you mean" suggestions.

use std::ops::Range;

use crate::model::DateSpan;

/// Checks that an id is a URL-friendly slug: lowercase ASCII letters, digits and `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Parses a codebook date: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `START/END`.
pub fn parse_date(s: &str) -> Result<DateSpan, String> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/') {
        let a = parse_one_date(a.trim())?;
        let b = parse_one_date(b.trim())?;
        if b.1 < a.0 {
            return Err(format!("range ends before it starts in `{s}`"));
        }
        return Ok(DateSpan {
            start: a.0,
            end: b.1,
        });
    }
    let (start, end) = parse_one_date(s)?;
    Ok(DateSpan { start, end })
}

pub(super) type Ymd = (i32, u8, u8);

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_one_date(s: &str) -> Result<(Ymd, Ymd), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, what: &str| -> Result<u32, String> {
        if p.len() != len || !p.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format!("bad {what} `{p}` in `{s}`"));
        }
        p.parse::<u32>()
            .map_err(|_| format!("bad {what} `{p}` in `{s}`"))
    };
    let y = num(parts[0], 4, "year")? as i32;
    match parts.len() {
        1 => Ok(((y, 1, 1), (y, 12, 31))),
        2 | 3 => {
            let m = num(parts[1], 2, "month")? as u8;
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} out of range in `{s}`"));
            }
            let dim = days_in_month(y, m);
            if parts.len() == 2 {
                return Ok(((y, m, 1), (y, m, dim)));
            }
            let d = num(parts[2], 2, "day")? as u8;
            if d == 0 || d > dim {
                return Err(format!("day {d} out of range in `{s}`"));
            }
            Ok(((y, m, d), (y, m, d)))
        }
        _ => Err(format!("too many parts in `{s}`")),
    }
}

pub(super) const DATE_EXPECTED: &str =
    "a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range START/END";

/// Strips a leading enumeration (`1.`, `(1)`, `II.`, `a)`) from a heading title.
pub(super) fn strip_enumeration(title: &str) -> &str {
    let t = title.trim_start();
    let Some((first, rest)) = t.split_once(char::is_whitespace) else {
        return t;
    };
    let core = first.trim_start_matches('(').trim_end_matches(['.', ')']);
    let enumerated = first != core
        && !core.is_empty()
        && (core.bytes().all(|c| c.is_ascii_digit())
            || core.bytes().all(|c| b"IVXLivxl".contains(&c))
            || (core.len() == 1 && core.bytes().all(|c| c.is_ascii_alphabetic())));
    if enumerated {
        rest.trim_start()
    } else {
        t
    }
}

/// From a table header's span to the start of the next table header (or the end of the file).
pub(super) fn record_extent(text: &str, span: Range<usize>) -> Range<usize> {
    let start = span.start.min(text.len());
    let mut pos = span.end.min(text.len());
    // Skip to the end of the header line.
    pos = text[pos..]
        .find('\n')
        .map(|i| pos + i + 1)
        .unwrap_or(text.len());
    while pos < text.len() {
        let line_end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        if text[pos..line_end].trim_start().starts_with('[') {
            return start..pos;
        }
        pos = line_end;
    }
    start..text.len()
}

/// Line of the first line that mentions `key` as a table header or key.
pub(super) fn find_line(text: &str, key: &str) -> u32 {
    for (i, l) in text.lines().enumerate() {
        let t = l.trim_start().trim_start_matches('[').trim_start();
        if t.starts_with(key) {
            return i as u32 + 1;
        }
    }
    0
}

/// Edit distance, for "did you mean" suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// ` (did you mean `x`?)` when a known value is close to `got`.
pub(super) fn suggest(got: &str, known: &[&str]) -> String {
    known
        .iter()
        .map(|k| (edit_distance(got, k), *k))
        .filter(|(d, _)| *d <= 2.max(got.len() / 4))
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}
