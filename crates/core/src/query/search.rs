//! Full-text search: query parsing, a folded index built once from the corpus, matching of
//! codings, paragraph hits in the papers and highlight ranges.
//!
//! Matching is case- and diacritic-insensitive and treats all quote marks and dashes alike
//! (`text::search_fold`). A query is a list of terms split on whitespace; a phrase in double
//! quotes (straight or curly) is one term. Every term must match (AND); a term matches a
//! coding when it occurs in the evidence title, place, actors or sources, in the category
//! label, or in one of the coding's quotes.

use crate::model::{Corpus, QuotePlace};
use crate::text::{search_fold, search_fold_char, search_key, vanishes};

/// Separates fields in a folded blob so that no term matches across two fields.
const SEP: char = '\u{1}';
/// Most terms a query keeps.
pub const MAX_TERMS: usize = 32;

/// A parsed search query: folded, deduplicated terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Query {
    terms: Vec<String>,
}

impl Query {
    /// Parses a search string as typed. `abe "north atlantic"` has two terms.
    pub fn parse(s: &str) -> Query {
        let folded = search_key(s);
        let mut terms: Vec<String> = Vec::new();
        let mut push = |t: &str| {
            let t: String = t.chars().filter(|c| !c.is_control()).collect();
            let t = t.trim();
            if !t.is_empty() && terms.len() < MAX_TERMS && !terms.iter().any(|x| x == t) {
                terms.push(t.to_string());
            }
        };
        for (i, part) in folded.split('"').enumerate() {
            if i % 2 == 1 {
                // Inside quotes: a phrase (an unclosed quote runs to the end).
                push(part);
            } else {
                part.split(' ').for_each(&mut push);
            }
        }
        Query { terms }
    }

    /// The folded terms.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// True when the query has no term (it then matches everything).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The folded texts of one paper.
#[derive(Debug, Clone, Default)]
struct PaperText {
    blocks: Vec<String>,
    notes: Vec<String>,
}

/// The folded texts of the whole corpus, built on first use (the first query) or by `warm`:
/// at start-up nobody has searched yet, and a corpus a hundred times this one takes a good
/// part of a second to fold. Every method must be given the corpus the index belongs to
/// (`FilterIndex` keeps the two together).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    texts: std::cell::OnceCell<Texts>,
}

/// The folded texts themselves.
#[derive(Debug, Clone, Default)]
struct Texts {
    /// Per evidence: title, place, actors and sources.
    evidence: Vec<String>,
    /// Per category: its label.
    categories: Vec<String>,
    /// Per coding: its quotes.
    codings: Vec<String>,
    /// Per coding: (evidence, category).
    coding_refs: Vec<(usize, usize)>,
    /// Per paper: blocks and footnotes.
    papers: Vec<PaperText>,
}

/// A block or footnote of a paper that matches every term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphHit {
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// Block or footnote.
    pub place: QuotePlace,
    /// Index into the paper's `Document::blocks` or `Document::footnotes`.
    pub block: usize,
    /// Byte ranges to highlight in the block's (or footnote's) original text, sorted, merged.
    pub ranges: Vec<(usize, usize)>,
}

/// Same result as `text::search_key`, several times faster: runs of ASCII that fold to
/// themselves are copied whole, other chars go through `text::search_fold_char`, and no offset
/// map is kept. Used to build the index (a corpus a hundred times this one has some 15 MB of
/// text to fold).
fn fast_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A run of whitespace becomes one space, written before the next char that is kept.
    let mut pending_space = false;
    let space = |out: &mut String, pending: bool| {
        if pending && !out.is_empty() {
            out.push(' ');
        }
    };
    // Bytes that fold to themselves: ASCII other than whitespace, capitals and the backtick.
    let plain = |b: u8| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'`';
    let mut rest = s;
    while let Some(&b) = rest.as_bytes().first() {
        if plain(b) {
            let n = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
            space(&mut out, std::mem::take(&mut pending_space));
            out.push_str(&rest[..n]);
            rest = &rest[n..];
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            pending_space = true;
        } else if !vanishes(c) {
            space(&mut out, std::mem::take(&mut pending_space));
            search_fold_char(c, |f| out.push(f));
        }
    }
    out
}

