//! Phase 1: the seed's lines and what each one is (body, skipped, front matter), with the
//! `skip`, `front` and `keep_from` rules applied.

use super::{Ctx, DocOptions};

/// What a source line is, before any reading of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Body,
    Skip,
    Front,
}

/// The source lines, 1-based (index 0 is an empty placeholder), each with its role and the
/// text kept of it.
#[derive(Debug)]
pub(super) struct Lines<'a> {
    /// Text of each line (after `keep_from`); `content[0]` is `""`.
    pub content: Vec<&'a str>,
    /// Role of each line; `role[0]` is unused.
    pub role: Vec<Role>,
}

impl Lines<'_> {
    /// Number of source lines.
    pub fn total(&self) -> u32 {
        (self.content.len() - 1) as u32
    }
}

/// Splits into lines (a final newline does not start a line), dropping `\r`.
pub(super) fn split_lines(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if text.ends_with('\n') || text.is_empty() {
        v.pop();
    }
    v
}

/// Applies `skip`, `front` and `keep_from` to the split `source` lines.
pub(super) fn read_lines<'a>(opts: &DocOptions, source: &[&'a str], cx: &mut Ctx) -> Lines<'a> {
    let role = roles(opts, source.len(), cx);
    let content: Vec<&str> = std::iter::once("").chain(source.iter().copied()).collect();
    let mut lines = Lines { content, role };
    keep_from(opts, &mut lines, cx);
    lines
}

/// Line roles from the `skip` and `front` ranges (checked: non-empty, existing, disjoint).
fn roles(opts: &DocOptions, count: usize, cx: &mut Ctx) -> Vec<Role> {
    let mut role = vec![Role::Body; count + 1];
    for (key, ranges, r) in [
        ("skip", &opts.skip, Role::Skip),
        ("front", &opts.front, Role::Front),
    ] {
        for &[a, b] in ranges {
            if a == 0 || a > b {
                cx.diag(
                    a,
                    format!("[document] {key} range [{a}, {b}] is empty"),
                    "[first, last] with 1 <= first <= last",
                );
                continue;
            }
            if !cx.line_exists(key, b) {
                continue;
            }
            for l in a..=b {
                if role[l as usize] != Role::Body {
                    cx.diag(
                        l,
                        format!("[document] {key} range [{a}, {b}] overlaps another range"),
                        "disjoint skip and front ranges",
                    );
                    break;
                }
                role[l as usize] = r;
            }
            let what = if r == Role::Skip {
                "are not body text (cover, masthead or debris) and were dropped"
            } else {
                "are front matter (title, byline): metadata, not body"
            };
            let span = if a == b {
                format!("Line {a}")
            } else {
                format!("Lines {a}–{b}")
            };
            cx.repairs.push(format!("{span} {what}."));
        }
    }
    role
}

/// `keep_from`: keeps only the part of a body line from the given text on.
fn keep_from(opts: &DocOptions, lines: &mut Lines, cx: &mut Ctx) {
    for k in &opts.keep_from {
        if !cx.line_exists("keep_from", k.line) {
            continue;
        }
        let l = k.line as usize;
        if lines.role[l] != Role::Body {
            cx.diag(
                k.line,
                format!(
                    "[document] keep_from points at line {}, which is skipped",
                    k.line
                ),
                "a body line",
            );
            continue;
        }
        match (!k.text.is_empty())
            .then(|| lines.content[l].find(&k.text))
            .flatten()
        {
            Some(pos) => {
                lines.content[l] = &lines.content[l][pos..];
                cx.repairs.push(format!(
                    "Line {}: the text before {:?} is debris and was dropped.",
                    k.line, k.text
                ));
            }
            None => cx.diag(
                k.line,
                format!(
                    "[document] keep_from text {:?} does not occur on line {}",
                    k.text, k.line
                ),
                "text copied exactly from that line",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::KeepFrom;

    fn read(opts: &DocOptions, text: &str) -> (Vec<Role>, Vec<String>, Ctx<'static>) {
        let source = split_lines(text);
        let mut cx = Ctx::new("t.txt", source.len() as u32);
        let lines = read_lines(opts, &source, &mut cx);
        let content = lines.content.iter().map(|s| s.to_string()).collect();
        (lines.role, content, cx)
    }

    #[test]
    fn split_drops_carriage_returns_and_the_final_newline() {
        assert_eq!(split_lines("a\r\nb\n"), vec!["a", "b"]);
        assert_eq!(split_lines("a\n\nb"), vec!["a", "", "b"]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn skip_and_front_ranges_set_roles_and_say_so() {
        let opts = DocOptions {
            skip: vec![[1, 1]],
            front: vec![[2, 3]],
            ..Default::default()
        };
        let (role, _, cx) = read(&opts, "cover\ntitle\nbyline\nbody\n");
        assert_eq!(
            role[1..],
            [Role::Skip, Role::Front, Role::Front, Role::Body]
        );
        assert!(cx.diags.is_empty());
        assert_eq!(cx.repairs.len(), 2);
        assert!(cx.repairs[1].starts_with("Lines 2–3 are front matter"));
    }

    #[test]
    fn bad_ranges_are_reported() {
        let opts = DocOptions {
            skip: vec![[2, 1], [1, 9], [1, 2]],
            front: vec![[2, 2]],
            ..Default::default()
        };
        let (role, _, cx) = read(&opts, "a\nb\n");
        assert_eq!(role[1..], [Role::Skip, Role::Skip]);
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(msgs[0].contains("is empty"));
        assert!(msgs[1].contains("the text has 2 lines"));
        assert!(msgs[2].contains("overlaps another range"));
    }

    #[test]
    fn keep_from_cuts_the_line_or_reports() {
        let opts = DocOptions {
            skip: vec![[2, 2]],
            keep_from: vec![
                KeepFrom {
                    line: 1,
                    text: "Body".into(),
                },
                KeepFrom {
                    line: 2,
                    text: "x".into(),
                },
                KeepFrom {
                    line: 3,
                    text: "nope".into(),
                },
            ],
            ..Default::default()
        };
        let (_, content, cx) = read(&opts, "debris Body text\nskipped x\nthird\n");
        assert_eq!(content[1], "Body text");
        assert_eq!(content[3], "third");
        assert_eq!(cx.diags.len(), 2);
        assert!(cx.repairs.iter().any(|r| r.contains("\"Body\" is debris")));
    }
}
