//! The dismissible notice listing what a link asked for that could not be used.

use yew::prelude::*;

/// Props of `Notices`.
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// Sentences, shown as plain text.
    pub notices: Vec<String>,
    /// Hide the notice.
    pub on_dismiss: Callback<()>,
}

/// A banner naming what the URL asked for that was ignored.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <section class="notice" role="status" aria-live="polite" data-testid="url-notice">
            <div class="notice-body">
                <strong>{ "Part of this link could not be used. " }</strong>
                <span>{ "The explorer opened with everything else. Ignored:" }</span>
                <ul>
                    { for props.notices.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            </div>
            <button type="button" class="btn" onclick={dismiss} data-testid="dismiss-notice">
                { "Dismiss" }
            </button>
        </section>
    }
}
