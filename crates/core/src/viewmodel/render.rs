//! Pure helpers for rendering a block of text: splitting it into runs at every emphasis,
//! highlight and footnote boundary, so a component only maps runs to elements.

use crate::model::{Block, Corpus, QuotePlace};

/// What a highlight range means (drawn differently, and announced differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A passage the codebook quotes (coded).
    Coded,
    /// A search match.
    Search,
    /// The quote the user opened (strongest).
    Focus,
}

/// A run of text with uniform styling, or a footnote marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// Text `start..end` of the block, emphasised or not, under the strongest mark covering it.
    Text {
        /// Byte offset where the run starts.
        start: usize,
        /// Byte offset where the run ends.
        end: usize,
        /// Italic.
        em: bool,
        /// Strongest highlight covering the run.
        mark: Option<Mark>,
    },
    /// A footnote marker: index into `Document::footnotes`.
    Note(usize),
}

/// Splits `text` into runs given emphasis ranges, marks and footnote markers (byte offsets).
/// Ranges out of bounds or not on char boundaries are clamped or ignored, never a panic.
pub fn runs(
    text: &str,
    emphasis: &[(usize, usize)],
    marks: &[(usize, usize, Mark)],
    notes: &[(usize, usize)],
) -> Vec<Run> {
    let len = text.len();
    let ok = |i: usize| i <= len && text.is_char_boundary(i);
    let mut cuts: Vec<usize> = vec![0, len];
    for &(a, b) in emphasis {
        cuts.extend([a, b]);
    }
    for &(a, b, _) in marks {
        cuts.extend([a, b]);
    }
    for &(o, _) in notes {
        cuts.push(o);
    }
    cuts.retain(|&c| ok(c));
    crate::model::order::sort(&mut cuts);
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + notes.len());
    let mut note_iter = notes.iter().filter(|n| ok(n.0)).peekable();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while let Some(&&(o, n)) = note_iter.peek() {
            if o <= a {
                out.push(Run::Note(n));
                note_iter.next();
            } else {
                break;
            }
        }
        if a == b {
            continue;
        }
        let em = emphasis.iter().any(|&(x, y)| x <= a && b <= y);
        let mark = marks
            .iter()
            .filter(|&&(x, y, _)| x <= a && b <= y)
            .map(|m| m.2)
            .max();
        out.push(Run::Text {
            start: a,
            end: b,
            em,
            mark,
        });
    }
    for &(_, n) in note_iter {
        out.push(Run::Note(n));
    }
    out
}

/// Runs of a document block (its emphasis and footnote markers) with extra marks.
pub fn block_runs(block: &Block, marks: &[(usize, usize, Mark)]) -> Vec<Run> {
    let notes: Vec<(usize, usize)> = block.notes.iter().map(|n| (n.offset, n.note)).collect();
    runs(&block.text, &block.emphasis, marks, &notes)
}

/// For one paper: per block, the coded ranges and the codings they belong to.
pub fn coded_blocks(corpus: &Corpus, paper: usize) -> Vec<Vec<(usize, usize, usize)>> {
    let n = corpus
        .papers
        .get(paper)
        .map(|p| p.doc.blocks.len())
        .unwrap_or(0);
    let mut out = vec![Vec::new(); n];
    for (ci, c) in corpus.codings.iter().enumerate() {
        if c.paper != paper {
            continue;
        }
        for q in &c.quotes {
            if q.place == QuotePlace::Block && q.index < n {
                out[q.index].push((q.range.0, q.range.1, ci));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str, runs: &[Run]) -> Vec<String> {
        runs.iter()
            .map(|r| match r {
                Run::Text {
                    start,
                    end,
                    em,
                    mark,
                } => {
                    format!(
                        "{}{}{:?}",
                        &s[*start..*end],
                        if *em { "/em" } else { "" },
                        mark
                    )
                }
                Run::Note(n) => format!("[{n}]"),
            })
            .collect()
    }

    #[test]
    fn splits_at_emphasis_marks_and_notes() {
        let s = "Abe visited NATO in 2007.";
        let r = runs(s, &[(0, 3)], &[(12, 16, Mark::Focus)], &[(25, 4)]);
        assert_eq!(
            texts(s, &r),
            [
                "Abe/emNone",
                " visited None",
                "NATOSome(Focus)",
                " in 2007.None",
                "[4]"
            ]
        );
    }

    #[test]
    fn strongest_mark_wins_where_marks_overlap() {
        let s = "abcdef";
        let r = runs(s, &[], &[(0, 6, Mark::Coded), (2, 4, Mark::Search)], &[]);
        assert_eq!(
            texts(s, &r),
            ["abSome(Coded)", "cdSome(Search)", "efSome(Coded)"]
        );
    }

    #[test]
    fn bad_offsets_are_ignored_not_a_panic() {
        let s = "é";
        let r = runs(s, &[(1, 9)], &[(0, 99, Mark::Coded)], &[(1, 0)]);
        assert_eq!(texts(s, &r), ["éSome(Coded)"]);
    }

    #[test]
    fn note_at_start_comes_first() {
        let s = "ab";
        let r = runs(s, &[], &[], &[(0, 1)]);
        assert_eq!(texts(s, &r), ["[1]", "abNone"]);
    }
}
