//! The corpus as build.rs embeds it in the wasm: a quote whose text is exactly its paper's text
//! at the quote's range (almost every quote) is stored with an empty text, and the app puts
//! the text back once, right after decoding. Likewise a coding's id, which is always
//! `<evidence id>~<category id>`. The rest of the code only ever sees the full corpus.

use crate::model::{Corpus, Document, Quote, QuotePlace};

/// Calls `f` with every quote of the corpus and the document of the paper it quotes.
fn each_quote(corpus: &mut Corpus, mut f: impl FnMut(&Document, &mut Quote)) {
    let Corpus {
        papers,
        categories,
        codings,
        sweeps,
        ..
    } = corpus;
    let doc = |p: usize| papers.get(p).map(|p| &p.doc);
    for k in categories.iter_mut() {
        let Some(d) = doc(k.paper) else { continue };
        f(d, &mut k.definition);
        f(d, &mut k.crosswalk_quote);
        for s in &mut k.secondary {
            f(d, &mut s.quote);
        }
        if let Some(q) = &mut k.no_evidence {
            f(d, q);
        }
    }
    for k in codings.iter_mut() {
        let Some(d) = doc(k.paper) else { continue };
        for q in &mut k.quotes {
            f(d, q);
        }
    }
    for s in sweeps.iter_mut() {
        let Some(d) = doc(s.paper) else { continue };
        for m in &mut s.mentions {
            f(d, &mut m.locator);
        }
    }
}

/// The paper's text at the quote's place and range.
fn located<'a>(d: &'a Document, q: &Quote) -> Option<&'a str> {
    let text = match q.place {
        QuotePlace::Block => &d.blocks.get(q.index)?.text,
        QuotePlace::Note => &d.footnotes.get(q.index)?.text,
    };
    text.get(q.range.0..q.range.1)
}

/// The id a coding of `evidence` under `category` has.
fn coding_id(corpus: &Corpus, evidence: usize, category: usize) -> Option<String> {
    let e = corpus.evidence.get(evidence)?;
    let k = corpus.categories.get(category)?;
    Some(format!("{}~{}", e.id, k.id))
}

/// Empties every quote text and coding id that `restore_quote_texts` can put back. Does
/// nothing unless the round trip gives the corpus back exactly (say, a quote with an empty
/// text in the seeds).
pub fn elide_quote_texts(corpus: &mut Corpus) {
    let original = corpus.clone();
    each_quote(corpus, |d, q| {
        if !q.text.is_empty() && located(d, q) == Some(q.text.as_str()) {
            q.text.clear();
        }
    });
    for k in 0..corpus.codings.len() {
        let c = &corpus.codings[k];
        if coding_id(corpus, c.evidence, c.category).as_ref() == Some(&c.id) {
            corpus.codings[k].id.clear();
        }
    }
    let mut back = corpus.clone();
    restore_quote_texts(&mut back);
    if back != original {
        *corpus = original;
    }
}

/// Undoes `elide_quote_texts`: an empty quote text becomes its paper's text at its range, an
/// empty coding id `<evidence id>~<category id>`.
pub fn restore_quote_texts(corpus: &mut Corpus) {
    for k in 0..corpus.codings.len() {
        let c = &corpus.codings[k];
        if c.id.is_empty() {
            if let Some(id) = coding_id(corpus, c.evidence, c.category) {
                corpus.codings[k].id = id;
            }
        }
    }
    each_quote(corpus, |d, q| {
        if q.text.is_empty() {
            if let Some(s) = located(d, q) {
                q.text = s.to_string();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elided_quotes_come_back() {
        let c = crate::testkit::sample();
        let mut e = c.clone();
        elide_quote_texts(&mut e);
        assert!(e
            .codings
            .iter()
            .flat_map(|k| &k.quotes)
            .any(|q| q.text.is_empty()));
        restore_quote_texts(&mut e);
        assert_eq!(e, c);
    }

    #[test]
    fn nothing_is_elided_when_it_would_not_come_back() {
        let mut c = crate::testkit::sample();
        // An empty quote text at a non-empty range would be "restored" to the paper's text.
        let q = &mut c.codings[0].quotes[0];
        q.text.clear();
        let mut e = c.clone();
        elide_quote_texts(&mut e);
        assert_eq!(e, c);
    }
}
