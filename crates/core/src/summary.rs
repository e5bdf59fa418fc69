//! `corpus-summary.json`: what the built corpus holds, for tools and tests that must not assume
//! which papers it has (the end-to-end suites read their ids, marks and counts from it). The
//! release build writes it beside `evidence.csv` (`bin/corpus-summary`).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{BlockKind, Corpus};

/// The summary of a corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusSummary {
    /// The corpus title (the header's).
    pub title: String,
    /// Papers in corpus order (the order of their marks' colour slots).
    pub papers: Vec<PaperSummary>,
    /// Counts over the whole corpus.
    pub counts: Counts,
    /// Evidence items two or more papers cite (what "shared only" keeps).
    pub shared_evidence: usize,
}

/// One paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PaperSummary {
    /// Id used in links.
    pub id: String,
    /// Mark letter(s) in matrix cells.
    pub mark: String,
    /// Full title.
    pub title: String,
    /// Short title (facets, tabs, panels).
    pub short_title: String,
    /// Its counts (evidence: distinct items it cites).
    pub counts: Counts,
    /// Headings, paragraphs and footnotes of its cleaned text.
    pub sections: usize,
    /// Paragraph blocks.
    pub paragraphs: usize,
    /// Footnotes.
    pub footnotes: usize,
}

/// Counts of categories, evidence items, codings and quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Counts {
    /// Categories (of the paper, or of the corpus).
    pub categories: usize,
    /// Evidence items (cited by the paper, or in the corpus).
    pub evidence: usize,
    /// Codings.
    pub codings: usize,
    /// Verbatim quotes.
    pub quotes: usize,
}

impl CorpusSummary {
    /// Summarises a corpus.
    pub fn of(corpus: &Corpus) -> CorpusSummary {
        let papers = corpus
            .papers
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let codings: Vec<_> = corpus.codings.iter().filter(|k| k.paper == i).collect();
                let evidence: BTreeSet<usize> = codings.iter().map(|k| k.evidence).collect();
                PaperSummary {
                    id: p.id.clone(),
                    mark: p.mark.clone(),
                    title: p.title.clone(),
                    short_title: p.short_title.clone(),
                    counts: Counts {
                        categories: corpus.categories_of(i).count(),
                        evidence: evidence.len(),
                        codings: codings.len(),
                        quotes: codings.iter().map(|k| k.quotes.len()).sum(),
                    },
                    sections: p.doc.sections.len(),
                    paragraphs: p
                        .doc
                        .blocks
                        .iter()
                        .filter(|b| b.kind == BlockKind::Paragraph)
                        .count(),
                    footnotes: p.doc.footnotes.len(),
                }
            })
            .collect();
        let index = crate::filter::FilterIndex::new(corpus);
        CorpusSummary {
            title: corpus.about.title.clone(),
            papers,
            counts: Counts {
                categories: corpus.categories.len(),
                evidence: corpus.evidence.len(),
                codings: corpus.codings.len(),
                quotes: corpus.codings.iter().map(|k| k.quotes.len()).sum(),
            },
            shared_evidence: (0..corpus.evidence.len())
                .filter(|&e| index.is_shared(e))
                .count(),
        }
    }

    /// As pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn summarises_papers_and_counts() {
        let s = CorpusSummary::of(&testkit::sample());
        let ids: Vec<(&str, &str)> = s
            .papers
            .iter()
            .map(|p| (p.id.as_str(), p.mark.as_str()))
            .collect();
        assert_eq!(ids, [("alpha", "A"), ("beta", "B"), ("gamma", "G")]);
        assert_eq!(
            s.counts,
            Counts {
                categories: 8,
                evidence: 6,
                codings: 9,
                quotes: 11,
            }
        );
        assert_eq!(s.shared_evidence, 2);
        let a = &s.papers[0];
        assert_eq!(
            (
                a.counts.categories,
                a.counts.evidence,
                a.counts.codings,
                a.counts.quotes
            ),
            (4, 4, 4, 6)
        );
        assert_eq!((a.sections, a.paragraphs, a.footnotes), (2, 3, 1));
        let json = s.to_json();
        assert!(
            json.contains("\"short_title\": \"alpha (short)\""),
            "{json}"
        );
        assert!(json.contains("\"shared_evidence\": 2"));
    }
}