fn blob<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() {
            out.push(SEP);
        }
        out.push_str(&fast_key(p));
    }
    out
}

fn contains_all(text: &str, q: &Query) -> bool {
    q.terms.iter().all(|t| text.contains(t.as_str()))
}

impl SearchIndex {
    /// Builds the index now if it is not built yet (so that the first query does not wait).
    pub fn warm(&self, corpus: &Corpus) {
        self.texts(corpus);
    }

    /// True once the texts are folded.
    pub fn is_built(&self) -> bool {
        self.texts.get().is_some()
    }

    fn texts(&self, corpus: &Corpus) -> &Texts {
        self.texts.get_or_init(|| Texts::new(corpus))
    }

    /// True when coding `c` (an index into `Corpus::codings`) matches every term of `q`. An
    /// empty query matches every coding; an unknown index matches nothing.
    pub fn matches_coding(&self, corpus: &Corpus, c: usize, q: &Query) -> bool {
        let t = self.texts(corpus);
        c < t.coding_refs.len() && q.terms.iter().all(|term| t.term_in_coding(c, term))
    }

    /// `matches_coding` for every coding at once (folds each evidence item and category once
    /// per term rather than once per coding).
    pub fn coding_matches(&self, corpus: &Corpus, q: &Query) -> Vec<bool> {
        if q.is_empty() {
            return vec![true; corpus.codings.len()];
        }
        self.texts(corpus).coding_matches(q)
    }

    /// Blocks and footnotes that contain every term of `q`, in paper order then reading order
    /// (blocks before footnotes), at most `limit`. An empty query has no hits.
    pub fn paragraph_hits(&self, corpus: &Corpus, q: &Query, limit: usize) -> Vec<ParagraphHit> {
        if q.is_empty() {
            return Vec::new();
        }
        self.texts(corpus).paragraph_hits(corpus, q, limit)
    }
}

impl Texts {
    /// Folds every searchable text of the corpus.
    fn new(corpus: &Corpus) -> Self {
        let evidence = corpus
            .evidence
            .iter()
            .map(|e| {
                let head = [e.title.as_str(), e.place.as_str()];
                let rest = e.actors.iter().chain(&e.sources).map(String::as_str);
                blob(head.into_iter().chain(rest))
            })
            .collect();
        let categories = corpus
            .categories
            .iter()
            .map(|c| fast_key(&c.label))
            .collect();
        let codings = corpus
            .codings
            .iter()
            .map(|c| blob(c.quotes.iter().map(|q| q.text.as_str())))
            .collect();
        let coding_refs = corpus
            .codings
            .iter()
            .map(|c| (c.evidence, c.category))
            .collect();
        let papers = corpus
            .papers
            .iter()
            .map(|p| PaperText {
                blocks: p.doc.blocks.iter().map(|b| fast_key(&b.text)).collect(),
                notes: p.doc.footnotes.iter().map(|n| fast_key(&n.text)).collect(),
            })
            .collect();
        Texts {
            evidence,
            categories,
            codings,
            coding_refs,
            papers,
        }
    }

    fn term_in_coding(&self, c: usize, term: &str) -> bool {
        let Some(&(e, k)) = self.coding_refs.get(c) else {
            return false;
        };
        let has = |v: &Vec<String>, i: usize| v.get(i).is_some_and(|s| s.contains(term));
        has(&self.evidence, e) || has(&self.categories, k) || has(&self.codings, c)
    }

