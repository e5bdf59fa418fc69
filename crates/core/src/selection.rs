//! What is on screen, in words and as data: the active filters as labels (for the filter line,
//! printouts and exports), the codings of the current view, file names that say what a file
//! holds, the corpus version line, and the check of a link's corpus version.

use crate::filter::{passing_codings, FilterIndex};
use crate::matrix::selection_codings;
use crate::model::Corpus;
use crate::url::Notice;
use crate::view::{Facet, Route, RowKey, Selection, ViewState};

/// The active filters as "Facet: value" labels, in facet order, then years, shared, search.
pub fn filter_labels(corpus: &Corpus, state: &ViewState) -> Vec<String> {
    let f = &state.filters;
    let mut out = Vec::new();
    for facet in Facet::ALL {
        for v in f.set(facet) {
            let label = match facet {
                Facet::Paper => corpus
                    .paper_idx(v)
                    .map(|i| corpus.papers[i].short_title.clone()),
                Facet::Category => corpus
                    .category_idx(v)
                    .map(|i| corpus.categories[i].label.clone()),
                Facet::Dimension => corpus
                    .dimension_idx(v)
                    .map(|i| corpus.dimensions[i].label.clone()),
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

/// The codings of what is on screen: those behind the selection when there is one, else every
/// coding that passes the filters and search; in paper, category, evidence order.
pub fn view_codings(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<usize> {
    match &state.selection {
        Some(sel) => selection_codings(corpus, index, state, sel),
        None => {
            let mut v = passing_codings(corpus, index, state);
            v.sort_by_key(|&c| {
                let k = &corpus.codings[c];
                (k.paper, k.category, k.evidence, c)
            });
            v
        }
    }
}

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
/// `evidence-matrix-paper-prospects-kind-speech`, `evidence-overview-all`.
pub fn file_stem(state: &ViewState) -> String {
    let page = match &state.route {
        Route::Home => "start",
        Route::Matrix => "matrix",
        Route::Read { .. } => "paper",
        Route::Evidence { .. } => "evidence-card",
        Route::Overview => "overview",
        Route::About => "methods",
    };
    let mut parts: Vec<String> = vec!["evidence".into(), page.into()];
    if let Route::Read { paper, .. } = &state.route {
        parts.push(slug(paper));
    }
    if let Route::Evidence { id } = &state.route {
        parts.push(slug(id));
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
        let mut end = 100;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
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

/// The corpus version in words: "corpus version <hash> (codebook 1.0.0)", or only the codebook
/// version while the build records no hash.
pub fn version_line(corpus: &Corpus) -> String {
    let v = &corpus.about;
    match (v.hash.is_empty(), v.version.is_empty()) {
        (false, false) => format!("corpus version {} (codebook {})", v.hash, v.version),
        (false, true) => format!("corpus version {}", v.hash),
        (true, false) => format!("codebook {}", v.version),
        (true, true) => "no version recorded".into(),
    }
}

/// The value links carry as `cv=`: the corpus hash, or none while the build records none.
pub fn link_version(corpus: &Corpus) -> Option<String> {
    (!corpus.about.hash.is_empty()).then(|| corpus.about.hash.clone())
}

/// Compares the corpus version a link was made with (`cv=`) with this corpus. None when they
/// agree or the link names none. Otherwise a sentence naming both versions and what the link
/// refers to that no longer exists here (the ids the URL decoder had to drop, from `notices`).
pub fn version_notice(
    link_cv: Option<&str>,
    corpus: &Corpus,
    notices: &[Notice],
) -> Option<String> {
    let cv = link_cv?;
    let here = &corpus.about.hash;
    if cv == here {
        return None;
    }
    let gone: Vec<String> = notices
        .iter()
        .filter(|n| n.reason.starts_with("no such") || n.reason.starts_with("no evidence has"))
        .map(|n| {
            let what = match n.key.as_str() {
                "sel" | "route" => "item".to_string(),
                "quote" => "quote".to_string(),
                k => k.to_string(),
            };
            format!("{what} “{}”", n.value)
        })
        .collect();
    let head = if here.is_empty() {
        format!(
            "This link was made with corpus version {cv}; this copy records no corpus version, so what changed cannot be told."
        )
    } else {
        format!("This link was made with corpus version {cv}; this is version {here}.")
    };
    let tail = if gone.is_empty() {
        if here.is_empty() {
            String::new()
        } else {
            " Everything the link refers to still exists; the counts may differ.".to_string()
        }
    } else {
        format!(" No longer in this version: {}.", gone.join(", "))
    };
    Some(format!("{head}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use crate::url;
    use crate::view::{reduce, Action};

    fn with_hash(h: &str) -> Corpus {
        let mut c = testkit::sample();
        c.about.hash = h.into();
        c.about.version = "1.2.0".into();
        c
    }

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
    fn view_codings_follow_selection_or_filters() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState::default(),
            Action::ToggleFacet(Facet::Paper, "beta".into()),
        );
        let ids =
            |v: Vec<usize>| -> Vec<String> { v.iter().map(|&k| c.codings[k].id.clone()).collect() };
        assert_eq!(
            ids(view_codings(&c, &i, &s)),
            vec![
                "aden-escort-2009~b-eu-crisis",
                "exercise-2010~b-eu-crisis",
                "abe-speech-2007~b-nato-political"
            ]
        );
        let s = reduce(
            &s,
            Action::Select(Some(Selection::Row(RowKey::Category("b-eu-crisis".into())))),
        );
        assert_eq!(
            ids(view_codings(&c, &i, &s)),
            vec!["aden-escort-2009~b-eu-crisis", "exercise-2010~b-eu-crisis"]
        );
    }

    #[test]
    fn file_names_say_what_they_hold() {
        let mut s = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        assert_eq!(file_stem(&s), "evidence-matrix-all");
        s = reduce(&s, Action::ToggleFacet(Facet::Place, "Bamyán".into()));
        s = reduce(&s, Action::SetYears(Some((2007, 2008))));
        s = reduce(&s, Action::SetSearch("Abe’s speech".into()));
        assert_eq!(
            file_stem(&s),
            "evidence-matrix-place-bamyan-years-2007-2008-search-abe-s-speech"
        );
        s = reduce(
            &s,
            Action::Select(Some(Selection::Cell {
                row: RowKey::Dimension("political".into()),
                evidence: "abe-speech-2007".into(),
            })),
        );
        assert!(
            file_stem(&s).starts_with("evidence-matrix-cell-dim-political-abe-speech-2007-place")
        );
        s = reduce(&s, Action::SetSearch("x".repeat(300)));
        assert!(file_stem(&s).len() <= 100);
    }

    #[test]
    fn version_lines() {
        assert_eq!(
            version_line(&with_hash("ab12")),
            "corpus version ab12 (codebook 1.2.0)"
        );
        assert_eq!(version_line(&with_hash("")), "codebook 1.2.0");
        assert_eq!(link_version(&with_hash("")), None);
        assert_eq!(link_version(&with_hash("ab12")), Some("ab12".into()));
    }

    #[test]
    fn a_link_from_another_version_names_what_is_gone() {
        let c = with_hash("new1");
        let (s, notices) = url::decode(
            "/matrix?v=1&category=a-gone,b-eu-crisis&sel=col:old-item&cv=old9",
            &c,
        );
        assert_eq!(s.cv.as_deref(), Some("old9"));
        assert_eq!(
            version_notice(s.cv.as_deref(), &c, &notices).unwrap(),
            "This link was made with corpus version old9; this is version new1. No longer in this version: category “a-gone”, item “old-item”."
        );
        let (s, notices) = url::decode("/matrix?v=1&category=b-eu-crisis&cv=old9", &c);
        assert_eq!(
            version_notice(s.cv.as_deref(), &c, &notices).unwrap(),
            "This link was made with corpus version old9; this is version new1. Everything the link refers to still exists; the counts may differ."
        );
        assert_eq!(version_notice(Some("new1"), &c, &[]), None);
        assert_eq!(version_notice(None, &c, &[]), None);
        let unversioned = with_hash("");
        assert_eq!(
            version_notice(Some("old9"), &unversioned, &[]).unwrap(),
            "This link was made with corpus version old9; this copy records no corpus version, so what changed cannot be told."
        );
    }
}
