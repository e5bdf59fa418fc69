//! Codebook dates: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a range `START/END`.

use crate::model::DateSpan;

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

type Ymd = (i32, u8, u8);

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cover_their_precision() {
        assert_eq!(
            parse_date("2003-06").unwrap(),
            DateSpan {
                start: (2003, 6, 1),
                end: (2003, 6, 30)
            }
        );
        assert_eq!(parse_date("2005/2006").unwrap().end, (2006, 12, 31));
        assert_eq!(parse_date("2004-02-29").unwrap().start, (2004, 2, 29));
        assert!(parse_date("2003-02-29").is_err());
        assert!(parse_date("2003-13").is_err());
        assert!(parse_date("2006/2005").is_err());
        assert!(parse_date("June 2003").is_err());
    }
}
