//! The evidence trail bar: "Quote 3 of 7" with previous and next (buttons, and the keys `p` and
//! `n` outside text fields) through the quotes of the selected cell, row or column. In the
//! panel it marks the current quote; in the reader it opens each quote in its paragraph. The
//! order and the steps come from the core (`trail`).

use std::rc::Rc;

use evidence_core::query::trail::{open_actions, position, step, trail};
use evidence_core::share::markdown::quote_locator;
use evidence_core::state::{Action, ViewState};
use yew::prelude::*;

use crate::browser;
use crate::data::Shared;

/// Props of `TrailBar`.
#[derive(Properties, PartialEq)]
pub struct TrailProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (selection and open quote).
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
    /// In the reader (each step opens the quote in its paragraph) or in the panel.
    #[prop_or_default]
    pub in_reader: bool,
}

/// Previous / "quote i of n" / next.
#[component]
pub fn TrailBar(props: &TrailProps) -> Html {
    let s = &props.state;
    let list = {
        let data = props.data.clone();
        let s = s.clone();
        use_memo(
            (s.selection.clone(), s.filters.clone(), s.search.clone()),
            move |_| trail(&data.0.corpus, &data.0.index, &s),
        )
    };
    let c = &props.data.0.corpus;
    let go = |delta: isize| -> Option<Vec<Action>> {
        step(&list, s.quote.as_ref(), delta).map(|q| open_actions(c, &q, props.in_reader))
    };
    let prev = go(-1);
    let next = go(1);
    // Keys: j (next) and k (previous), as in mail and feed readers, outside text fields and
    // without modifiers. (P belongs to presentation mode.)
    {
        let d = props.dispatch.clone();
        let (prev, next) = (prev.clone(), next.clone());
        use_effect_with((prev, next), move |(prev, next)| {
            let (prev, next) = (prev.clone(), next.clone());
            let listener = browser::on_keydown(move |e| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() || browser::typing_in_field() {
                    return;
                }
                let actions = match e.key().as_str() {
                    "j" => next.clone(),
                    "k" => prev.clone(),
                    _ => None,
                };
                // (The listener is passive: j and k have no default action to prevent.)
                if let Some(actions) = actions {
                    for a in actions {
                        d.emit(a);
                    }
                }
            });
            move || drop(listener)
        });
    }
    // In the panel, keep the current quote in view.
    {
        let in_reader = props.in_reader;
        use_effect_with(s.quote.clone(), move |q| {
            if q.is_some() && !in_reader {
                browser::reveal("trail-current");
            }
        });
    }
    if list.is_empty() {
        return html! {};
    }
    let at = position(&list, s.quote.as_ref());
    let button = |label: &str, actions: Option<Vec<Action>>, test: &str, key: &str| {
        let d = props.dispatch.clone();
        let disabled = actions.is_none();
        html! {
            <button type="button" class="btn btn-small" disabled={disabled} data-testid={test.to_string()}
                aria-keyshortcuts={key.to_string()}
                onclick={move |_: MouseEvent| for a in actions.clone().unwrap_or_default() { d.emit(a) }}>
                { label.to_string() }</button>
        }
    };
    let where_ = at
        .and_then(|i| list.get(i))
        .and_then(|q| {
            let k = c.coding_idx(&q.coding)?;
            quote_locator(c, k, q.quote)
        })
        .map(|l| {
            [l.paper, l.section, l.place]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        });
    html! {
        <nav class={classes!("trail", props.in_reader.then_some("trail-reader"))} aria-label="Evidence trail" data-testid="trail">
            { button("← Previous", prev, "trail-prev", "k") }
            <span class="trail-pos" data-testid="trail-pos" aria-live="polite">
                { match at {
                    Some(i) => format!("Quote {} of {}", i + 1, list.len()),
                    None => format!("{} quotes: step through them", list.len()),
                } }
            </span>
            { button("Next →", next, "trail-next", "j") }
            { for where_.map(|w| html! { <span class="trail-loc" data-testid="trail-loc">{ w }</span> }) }
            <span class="trail-keys">{ "keys: k / j" }</span>
        </nav>
    }
}
