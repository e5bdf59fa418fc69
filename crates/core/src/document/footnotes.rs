//! Phase 10: markers are resolved to notes, and the notes become the document's footnotes.
//!
//! Every marker must name a note, and every note must be referenced (or listed in
//! `unreferenced`). Footnotes are ordered by first reference, unreferenced ones last in
//! source order; ids are `n<label>` (`n12`), `n-star` / `n-star2` for `*` / `**`, and `nu<k>`
//! for the k-th note whose number stays lost (`label = "?"`, `numbered = false`).
//! [`crate::Footnote::block`] is the block holding the first marker, or for a note without
//! marker the block it stood after. Front references stand at offset 0 of the first block.

use std::collections::BTreeSet;

use super::inline::Marker;
use super::notes::Notes;
use super::sections::Blocks;
use super::{Ctx, DocOptions};
use crate::{Document, Footnote, NoteRef};

/// A resolved marker: the block it stands in, its offset, and the note's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ref {
    block: usize,
    offset: usize,
    note: usize,
}

/// Resolves the markers of `blocks` and the `front` references to `notes` and adds the
/// footnotes and note references to the document.
pub(super) fn attach_footnotes(
    opts: &DocOptions,
    blocks: Blocks,
    front: &[Marker],
    notes: Notes,
    cx: &mut Ctx,
) -> Document {
    let refs = resolve(&blocks.markers, front, &notes, cx);
    check_unreferenced(opts, &notes, &refs, cx);
    let mut doc = blocks.doc;
    let new_index = push_footnotes(&mut doc, notes, &refs);
    for r in refs {
        if let Some(block) = doc.blocks.get_mut(r.block) {
            block.notes.push(NoteRef {
                offset: r.offset,
                note: new_index[r.note],
            });
        }
    }
    for block in &mut doc.blocks {
        block.notes.sort_by_key(|r| r.offset);
    }
    doc
}

/// The references of all markers, front references first; a marker with no note is reported.
fn resolve(markers: &[Vec<Marker>], front: &[Marker], notes: &Notes, cx: &mut Ctx) -> Vec<Ref> {
    let mut refs: Vec<Ref> = Vec::new();
    let all_markers = front.iter().map(|m| (0usize, m)).chain(
        markers
            .iter()
            .enumerate()
            .flat_map(|(b, ms)| ms.iter().map(move |m| (b, m))),
    );
    for (b, m) in all_markers {
        match notes.by_label.get(&m.label) {
            Some(&i) => refs.push(Ref {
                block: b,
                offset: m.offset,
                note: i,
            }),
            None => cx.diag(
                m.line,
                format!("footnote marker {} has no note", m.label),
                format!(
                    "a note labelled {} (a note line, or declared in [[document.note]])",
                    m.label
                ),
            ),
        }
    }
    refs
}

/// Checks the `unreferenced` list, and reports the notes that no marker references.
fn check_unreferenced(opts: &DocOptions, notes: &Notes, refs: &[Ref], cx: &mut Ctx) {
    let referenced: BTreeSet<usize> = refs.iter().map(|r| r.note).collect();
    for label in &opts.unreferenced {
        match notes.by_label.get(label) {
            None => cx.diag(
                1,
                format!("[document] unreferenced lists {label}, but there is no such note"),
                "labels of existing notes",
            ),
            Some(i) if referenced.contains(i) => cx.diag(
                notes.items[*i].line,
                format!("[document] unreferenced lists {label}, but the text has its marker"),
                "only notes without a marker",
            ),
            Some(_) => {}
        }
    }
    for (i, n) in notes.items.iter().enumerate() {
        if let Some(label) = &n.label {
            if !referenced.contains(&i)
                && notes.by_label.get(label) == Some(&i)
                && !opts.unreferenced.contains(label)
            {
                cx.diag(
                    n.line,
                    format!("note {label} is never referenced"),
                    format!(
                        "a marker {label} in the text, a [[document.marker]] rule restoring it, or \"{label}\" in unreferenced"
                    ),
                );
            }
        }
    }
}

