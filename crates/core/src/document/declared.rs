//! Phase 2: the lines that the `[document]` table declares to be notes (`[[document.note]]`)
//! or headings (`headings`), checked against the lines (one role per line, never blank or
//! skipped).

use std::collections::{BTreeMap, BTreeSet};

use super::lines::{Lines, Role};
use super::{Ctx, DocOptions, NoteRule};

/// The checked note and heading declarations.
#[derive(Debug, Default)]
pub(super) struct Declared<'o> {
    /// Note rules by line.
    pub notes: BTreeMap<u32, &'o NoteRule>,
    /// Lines declared to be headings.
    pub headings: BTreeSet<u32>,
}

/// Reads the note and heading declarations; broken ones are reported and left out.
pub(super) fn read_declared<'o>(opts: &'o DocOptions, lines: &Lines, cx: &mut Ctx) -> Declared<'o> {
    let notes = note_rules(opts, lines, cx);
    let headings = heading_lines(opts, lines, &notes, cx);
    Declared { notes, headings }
}

fn note_rules<'o>(
    opts: &'o DocOptions,
    lines: &Lines,
    cx: &mut Ctx,
) -> BTreeMap<u32, &'o NoteRule> {
    let mut note_rules: BTreeMap<u32, &NoteRule> = BTreeMap::new();
    for r in &opts.notes {
        if !cx.line_exists("note", r.line) {
            continue;
        }
        if lines.content[r.line as usize].trim().is_empty() {
            cx.diag(
                r.line,
                format!("[document] note points at line {}, which is blank", r.line),
                "a line with the note's text",
            );
        } else if lines.role[r.line as usize] != Role::Body {
            cx.diag(
                r.line,
                format!(
                    "[document] line {} is both skipped and declared a note",
                    r.line
                ),
                "a line outside skip and front ranges",
            );
        } else if note_rules.insert(r.line, r).is_some() {
            cx.diag(
                r.line,
                format!("[document] line {} is declared a note twice", r.line),
                "one note rule per line",
            );
        }
    }
    note_rules
}

fn heading_lines(
    opts: &DocOptions,
    lines: &Lines,
    notes: &BTreeMap<u32, &NoteRule>,
    cx: &mut Ctx,
) -> BTreeSet<u32> {
    let mut heading_lines: BTreeSet<u32> = BTreeSet::new();
    for &h in &opts.headings {
        if !cx.line_exists("headings", h) {
            continue;
        }
        if lines.content[h as usize].trim().is_empty() {
            cx.diag(
                h,
                format!("[document] headings points at line {h}, which is blank"),
                "a line with the heading's text",
            );
        } else if lines.role[h as usize] != Role::Body {
            cx.diag(
                h,
                format!("[document] line {h} is both skipped and declared a heading"),
                "a line outside skip and front ranges",
            );
        } else if notes.contains_key(&h) {
            cx.diag(
                h,
                format!("[document] line {h} is declared both a heading and a note"),
                "one role per line",
            );
        } else {
            heading_lines.insert(h);
        }
    }
    heading_lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::assert_messages;
    use crate::document::lines::{read_lines, split_lines};

    fn declared(opts: &DocOptions, text: &str) -> (Vec<u32>, Vec<u32>, Vec<String>) {
        let source = split_lines(text);
        let mut cx = Ctx::new("t.txt", source.len() as u32);
        let lines = read_lines(opts, &source, &mut cx);
        let d = read_declared(opts, &lines, &mut cx);
        let msgs = cx.diags.iter().map(ToString::to_string).collect();
        (
            d.notes.keys().copied().collect(),
            d.headings.into_iter().collect(),
            msgs,
        )
    }

    fn note(line: u32) -> NoteRule {
        NoteRule {
            line,
            ..Default::default()
        }
    }

    #[test]
    fn good_declarations_are_kept() {
        let opts = DocOptions {
            notes: vec![note(3)],
            headings: vec![1],
            ..Default::default()
        };
        let (notes, headings, msgs) = declared(&opts, "Title\nbody\nA note\n");
        assert_eq!((notes, headings), (vec![3], vec![1]));
        assert!(msgs.is_empty());
    }

    #[test]
    fn one_role_per_line_never_blank_or_skipped() {
        let opts = DocOptions {
            skip: vec![[1, 1]],
            notes: vec![note(1), note(2), note(3), note(3)],
            headings: vec![2, 3, 4],
            ..Default::default()
        };
        let (notes, headings, msgs) = declared(&opts, "cover\n\nnote\nTitle\n");
        assert_eq!((notes, headings), (vec![3], vec![4]));
        let want = [
            "both skipped and declared a note",
            "line 2, which is blank",
            "declared a note twice",
            "headings points at line 2, which is blank",
            "declared both a heading and a note",
        ];
        assert_messages(&msgs, &want);
    }
}
