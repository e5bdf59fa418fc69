//! A coding's quotes, each with its place in the paper and a "Read in context" link.

use evidence_core::view::{quote_route, Action, OpenQuote, ViewState};
use evidence_core::viewmodel::quote_place;
use evidence_core::Corpus;
use yew::prelude::*;

use super::{href, on_nav};

/// The quotes of one coding as a list of blockquotes with "Read in context" links.
pub fn quotes_list(
    c: &Corpus,
    coding: usize,
    state: &ViewState,
    dispatch: &Callback<Action>,
) -> Html {
    let k = &c.codings[coding];
    html! {
        <ul class="quotes">
            { for k.quotes.iter().enumerate().map(|(qi, q)| {
                let open = OpenQuote { coding: k.id.clone(), quote: qi };
                let actions = match quote_route(c, &open) {
                    Some(route) => vec![Action::Navigate(route), Action::OpenQuote(Some(open))],
                    None => Vec::new(),
                };
                html! {
                    <li class="quote" data-testid="quote">
                        <blockquote>{ format!("“{}”", q.text) }</blockquote>
                        <div class="quote-meta">
                            <span class="quote-place">{ quote_place(c, coding, qi) }</span>
                            <a class="read-context" data-testid="read-in-context"
                               href={href(state, actions.clone())} onclick={on_nav(dispatch, actions)}>
                                { "Read in context →" }</a>
                        </div>
                    </li>
                }
            }) }
        </ul>
    }
}
