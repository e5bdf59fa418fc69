//! The document follows the state: its title, its theme and its mode (`<html data-mode>`,
//! which the stylesheet keys on).

use evidence_core::share::labels::page_title;
use evidence_core::state::{Mode, ViewState};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// Keeps the title, the theme and `<html data-mode>` in step with `state` (`phone_tour`: a
/// tour read on a phone, which is not laid out as a presentation).
#[hook]
pub fn use_document_sync(d: &Shared, state: &ViewState, phone_tour: bool) {
    let d = d.clone();
    use_effect_with((state.clone(), phone_tour), move |(state, phone_tour)| {
        browser::set_theme(state.theme.map(|t| t.key()));
        browser::set_title(&page_title(&d.0.corpus, state));
        browser::set_mode(display_mode(state.mode, *phone_tour));
    });
}

/// The name on `<html data-mode>`: the mode's, or `tour-phone` for a tour read on a phone.
pub fn display_mode(mode: Mode, phone_tour: bool) -> &'static str {
    if phone_tour {
        "tour-phone"
    } else {
        mode_name(mode)
    }
}

/// The name of a mode in `data-mode` attributes.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Present => "present",
        Mode::Explore => "explore",
    }
}
