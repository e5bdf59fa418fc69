//! The CSV export of the whole codebook: one row per (coding, quote), RFC 4180, with a
//! relative link that opens the explorer's reader at that quote, highlighted; and the corpus
//! summary (`corpus-summary.json`) that tests read their expected values from.
//!
//! Pure and without the `seeds` feature, so the browser can build the same rows: the RFC 4180
//! quoting is written here by hand (no csv crate in the wasm).

use crate::link::url;
use crate::model::Corpus;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_line(&["a", "b,c"]), "a,\"b,c\"\r\n");
    }
}
