//! The matrix page's view model: a chip per active filter (a click removes it), and the
//! paragraphs of the papers that match the search, each with a snippet around its first match.

use crate::model::Corpus;
use crate::query::filter::qualified_label;
use crate::query::search::ParagraphHit;
use crate::state::{Action, Facet, ViewState};

/// One active filter, shown as a button that removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// What it says ("Paper: A View from Tokyo").
    pub text: String,
    /// Its accessible name when the text alone does not say what a click does.
    pub aria_label: Option<String>,
    /// What a click does (removes the filter).
    pub remove: Action,
}

/// The chips of every active filter, search and year range, in facet order.
pub fn chips(corpus: &Corpus, s: &ViewState) -> Vec<Chip> {
    let mut out = Vec::new();
    for f in Facet::ALL {
        for v in s.filters.set(f) {
            let label = qualified_label(corpus, f, v).unwrap_or_else(|| v.clone());
            out.push(Chip {
                text: format!("{}: {label}", f.label()),
                aria_label: Some(format!("Remove filter {}: {label}", f.label())),
                remove: Action::ToggleFacet(f, v.clone()),
            });
        }
    }
    if s.filters.shared {
        out.push(Chip {
            text: "Cited by 2+ papers".into(),
            aria_label: None,
            remove: Action::SetShared(false),
        });
    }
    if let Some((a, b)) = s.filters.years {
        out.push(Chip {
            text: format!("Years: {a}–{b}"),
            aria_label: None,
            remove: Action::SetYears(None),
        });
    }
    if !s.search.trim().is_empty() {
        out.push(Chip {
            text: format!("Search: “{}”", s.search),
            aria_label: None,
            remove: Action::SetSearch(String::new()),
        });
    }
    out
}

/// Most paragraphs listed for a search (the heading then says "30+").
pub const MAX_PASSAGES: usize = 30;
/// Bytes of context shown on each side of a match (widened to whole characters).
pub const SNIPPET_CONTEXT: usize = 80;

/// A passage's text around its first match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet<'a> {
    /// Text was cut before `before` (show an ellipsis).
    pub cut_before: bool,
    /// Context before the match.
    pub before: &'a str,
    /// The match.
    pub hit: &'a str,
    /// Context after the match.
    pub after: &'a str,
    /// Text was cut after `after`.
    pub cut_after: bool,
}

/// The snippet of `text` around `range` (byte offsets; clamped, never a panic), with up to
/// `SNIPPET_CONTEXT` bytes each side, cut at character boundaries.
pub fn snippet(text: &str, range: (usize, usize)) -> Snippet<'_> {
    let a = text.floor_char_boundary(range.0.min(text.len()));
    let z = text.ceil_char_boundary(range.1.clamp(a, text.len()));
    let start = text.floor_char_boundary(a.saturating_sub(SNIPPET_CONTEXT));
    let end = text.ceil_char_boundary((z + SNIPPET_CONTEXT).min(text.len()));
    Snippet {
        cut_before: start > 0,
        before: &text[start..a],
        hit: &text[a..z],
        after: &text[z..end],
        cut_after: end < text.len(),
    }
}

/// One paragraph (or footnote) that matches the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage<'a> {
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// The block the reader opens at: the paragraph, or the one that references the footnote.
    pub block_id: Option<String>,
    /// The text around the first match.
    pub snippet: Snippet<'a>,
}

/// The passages of search hits (`SearchIndex::paragraph_hits`).
pub fn passages<'a>(corpus: &'a Corpus, hits: &[ParagraphHit]) -> Vec<Passage<'a>> {
    hits.iter()
        .filter_map(|h| {
            let doc = &corpus.papers.get(h.paper)?.doc;
            let text = match h.place {
                crate::model::QuotePlace::Block => &doc.blocks.get(h.block)?.text,
                crate::model::QuotePlace::Note => &doc.footnotes.get(h.block)?.text,
            };
            Some(Passage {
                paper: h.paper,
                block_id: doc
                    .holding_block(h.place, h.block)
                    .map(|b| doc.blocks[b].id.clone()),
                snippet: snippet(text, h.ranges.first().copied().unwrap_or((0, 0))),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::search::Query;
    use crate::state::reduce;
    use crate::testkit;

    #[test]
    fn chips_name_each_filter_by_its_label_and_remove_it() {
        let c = testkit::sample();
        let s = testkit::state(vec![
            Action::ToggleFacet(Facet::Paper, "beta".into()),
            Action::ToggleFacet(Facet::Category, "g-nato".into()),
            Action::ToggleFacet(Facet::Dimension, "capacity".into()),
            Action::ToggleFacet(Facet::Place, "Bamyán".into()),
            Action::ToggleFacet(Facet::Kind, "no-such-kind".into()),
            Action::SetShared(true),
            Action::SetYears(Some((2007, 2009))),
            Action::SetSearch("abe".into()),
        ]);
        let got = chips(&c, &s);
        let texts: Vec<&str> = got.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Paper: beta (short)",
                "Category: G · NATO prospects",
                "Dimension: Capacity building",
                "Place: Bamyán",
                "Kind: no-such-kind",
                "Cited by 2+ papers",
                "Years: 2007–2009",
                "Search: “abe”",
            ]
        );
        assert_eq!(
            got[0].aria_label.as_deref(),
            Some("Remove filter Paper: beta (short)")
        );
        // Each chip's action removes exactly its own filter.
        for chip in &got {
            let after = reduce(&s, chip.remove.clone());
            assert_eq!(chips(&c, &after).len(), got.len() - 1, "{}", chip.text);
        }
        assert!(chips(&c, &ViewState::default()).is_empty());
    }

    #[test]
    fn snippets_keep_context_at_char_boundaries() {
        let text = format!("{}Bamyán{}", "é".repeat(60), "ü".repeat(60));
        let a = text.find("Bamyán").unwrap();
        let s = snippet(&text, (a, a + "Bamyán".len()));
        assert_eq!(s.hit, "Bamyán");
        assert!(s.cut_before && s.cut_after);
        assert_eq!(s.before, "é".repeat(40), "80 bytes of two-byte chars");
        assert_eq!(s.after, "ü".repeat(40));
        let short = snippet("a hit here", (2, 5));
        assert_eq!(
            (short.before, short.hit, short.after),
            ("a ", "hit", " here")
        );
        assert!(!short.cut_before && !short.cut_after);
        let odd = snippet("é", (1, 99));
        assert_eq!(
            odd.hit, "é",
            "offsets inside a char widen to it; past the end are clamped"
        );
    }

    #[test]
    fn passages_open_the_reader_at_the_block_holding_the_hit() {
        let c = testkit::sample();
        let index = crate::query::filter::FilterIndex::new(&c);
        let hits = index
            .search
            .paragraph_hits(&c, &Query::parse("abe"), MAX_PASSAGES);
        let got = passages(&c, &hits);
        assert!(!got.is_empty());
        for p in &got {
            assert_eq!(p.snippet.hit.to_lowercase(), "abe");
        }
        // "Speech by Abe" is a footnote of alpha, referenced from block p… of "NATO is a …".
        let note = got
            .iter()
            .find(|p| p.paper == 0 && p.snippet.after.starts_with(", Brussels"))
            .unwrap();
        let doc = &c.papers[0].doc;
        assert_eq!(note.block_id.as_deref(), Some(doc.blocks[1].id.as_str()));
    }
}
