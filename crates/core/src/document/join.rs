//! Phase 5: paragraphs cut by page breaks are rejoined.
//!
//! A paragraph that does not end a sentence (see [`is_finished`]), or that is followed by a
//! paragraph starting with a lowercase letter, takes the next paragraph as its continuation
//! (never across a heading); `join` forces, `no_join` prevents the join of the paragraph that
//! starts at a line. The parts are joined by [`super::inline::Inline::append`]. Notes keep
//! pointing at the (merged) body item they stood after.

use std::collections::BTreeSet;

use super::classify::{BodyItem, Items};
use super::inline::{is_finished, starts_lowercase};
use super::{Ctx, DocOptions};

/// Joins the cut paragraphs of `items.body` and remaps the notes' `after` to the result.
pub(super) fn join_paragraphs(opts: &DocOptions, mut items: Items, cx: &mut Ctx) -> Items {
    check_rules(opts, &items.body, cx);
    let mut merged: Vec<BodyItem> = Vec::with_capacity(items.body.len());
    let mut remap: Vec<usize> = Vec::with_capacity(items.body.len());
    for item in std::mem::take(&mut items.body) {
        if let Some(prev) = merged.last_mut() {
            if joins(opts, prev, &item, cx) {
                let (first, last) = (item.lines[0], prev.lines.last().copied());
                let last = last.unwrap_or(first);
                let how = if item.interrupted {
                    " (cut by a page break)"
                } else {
                    ""
                };
                cx.repairs.push(format!(
                    "Rejoined the paragraph ending at line {last} with its continuation at line {first}{how}."
                ));
                prev.inline.append(item.inline);
                prev.lines.extend(item.lines);
                remap.push(merged.len() - 1);
                continue;
            }
        }
        remap.push(merged.len());
        merged.push(item);
    }
    for n in &mut items.notes {
        n.after = n.after.and_then(|i| remap.get(i).copied());
    }
    items.body = merged;
    items
}

/// `join` and `no_join` must name the first line of a paragraph.
fn check_rules(opts: &DocOptions, body: &[BodyItem], cx: &mut Ctx) {
    let para_starts: BTreeSet<u32> = body
        .iter()
        .filter(|b| b.heading.is_none())
        .map(|b| b.lines[0])
        .collect();
    for (key, set) in [("join", &opts.join), ("no_join", &opts.no_join)] {
        for &l in set.iter() {
            if cx.line_exists(key, l) && !para_starts.contains(&l) {
                cx.diag(
                    l,
                    format!("[document] {key}: line {l} does not start a paragraph"),
                    "the first line of a paragraph",
                );
            }
        }
    }
}

/// Whether `item` continues `prev`; a forced join after a heading is reported.
fn joins(opts: &DocOptions, prev: &BodyItem, item: &BodyItem, cx: &mut Ctx) -> bool {
    let first = item.lines[0];
    let forced = opts.join.contains(&first);
    if item.heading.is_none() && prev.heading.is_none() {
        let banned = opts.no_join.contains(&first);
        let auto = !is_finished(&prev.inline.text) || starts_lowercase(&item.inline.text);
        return forced || (auto && !banned);
    }
    if forced {
        cx.diag(
            first,
            format!("[document] join: the paragraph at line {first} follows a heading"),
            "a paragraph that follows a paragraph",
        );
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::classify::NoteItem;

    fn item(heading: Option<usize>, line: u32, text: &str, interrupted: bool) -> BodyItem {
        BodyItem {
            interrupted,
            ..BodyItem::cleaned(heading, line, text)
        }
    }

    fn run(
        opts: &DocOptions,
        body: Vec<BodyItem>,
    ) -> (Vec<String>, Vec<Option<usize>>, Ctx<'static>) {
        let notes = (0..body.len())
            .map(|i| NoteItem {
                after: Some(i),
                ..Default::default()
            })
            .collect();
        let mut cx = Ctx::new("t.txt", 20);
        let items = join_paragraphs(
            opts,
            Items {
                body,
                notes,
                ..Default::default()
            },
            &mut cx,
        );
        let texts = items.body.iter().map(|b| b.inline.text.clone()).collect();
        let after = items.notes.iter().map(|n| n.after).collect();
        (texts, after, cx)
    }

    #[test]
    fn unfinished_or_lowercase_continuations_are_joined() {
        let body = vec![
            item(None, 1, "The NATO-", false),
            item(None, 3, "Japan talks", true),
            item(None, 5, "went on.", false),
            item(None, 7, "New one.", false),
        ];
        let (texts, after, cx) = run(&DocOptions::default(), body);
        assert_eq!(texts, vec!["The NATO-Japan talks went on.", "New one."]);
        assert_eq!(after, vec![Some(0), Some(0), Some(0), Some(1)]);
        assert_eq!(
            cx.repairs[0],
            "Rejoined the paragraph ending at line 1 with its continuation at line 3 (cut by a page break)."
        );
        assert!(cx.diags.is_empty());
    }

    #[test]
    fn join_and_no_join_rules_win_and_are_checked() {
        let opts = DocOptions {
            join: vec![3, 5, 4],
            no_join: vec![7],
            ..Default::default()
        };
        let body = vec![
            item(None, 1, "Done.", false),
            item(None, 3, "Forced.", false),
            item(Some(1), 5, "Heading", false),
            item(None, 6, "Open", false),
            item(None, 7, "banned", false),
        ];
        let (texts, _, cx) = run(&opts, body);
        assert_eq!(texts, vec!["Done. Forced.", "Heading", "Open", "banned"]);
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:#?}");
        assert!(msgs[0].contains("join: line 5 does not start a paragraph"));
        assert!(msgs[1].contains("join: line 4 does not start a paragraph"));
        assert!(msgs[2].contains("join: the paragraph at line 5 follows a heading"));
    }
}
