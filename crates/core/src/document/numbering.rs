//! Phase 9: footnote numbers lost by the source are recovered from the sequence, only when it
//! is certain.
//!
//! A run of notes without a number standing between notes `a` and `b` (in source order, among
//! the notes with a numeric label or none) is numbered `a+1 … b-1` when there are exactly
//! `b-a-1` of them and none of those numbers is taken. After the last numbered note, `b-1` is
//! the highest marker number in the text. Otherwise the notes stay unnumbered, and the
//! repairs say so either way.

use super::inline::Marker;
use super::notes::Notes;
use super::{fmt_lines, Ctx};

/// The highest numeric marker label in the blocks and the front references (0 when none).
pub(super) fn max_marker(blocks: &[Vec<Marker>], front: &[Marker]) -> u32 {
    blocks
        .iter()
        .flatten()
        .chain(front.iter())
        .filter_map(|m| m.label.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
}

/// Numbers the runs of unlabelled notes that the sequence settles.
pub(super) fn recover_numbers(mut notes: Notes, max_marker: u32, cx: &mut Ctx) -> Notes {
    let seq: Vec<usize> = (0..notes.items.len())
        .filter(|&i| {
            notes.items[i]
                .label
                .as_ref()
                .is_none_or(|l| l.parse::<u32>().is_ok())
        })
        .collect();
    let mut k = 0;
    while k < seq.len() {
        if notes.items[seq[k]].label.is_some() {
            k += 1;
            continue;
        }
        let start = k;
        while k < seq.len() && notes.items[seq[k]].label.is_none() {
            k += 1;
        }
        let before = start.checked_sub(1).map(|j| seq[j]);
        settle_run(
            &mut notes,
            &seq[start..k],
            before,
            seq.get(k).copied(),
            max_marker,
            cx,
        );
    }
    notes
}

/// Numbers the unlabelled notes `run`, which stand between the notes `before` and `after`
/// (indices; none at the start or the end), if the sequence settles them.
fn settle_run(
    notes: &mut Notes,
    run: &[usize],
    before: Option<usize>,
    after: Option<usize>,
    max_marker: u32,
    cx: &mut Ctx,
) {
    let num = |i: usize| -> u32 {
        notes.items[i]
            .label
            .as_ref()
            .and_then(|l| l.parse().ok())
            .unwrap_or(0)
    };
    let a = before.map_or(0, num);
    let (b, bound) = match after {
        Some(j) => (num(j), format!("between notes {a} and {}", num(j))),
        None => (
            max_marker.max(a) + 1,
            format!("after note {a}; the text's markers end at {max_marker}"),
        ),
    };
    let lines: Vec<u32> = run.iter().map(|&i| notes.items[i].line).collect();
    let what = if run.len() == 1 {
        format!("The note at line {} lost its number", lines[0])
    } else {
        format!(
            "The notes at lines {} lost their numbers",
            fmt_lines(&lines)
        )
    };
    let slots = b.saturating_sub(a).saturating_sub(1) as usize;
    let free = (a + 1..b).all(|v| !notes.by_label.contains_key(&v.to_string()));
    if b > a && slots == run.len() && free {
        for (off, &i) in run.iter().enumerate() {
            let label = (a + 1 + off as u32).to_string();
            notes.by_label.insert(label.clone(), i);
            notes.items[i].label = Some(label);
        }
        let range = if run.len() == 1 {
            format!("{}", a + 1)
        } else {
            format!("{}–{}", a + 1, b - 1)
        };
        cx.repairs.push(format!(
            "{what}; numbered {range} from the sequence (they stand {bound})."
        ));
    } else {
        cx.repairs.push(format!(
            "{what} and the sequence ({bound}) does not settle them: shown unnumbered (?) after the block they stood after."
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::classify::NoteItem;
    use crate::document::notes::index_labels;

    fn notes(labels: &[Option<&str>]) -> Notes {
        let items = labels
            .iter()
            .enumerate()
            .map(|(i, l)| NoteItem {
                label: l.map(String::from),
                line: i as u32 + 1,
                ..Default::default()
            })
            .collect();
        index_labels(items, &mut Ctx::new("t.txt", 9))
    }

    fn labels(n: &Notes) -> Vec<Option<&str>> {
        n.items.iter().map(|n| n.label.as_deref()).collect()
    }

    #[test]
    fn max_marker_reads_numeric_labels() {
        let m = |label: &str| Marker {
            offset: 0,
            label: label.into(),
            line: 1,
        };
        assert_eq!(
            max_marker(&[vec![m("3"), m("*")], vec![m("12")]], &[m("4")]),
            12
        );
        assert_eq!(max_marker(&[], &[m("*")]), 0);
    }

    #[test]
    fn runs_that_fit_the_gap_are_numbered() {
        let mut cx = Ctx::new("t.txt", 9);
        let n = notes(&[Some("1"), None, None, Some("4"), Some("*"), None]);
        let n = recover_numbers(n, 5, &mut cx);
        assert_eq!(
            labels(&n),
            vec![
                Some("1"),
                Some("2"),
                Some("3"),
                Some("4"),
                Some("*"),
                Some("5")
            ]
        );
        assert_eq!(n.by_label.get("5"), Some(&5));
        assert_eq!(
            cx.repairs,
            vec![
                "The notes at lines 2, 3 lost their numbers; numbered 2–3 from the sequence (they stand between notes 1 and 4).",
                "The note at line 6 lost its number; numbered 5 from the sequence (they stand after note 4; the text's markers end at 5).",
            ]
        );
    }

    #[test]
    fn runs_that_do_not_fit_stay_unnumbered() {
        let mut cx = Ctx::new("t.txt", 9);
        let n = notes(&[Some("1"), None, Some("4"), None, None]);
        let n = recover_numbers(n, 4, &mut cx);
        assert_eq!(labels(&n), vec![Some("1"), None, Some("4"), None, None]);
        assert_eq!(cx.repairs.len(), 2);
        assert!(cx.repairs[0].contains("(between notes 1 and 4) does not settle them"));
        assert!(cx.repairs[1].starts_with("The notes at lines 4, 5 lost their numbers and"));
    }
}
