//! Locating verbatim quotes in a paper: the folded text of its blocks and footnotes, the
//! lookup, and the report of where a quote that is not found drifts from the paper.

use toml::Spanned;

use super::diags::Diags;
use super::records::At;
use crate::model::{Document, Quote, QuotePlace};
use crate::text::{quote_fold, Folded};

/// A paper's blocks and footnotes folded for quote lookup, with its text file's name.
#[derive(Clone)]
pub(super) struct PaperText {
    pub(super) file: String,
    blocks: Vec<Folded>,
    notes: Vec<Folded>,
    /// Single and double quote marks count as one (`locators`).
    merged_quotes: bool,
}

impl PaperText {
    /// Folds a cleaned document. `file` names the text in messages (`alpha.txt`).
    pub(super) fn new(file: &str, doc: &Document) -> Self {
        PaperText {
            file: file.to_string(),
            blocks: doc.blocks.iter().map(|b| quote_fold(&b.text)).collect(),
            notes: doc.footnotes.iter().map(|n| quote_fold(&n.text)).collect(),
            merged_quotes: false,
        }
    }

    /// The same text for locating the agreement study's locators, which point at a place
    /// rather than quote it: there a single quote mark (or apostrophe) and a double one count
    /// as one mark. (Both are one ASCII byte after folding, so offsets are unchanged.)
    pub(super) fn locators(&self) -> PaperText {
        let merge = |f: &Folded| {
            let mut f = f.clone();
            f.text = f.text.replace('\'', "\"");
            f
        };
        PaperText {
            file: self.file.clone(),
            blocks: self.blocks.iter().map(merge).collect(),
            notes: self.notes.iter().map(merge).collect(),
            merged_quotes: true,
        }
    }

    /// Whether the quote stands in the paper (without reporting anything).
    pub(super) fn contains(&self, quote: &str) -> bool {
        let f = self.fold(quote);
        !f.is_empty() && self.all().any(|t| t.text.contains(&f))
    }

    /// Whether the quote stands in `raw` (a whole text file), folded as this text is.
    pub(super) fn raw_contains(&self, raw: &str, quote: &str) -> bool {
        let f = self.fold(quote);
        !f.is_empty() && self.fold(raw).contains(&f)
    }

    /// A quote folded as this text is.
    fn fold(&self, quote: &str) -> String {
        let f = quote_fold(quote).text;
        if self.merged_quotes {
            f.replace('\'', "\"")
        } else {
            f
        }
    }

    fn all(&self) -> impl Iterator<Item = &Folded> {
        self.blocks.iter().chain(self.notes.iter())
    }

    /// The first place where the folded quote stands.
    fn find(&self, quote: &str, folded: &str) -> Option<Quote> {
        for (place, list) in [
            (QuotePlace::Block, &self.blocks),
            (QuotePlace::Note, &self.notes),
        ] {
            for (index, f) in list.iter().enumerate() {
                if let Some(pos) = f.text.find(folded) {
                    return Some(Quote {
                        text: quote.to_string(),
                        place,
                        index,
                        range: f.original_range(pos, pos + folded.len()),
                    });
                }
            }
        }
        None
    }

    /// How far the folded quote matches (its longest prefix found in one block or note) and
    /// the paper's next 40 characters there.
    fn longest_prefix(&self, folded: &str) -> (usize, String) {
        let mut best = (0usize, String::new());
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let end = chars.get(mid).map_or(folded.len(), |c| c.0);
            let prefix = &folded[..end];
            match self.all().find_map(|f| f.text.find(prefix).map(|p| (f, p))) {
                Some((f, p)) => {
                    best = (end, f.text[p + prefix.len()..].chars().take(40).collect());
                    lo = mid;
                }
                None => hi = mid - 1,
            }
        }
        best
    }

    /// Why the folded quote is not in the paper, showing where it drifts.
    fn drift(&self, what: &str, folded: &str) -> String {
        let (end, after) = self.longest_prefix(folded);
        let file = &self.file;
        if end >= 12 {
            let matched: Vec<char> = folded[..end].chars().rev().take(30).collect();
            let matched: String = matched.into_iter().rev().collect();
            let quoted: String = folded[end..].chars().take(40).collect();
            format!("{what} not found in {file}: it matches up to «…{matched}», then the quote has «{quoted}» where the paper has «{after}»")
        } else {
            let q: String = folded.chars().take(60).collect();
            format!("{what} not found in {file}: «{q}»")
        }
    }

    /// Locates `quote`; otherwise reports at the quote's line where it drifts.
    pub(super) fn locate(
        &self,
        at: &At,
        quote: &Spanned<String>,
        what: &str,
        diags: &mut Diags,
    ) -> Option<Quote> {
        let line = at.line_of(quote.span());
        let folded = self.fold(quote.get_ref());
        if folded.is_empty() {
            diags.push(
                at.path(),
                line,
                format!("empty {what}"),
                "a verbatim sentence or clause of the paper",
            );
            return None;
        }
        let found = self.find(quote.get_ref(), &folded);
        if found.is_none() {
            diags.push(
                at.path(),
                line,
                self.drift(what, &folded),
                "the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)",
            );
        }
        found
    }
}

