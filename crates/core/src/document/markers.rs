//! Phase 7: `[[document.marker]]` rules restore markers the source lost: note `label` is
//! referenced right after the (unique) clean text `after` in the block containing `line`.

use super::inline::Marker;
use super::sections::Blocks;
use super::{Ctx, MarkerRule};

/// Applies the marker rules to `blocks.markers`; `front` are the front-matter markers (a rule
/// for a label the text already has is refused).
pub(super) fn restore_markers(
    rules: &[MarkerRule],
    mut blocks: Blocks,
    front: &[Marker],
    cx: &mut Ctx,
) -> Blocks {
    for r in rules {
        if let Some((b, offset)) = place(r, &blocks, front, cx) {
            blocks.markers[b].push(Marker {
                offset,
                label: r.label.clone(),
                line: r.line,
            });
            blocks.markers[b].sort_by_key(|m| m.offset);
            let why = if r.why.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.why)
            };
            cx.repairs.push(format!(
                "Marker {} was lost in the source; restored after {:?} (line {}){}.",
                r.label, r.after, r.line, why
            ));
        }
    }
    blocks
}

/// Where rule `r` puts its marker: (block, offset); problems are reported.
fn place(
    r: &MarkerRule,
    blocks: &Blocks,
    front: &[Marker],
    cx: &mut Ctx,
) -> Option<(usize, usize)> {
    if !cx.line_exists("marker", r.line) {
        return None;
    }
    let Some(b) = blocks.lines.iter().position(|ls| ls.contains(&r.line)) else {
        cx.diag(
            r.line,
            format!(
                "[document] marker {}: line {} is not in a paragraph or heading",
                r.label, r.line
            ),
            "a line of the body text",
        );
        return None;
    };
    if r.label.is_empty() || r.after.is_empty() {
        cx.diag(
            r.line,
            "[document] marker: empty label or after",
            "a label and the text the marker follows",
        );
        return None;
    }
    if let Some(m) = blocks
        .markers
        .iter()
        .flatten()
        .chain(front.iter())
        .find(|m| m.label == r.label)
    {
        cx.diag(
            r.line,
            format!(
                "[document] marker {}: the text already has marker {} (line {})",
                r.label, r.label, m.line
            ),
            "a marker the source lost",
        );
        return None;
    }
    let hits: Vec<usize> = blocks.doc.blocks[b]
        .text
        .match_indices(r.after.as_str())
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [pos] => return Some((b, pos + r.after.len())),
        [] => cx.diag(
            r.line,
            format!(
                "[document] marker {}: {:?} does not occur in the block at line {}",
                r.label, r.after, r.line
            ),
            "text copied from that paragraph's clean text (no markup)",
        ),
        many => cx.diag(
            r.line,
            format!(
                "[document] marker {}: {:?} occurs {} times in the block at line {}",
                r.label,
                r.after,
                many.len(),
                r.line
            ),
            "a longer snippet that occurs once",
        ),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::assert_messages;
    use crate::Block;

    fn blocks(texts: &[(&str, u32)]) -> Blocks {
        let mut b = Blocks::default();
        for &(text, line) in texts {
            b.doc.blocks.push(Block {
                text: text.into(),
                line,
                ..Default::default()
            });
            b.markers.push(vec![Marker {
                offset: text.len(),
                label: format!("{line}0"),
                line,
            }]);
            b.lines.push(vec![line, line + 1]);
        }
        b
    }

    fn rule(line: u32, after: &str, label: &str) -> MarkerRule {
        MarkerRule {
            line,
            after: after.into(),
            label: label.into(),
            why: String::new(),
        }
    }

    #[test]
    fn restores_a_marker_after_unique_text() {
        let mut cx = Ctx::new("t.txt", 9);
        let mut r = rule(2, "lost", "7");
        r.why = "sequence".into();
        let b = restore_markers(&[r], blocks(&[("a lost word", 1)]), &[], &mut cx);
        let got: Vec<(usize, &str)> = b.markers[0]
            .iter()
            .map(|m| (m.offset, m.label.as_str()))
            .collect();
        assert_eq!(got, vec![(6, "7"), (11, "10")]);
        assert!(cx.diags.is_empty());
        assert_eq!(
            cx.repairs,
            vec!["Marker 7 was lost in the source; restored after \"lost\" (line 2) (sequence)."]
        );
    }

    #[test]
    fn bad_rules_are_reported_and_change_nothing() {
        let mut cx = Ctx::new("t.txt", 9);
        let front = [Marker {
            offset: 0,
            label: "*".into(),
            line: 1,
        }];
        let rules = [
            rule(99, "x", "1"),
            rule(8, "x", "1"),
            rule(1, "", "1"),
            rule(1, "a", "10"),
            rule(1, "a", "*"),
            rule(1, "zz", "1"),
            rule(1, "a", "1"),
        ];
        let b = restore_markers(&rules, blocks(&[("a b a", 1)]), &front, &mut cx);
        assert_eq!(b.markers[0].len(), 1);
        assert!(cx.repairs.is_empty());
        let msgs: Vec<String> = cx.diags.iter().map(ToString::to_string).collect();
        let want = [
            "the text has 9 lines",
            "line 8 is not in a paragraph",
            "empty label or after",
            "already has marker 10 (line 1)",
            "already has marker * (line 1)",
            "\"zz\" does not occur",
            "\"a\" occurs 2 times",
        ];
        assert_messages(&msgs, &want);
    }
}
