//! The dismissible notice listing what a link (or a tour file) asked for that could not be used.

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
    // A link made with another corpus version: its sentence comes first (see app.rs).
    let (version, rest): (Vec<&String>, Vec<&String>) = props
        .notices
        .iter()
        .partition(|n| n.starts_with("This link was made with corpus version"));
    // A tour file opened in the tour editor (see tour_editor.rs): its own heading.
    let (file, rest): (Vec<&String>, Vec<&String>) =
        rest.into_iter().partition(|n| n.starts_with("Tour file “"));
    html! {
        <section class="notice" role="status" aria-live="polite" data-testid="url-notice">
            <div class="notice-body">
                { for version.iter().map(|v| html! { <p class="version-notice" data-testid="version-notice"><strong>{ (*v).clone() }</strong></p> }) }
                { if file.is_empty() { html! {} } else { html! {
                    <>
                        <strong>{ "Part of this tour file could not be used. " }</strong>
                        <span>{ "What it held that could be used is open." }</span>
                        <ul>
                            { for file.iter().map(|n| html! { <li>{ (*n).clone() }</li> }) }
                        </ul>
                    </>
                } } }
                { if rest.is_empty() { html! {} } else { html! {
                    <>
                        <strong>{ "Part of this link could not be used. " }</strong>
                        <span>{ "The explorer opened with everything else. Ignored:" }</span>
                        <ul>
                            { for rest.iter().map(|n| html! { <li>{ (*n).clone() }</li> }) }
                        </ul>
                    </>
                } } }
            </div>
            <button type="button" class="btn" onclick={dismiss} data-testid="dismiss-notice">
                { "Dismiss" }
            </button>
        </section>
    }
}
