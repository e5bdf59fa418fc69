//! What is on screen, in words and as data: the active filters as labels (for the filter line,
//! printouts and exports), the codings of the current view, file names that say what a file
//! holds, the corpus version line, and the check of a link's corpus version.

use crate::link::url::Notice;
use crate::model::Corpus;
use crate::query::filter::{passing_codings, FilterIndex};
use crate::query::matrix::selection_codings;
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

/// The codings of what is on screen: on the compare page exactly what it shows of its two
/// papers (`compare::compare_codings`); elsewhere those behind the selection when there is one,
/// else every coding that passes the filters and search; in paper, category, evidence order.
pub fn view_codings(corpus: &Corpus, index: &FilterIndex, state: &ViewState) -> Vec<usize> {
    if let Some((l, r)) = crate::query::compare::route_papers(corpus, state) {
        return crate::query::compare::compare_codings(corpus, index, state, l, r);
    }
    match &state.selection {
        Some(sel) => selection_codings(corpus, index, state, sel),
        None => {
            let mut v = passing_codings(corpus, index, state);
            crate::model::order::sort_by_key(&mut v, |&c| {
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

/// The fragment of `state` as the app shares it (the address bar, "Copy link", printouts,
/// exports, handouts): its `url::encode` form carrying this corpus's version as `cv=`, so a
/// link opened with another version of the data says what changed.
pub fn shared_fragment(state: &ViewState, corpus: &Corpus) -> String {
    let mut view = state.clone();
    view.cv = link_version(corpus);
    crate::link::url::encode(&view)
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

/// The explorer URL on page `link_page` (`index.html`, `explorer.html`, or an absolute
/// address) that opens coding `coding`'s quote `quote` highlighted in its paragraph; it
/// carries the corpus version when the corpus records one.
pub fn quote_link_at(corpus: &Corpus, link_page: &str, coding: usize, quote: usize) -> String {
    let Some(k) = corpus.codings.get(coding) else {
        return link_page.to_string();
    };
    let open = crate::state::OpenQuote {
        coding: k.id.clone(),
        quote,
    };
    let state = ViewState {
        route: crate::state::quote_route(corpus, &open).unwrap_or_default(),
        quote: Some(open),
        cv: link_version(corpus),
        ..ViewState::default()
    };
    format!("{link_page}#{}", crate::link::url::encode(&state))
}

/// The CSV of some codings (in the order given): the rows of `evidence.csv` (the core's one
/// row builder, `export::csv_row`, with its byte-order mark and columns), the links pointing
/// to `link_page`.
pub fn selection_csv(corpus: &Corpus, codings: &[usize], link_page: &str) -> String {
    let link_col = crate::share::export::COLUMNS
        .iter()
        .position(|c| *c == "link")
        .unwrap_or(usize::MAX);
    let rows = codings
        .iter()
        .filter(|&&c| c < corpus.codings.len())
        .flat_map(|&c| {
            (0..corpus.codings[c].quotes.len()).map(move |q| {
                let mut row = crate::share::export::csv_row(corpus, c, q);
                if let Some(cell) = row.get_mut(link_col) {
                    *cell = quote_link_at(corpus, link_page, c, q);
                }
                row
            })
        });
    crate::share::export::csv_text(rows)
}

/// Where a quote stands in its paper, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLocator {
    /// The paper's short title.
    pub paper: String,
    /// The section title ("" before the first heading or when the paper has none).
    pub section: String,
    /// "paragraph 12", or "note 5" for a footnote.
    pub place: String,
}

/// Where quote `quote` of coding `coding` stands: paper, section, paragraph (or note).
pub fn quote_locator(corpus: &Corpus, coding: usize, quote: usize) -> Option<QuoteLocator> {
    let k = corpus.codings.get(coding)?;
    let q = k.quotes.get(quote)?;
    let paper = corpus.papers.get(k.paper)?;
    let doc = &paper.doc;
    let (block, place) = match q.place {
        crate::model::QuotePlace::Block => {
            let b = doc.blocks.get(q.index)?;
            let n = b.id.trim_start_matches('p');
            (Some(q.index), format!("paragraph {n}"))
        }
        crate::model::QuotePlace::Note => {
            let n = doc.footnotes.get(q.index)?;
            (n.block, format!("note {}", n.label))
        }
    };
    let section = block
        .and_then(|b| doc.blocks.get(b))
        .and_then(|b| b.section)
        .and_then(|s| doc.sections.get(s))
        .map(|s| s.title.clone())
        .unwrap_or_default();
    Some(QuoteLocator {
        paper: paper.short_title.clone(),
        section,
        place,
    })
}

/// Escapes the characters Markdown would read as markup.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' || ch == '\r' { ' ' } else { ch });
    }
    out
}

/// The Markdown of some codings: a title, the filters and corpus version, a link to the view,
/// then the quotes grouped by category (in the order given) and evidence, each with its
/// citation (author, paper, section, paragraph) and a link that opens it in context on page
/// `link_page`.
pub fn codings_markdown(
    corpus: &Corpus,
    codings: &[usize],
    state: &ViewState,
    link_page: &str,
) -> String {
    let mut out = String::new();
    let title = crate::state::route_label(&state.route);
    out.push_str(&format!(
        "# {}: {title}\n\n",
        md_escape(&corpus.about.title)
    ));
    let labels = filter_labels(corpus, state);
    let filters = if labels.is_empty() {
        "all evidence (no filter)".to_string()
    } else {
        labels.join(" · ")
    };
    let n_quotes: usize = codings
        .iter()
        .filter_map(|&c| corpus.codings.get(c))
        .map(|k| k.quotes.len())
        .sum();
    out.push_str(&format!("- Showing: {}\n", md_escape(&filters)));
    if let Some(sel) = &state.selection {
        out.push_str(&format!(
            "- Selection: {}\n",
            md_escape(&selection_label(corpus, sel))
        ));
    }
    out.push_str(&format!(
        "- {} codings, {} quotes\n- Version: {}\n",
        codings.len(),
        n_quotes,
        version_line(corpus)
    ));
    out.push_str(&format!(
        "- View: <{link_page}#{}>\n",
        shared_fragment(state, corpus)
    ));
    let mut last_cat = None;
    for &ki in codings {
        let Some(k) = corpus.codings.get(ki) else {
            continue;
        };
        let (Some(cat), Some(ev), Some(paper)) = (
            corpus.categories.get(k.category),
            corpus.evidence.get(k.evidence),
            corpus.papers.get(k.paper),
        ) else {
            continue;
        };
        if last_cat != Some(k.category) {
            last_cat = Some(k.category);
            out.push_str(&format!(
                "\n## {} ({})\n",
                md_escape(&cat.label),
                md_escape(&paper.short_title)
            ));
        }
        let place = if ev.place.is_empty() {
            String::new()
        } else {
            format!(", {}", ev.place)
        };
        out.push_str(&format!(
            "\n### {} ({}{})\n",
            md_escape(&ev.title),
            md_escape(&ev.date_text),
            md_escape(&place)
        ));
        for qi in 0..k.quotes.len() {
            let q = &k.quotes[qi];
            let loc = quote_locator(corpus, ki, qi);
            let cite = match loc {
                Some(l) if !l.section.is_empty() => {
                    format!("{}, {}", md_escape(&l.section), l.place)
                }
                Some(l) => l.place,
                None => String::new(),
            };
            let parts: Vec<String> = [
                md_escape(&paper.author),
                format!("*{}*", md_escape(&paper.title)),
                cite,
            ]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
            out.push_str(&format!(
                "\n> “{}”\n>\n> — {} · [read in context]({})\n",
                md_escape(&q.text),
                parts.join(", "),
                quote_link_at(corpus, link_page, ki, qi)
            ));
        }
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

/// The fragment of a link pasted from anywhere (another folder, another host, a `file://`
/// path on another machine): only the part after the first `#` matters. A bare fragment
/// (`/matrix?v=1&…` or `#/matrix…`) is taken as is. None when the text holds no fragment.
pub fn pasted_fragment(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some((_, frag)) = t.split_once('#') {
        return Some(frag.trim().to_string());
    }
    t.starts_with('/').then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::url;
    use crate::state::{reduce, Action};
    use crate::testkit;
    use std::collections::BTreeSet;

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

    #[test]
    fn the_compare_page_exports_its_two_papers_only() {
        let c = testkit::sample();
        let i = FilterIndex::new(&c);
        let papers =
            |v: &[usize]| -> BTreeSet<usize> { v.iter().map(|&k| c.codings[k].paper).collect() };
        let mut s = reduce(
            &ViewState::default(),
            Action::Navigate(Route::Compare {
                left: Some("alpha".into()),
                right: Some("beta".into()),
            }),
        );
        let all = view_codings(&c, &i, &s);
        assert_eq!(papers(&all), BTreeSet::from([0, 1]));
        let want = (0..c.codings.len())
            .filter(|&k| c.codings[k].paper < 2)
            .count();
        assert_eq!(all.len(), want);
        // A column selected in the matrix narrows the comparison to that event, of these two
        // papers only (gamma cites it too).
        s = reduce(
            &s,
            Action::Select(Some(Selection::Column("aden-escort-2009".into()))),
        );
        let one = view_codings(&c, &i, &s);
        assert!(one
            .iter()
            .all(|&k| c.evidence[c.codings[k].evidence].id == "aden-escort-2009"));
        assert_eq!(papers(&one), BTreeSet::from([0, 1]));
        assert!(c
            .codings
            .iter()
            .any(|k| k.paper == 2 && c.evidence[k.evidence].id == "aden-escort-2009"));
    }

    #[test]
    fn quote_locators() {
        let c = testkit::sample();
        let i = c.coding_idx("visit-2011~a-general").unwrap();
        assert_eq!(
            quote_locator(&c, i, 0),
            Some(QuoteLocator {
                paper: "alpha (short)".into(),
                section: "Partners".into(),
                place: "paragraph 1".into(),
            })
        );
        // The second quote stands in note 1, whose marker is in the first paragraph.
        assert_eq!(quote_locator(&c, i, 1).unwrap().place, "note 1");
        assert_eq!(quote_locator(&c, i, 1).unwrap().section, "Partners");
        assert_eq!(quote_locator(&c, i, 9), None);
    }

    #[test]
    fn markdown_groups_quotes_by_category_and_evidence() {
        let c = with_hash("h1");
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState {
                route: Route::Matrix,
                ..ViewState::default()
            },
            Action::ToggleFacet(Facet::Paper, "beta".into()),
        );
        let md = codings_markdown(&c, &view_codings(&c, &i, &s), &s, "explorer.html");
        let want = "# Synthetic corpus: Matrix

- Showing: Paper: beta (short)
- 3 codings, 3 quotes
- Version: corpus version h1 (codebook 1.2.0)
- View: <explorer.html#/matrix?v=1&paper=beta&cv=h1>

## EU crisis management (beta (short))

### Escorts in the Gulf of Aden (2009/2010, Gulf of Aden)

> “crisis management”
>
> — *Paper beta*, paragraph 1 · [read in context](explorer.html#/read/beta/p1?v=1&quote=aden-escort-2009~b-eu-crisis.0&cv=h1)
";
        assert!(md.starts_with(want), "{md}");
        assert!(md.contains("### Joint exercise at sea (2010-10, Gulf of Aden)"));
        assert!(md.contains("## Political dialogue with NATO (beta (short))"));
        assert_eq!(md.matches("> “").count(), 3);
        assert_eq!(md_escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }

    #[test]
    fn pasted_links_keep_only_their_fragment() {
        let want = Some("/matrix?v=1&paper=beta".to_string());
        for text in [
            "https://example.org/some/where/index.html#/matrix?v=1&paper=beta",
            "  file:///C:/Users/x/Desktop/explorer.html#/matrix?v=1&paper=beta\n",
            "file:///media/usb/explorer%20copy.html#/matrix?v=1&paper=beta",
            "#/matrix?v=1&paper=beta",
            "/matrix?v=1&paper=beta",
        ] {
            assert_eq!(pasted_fragment(text), want, "{text:?}");
        }
        assert_eq!(pasted_fragment("https://example.org/index.html"), None);
        assert_eq!(pasted_fragment("hello"), None);
        assert_eq!(pasted_fragment("x#"), Some(String::new()));
    }

    #[test]
    fn selection_csv_has_the_rows_of_evidence_csv_with_links_on_the_page() {
        let c = with_hash("h1");
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState::default(),
            Action::ToggleFacet(Facet::Paper, "beta".into()),
        );
        let text = selection_csv(
            &c,
            &view_codings(&c, &i, &s),
            "http://127.0.0.1:8080/index.html",
        );
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert_eq!(
            lines[0].trim_start_matches('\u{feff}'),
            crate::share::export::COLUMNS.join(",")
        );
        assert!(lines[1].starts_with("beta,Paper beta,,b-eu-crisis,"));
        assert!(lines[1].contains(",http://127.0.0.1:8080/index.html#/read/beta/p1?v=1&quote=aden-escort-2009~b-eu-crisis.0&cv=h1,"));
        // The same row as the full export, but for the link.
        let k = c.coding_idx("aden-escort-2009~b-eu-crisis").unwrap();
        let back = lines[1].replace(
            &quote_link_at(&c, "http://127.0.0.1:8080/index.html", k, 0),
            &crate::share::export::quote_link(&c, k, 0),
        );
        assert!(crate::share::export::evidence_csv(&c).contains(&format!("{back}\r\n")));
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
