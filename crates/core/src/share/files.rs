//! File names that say what a download holds: the corpus, the view's filters or selection.

use crate::model::Corpus;
use crate::state::{Facet, Route, RowKey, Selection, ViewState};

fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in crate::text::search_key(s).chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A file name (without extension) that says what the file holds: the page, the selection and
/// the filters, as ASCII slugs, at most about 100 chars. For example
/// `evidence-matrix-paper-prospects-kind-speech`, `evidence-overview-all`; a comparison names
/// both papers (`evidence-compare-alpha-vs-beta-…`, before anything is cut).
pub fn file_stem(corpus: &Corpus, state: &ViewState) -> String {
    let page = match &state.route {
        Route::Home => "start",
        Route::Matrix => "matrix",
        Route::Read { .. } => "paper",
        Route::Evidence { .. } => "evidence-card",
        Route::Overview => "overview",
        Route::About => "methods",
        Route::Timeline => "timeline",
        Route::Compare { .. } => "compare",
    };
    let mut parts: Vec<String> = vec!["evidence".into(), page.into()];
    if let Route::Read { paper, .. } = &state.route {
        parts.push(slug(paper));
    }
    if let Route::Evidence { id } = &state.route {
        parts.push(slug(id));
    }
    if let Some((l, r)) = crate::query::compare::route_papers(corpus, state) {
        parts.push(format!(
            "{}-vs-{}",
            slug(&corpus.papers[l].id),
            slug(&corpus.papers[r].id)
        ));
    }
    match &state.selection {
        Some(Selection::Cell { row, evidence }) => {
            parts.push(format!("cell-{}-{}", row_slug(row), slug(evidence)))
        }
        Some(Selection::Row(row)) => parts.push(format!("row-{}", row_slug(row))),
        Some(Selection::Column(e)) => parts.push(format!("col-{}", slug(e))),
        None => {}
    }
    let f = &state.filters;
    let mut filters = Vec::new();
    for facet in Facet::ALL {
        let set = f.set(facet);
        if !set.is_empty() {
            let vals: Vec<String> = set.iter().map(|v| slug(v)).collect();
            filters.push(format!("{}-{}", facet.key(), vals.join("-")));
        }
    }
    if let Some((a, b)) = f.years {
        filters.push(format!("years-{a}-{b}"));
    }
    if f.shared {
        filters.push("shared".into());
    }
    if !state.search.trim().is_empty() {
        filters.push(format!("search-{}", slug(&state.search)));
    }
    if filters.is_empty() && state.selection.is_none() {
        parts.push("all".into());
    }
    parts.extend(filters);
    let mut name = parts.join("-");
    if name.len() > 100 {
        name.truncate(name.floor_char_boundary(100));
        name = name.trim_end_matches('-').to_string();
    }
    name
}

fn row_slug(row: &RowKey) -> String {
    match row {
        RowKey::Category(id) => slug(id),
        RowKey::Dimension(id) => format!("dim-{}", slug(id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action};
    use crate::testkit;

    #[test]
    fn file_names_say_what_they_hold() {
        let c = testkit::sample();
        let mut s = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        assert_eq!(file_stem(&c, &s), "evidence-matrix-all");
        s = reduce(&s, Action::ToggleFacet(Facet::Place, "Bamyán".into()));
        s = reduce(&s, Action::SetYears(Some((2007, 2008))));
        s = reduce(&s, Action::SetSearch("Abe’s speech".into()));
        assert_eq!(
            file_stem(&c, &s),
            "evidence-matrix-place-bamyan-years-2007-2008-search-abe-s-speech"
        );
        s = reduce(
            &s,
            Action::Select(Some(Selection::Cell {
                row: RowKey::Dimension("political".into()),
                evidence: "abe-speech-2007".into(),
            })),
        );
        assert!(file_stem(&c, &s)
            .starts_with("evidence-matrix-cell-dim-political-abe-speech-2007-place"));
        s = reduce(&s, Action::SetSearch("x".repeat(300)));
        assert!(file_stem(&c, &s).len() <= 100);
        // A comparison names both papers, the defaults too.
        let s = reduce(
            &ViewState::default(),
            Action::Navigate(Route::Compare {
                left: Some("gamma".into()),
                right: None,
            }),
        );
        assert_eq!(file_stem(&c, &s), "evidence-compare-gamma-vs-alpha-all");
        let s = reduce(
            &s,
            Action::Select(Some(Selection::Column("aden-escort-2009".into()))),
        );
        assert_eq!(
            file_stem(&c, &s),
            "evidence-compare-gamma-vs-alpha-col-aden-escort-2009"
        );
    }
}
