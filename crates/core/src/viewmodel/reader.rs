//! The reader's view model: where the opened quote stands in the paper being read, the marks
//! of a block or footnote (coded passages, search matches, the opened quote), and the margin
//! beside a paragraph (its codings, once each, grouped by category).

use crate::model::{Corpus, Footnote, QuotePlace};
use crate::query::search::{highlight, Query};
use crate::state::OpenQuote;
use crate::viewmodel::render::Mark;

/// The opened quote's place in the paper being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// Block or footnote.
    pub place: QuotePlace,
    /// Index of the block or footnote.
    pub index: usize,
    /// Byte range of the quote in its text.
    pub range: (usize, usize),
}

/// Where the opened quote `quote` stands, if it is a quote of paper `paper`.
pub fn opened(corpus: &Corpus, quote: Option<&OpenQuote>, paper: Option<usize>) -> Option<Opened> {
    let q = quote?;
    let k = corpus.codings.get(corpus.coding_idx(&q.coding)?)?;
    let found = k.quotes.get(q.quote)?;
    (Some(k.paper) == paper).then_some(Opened {
        place: found.place,
        index: found.index,
        range: found.range,
    })
}

/// The marks of block or footnote `index` (its `place`): coded ranges, search matches and the
/// opened quote. `coded` are the block's coded ranges (`render::coded_blocks`), empty for a
/// footnote.
pub fn marks(
    text: &str,
    place: QuotePlace,
    index: usize,
    coded: &[(usize, usize, usize)],
    query: &Query,
    opened: Option<Opened>,
) -> Vec<(usize, usize, Mark)> {
    let mut out: Vec<(usize, usize, Mark)> =
        coded.iter().map(|&(a, z, _)| (a, z, Mark::Coded)).collect();
    out.extend(
        highlight(text, query)
            .into_iter()
            .map(|(a, z)| (a, z, Mark::Search)),
    );
    if let Some(o) = opened.filter(|o| o.place == place && o.index == index) {
        out.push((o.range.0, o.range.1, Mark::Focus));
    }
    out
}

/// The label of a footnote: its number, or "?" when the source lost it.
pub fn note_label(n: &Footnote) -> String {
    if n.numbered {
        n.label.clone()
    } else {
        "?".to_string()
    }
}

/// The margin of a paragraph: its codings (from its coded ranges), each once, grouped by
/// category in category order: (category, codings in order of first appearance).
pub fn margin(corpus: &Corpus, coded: &[(usize, usize, usize)]) -> Vec<(usize, Vec<usize>)> {
    let mut codings: Vec<usize> = Vec::new();
    for &(_, _, k) in coded {
        if !codings.contains(&k) {
            codings.push(k);
        }
    }
    crate::model::order::sort_by_key(&mut codings, |&k| corpus.codings[k].category);
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for k in codings {
        let cat = corpus.codings[k].category;
        match groups.last_mut() {
            Some((g, ks)) if *g == cat => ks.push(k),
            _ => groups.push((cat, vec![k])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;
    use crate::viewmodel::render::coded_blocks;

    #[test]
    fn the_opened_quote_is_found_in_its_own_paper_only() {
        let c = testkit::sample();
        let q = OpenQuote {
            coding: "visit-2011~a-general".into(),
            quote: 1,
        };
        let o = opened(&c, Some(&q), Some(0)).unwrap();
        assert_eq!(o.place, QuotePlace::Note);
        let note = &c.papers[0].doc.footnotes[o.index].text;
        assert_eq!(&note[o.range.0..o.range.1], "Speech by Abe");
        assert_eq!(opened(&c, Some(&q), Some(1)), None, "another paper");
        assert_eq!(opened(&c, None, Some(0)), None);
        let bad = OpenQuote {
            quote: 9,
            ..q.clone()
        };
        assert_eq!(opened(&c, Some(&bad), Some(0)), None, "no such quote");
    }

    #[test]
    fn marks_combine_coded_search_and_the_opened_quote_of_this_block_only() {
        let c = testkit::sample();
        let coded = coded_blocks(&c, 0);
        let b = 2; // "Piracy off Somalia — the Gulf of Aden — drew naval escorts."
        let text = &c.papers[0].doc.blocks[b].text;
        let q = OpenQuote {
            coding: "aden-escort-2009~a-nato-operational".into(),
            quote: 1,
        };
        let o = opened(&c, Some(&q), Some(0));
        let m = marks(
            text,
            QuotePlace::Block,
            b,
            &coded[b],
            &Query::parse("naval"),
            o,
        );
        let kinds: Vec<Mark> = m.iter().map(|x| x.2).collect();
        assert_eq!(kinds, [Mark::Coded, Mark::Coded, Mark::Search, Mark::Focus]);
        let focus = m.last().unwrap();
        assert_eq!(&text[focus.0..focus.1], "the Gulf of Aden");
        let elsewhere = marks(text, QuotePlace::Note, b, &[], &Query::default(), o);
        assert!(
            elsewhere.is_empty(),
            "the same index in the notes is another text"
        );
    }

    #[test]
    fn notes_are_labelled_by_their_number_or_a_question_mark() {
        let mut n = testkit::sample().papers[0].doc.footnotes[0].clone();
        assert_eq!(note_label(&n), "1");
        n.numbered = false;
        assert_eq!(note_label(&n), "?");
    }

    #[test]
    fn the_margin_lists_each_coding_once_grouped_by_category() {
        let c = testkit::sample();
        let coded = coded_blocks(&c, 0);
        // Block 1 holds "NATO is a" (a-general) and "“political partner”" (a-nato-political).
        let groups = margin(&c, &coded[1]);
        let named: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(k, ks)| {
                (
                    c.categories[*k].id.as_str(),
                    ks.iter().map(|&x| c.codings[x].id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            named,
            [
                ("a-nato-political", vec!["abe-speech-2007~a-nato-political"]),
                ("a-general", vec!["visit-2011~a-general"]),
            ]
        );
        // A coding with two quotes in one block appears once.
        let twice = [(0, 1, 4), (2, 3, 4)];
        assert_eq!(margin(&c, &twice), [(c.codings[4].category, vec![4])]);
        assert!(margin(&c, &[]).is_empty());
    }
}
