//! One line naming what the view shows: the active filters (each removable), a way to change
//! them in the matrix, and the corpus version (also the header of a printout).

use std::rc::Rc;

use evidence_core::share::labels::filter_labels;
use evidence_core::share::versions::version_line;
use evidence_core::state::{Action, Route, ViewState};
use yew::prelude::*;

use super::{href, on_nav};
use crate::data::Shared;

/// Props of `FiltersLine`.
#[derive(Properties, PartialEq)]
pub struct FiltersLineProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The filters in words, with "Clear all" and a link to change them in the matrix.
#[component]
pub fn FiltersLine(props: &FiltersLineProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let d = &props.dispatch;
    let labels = filter_labels(c, s);
    let to_matrix = vec![Action::Navigate(Route::Matrix)];
    let clear = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::ClearAll))
    };
    html! {
        <div class="filters-line" data-testid="filters-line">
            <span class="fl-label">{ "Showing: " }</span>
            <span class="fl-values" data-testid="filters-text">
                { if labels.is_empty() { "all evidence (no filter)".to_string() } else { labels.join(" · ") } }
            </span>
            { if labels.is_empty() { html! {} } else { html! {
                <button type="button" class="btn btn-small no-print" onclick={clear} data-testid="filters-clear">{ "Clear all filters" }</button>
            } } }
            <a class="no-print" href={href(s, to_matrix.clone())} onclick={on_nav(d, to_matrix)}>{ "Change the filters in the matrix" }</a>
            <span class="fl-version" data-testid="corpus-version">{ version_line(c) }</span>
        </div>
    }
}
