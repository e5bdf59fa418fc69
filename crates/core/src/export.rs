//! The CSV export of the whole codebook: one row per (coding, quote), RFC 4180, with a
//! relative link that opens the explorer's reader at that quote, highlighted.

use crate::model::{Corpus, QuotePlace};
use crate::url;
use crate::view::{quote_route, OpenQuote, ViewState};

/// Column names of `evidence.csv`, in order.
pub const COLUMNS: [&str; 15] = [
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
];

/// The page the export's links are relative to.
pub const LINK_PAGE: &str = "index.html";

/// The explorer URL (relative to `dist/`) that opens coding `coding`'s quote `quote`
/// highlighted in its paragraph.
pub fn quote_link(corpus: &Corpus, coding: usize, quote: usize) -> String {
    quote_link_at(corpus, LINK_PAGE, coding, quote)
}

/// The explorer URL on page `page` (`index.html`, `explorer.html`, or an absolute address)
/// that opens coding `coding`'s quote `quote` highlighted in its paragraph. It carries the
/// corpus version when the corpus records one.
pub fn quote_link_at(corpus: &Corpus, page: &str, coding: usize, quote: usize) -> String {
    let open = OpenQuote {
        coding: corpus.codings[coding].id.clone(),
        quote,
    };
    let state = ViewState {
        route: quote_route(corpus, &open).unwrap_or_default(),
        quote: Some(open),
        cv: crate::selection::link_version(corpus),
        ..ViewState::default()
    };
    format!("{page}#{}", url::encode(&state))
}

/// Section title of the place a quote stands (the note's block for footnote quotes).
fn section_of(corpus: &Corpus, coding: usize, quote: usize) -> String {
    let k = &corpus.codings[coding];
    let q = &k.quotes[quote];
    let doc = &corpus.papers[k.paper].doc;
    let block = match q.place {
        QuotePlace::Block => Some(q.index),
        QuotePlace::Note => doc.footnotes.get(q.index).and_then(|n| n.block),
    };
    block
        .and_then(|b| doc.blocks.get(b))
        .and_then(|b| b.section)
        .and_then(|s| doc.sections.get(s))
        .map(|s| s.title.clone())
        .unwrap_or_default()
}

/// The CSV text: a header row and one row per (coding, quote), CRLF line ends.
pub fn evidence_csv(corpus: &Corpus) -> String {
    let all: Vec<usize> = (0..corpus.codings.len()).collect();
    codings_csv(corpus, &all, LINK_PAGE, false)
}

/// The UTF-8 byte-order mark, so that spreadsheet programs read the file as UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// The CSV of some codings (indices into `Corpus::codings`, in the order given): the columns
/// of `evidence.csv`, one row per (coding, quote), links on page `link_page`, preceded by a
/// byte-order mark when `bom`. The one row builder of every CSV the product writes.
pub fn codings_csv(corpus: &Corpus, codings: &[usize], link_page: &str, bom: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; errors are mapped to an empty export rather than a panic.
    let _ = w.write_record(COLUMNS);
    for (ki, k) in codings
        .iter()
        .filter_map(|&i| corpus.codings.get(i).map(|k| (i, k)))
    {
        let p = &corpus.papers[k.paper];
        let cat = &corpus.categories[k.category];
        let ev = &corpus.evidence[k.evidence];
        let partner = cat
            .partner
            .and_then(|i| corpus.partners.get(i))
            .cloned()
            .unwrap_or_default();
        for (qi, q) in k.quotes.iter().enumerate() {
            let row = [
                p.id.clone(),
                p.title.clone(),
                section_of(corpus, ki, qi),
                cat.id.clone(),
                cat.label.clone(),
                partner.clone(),
                cat.dimension
                    .and_then(|d| corpus.dimensions.get(d))
                    .map(|d| d.label.clone())
                    .unwrap_or_default(),
                ev.id.clone(),
                ev.title.clone(),
                ev.date_text.clone(),
                ev.place.clone(),
                corpus.kinds[ev.kind].clone(),
                corpus.domains[ev.domain].clone(),
                q.text.clone(),
                quote_link_at(corpus, link_page, ki, qi),
            ];
            let _ = w.write_record(&row);
        }
    }
    let body = w
        .into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    if bom {
        format!("{BOM}{body}")
    } else {
        body
    }
}