/// Pushes the footnotes in order of first reference, then unreferenced in source order;
/// returns each note's index among the footnotes.
fn push_footnotes(doc: &mut Document, notes: Notes, refs: &[Ref]) -> Vec<usize> {
    let mut items = notes.items;
    let mut order: Vec<usize> = Vec::with_capacity(items.len());
    for i in refs.iter().map(|r| r.note).chain(0..items.len()) {
        if !order.contains(&i) {
            order.push(i);
        }
    }
    let mut new_index = vec![0usize; items.len()];
    let mut unnumbered = 0;
    let mut used_ids: BTreeSet<String> = BTreeSet::new();
    for (pos, &i) in order.iter().enumerate() {
        new_index[i] = pos;
        let n = &mut items[i];
        let first_block = refs.iter().find(|r| r.note == i).map(|r| r.block);
        let (mut id, label, numbered) = match &n.label {
            Some(l) => (note_id(l), l.clone(), true),
            None => {
                unnumbered += 1;
                (format!("nu{unnumbered}"), "?".to_string(), false)
            }
        };
        if used_ids.contains(&id) {
            id = format!("{id}-{}", pos + 1);
        }
        used_ids.insert(id.clone());
        doc.footnotes.push(Footnote {
            id,
            label,
            numbered,
            text: std::mem::take(&mut n.inline.text),
            emphasis: std::mem::take(&mut n.inline.emphasis),
            block: first_block.or(n.after),
            line: n.line,
        });
    }
    new_index
}

/// The footnote id of a label: `n12`, `n-star`, `n-star2`, ….
fn note_id(label: &str) -> String {
    if !label.is_empty() && label.chars().all(|c| c == '*') {
        let n = label.len();
        return if n == 1 {
            "n-star".to_string()
        } else {
            format!("n-star{n}")
        };
    }
    let clean: String = label.chars().filter(|c| c.is_alphanumeric()).collect();
    format!("n{clean}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::assert_messages;
    use crate::document::classify::NoteItem;
    use crate::document::notes::index_labels;
    use crate::Block;

    fn marker(offset: usize, label: &str, line: u32) -> Marker {
        Marker {
            offset,
            label: label.into(),
            line,
        }
    }

    fn setup(labels: &[Option<&str>], markers: Vec<Vec<Marker>>) -> (Blocks, Notes) {
        let mut blocks = Blocks::default();
        for (b, ms) in markers.into_iter().enumerate() {
            blocks.doc.blocks.push(Block {
                id: format!("p{}", b + 1),
                ..Default::default()
            });
            blocks.markers.push(ms);
            blocks.lines.push(vec![b as u32 + 1]);
        }
        let items = labels
            .iter()
            .enumerate()
            .map(|(i, l)| NoteItem {
                label: l.map(String::from),
                line: 10 + i as u32,
                after: Some(0),
                ..Default::default()
            })
            .collect();
        (blocks, index_labels(items, &mut Ctx::new("t.txt", 20)))
    }

    #[test]
    fn ids_for_labels() {
        assert_eq!(note_id("12"), "n12");
        assert_eq!(note_id("*"), "n-star");
        assert_eq!(note_id("**"), "n-star2");
        assert_eq!(note_id("(a)"), "na");
    }

    #[test]
    fn footnotes_follow_first_reference_then_source_order() {
        let (blocks, notes) = setup(
            &[Some("1"), Some("2"), None, Some("*")],
            vec![
                vec![marker(3, "2", 1)],
                vec![marker(5, "1", 2), marker(1, "2", 2)],
            ],
        );
        let opts = DocOptions {
            unreferenced: vec!["*".into()],
            ..Default::default()
        };
        let mut cx = Ctx::new("t.txt", 20);
        let front = [marker(0, "*", 1)];
        let doc = attach_footnotes(&opts, blocks, &front, notes, &mut cx);
        let got: Vec<(&str, &str, bool, Option<usize>)> = doc
            .footnotes
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str(), f.numbered, f.block))
            .collect();
        assert_eq!(
            got,
            vec![
                ("n-star", "*", true, Some(0)),
                ("n2", "2", true, Some(0)),
                ("n1", "1", true, Some(1)),
                ("nu1", "?", false, Some(0)),
            ]
        );
        let refs: Vec<(usize, usize)> = doc.blocks[1]
            .notes
            .iter()
            .map(|r| (r.offset, r.note))
            .collect();
        assert_eq!(refs, vec![(1, 1), (5, 2)]);
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 1, "{msgs:#?}");
        assert!(msgs[0].contains("unreferenced lists *, but the text has its marker"));
    }

    #[test]
    fn missing_notes_and_unreferenced_notes_are_reported() {
        let (blocks, notes) = setup(&[Some("1"), Some("2")], vec![vec![marker(0, "3", 1)]]);
        let opts = DocOptions {
            unreferenced: vec!["2".into(), "9".into()],
            ..Default::default()
        };
        let mut cx = Ctx::new("t.txt", 20);
        let doc = attach_footnotes(&opts, blocks, &[], notes, &mut cx);
        assert_eq!(doc.footnotes.len(), 2);
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        let want = [
            "footnote marker 3 has no note",
            "unreferenced lists 9, but there is no such note",
            "note 1 is never referenced",
        ];
        assert_messages(&msgs, &want);
    }
}
