//! A tour's quote slide: one verbatim quote in large type, with its paper, section and
//! paragraph, the category it supports and the evidence it cites (`viewmodel::slide`).

use evidence_core::state::{Action, OpenQuote, Route, ViewState};
use evidence_core::viewmodel::slide::QuoteSlide;
use yew::prelude::*;

use super::{href, mark, on_nav};
use crate::data::Shared;

/// Props of `QuoteSlideView`.
#[derive(Properties, PartialEq)]
pub struct SlideProps {
    /// Corpus and index.
    pub data: Shared,
    /// The view (for the links).
    pub state: std::rc::Rc<ViewState>,
    /// The quote.
    pub quote: OpenQuote,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The quote slide.
#[component]
pub fn QuoteSlideView(props: &SlideProps) -> Html {
    let c = &props.data.0.corpus;
    let Some(s) = QuoteSlide::of(c, &props.quote) else {
        return html! { <p class="slide-missing">{ "This quote is not in this version of the corpus." }</p> };
    };
    let card = vec![Action::Navigate(Route::Evidence {
        id: s.evidence_id.clone(),
    })];
    html! {
        <figure class="quote-slide" data-testid="quote-slide">
            <blockquote class="slide-quote" data-testid="slide-quote">{ format!("“{}”", s.text) }</blockquote>
            <figcaption>
                <p class="slide-source">{ mark(&s.mark, true) }{ format!(" {}", s.paper) }</p>
                <p class="slide-place" data-testid="slide-place">{ s.place }</p>
                <dl class="slide-facts">
                    <dt>{ "Category" }</dt><dd data-testid="slide-category">{ s.category }</dd>
                    <dt>{ "Evidence" }</dt>
                    <dd data-testid="slide-evidence">
                        <a href={href(&props.state, card.clone())} onclick={on_nav(&props.dispatch, card)}>{ s.evidence }</a>
                    </dd>
                </dl>
            </figcaption>
        </figure>
    }
}
