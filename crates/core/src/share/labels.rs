//! What is on screen, in words: the active filters as labels (for the filter line, printouts
//! and exports), the selection, and the titles of a view and of its page.

use crate::model::Corpus;
use crate::state::{Facet, Route, RowKey, Selection, ViewState};

/// The active filters as "Facet: value" labels, in facet order, then years, shared, search.
pub fn filter_labels(corpus: &Corpus, state: &ViewState) -> Vec<String> {
    let f = &state.filters;
    let mut out = Vec::new();
    for facet in Facet::ALL {
        for v in f.set(facet) {
            let label = match facet {
                Facet::Paper | Facet::Category | Facet::Dimension => {
                    crate::query::filter::qualified_label(corpus, facet, v)
                }
                _ => None,
            }
            .unwrap_or_else(|| v.clone());
            out.push(format!("{}: {}", facet.label(), label));
        }
    }
    if let Some((a, b)) = f.years {
        out.push(if a == b {
            format!("Years: {a}")
        } else {
            format!("Years: {a}–{b}")
        });
    }
    if f.shared {
        out.push("Only evidence two or more papers cite".into());
    }
    if !state.search.trim().is_empty() {
        out.push(format!("Search: “{}”", state.search.trim()));
    }
    out
}

/// The selection in words ("Row: label", "Cell: row × evidence", "Evidence: title").
pub fn selection_label(corpus: &Corpus, sel: &Selection) -> String {
    let row = |k: &RowKey| match k {
        RowKey::Category(id) => crate::query::filter::qualified_label(corpus, Facet::Category, id)
            .unwrap_or_else(|| id.clone()),
        RowKey::Dimension(id) => corpus
            .dimension_idx(id)
            .map(|i| format!("{} (dimension)", corpus.dimensions[i].label))
            .unwrap_or_else(|| id.clone()),
    };
    let ev = |id: &str| {
        corpus
            .evidence_idx(id)
            .map(|i| corpus.evidence[i].title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match sel {
        Selection::Cell { row: r, evidence } => format!("Cell: {} × {}", row(r), ev(evidence)),
        Selection::Row(r) => format!("Row: {}", row(r)),
        Selection::Column(e) => format!("Evidence: {}", ev(e)),
    }
}

/// What a view shows, in a few words: the page's name, or the paper's short title, the evidence
/// item's title; "Matrix: <selection>" when the matrix has a selection. A tour step made from
/// the view starts with this title.
pub fn view_title(c: &Corpus, state: &ViewState) -> String {
    match &state.route {
        Route::Home => c.about.title.clone(),
        Route::Matrix => match &state.selection {
            Some(sel) => format!("Matrix: {}", crate::share::labels::selection_label(c, sel)),
            None => "Matrix".into(),
        },
        Route::Read { paper, .. } => c
            .paper_idx(paper)
            .map(|i| c.papers[i].short_title.clone())
            .unwrap_or_default(),
        Route::Evidence { id } => c
            .evidence_idx(id)
            .map(|i| c.evidence[i].title.clone())
            .unwrap_or_default(),
        r => crate::state::route_label(r).to_string(),
    }
}

/// The document title of a view: the page, then the corpus title (also the presenter's name for
/// a view outside a tour, and a handout page's title).
pub fn page_title(c: &Corpus, state: &ViewState) -> String {
    let corpus_title = &c.about.title;
    match &state.route {
        Route::Home => corpus_title.to_string(),
        Route::Matrix => format!("Matrix · {corpus_title}"),
        _ => format!("{} · {corpus_title}", view_title(c, state)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action};
    use crate::testkit;

    #[test]
    fn labels_of_the_active_filters() {
        let c = testkit::sample();
        let mut s = ViewState::default();
        for a in [
            Action::ToggleFacet(Facet::Paper, "beta".into()),
            Action::ToggleFacet(Facet::Dimension, "political".into()),
            Action::ToggleFacet(Facet::Kind, "speech".into()),
            Action::SetYears(Some((2007, 2009))),
            Action::SetShared(true),
            Action::SetSearch(" Abe ".into()),
        ] {
            s = reduce(&s, a);
        }
        assert_eq!(
            filter_labels(&c, &s),
            vec![
                "Paper: beta (short)",
                "Dimension: Political partnership",
                "Kind: speech",
                "Years: 2007–2009",
                "Only evidence two or more papers cite",
                "Search: “Abe”",
            ]
        );
        assert!(filter_labels(&c, &ViewState::default()).is_empty());
    }

    #[test]
    fn view_titles_name_the_page_and_page_titles_add_the_corpus() {
        let c = testkit::sample();
        let mut s = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        assert_eq!(view_title(&c, &s), "Matrix");
        assert_eq!(page_title(&c, &s), format!("Matrix · {}", c.about.title));
        s.selection = Some(crate::state::Selection::Column(c.evidence[0].id.clone()));
        assert_eq!(
            view_title(&c, &s),
            format!(
                "Matrix: {}",
                crate::share::labels::selection_label(&c, s.selection.as_ref().unwrap())
            )
        );
        assert_eq!(
            page_title(&c, &s),
            format!("Matrix · {}", c.about.title),
            "the tab title stays short"
        );
        s.route = Route::Evidence {
            id: c.evidence[0].id.clone(),
        };
        assert_eq!(
            page_title(&c, &s),
            format!("{} · {}", c.evidence[0].title, c.about.title)
        );
        s.route = Route::Timeline;
        assert_eq!(view_title(&c, &s), "Timeline");
        s.route = Route::Home;
        assert_eq!(page_title(&c, &s), c.about.title);
    }
}
