//! The header of every printout (hidden on screen): what the page shows, the active filters
//! and selection, the corpus version and the link that reopens the view.

use std::rc::Rc;

use evidence_core::share::labels::{filter_labels, selection_label};
use evidence_core::share::versions::version_line;
use evidence_core::state::ViewState;
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// Props of `PrintHead`.
#[derive(Properties, PartialEq)]
pub struct PrintHeadProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
}

/// Printed at the top of every page's printout.
#[component]
pub fn PrintHead(props: &PrintHeadProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let page = evidence_core::state::route_label(&s.route);
    let labels = filter_labels(c, s);
    html! {
        <div class="print-head print-only" data-testid="print-head">
            <p><strong>{ format!("{} — {page}", c.about.title) }</strong></p>
            <p data-testid="print-filters">{ format!("Filters: {}", if labels.is_empty() { "none (all evidence)".to_string() } else { labels.join(" · ") }) }</p>
            { for s.selection.as_ref().map(|sel| html! { <p>{ selection_label(c, sel) }</p> }) }
            <p data-testid="print-version">{ format!("Version: {}", version_line(c)) }</p>
            <p class="print-head-link" data-testid="print-head-link">{ print_link(c, s) }</p>
        </div>
    }
}

/// The link that reopens the view, with the corpus version.
fn print_link(c: &evidence_core::Corpus, s: &ViewState) -> String {
    format!(
        "{}#{}",
        browser::link_page(),
        evidence_core::share::versions::shared_fragment(s, c)
    )
}
