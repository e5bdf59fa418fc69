//! Phase 4: inline cleaning of every body item and note, in reading order (body first, then
//! notes), with one [`Scanner`] so that plain-digit markers continue the marker sequence. The
//! inline rules themselves (emphasis, markers, escapes, character references) are in
//! [`super::inline`].

use super::classify::Items;
use super::inline::Scanner;
use super::{fmt_lines, Ctx, Format};

/// Turns the raw `pieces` of each item into clean `inline` text, and reports the decoded
/// character references and the plain digits read as markers.
pub(super) fn clean_items(format: Format, mut items: Items, cx: &mut Ctx) -> Items {
    let mut scanner = Scanner::new(format);
    for item in &mut items.body {
        for (l, raw) in std::mem::take(&mut item.pieces) {
            let piece = scanner.clean(&raw, l, true);
            item.inline.append(piece);
        }
    }
    for note in &mut items.notes {
        for (l, raw) in std::mem::take(&mut note.pieces) {
            let piece = scanner.clean(&raw, l, false);
            note.inline.append(piece);
        }
    }
    let mut decoded = scanner.decoded_lines.clone();
    decoded.extend(&items.front.decoded_lines);
    decoded.sort_unstable();
    if !decoded.is_empty() {
        cx.repairs.push(format!(
            "Mangled character references (such as ^{{&#}}x27; for ') decoded on lines {}.",
            fmt_lines(&decoded)
        ));
    }
    if !scanner.plain_markers.is_empty() {
        let list: Vec<String> = scanner
            .plain_markers
            .iter()
            .map(|(l, lab)| format!("{lab} (line {l})"))
            .collect();
        cx.repairs.push(format!(
            "Plain digits read as footnote markers because they continue the marker sequence: {}.",
            list.join(", ")
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::classify::{BodyItem, NoteItem};

    #[test]
    fn cleans_body_then_notes_and_reports_repairs() {
        let items = Items {
            body: vec![BodyItem {
                pieces: vec![
                    (1, "Said so. 1 Then".into()),
                    (2, "&#x27;more&#x27;".into()),
                ],
                lines: vec![1, 2],
                ..Default::default()
            }],
            notes: vec![NoteItem {
                pieces: vec![(3, "See p. 2 Here".into())],
                line: 3,
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut cx = Ctx::new("t.txt", 3);
        let items = clean_items(Format::Plain, items, &mut cx);
        assert_eq!(items.body[0].inline.text, "Said so. Then 'more'");
        assert_eq!(items.body[0].inline.markers[0].label, "1");
        assert!(items.body[0].pieces.is_empty());
        assert_eq!(items.notes[0].inline.text, "See p. 2 Here");
        assert_eq!(cx.repairs.len(), 2, "{:#?}", cx.repairs);
        assert!(cx.repairs[0].ends_with("decoded on lines 2."));
        assert!(cx.repairs[1].ends_with("sequence: 1 (line 1)."));
    }
}
