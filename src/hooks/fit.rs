//! Presentation has no scrollbars: each page meets the screen its own way
//! (`slide::present_fit`; the matrix measures itself).

use evidence_core::state::ViewState;
use evidence_core::viewmodel::slide::{present_fit, PresentFit};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// Fits the page of `state` as `present_fit` says (nothing for a tour read on a phone,
/// `phone_tour`), again once the root type size has applied and whenever the window changes
/// size.
#[hook]
pub fn use_fit_page(d: &Shared, state: &ViewState, phone_tour: bool) {
    let fit = match phone_tour {
        true => PresentFit::None,
        false => present_fit(state, d.0.tour(state).as_deref()),
    };
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
