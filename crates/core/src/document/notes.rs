//! Phase 8: the notes as a whole: declared continuations are joined to the previous note,
//! front references are gathered (markers of the front matter and notes declared `front`,
//! all referenced from the start of the first block), and labels are indexed (two notes with
//! one label are reported).

use std::collections::BTreeMap;

use super::classify::NoteItem;
use super::inline::Marker;
use super::Ctx;

/// The notes with the index of the first note carrying each label.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Notes in source order.
    pub items: Vec<NoteItem>,
    /// Label → index in `items` of the first note with that label.
    pub by_label: BTreeMap<String, usize>,
}

/// Joins each note declared `continues` to the note before it.
pub(super) fn join_continuations(notes: Vec<NoteItem>, cx: &mut Ctx) -> Vec<NoteItem> {
    let mut kept: Vec<NoteItem> = Vec::with_capacity(notes.len());
    for n in notes {
        if n.continues {
            match kept.last_mut() {
                Some(prev) => {
                    cx.repairs.push(format!(
                        "The note at line {} continues at line {} (split by a page break); joined.",
                        prev.line, n.line
                    ));
                    prev.inline.append(n.inline);
                }
                None => cx.diag(
                    n.line,
                    format!(
                        "[document] note at line {} continues no earlier note",
                        n.line
                    ),
                    "continues = true only after another note",
                ),
            }
            continue;
        }
        kept.push(n);
    }
    kept
}

/// The references that stand at the start of the text: the front matter's `markers`, then one
/// for each note declared `front`. None when there is no body to hold them (`has_body`).
pub(super) fn front_references(
    notes: &[NoteItem],
    markers: Vec<Marker>,
    has_body: bool,
    cx: &mut Ctx,
) -> Vec<Marker> {
    let from_front_matter: Vec<String> = markers.iter().map(|m| m.label.clone()).collect();
    let mut front = markers;
    for n in notes.iter().filter(|n| n.front) {
        match &n.label {
            Some(label) => {
                front.push(Marker {
                    offset: 0,
                    label: label.clone(),
                    line: n.line,
                });
                cx.repairs.push(format!(
                    "The note at line {} ({label}) has no marker in the body; it is referenced from the start of the text.",
                    n.line
                ));
            }
            None => cx.diag(
                n.line,
                format!("[document] front note at line {} has no label", n.line),
                "a label such as \"*\" for a front note",
            ),
        }
    }
    if !front.is_empty() {
        if !has_body {
            cx.diag(
                1,
                "front-matter notes but no body text",
                "a body to attach them to",
            );
            front.clear();
        } else if !from_front_matter.is_empty() {
            cx.repairs.push(format!(
                "Note markers {} of the front matter stand at the start of the text.",
                from_front_matter.join(" ")
            ));
        }
    }
    front
}

/// Indexes the notes by label; a label used twice is reported (the first note keeps it).
pub(super) fn index_labels(items: Vec<NoteItem>, cx: &mut Ctx) -> Notes {
    let mut by_label: BTreeMap<String, usize> = BTreeMap::new();
    for (i, n) in items.iter().enumerate() {
        if let Some(label) = &n.label {
            if let Some(&j) = by_label.get(label) {
                cx.diag(
                    n.line,
                    format!(
                        "two notes are labelled {label} (lines {} and {})",
                        items[j].line, n.line
                    ),
                    "one note per label",
                );
            } else {
                by_label.insert(label.clone(), i);
            }
        }
    }
    Notes { items, by_label }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::inline::Inline;

    fn note(line: u32, label: Option<&str>, text: &str) -> NoteItem {
        NoteItem {
            label: label.map(String::from),
            line,
            inline: Inline {
                text: text.into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn continuations_join_the_previous_note() {
        let mut cx = Ctx::new("t.txt", 9);
        let first = NoteItem {
            continues: true,
            ..note(1, None, "orphan")
        };
        let cont = NoteItem {
            continues: true,
            ..note(5, None, "rest.")
        };
        let notes = vec![first, note(3, Some("1"), "Start"), cont];
        let kept = join_continuations(notes, &mut cx);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].inline.text, "Start rest.");
        assert_eq!(cx.diags.len(), 1);
        assert!(cx.repairs[0].starts_with("The note at line 3 continues at line 5"));
    }

    #[test]
    fn front_references_from_front_matter_and_front_notes() {
        let mut cx = Ctx::new("t.txt", 9);
        let markers = vec![Marker {
            offset: 0,
            label: "1".into(),
            line: 1,
        }];
        let star = NoteItem {
            front: true,
            ..note(7, Some("*"), "About the author")
        };
        let lost = NoteItem {
            front: true,
            ..note(8, None, "?")
        };
        let notes = [note(6, Some("1"), "One"), star, lost];
        let front = front_references(&notes, markers.clone(), true, &mut cx);
        let labels: Vec<&str> = front.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, vec!["1", "*"]);
        assert_eq!(cx.diags.len(), 1);
        assert_eq!(
            cx.repairs.last().map(String::as_str),
            Some("Note markers 1 of the front matter stand at the start of the text.")
        );
        let mut cx = Ctx::new("t.txt", 9);
        assert!(front_references(&notes, markers, false, &mut cx).is_empty());
        assert!(cx.diags[1].to_string().contains("no body text"));
    }

    #[test]
    fn first_note_keeps_a_twice_used_label() {
        let mut cx = Ctx::new("t.txt", 9);
        let notes = vec![
            note(1, Some("1"), "a"),
            note(2, None, "b"),
            note(3, Some("1"), "c"),
        ];
        let notes = index_labels(notes, &mut cx);
        assert_eq!(notes.by_label.get("1"), Some(&0));
        assert_eq!(notes.by_label.len(), 1);
        assert!(cx.diags[0]
            .to_string()
            .contains("two notes are labelled 1 (lines 1 and 3)"));
    }
}
