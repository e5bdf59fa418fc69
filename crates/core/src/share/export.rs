//! CSV exports: the whole codebook (`evidence.csv`, one row per (coding, quote), RFC 4180, with
//! a relative link that opens the explorer's reader at that quote, highlighted), and what is on
//! screen (the view's codings, each quote with its link on the page).
//!
//! Pure and without the `seeds` feature, so the browser can build the same rows: the RFC 4180
//! quoting is written here by hand (no csv crate in the wasm).

use crate::link::url;
use crate::model::Corpus;
use crate::query::filter::{passing_codings, FilterIndex};
use crate::query::matrix::selection_codings;
use crate::share::versions::link_version;
use crate::state::{quote_route, OpenQuote, ViewState};

/// Column names of `evidence.csv`, in order.
pub const COLUMNS: [&str; 17] = [
    "paper_id",
    "paper_title",
    "section",
    "category_id",
    "category_label",
    "partner",
    "dimension",
    "evidence_id",
    "evidence_title",
    "date",
    "theatre",
    "kind",
    "domain",
    "quote",
    "link",
    "rationale",
    "corpus_version",
];

/// The page the export's links are relative to.
pub const LINK_PAGE: &str = "index.html";

/// The explorer URL (relative to `dist/`) that opens coding `coding`'s quote `quote`
/// highlighted in its paragraph.
pub fn quote_link(corpus: &Corpus, coding: usize, quote: usize) -> String {
    let open = OpenQuote {
        coding: corpus.codings[coding].id.clone(),
        quote,
    };
    let state = ViewState {
        route: quote_route(corpus, &open).unwrap_or_default(),
        quote: Some(open),
        ..ViewState::default()
    };
    format!("{LINK_PAGE}#{}", url::encode(&state))
}

/// Section title of the place a quote stands (the note's block for footnote quotes).
fn section_of(corpus: &Corpus, coding: usize, quote: usize) -> String {
    let k = &corpus.codings[coding];
    let q = &k.quotes[quote];
    let doc = &corpus.papers[k.paper].doc;
    doc.holding_block(q.place, q.index)
        .and_then(|b| doc.section_of(b))
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

/// The cells of the row of coding `coding`'s quote `quote`, in the order of `COLUMNS`.
pub fn csv_row(corpus: &Corpus, coding: usize, quote: usize) -> Vec<String> {
    let k = &corpus.codings[coding];
    let p = &corpus.papers[k.paper];
    let cat = &corpus.categories[k.category];
    let ev = &corpus.evidence[k.evidence];
    let partner = cat.partner.and_then(|i| corpus.partners.get(i));
    let dimension = cat.dimension.and_then(|d| corpus.dimensions.get(d));
    let vocab = |list: &[String], i: usize| list.get(i).cloned().unwrap_or_default();
    vec![
        p.id.clone(),
        p.title.clone(),
        section_of(corpus, coding, quote),
        cat.id.clone(),
        cat.label.clone(),
        partner.cloned().unwrap_or_default(),
        dimension.map(|d| d.label.clone()).unwrap_or_default(),
        ev.id.clone(),
        ev.title.clone(),
        ev.date_text.clone(),
        ev.place.clone(),
        vocab(&corpus.kinds, ev.kind),
        vocab(&corpus.domains, ev.domain),
        k.quotes
            .get(quote)
            .map(|q| q.text.clone())
            .unwrap_or_default(),
        quote_link(corpus, coding, quote),
        k.rationale.clone(),
        corpus.about.hash.clone(),
    ]
}

/// One CSV field, quoted (RFC 4180) when it holds a comma, a quote mark or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV line (with its CRLF end).
pub fn csv_line<S: AsRef<str>>(cells: &[S]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| csv_field(c.as_ref())).collect();
    format!("{}\r\n", cells.join(","))
}

/// The UTF-8 byte-order mark that starts the file, so that Excel (Windows) reads it as UTF-8.
pub const BOM: char = '\u{feff}';

/// The CSV text of the given rows under the header, starting with the byte-order mark.
pub fn csv_text(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = String::from(BOM);
    out.push_str(&csv_line(&COLUMNS));
    for row in rows {
        out.push_str(&csv_line(&row));
    }
    out
}

/// The CSV text of the whole codebook: a header row and one row per (coding, quote), CRLF
/// line ends.
pub fn evidence_csv(corpus: &Corpus) -> String {
    let rows = corpus
        .codings
        .iter()
        .enumerate()
        .flat_map(|(ki, k)| (0..k.quotes.len()).map(move |qi| csv_row(corpus, ki, qi)));
    csv_text(rows)
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
    let link_col = COLUMNS
        .iter()
        .position(|c| *c == "link")
        .unwrap_or(usize::MAX);
    let rows = codings
        .iter()
        .filter(|&&c| c < corpus.codings.len())
        .flat_map(|&c| {
            (0..corpus.codings[c].quotes.len()).map(move |q| {
                let mut row = csv_row(corpus, c, q);
                if let Some(cell) = row.get_mut(link_col) {
                    *cell = quote_link_at(corpus, link_page, c, q);
                }
                row
            })
        });
    csv_text(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{reduce, Action, Facet, Route, RowKey, Selection};
    use crate::testkit;
    use std::collections::BTreeSet;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_line(&["a", "b,c"]), "a,\"b,c\"\r\n");
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
    fn selection_csv_has_the_rows_of_evidence_csv_with_links_on_the_page() {
        let c = testkit::with_hash("h1");
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
        assert_eq!(lines[0].trim_start_matches('\u{feff}'), COLUMNS.join(","));
        assert!(lines[1].starts_with("beta,Paper beta,,b-eu-crisis,"));
        assert!(lines[1].contains(",http://127.0.0.1:8080/index.html#/read/beta/p1?v=1&quote=aden-escort-2009~b-eu-crisis.0&cv=h1,"));
        // The same row as the full export, but for the link.
        let k = c.coding_idx("aden-escort-2009~b-eu-crisis").unwrap();
        let back = lines[1].replace(
            &quote_link_at(&c, "http://127.0.0.1:8080/index.html", k, 0),
            &quote_link(&c, k, 0),
        );
        assert!(evidence_csv(&c).contains(&format!("{back}\r\n")));
    }
}
