//! The corpus, embedded at build time by build.rs as postcard bytes and decoded once, and
//! `Shared`, the handle every component receives it through.

use std::rc::Rc;

use evidence_core::link::tour::{Memo, Tour};
use evidence_core::query::filter::FilterIndex;
use evidence_core::state::ViewState;
use evidence_core::Corpus;

static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

/// The corpus and its search index, shared by every component through `Rc`.
pub struct Data {
    /// The validated corpus.
    pub corpus: Corpus,
    /// Per-coding facet values and folded texts for search, built once.
    pub index: FilterIndex,
    /// The state's tour, decoded once per tour value (`Data::tour`).
    pub tours: Memo,
}

impl Data {
    /// The tour of `state`, decoded (once per tour value: every reader of it goes through here).
    pub fn tour(&self, state: &ViewState) -> Option<Rc<Tour>> {
        self.tours.of(state, &self.corpus)
    }
}

thread_local! {
    static DATA: Result<Rc<Data>, String> = postcard::from_bytes::<Corpus>(CORPUS_BYTES)
        .map(|mut corpus| {
            evidence_core::model::embed::restore_quote_texts(&mut corpus);
            let index = FilterIndex::new(&corpus);
            Rc::new(Data {
                corpus,
                index,
                tours: Memo::default(),
            })
        })
        .map_err(|e| format!("the embedded corpus could not be read: {e}"));
}

/// The data as components receive it: shared by `Rc` and compared by pointer, so props that
/// carry it stay cheap to compare.
#[derive(Clone)]
pub struct Shared(pub Rc<Data>);

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The shared data, or why it could not be loaded.
pub fn data() -> Result<Rc<Data>, String> {
    DATA.with(|d| d.clone())
}
