//! The landing page's view model: the corpus counts, each paper's card figures and the guided
//! start (computed from the data, never named).

use super::count;
use crate::model::{BlockKind, Corpus};
use crate::query::filter::FilterIndex;

/// "3 papers · 40 analytic categories · …": what the corpus holds.
pub fn corpus_counts(corpus: &Corpus) -> String {
    let n_quotes: usize = corpus.codings.iter().map(|k| k.quotes.len()).sum();
    [
        count(corpus.papers.len(), "paper", "papers"),
        count(
            corpus.categories.len(),
            "analytic category",
            "analytic categories",
        ),
        count(
            corpus.evidence.len(),
            "piece of evidence",
            "pieces of evidence",
        ),
        count(corpus.codings.len(), "coding", "codings"),
        count(n_quotes, "verbatim quote", "verbatim quotes"),
    ]
    .join(" · ")
}

/// "5 sections · 40 paragraphs · 12 footnotes · 9 categories" for paper `paper`.
pub fn paper_counts(corpus: &Corpus, paper: usize) -> String {
    let Some(p) = corpus.papers.get(paper) else {
        return String::new();
    };
    let n_paras = p
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .count();
    [
        count(p.doc.sections.len(), "section", "sections"),
        count(n_paras, "paragraph", "paragraphs"),
        count(p.doc.footnotes.len(), "footnote", "footnotes"),
        count(
            corpus.categories_of(paper).count(),
            "category",
            "categories",
        ),
    ]
    .join(" · ")
}

/// The evidence item that the most papers cite (then: the most codings; then: the first), for
/// the guided start's "how the papers use one event". None for a corpus without evidence.
pub fn most_cited_evidence(corpus: &Corpus, index: &FilterIndex) -> Option<usize> {
    let mut codings = vec![0usize; corpus.evidence.len()];
    for k in &corpus.codings {
        if let Some(n) = codings.get_mut(k.evidence) {
            *n += 1;
        }
    }
    (0..corpus.evidence.len())
        .max_by_key(|&e| (index.evidence_papers(e), codings[e], std::cmp::Reverse(e)))
}

/// The start page's one-line summary of the corpus: the first sentence of its description
/// (the whole description, with the method, is on the methods page). A sentence ends at a
/// full stop followed by a space and a capital, so "(Tsuruoka 2011 and 2010, Hirose 2010)"
/// or "e.g. this" do not end it.
pub fn summary_line(description: &str) -> &str {
    let d = description.trim();
    let b = d.as_bytes();
    for (i, w) in b.windows(3).enumerate() {
        if w[0] == b'.' && w[1] == b' ' && w[2].is_ascii_uppercase() {
            let before = &d[..i];
            // An abbreviation ("e.g.", "St.") is not the end.
            let last_word = before.rsplit([' ', '(']).next().unwrap_or("");
            if last_word.len() > 2 && !last_word.contains('.') {
                return &d[..=i];
            }
        }
    }
    d
}

/// The year part of a date (`2010-06` → `2010`).
pub fn year(date: &str) -> &str {
    date.get(..4).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn counts_of_the_corpus_and_of_a_paper() {
        let c = testkit::sample();
        assert_eq!(
            corpus_counts(&c),
            "3 papers · 8 analytic categories · 6 pieces of evidence · 9 codings · 11 verbatim quotes"
        );
        assert_eq!(
            paper_counts(&c, 0),
            "2 sections · 3 paragraphs · 1 footnote · 4 categories"
        );
        assert_eq!(paper_counts(&c, 9), "");
    }

    #[test]
    fn the_guided_start_picks_the_evidence_most_papers_cite() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        // Abe's speech and the Aden escorts are both cited by three papers with three codings
        // each; the speech comes first.
        let e = most_cited_evidence(&c, &index).unwrap();
        assert_eq!(c.evidence[e].id, "abe-speech-2007");
        assert_eq!(
            most_cited_evidence(&Corpus::default(), &FilterIndex::default()),
            None
        );
    }

    #[test]
    fn the_summary_is_the_first_sentence() {
        assert_eq!(
            summary_line("Three papers (Smith 2010), coded. The unit of coding is an item. More."),
            "Three papers (Smith 2010), coded."
        );
        assert_eq!(
            summary_line("See e.g. Smith. Then more."),
            "See e.g. Smith."
        );
        assert_eq!(summary_line("  One sentence only  "), "One sentence only");
        assert_eq!(summary_line(""), "");
    }

    #[test]
    fn year_of_a_date() {
        assert_eq!(year("2010-06"), "2010");
        assert_eq!(year("99"), "99");
    }
}
