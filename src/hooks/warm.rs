//! Folding the texts for search once the first view is painted.

use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// Folds the texts for search after the first paint: start-up does not wait for it (at a
/// hundred times this corpus it takes a good part of a second), and by the time someone
/// types, the first keystroke does not either.
#[hook]
pub fn use_warm_search(d: &Shared) {
    let d = d.clone();
    let frame = use_mut_ref(|| None::<browser::Frame>);
    use_effect_with((), move |_| {
        *frame.borrow_mut() = Some(browser::next_frame(move || {
            browser::after(0, move || d.0.index.search.warm(&d.0.corpus)).forget();
        }));
    });
}
