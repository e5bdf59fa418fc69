//! A coding's quotes, each with its place in the paper and a "Read in context" link.

use evidence_core::state::{quote_route, Action, OpenQuote, ViewState};
use evidence_core::viewmodel::quote_place;
use evidence_core::Corpus;
use yew::prelude::*;

use super::{href, on_nav};

/// ", paragraph 12" (or nothing for a footnote, whose place already names the note).
fn quote_para(c: &Corpus, coding: usize, quote: usize) -> Option<String> {
    let l = evidence_core::share::markdown::quote_locator(c, coding, quote)?;
    l.place
        .starts_with("paragraph")
        .then(|| format!(", {}", l.place))
}

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
                    Some(route) => vec![Action::Navigate(route), Action::OpenQuote(Some(open.clone()))],
                    None => Vec::new(),
                };
                // The current quote of the evidence trail (see `trail`).
                let current = state.quote.as_ref() == Some(&open);
                html! {
                    <li class={classes!("quote", current.then_some("current"))} data-testid="quote"
                        id={current.then_some("trail-current")} aria-current={current.then_some("true")}>
                        <blockquote>{ format!("“{}”", q.text) }</blockquote>
                        <div class="quote-meta">
                            <span class="quote-place">{ quote_place(c, coding, qi) }{ for quote_para(c, coding, qi) }</span>
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