    fn coding_matches(&self, q: &Query) -> Vec<bool> {
        let mut out = vec![true; self.coding_refs.len()];
        for t in &q.terms {
            let ev: Vec<bool> = self
                .evidence
                .iter()
                .map(|s| s.contains(t.as_str()))
                .collect();
            let cat: Vec<bool> = self
                .categories
                .iter()
                .map(|s| s.contains(t.as_str()))
                .collect();
            for (c, ok) in out.iter_mut().enumerate() {
                if *ok {
                    let (e, k) = self.coding_refs[c];
                    *ok = ev.get(e).copied().unwrap_or(false)
                        || cat.get(k).copied().unwrap_or(false)
                        || self.codings[c].contains(t.as_str());
                }
            }
        }
        out
    }

    fn paragraph_hits(&self, corpus: &Corpus, q: &Query, limit: usize) -> Vec<ParagraphHit> {
        let mut hits = Vec::new();
        for (p, (text, paper)) in self.papers.iter().zip(&corpus.papers).enumerate() {
            let places = [
                (QuotePlace::Block, &text.blocks),
                (QuotePlace::Note, &text.notes),
            ];
            for (place, folded) in places {
                for (i, f) in folded.iter().enumerate() {
                    if hits.len() >= limit {
                        return hits;
                    }
                    if !contains_all(f, q) {
                        continue;
                    }
                    let original = match place {
                        QuotePlace::Block => paper.doc.blocks.get(i).map(|b| &b.text),
                        QuotePlace::Note => paper.doc.footnotes.get(i).map(|n| &n.text),
                    };
                    if let Some(original) = original {
                        hits.push(ParagraphHit {
                            paper: p,
                            place,
                            block: i,
                            ranges: highlight(original, q),
                        });
                    }
                }
            }
        }
        hits
    }
}

