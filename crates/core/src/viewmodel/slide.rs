//! The quote slide of a tour: one verbatim quote in large type, with its paper, section and
//! paragraph, the category it supports and the evidence it cites.

use super::PaperMark;
use crate::model::Corpus;
use crate::share::markdown::quote_locator;
use crate::state::OpenQuote;

/// What a quote slide shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSlide {
    /// The quote, verbatim.
    pub text: String,
    /// The paper's mark.
    pub mark: PaperMark,
    /// The paper's title and author ("Title — Author").
    pub paper: String,
    /// Where in the paper: "Section · paragraph 12" (or "note 5").
    pub place: String,
    /// The category the quote supports.
    pub category: String,
    /// The evidence it cites: title, then date and place when known.
    pub evidence: String,
    /// Evidence id (the slide links to its card).
    pub evidence_id: String,
}

impl QuoteSlide {
    /// The slide of a quote; None when the coding or the quote does not exist.
    pub fn of(corpus: &Corpus, q: &OpenQuote) -> Option<QuoteSlide> {
        let ci = corpus.coding_idx(&q.coding)?;
        let k = corpus.codings.get(ci)?;
        let quote = k.quotes.get(q.quote)?;
        let paper = corpus.papers.get(k.paper)?;
        let loc = quote_locator(corpus, ci, q.quote)?;
        let ev = corpus.evidence.get(k.evidence)?;
        let cat = corpus.categories.get(k.category)?;
        let place = [loc.section.as_str(), loc.place.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let when_where = [ev.date_text.as_str(), ev.place.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        Some(QuoteSlide {
            text: quote.text.clone(),
            mark: PaperMark::of(corpus, k.paper),
            paper: if paper.author.is_empty() {
                paper.title.clone()
            } else {
                format!("{} — {}", paper.title, paper.author)
            },
            place,
            category: cat.label.clone(),
            evidence: if when_where.is_empty() {
                ev.title.clone()
            } else {
                format!("{} ({when_where})", ev.title)
            },
            evidence_id: ev.id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn a_slide_names_paper_place_category_and_evidence() {
        let c = testkit::sample();
        let k = &c.codings[0];
        let q = OpenQuote {
            coding: k.id.clone(),
            quote: 0,
        };
        let s = QuoteSlide::of(&c, &q).unwrap();
        assert_eq!(s.text, k.quotes[0].text);
        let p = &c.papers[k.paper];
        assert!(s.paper.starts_with(&p.title), "{}", s.paper);
        let loc = quote_locator(&c, 0, 0).unwrap();
        assert!(s.place.ends_with(&loc.place), "{}", s.place);
        assert_eq!(s.category, c.categories[k.category].label);
        let ev = &c.evidence[k.evidence];
        assert!(s.evidence.starts_with(&ev.title));
        if !ev.date_text.is_empty() {
            assert!(s.evidence.contains(&ev.date_text), "{}", s.evidence);
        }
        assert_eq!(s.evidence_id, ev.id);
        assert_eq!(s.mark, PaperMark::of(&c, k.paper));
    }

    #[test]
    fn a_presented_selection_puts_its_quotes_on_the_slide() {
        use crate::state::{RowKey, Selection, ViewState};
        let c = testkit::sample();
        let index = crate::query::filter::FilterIndex::new(&c);
        let k = &c.codings[0];
        let s = ViewState {
            route: crate::state::Route::Matrix,
            selection: Some(Selection::Row(RowKey::Category(
                c.categories[k.category].id.clone(),
            ))),
            ..ViewState::default()
        };
        let (quotes, total) = slide_quotes(&c, &index, &s);
        assert_eq!((quotes.len(), total), {
            let (q, t) = crate::workshop::handout::view_quotes(&c, &index, &s);
            (q.len(), t)
        });
        assert!(!quotes.is_empty());
        let first = &quotes[0];
        let coding = &c.codings[first.coding];
        assert_eq!(first.text, coding.quotes[first.quote].text);
        assert_eq!(first.category, c.categories[coding.category].label);
        assert_eq!(first.paper, c.papers[coding.paper].short_title);
        assert_eq!(slide_quotes(&c, &index, &ViewState::default()).1, 0);
    }

    #[test]
    fn a_missing_coding_or_quote_has_no_slide() {
        let c = testkit::sample();
        let bad = OpenQuote {
            coding: "nope".into(),
            quote: 0,
        };
        assert_eq!(QuoteSlide::of(&c, &bad), None);
        let past = OpenQuote {
            coding: c.codings[0].id.clone(),
            quote: c.codings[0].quotes.len(),
        };
        assert_eq!(QuoteSlide::of(&c, &past), None);
    }
}

/// Most columns a presented matrix sets across (column titles horizontal and wrapped, using
/// the width beside the grid); with more, the titles stand sideways, wrapped.
pub const ACROSS_MAX_COLS: usize = 3;

/// One quote a presented selection shows on the slide itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideQuote {
    /// Index of the coding.
    pub coding: usize,
    /// Index of the quote in the coding.
    pub quote: usize,
    /// The quote, verbatim.
    pub text: String,
    /// The paper's mark.
    pub mark: PaperMark,
    /// The paper's short title.
    pub paper: String,
    /// Where in the paper ("Section · paragraph 12").
    pub place: String,
    /// The category it supports.
    pub category: String,
}

/// The quotes a presented matrix selection puts on the slide, beside the grid, with no key to
/// press: the quotes the view shows (`handout::view_quotes`: the open quote, else those
/// behind the selection, a passage once), at most `handout::MAX_QUOTES`, and how many there
/// are in all.
pub fn slide_quotes(
    corpus: &Corpus,
    index: &crate::query::filter::FilterIndex,
    state: &crate::state::ViewState,
) -> (Vec<SlideQuote>, usize) {
    let (quotes, total) = crate::workshop::handout::view_quotes(corpus, index, state);
    let out = quotes
        .into_iter()
        .filter_map(|(k, q)| {
            let coding = corpus.codings.get(k)?;
            Some(SlideQuote {
                coding: k,
                quote: q,
                text: coding.quotes.get(q)?.text.clone(),
                mark: PaperMark::of(corpus, coding.paper),
                paper: corpus.papers.get(coding.paper)?.short_title.clone(),
                place: super::quote_place(corpus, k, q),
                category: corpus.categories.get(coding.category)?.label.clone(),
            })
        })
        .collect();
    (out, total)
}

/// How a page in presentation mode meets the screen, which has no scrollbars there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentFit {
    /// Not presenting: the page scrolls as usual.
    None,
    /// The matrix measures itself and says what is off screen (`discussion::offscreen_note`).
    Measured,
    /// Scaled down, if needed, until the whole page fits (overview, timeline, compare, an
    /// evidence card, the start page, a quote slide), never below `MIN_SCALE`.
    Scaled,
    /// A document to read (a paper, the methods): it scrolls within the screen.
    Scrolls,
}

/// The smallest scale a `Scaled` page takes; a page that still does not fit then scrolls, so
/// nothing is cut silently.
pub const MIN_SCALE: f64 = 0.5;

/// How the page of `state` meets the screen (`PresentFit`); `tour` is the state's tour,
/// decoded (`tour::Memo`).
pub fn present_fit(
    state: &crate::state::ViewState,
    tour: Option<&crate::link::tour::Tour>,
) -> PresentFit {
    use crate::state::{Mode, Route};
    if state.mode != Mode::Present {
        return PresentFit::None;
    }
    if crate::workshop::tour_edit::quote_slide(state, tour).is_some() {
        return PresentFit::Scaled;
    }
    match state.route {
        Route::Matrix => PresentFit::Measured,
        Route::Read { .. } | Route::About => PresentFit::Scrolls,
        Route::Home
        | Route::Evidence { .. }
        | Route::Overview
        | Route::Timeline
        | Route::Compare { .. } => PresentFit::Scaled,
    }
}

/// The scale that fits content of `need` (width, height) into `room`: at most 1, at least
/// `MIN_SCALE`. Sizes that are not positive give 1 (nothing to fit).
pub fn fit_scale(need: (f64, f64), room: (f64, f64)) -> f64 {
    let ratio = |n: f64, r: f64| if n > 0.0 && r > 0.0 { r / n } else { 1.0 };
    ratio(need.0, room.0)
        .min(ratio(need.1, room.1))
        .clamp(MIN_SCALE, 1.0)
}

#[cfg(test)]
mod fit_tests {
    use super::*;
    use crate::state::{Mode, Route, ViewState};

    #[test]
    fn each_presented_page_meets_the_screen_its_own_way() {
        let at = |route: Route, mode: Mode| {
            present_fit(
                &ViewState {
                    route,
                    mode,
                    ..ViewState::default()
                },
                None,
            )
        };
        assert_eq!(at(Route::Overview, Mode::Explore), PresentFit::None);
        assert_eq!(at(Route::Matrix, Mode::Present), PresentFit::Measured);
        assert_eq!(at(Route::Overview, Mode::Present), PresentFit::Scaled);
        assert_eq!(at(Route::Timeline, Mode::Present), PresentFit::Scaled);
        assert_eq!(at(Route::About, Mode::Present), PresentFit::Scrolls);
    }

    #[test]
    fn the_scale_fits_both_ways_and_stays_legible() {
        assert_eq!(
            fit_scale((1000.0, 500.0), (1280.0, 720.0)),
            1.0,
            "fits: no scaling"
        );
        assert_eq!(fit_scale((2000.0, 500.0), (1280.0, 720.0)), 0.64);
        assert_eq!(fit_scale((1000.0, 1440.0), (1280.0, 720.0)), 0.5);
        assert_eq!(
            fit_scale((4000.0, 4000.0), (1280.0, 720.0)),
            MIN_SCALE,
            "floor"
        );
        assert_eq!(fit_scale((0.0, 0.0), (1280.0, 720.0)), 1.0);
    }
}
