//! One paper as one plain text: the same clean text the reader shows (headings and paragraphs
//! in reading order, then the notes, each as its label in brackets and its text), with the
//! byte offset where every block and note starts, so that a quote (a byte range of one block
//! or note) becomes a range of the whole text.
//!
//! Layout: the blocks joined by a blank line (`"\n\n"`); when the paper has notes, a blank
//! line, the line `Notes`, a blank line, and the notes as `[label] text`, joined by a blank
//! line. No footnote markers stand in the text (the reader shows them as superscripts); the
//! footnote structure (which marker points at which note) is left out.

use crate::model::{Document, Quote, QuotePlace};

/// The heading that introduces the notes in the plain text.
pub const NOTES_HEADING: &str = "Notes";

/// A paper's plain text and where each part starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlainText {
    /// The text (UTF-8).
    pub text: String,
    /// Byte offset of each block of `Document::blocks` in `text`.
    pub blocks: Vec<usize>,
    /// Byte offset of each note's text (after its `[label] `) in `text`.
    pub notes: Vec<usize>,
}

/// The plain text of a document.
pub fn plain_text(doc: &Document) -> PlainText {
    let mut out = PlainText::default();
    for b in &doc.blocks {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        out.blocks.push(out.text.len());
        out.text.push_str(&b.text);
    }
    if !doc.footnotes.is_empty() {
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        out.text.push_str(NOTES_HEADING);
        for n in &doc.footnotes {
            out.text.push_str("\n\n[");
            out.text.push_str(&n.label);
            out.text.push_str("] ");
            out.notes.push(out.text.len());
            out.text.push_str(&n.text);
        }
    }
    out
}

impl PlainText {
    /// The byte range of a quote in `text`, or none when its place is out of range.
    pub fn byte_range(&self, q: &Quote) -> Option<(usize, usize)> {
        let start = match q.place {
            QuotePlace::Block => self.blocks.get(q.index)?,
            QuotePlace::Note => self.notes.get(q.index)?,
        };
        let (a, b) = (start + q.range.0, start + q.range.1);
        (a <= b
            && b <= self.text.len()
            && self.text.is_char_boundary(a)
            && self.text.is_char_boundary(b))
        .then_some((a, b))
    }

    /// The range of a quote in Unicode code points (end exclusive).
    pub fn char_range(&self, q: &Quote) -> Option<(usize, usize)> {
        let (a, b) = self.byte_range(q)?;
        let start = self.text[..a].chars().count();
        Some((start, start + self.text[a..b].chars().count()))
    }
}

/// Byte offset of code point `pos` in `text`, or none past its end.
pub fn byte_of_char(text: &str, pos: usize) -> Option<usize> {
    if pos == 0 {
        return Some(0);
    }
    match text.char_indices().nth(pos) {
        Some((b, _)) => Some(b),
        None => (text.chars().count() == pos).then_some(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Footnote};

    fn doc() -> Document {
        Document {
            blocks: vec![
                Block {
                    text: "Über 𝔸 heading".into(),
                    ..Block::default()
                },
                Block {
                    text: "Body text.".into(),
                    ..Block::default()
                },
            ],
            footnotes: vec![Footnote {
                label: "1".into(),
                text: "A note ☃.".into(),
                ..Footnote::default()
            }],
            ..Document::default()
        }
    }

    #[test]
    fn blocks_then_notes_with_known_offsets() {
        let p = plain_text(&doc());
        assert_eq!(
            p.text,
            "Über 𝔸 heading\n\nBody text.\n\nNotes\n\n[1] A note ☃."
        );
        let q = Quote {
            text: "note ☃".into(),
            place: QuotePlace::Note,
            index: 0,
            range: (2, 10),
        };
        let (a, b) = p.char_range(&q).unwrap();
        let got: String = p.text.chars().skip(a).take(b - a).collect();
        assert_eq!(got, "note ☃");
        let q = Quote {
            text: "𝔸 heading".into(),
            place: QuotePlace::Block,
            index: 0,
            range: (6, 18),
        };
        assert_eq!(p.char_range(&q), Some((5, 14)));
        assert_eq!(byte_of_char(&p.text, 5), Some(6));
        assert_eq!(
            byte_of_char(&p.text, p.text.chars().count()),
            Some(p.text.len())
        );
        assert_eq!(byte_of_char(&p.text, p.text.chars().count() + 1), None);
    }

    #[test]
    fn a_quote_out_of_range_has_no_range() {
        let p = plain_text(&doc());
        let q = Quote {
            text: String::new(),
            place: QuotePlace::Note,
            index: 3,
            range: (0, 1),
        };
        assert_eq!(p.char_range(&q), None);
    }
}