/// Byte ranges of `text` where any term of `q` occurs, sorted, overlapping ones merged. Each
/// range lies on char boundaries of `text`.
pub fn highlight(text: &str, q: &Query) -> Vec<(usize, usize)> {
    if q.is_empty() {
        return Vec::new();
    }
    let folded = search_fold(text);
    let mut ranges: Vec<(usize, usize)> = q.terms.iter().flat_map(|t| folded.find_all(t)).collect();
    crate::model::order::sort(&mut ranges);
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    fn terms(s: &str) -> Vec<String> {
        Query::parse(s).terms().to_vec()
    }

    #[test]
    fn fast_key_equals_search_key() {
        let c = testkit::sample();
        let mut texts: Vec<String> = [
            "  Bōei  Kenkyūsho\tKIYŌ ",
            "“Use” NATO — and the EU’s `x` so\u{00AD}ft \u{00AD} hy",
            "a \u{301}b \u{301}",
            "ǅ İstanbul ß ﬁ Ⅻ",
            "",
            " \n ",
        ]
        .map(String::from)
        .to_vec();
        for p in &c.papers {
            texts.extend(p.doc.blocks.iter().map(|b| b.text.clone()));
        }
        for t in &texts {
            assert_eq!(fast_key(t), search_key(t), "{t:?}");
        }
    }

    #[test]
    fn parse_splits_folds_and_keeps_phrases() {
        assert_eq!(terms("  Piracy  ADEN "), ["piracy", "aden"]);
        assert_eq!(terms("“Gulf of” aden"), ["gulf of", "aden"]);
        assert_eq!(terms("\"north atlantic"), ["north atlantic"]);
        assert_eq!(terms("Bamyán bamyan"), ["bamyan"]);
        assert_eq!(terms("a\u{1}b"), ["ab"]);
        assert!(Query::parse(" \" \" ").is_empty());
        assert_eq!(terms(&"x ".repeat(100)).len(), 1);
    }

    /// Which codings (ids) match `query` on the sample corpus.
    fn check(query: &str, want: &[&str]) {
        let c = testkit::sample();
        let index = SearchIndex::default();
        let q = Query::parse(query);
        let got: Vec<&str> = (0..c.codings.len())
            .filter(|&i| index.matches_coding(&c, i, &q))
            .map(|i| c.codings[i].id.as_str())
            .collect();
        assert_eq!(got, want, "query {query:?}");
        let batch: Vec<bool> = index.coding_matches(&c, &q);
        let single: Vec<bool> = (0..c.codings.len())
            .map(|i| index.matches_coding(&c, i, &q))
            .collect();
        assert_eq!(batch, single, "batch and single disagree for {query:?}");
    }

    #[test]
    fn search_normalises_case_diacritics_quotes_and_dashes() {
        // Evidence title with a diacritic, typed without it and in capitals.
        check("BAMYAN prt", &["bamyan-prt-2007~a-eu-civilian"]);
        // Curly quotes in the quote text, straight in the query.
        check(
            "\"political partner\"",
            &["abe-speech-2007~a-nato-political"],
        );
        // A hyphen in the quote, an en dash in the query.
        check("counter–piracy", &["aden-escort-2009~g-nato"]);
        // Apostrophes: curly in the quote, straight in the query.
        check("abe's", &["abe-speech-2007~b-nato-political"]);
    }

    #[test]
    fn all_terms_must_match_in_any_field() {
        // "gulf" from the evidence place, "crisis" from the category label.
        check(
            "gulf crisis",
            &["aden-escort-2009~b-eu-crisis", "exercise-2010~b-eu-crisis"],
        );
        // Actors and sources are searched.
        check("gemba", &["visit-2011~a-general"]);
        check(
            "january",
            &[
                "abe-speech-2007~a-nato-political",
                "abe-speech-2007~b-nato-political",
                "abe-speech-2007~g-nato",
            ],
        );
        check("gulf nowhere", &[]);
        check(
            "aden jmsdf",
            &[
                "aden-escort-2009~a-nato-operational",
                "aden-escort-2009~b-eu-crisis",
                "aden-escort-2009~g-nato",
                "exercise-2010~b-eu-crisis",
            ],
        );
        // No term spans two fields (the field separator is stripped from queries).
        check("aden\u{1}jmsdf", &[]);
    }

    #[test]
    fn empty_query_matches_everything() {
        let c = testkit::sample();
        let index = SearchIndex::default();
        assert!(index
            .coding_matches(&c, &Query::parse("  "))
            .iter()
            .all(|&b| b));
        assert!(!index.is_built(), "an empty query folds nothing");
        assert!(index.paragraph_hits(&c, &Query::default(), 10).is_empty());
        assert!(!index.is_built());
        assert!(!index.matches_coding(&c, 999, &Query::default()));
    }

    #[test]
    fn paragraph_hits_find_blocks_and_footnotes_with_ranges() {
        let c = testkit::sample();
        let index = SearchIndex::default();
        let hits = index.paragraph_hits(&c, &Query::parse("abe"), 10);
        assert!(index.is_built(), "the first query folds the texts");
        let places: Vec<(usize, QuotePlace, usize)> =
            hits.iter().map(|h| (h.paper, h.place, h.block)).collect();
        assert_eq!(
            places,
            [(0, QuotePlace::Note, 0), (1, QuotePlace::Block, 2)]
        );
        let text = &c.papers[1].doc.blocks[2].text;
        let (a, b) = hits[1].ranges[0];
        assert_eq!(&text[a..b], "Abe");
        assert_eq!(index.paragraph_hits(&c, &Query::parse("abe"), 1).len(), 1);
        assert!(index.paragraph_hits(&c, &Query::default(), 10).is_empty());
    }

    #[test]
    fn highlight_merges_overlaps_on_original_bytes() {
        let text = "Bamyán — the Bamyán valley";
        let q = Query::parse("bamyan yan valley");
        let r = highlight(text, &q);
        let words: Vec<&str> = r.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["Bamyán", "Bamyán", "valley"]);
        assert!(highlight(text, &Query::default()).is_empty());
    }
}