impl PaperText {
    /// How many times the folded text stands in the paper's blocks and notes (overlapping
    /// occurrences counted).
    fn occurrences(&self, folded: &str) -> usize {
        self.all()
            .map(|f| {
                let mut n = 0;
                let mut from = 0;
                while let Some(p) = f.text[from..].find(folded) {
                    n += 1;
                    from += p + f.text[from + p..].chars().next().map_or(1, char::len_utf8);
                }
                n
            })
            .sum()
    }

    /// Like `locate`, and also reports a quote that stands more than once in the paper
    /// (a locator must point at one place).
    pub(super) fn locate_once(
        &self,
        at: &At,
        quote: &Spanned<String>,
        what: &str,
        diags: &mut Diags,
    ) -> Option<Quote> {
        let found = self.locate(at, quote, what, diags)?;
        let n = self.occurrences(&self.fold(quote.get_ref()));
        if n > 1 {
            diags.push(
                at.path(),
                at.line_of(quote.span()),
                format!(
                    "{what} stands {n} times in {}: «{}»",
                    self.file,
                    quote.get_ref()
                ),
                "words that stand once in the paper (a longer stretch of the same sentence)",
            );
            return None;
        }
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Footnote};
    use crate::seeds::SeedFile;

    fn text() -> PaperText {
        let doc = Document {
            blocks: vec![Block {
                text: "Crews trained together for the first time.".into(),
                ..Block::default()
            }],
            footnotes: vec![Footnote {
                text: "Minutes, 12 March 1999.".into(),
                ..Footnote::default()
            }],
            ..Document::default()
        };
        PaperText::new("p.txt", &doc)
    }

    #[test]
    fn finds_quotes_in_blocks_and_notes_and_reports_drift() {
        let f = SeedFile {
            path: "c.toml".into(),
            text: "\nq = 1\n".into(),
        };
        let at = At {
            file: &f,
            line: 1,
            kind: "coding",
        };
        let mut d = Diags::default();
        let q = |s: &str| Spanned::new(1..2, s.to_string());
        let found = text()
            .locate(&at, &q("trained  together"), "quote", &mut d)
            .unwrap();
        assert_eq!(
            (found.place, found.index, found.range),
            (QuotePlace::Block, 0, (6, 22))
        );
        let note = text()
            .locate(&at, &q("12 March 1999"), "quote", &mut d)
            .unwrap();
        assert_eq!(note.place, QuotePlace::Note);
        assert!(text()
            .locate(&at, &q("Crews trained jointly for"), "quote", &mut d)
            .is_none());
        assert!(text().locate(&at, &q("  "), "quote", &mut d).is_none());
        assert!(text()
            .locate_once(&at, &q("Crews trained"), "locator", &mut d)
            .is_some());
        assert!(text()
            .locate_once(&at, &q("e"), "locator", &mut d)
            .is_none());
        let msgs: Vec<String> = d.into_sorted().iter().map(|x| x.message.clone()).collect();
        assert_eq!(
            msgs,
            vec![
                "empty quote",
                "locator stands 7 times in p.txt: «e»",
                "quote not found in p.txt: it matches up to «…Crews trained », then the quote has «jointly for» where the paper has «together for the first time.»",
            ]
        );
    }
}
