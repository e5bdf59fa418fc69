//! The quotes of a presented selection, on the slide beside the grid (presentation mode, and a
//! tour read on a phone): the room reads them without a key press. The drill-down panel's
//! rationales, trail and links stay in explore mode.

use std::rc::Rc;

use evidence_core::state::ViewState;
use evidence_core::viewmodel::{panel, slide};
use yew::prelude::*;

use super::mark;
use crate::data::Shared;

/// Props of `SlideQuotes`.
#[derive(Properties, PartialEq)]
pub struct SlideQuotesProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (its selection, or its open quote, is shown).
    pub state: Rc<ViewState>,
}

/// The selection's heading and its quotes, each with its paper, place and category.
#[component]
pub fn SlideQuotes(props: &SlideQuotesProps) -> Html {
    let d = &props.data.0;
    let quotes = {
        let data = props.data.clone();
        let s = props.state.clone();
        use_memo(
            (
                s.selection.clone(),
                s.quote.clone(),
                s.filters.clone(),
                s.search.clone(),
            ),
            move |_| slide::slide_quotes(&data.0.corpus, &data.0.index, &s),
        )
    };
    let (list, total) = (&quotes.0, quotes.1);
    let head = props
        .state
        .selection
        .as_ref()
        .map(|sel| panel::head(&d.corpus, sel));
    html! {
        <aside class="panel slide-quotes" aria-labelledby="slide-quotes-title" data-testid="slide-quotes" tabindex="0">
            if let Some(h) = head {
                <p class="kicker">{ h.kicker }</p>
                <h2 id="slide-quotes-title">{ h.title }</h2>
            }
            if list.is_empty() {
                <p class="empty">{ "No coded quote here under the current filters." }</p>
            }
            <ol class="slide-quote-list">
                { for list.iter().map(|q| html! {
                    <li class="slide-quote-item" data-testid="slide-quote-item">
                        <blockquote>{ format!("“{}”", q.text) }</blockquote>
                        <p class="slide-quote-source">
                            { mark(&q.mark, true) }
                            { format!(" {} · {} · {}", q.paper, q.place, q.category) }
                        </p>
                    </li>
                }) }
            </ol>
            if total > list.len() {
                <p class="slide-quote-more" data-testid="slide-quote-more">
                    { format!("and {} more in the explorer's panel for this view.", total - list.len()) }
                </p>
            }
        </aside>
    }
}
