//! View models: what the app's components draw, computed from the corpus and the view state
//! by pure functions, so every rule a page follows is tested on the host. A component only
//! maps these values to elements and wires its events.
//!
//! - `grid`: the matrix grid (axes, cells, cell descriptions), the mapping between selections
//!   and on-screen coordinates, the roving tab stop and keyboard navigation.
//! - `facets`: the year inputs' span and the range a typed year makes, which facets start
//!   open, checkbox ids.
//! - `reader`: the opened quote, the marks of a block, the margin's codings by category.
//! - `matrix_page`: the active-filter chips and the search's passages with their snippets.
//! - `panel`: the drill-down panel's heading and summary.
//! - `home`: the landing page's counts and guided start.
//! - `phone`: a tour read as steps on a phone, and the swipe between them.
//! - `slide`: a tour's quote slide, how a presented page meets the screen, the quotes a
//!   presented selection shows on the slide.
//! - `compare`: the event and dimension a selection narrows the compare page to, and back.
//! - `methods`: the reader route of a located quote, for the methods page's links.
//! - `tour_editor`: where the edited tour comes from, what opening a tour file shows and says,
//!   how a tour link's length reads.
//!
//! Also here: the paper mark (letter and colour slot), counted nouns and a quote's place, used
//! by several pages.

pub mod compare;
pub mod discussion;
pub mod facets;
pub mod grid;
pub mod home;
pub mod keys;
pub mod matrix_page;
pub mod methods;
pub mod panel;
pub mod phone;
pub mod reader;
pub mod render;
pub mod slide;
pub mod tour_editor;

use crate::model::{Corpus, QuotePlace};
use crate::query::matrix::CONTEXT_GROUP_LABEL;
use crate::state::Route;

/// How many colours paper marks cycle through (`.mark-0` … `.mark-7` in the stylesheet).
pub const MARK_SLOTS: usize = 8;

/// A paper's mark: its letter(s) and colour slot. The letter carries the meaning; the colour
/// only repeats it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PaperMark {
    /// The paper's mark letter(s).
    pub letter: String,
    /// Colour slot, `0..MARK_SLOTS`.
    pub slot: usize,
}

impl PaperMark {
    /// The mark of paper `paper` (empty letter for an unknown index).
    pub fn of(corpus: &Corpus, paper: usize) -> PaperMark {
        PaperMark {
            letter: corpus
                .papers
                .get(paper)
                .map(|p| p.mark.clone())
                .unwrap_or_default(),
            slot: paper % MARK_SLOTS,
        }
    }

    /// The CSS class of its colour (`mark-3`).
    pub fn class(&self) -> String {
        format!("mark-{}", self.slot)
    }
}

/// "1 quote", "2 quotes": a count with its noun in agreement.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// Whether two routes show the same page (a navigation link is "current"): the same kind of
/// page, whatever paper, block or evidence item it shows.
pub fn same_page(a: &Route, b: &Route) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Where the "Papers" link leads: the paper being read, else the first paper.
pub fn papers_route(corpus: &Corpus, current: &Route) -> Route {
    let paper = match current {
        Route::Read { paper, .. } => paper.clone(),
        _ => corpus
            .papers
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
    };
    Route::Read { paper, block: None }
}

/// The label of a category's dimension, or of the group of context categories (which map onto
/// no dimension).
pub fn dimension_label(corpus: &Corpus, category: usize) -> String {
    corpus
        .categories
        .get(category)
        .and_then(|k| k.dimension)
        .and_then(|d| corpus.dimensions.get(d))
        .map(|d| d.label.clone())
        .unwrap_or_else(|| CONTEXT_GROUP_LABEL.to_string())
}

/// Where a quote stands, as the quote lists show it: its section's title ("Opening" before the
/// first heading), or "Note N" for a footnote.
pub fn quote_place(corpus: &Corpus, coding: usize, quote: usize) -> String {
    let Some(k) = corpus.codings.get(coding) else {
        return String::new();
    };
    let (Some(q), Some(p)) = (k.quotes.get(quote), corpus.papers.get(k.paper)) else {
        return String::new();
    };
    match q.place {
        QuotePlace::Block => p
            .doc
            .section_of(q.index)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| "Opening".to_string()),
        QuotePlace::Note => p
            .doc
            .footnotes
            .get(q.index)
            .map(|n| format!("Note {}", n.label))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn marks_have_the_papers_letters_and_cycle_through_the_slots() {
        let c = testkit::sample();
        let m = PaperMark::of(&c, 1);
        assert_eq!(
            (m.letter.as_str(), m.slot, m.class().as_str()),
            ("B", 1, "mark-1")
        );
        assert_eq!(PaperMark::of(&c, 9).slot, 1);
        assert_eq!(PaperMark::of(&c, 9).letter, "");
    }

    #[test]
    fn quotes_stand_in_a_section_the_opening_or_a_note() {
        let c = testkit::sample();
        let k = |id: &str| c.coding_idx(id).unwrap();
        assert_eq!(
            quote_place(&c, k("abe-speech-2007~a-nato-political"), 0),
            "Partners"
        );
        assert_eq!(quote_place(&c, k("visit-2011~a-general"), 1), "Note 1");
        assert_eq!(
            quote_place(&c, k("abe-speech-2007~g-nato"), 0),
            "Opening",
            "gamma has no heading"
        );
        assert_eq!(quote_place(&c, 99, 0), "");
    }

    #[test]
    fn the_papers_link_stays_on_the_paper_being_read() {
        let c = testkit::sample();
        let read = |p: &str, b: Option<&str>| Route::Read {
            paper: p.into(),
            block: b.map(Into::into),
        };
        assert_eq!(papers_route(&c, &Route::Matrix), read("alpha", None));
        assert_eq!(
            papers_route(&c, &read("beta", Some("p2"))),
            read("beta", None)
        );
        assert!(same_page(&read("beta", Some("p2")), &read("alpha", None)));
        assert!(!same_page(&Route::Home, &Route::Matrix));
    }

    #[test]
    fn context_categories_are_labelled_as_their_group() {
        let mut c = testkit::sample();
        assert_eq!(dimension_label(&c, 0), "Political partnership");
        c.categories[0].dimension = None;
        assert_eq!(dimension_label(&c, 0), CONTEXT_GROUP_LABEL);
    }

    #[test]
    fn counts_agree_with_their_numbers() {
        assert_eq!(count(1, "quote", "quotes"), "1 quote");
        assert_eq!(count(0, "quote", "quotes"), "0 quotes");
        assert_eq!(count(2, "paper", "papers"), "2 papers");
    }
}
