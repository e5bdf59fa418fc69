//! The methods page's links: the reader route that shows a located quote of a paper (a
//! category's definition, a crosswalk quote, a disagreement's locator).

use crate::model::{Corpus, Quote};
use crate::state::Route;

/// The reader route showing the quote `q` of paper `paper`: at the block that holds it (for a
/// footnote, the block that references it), or at the paper's top.
pub fn quote_route(c: &Corpus, paper: usize, q: &Quote) -> Route {
    let doc = &c.papers[paper].doc;
    Route::Read {
        paper: c.papers[paper].id.clone(),
        block: doc
            .holding_block(q.place, q.index)
            .map(|b| doc.blocks[b].id.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuotePlace;
    use crate::testkit;

    #[test]
    fn a_quote_opens_at_its_block_and_a_footnote_at_the_block_that_cites_it() {
        let c = testkit::sample();
        let doc = &c.papers[0].doc;
        let at = |place, index| {
            let q = Quote {
                place,
                index,
                ..c.codings[0].quotes[0].clone()
            };
            quote_route(&c, 0, &q)
        };
        let read = |block: Option<&str>| Route::Read {
            paper: c.papers[0].id.clone(),
            block: block.map(str::to_string),
        };
        assert_eq!(at(QuotePlace::Block, 1), read(Some(&doc.blocks[1].id)));
        let note = &doc.footnotes[0];
        let cited = note.block.map(|b| doc.blocks[b].id.as_str());
        assert!(cited.is_some(), "the sample's footnote is cited");
        assert_eq!(at(QuotePlace::Note, 0), read(cited));
        assert_eq!(
            at(QuotePlace::Block, 999),
            read(None),
            "out of range: the top"
        );
    }
}
