//! Presentation has no scrollbars: each page meets the screen its own way
//! (`slide::present_fit`; the matrix measures itself).

use evidence_core::view::ViewState;
use evidence_core::viewmodel::slide::PresentFit;
use yew::prelude::*;

use crate::browser;

/// Fits the page of `state` as `fit` says, again once the root type size has applied and
/// whenever the window changes size.
#[hook]
pub fn use_fit_page(fit: PresentFit, state: &ViewState) {
    use_effect_with((state.clone(), fit), move |(_, fit)| {
        let fit = *fit;
        browser::fit_page(fit);
        browser::spawn(async move {
            browser::sleep(150).await;
            browser::fit_page(fit);
        });
        let listener = browser::on_resize(move || browser::fit_page(fit));
        move || drop(listener)
    });
}
