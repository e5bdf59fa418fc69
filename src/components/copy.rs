//! A button that copies a link to the clipboard, confirms it visibly, and falls back to a
//! selected field (ready for Ctrl+C) where the browser refuses the clipboard.

use yew::prelude::*;

use crate::browser;

/// Props of `CopyButton`.
#[derive(Properties, PartialEq)]
pub struct CopyProps {
    /// The button's text.
    pub label: AttrValue,
    /// What to copy; `None` copies the page's current address at the moment of the click.
    #[prop_or_default]
    pub text: Option<AttrValue>,
    /// The confirmation shown after copying.
    pub done: AttrValue,
    /// Test id of the button; the status is `{id}-status`, the fallback field `{id}-fallback`
    /// (for "copy-link": `copy-status` and `copy-fallback`, as the suites know them).
    pub id: AttrValue,
}

#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Copied,
    Manual(String),
}

/// Names of the status and fallback field for a button id.
fn names(id: &str) -> (String, String) {
    match id {
        "copy-link" => ("copy-status".into(), "copy-fallback".into()),
        _ => (format!("{id}-status"), format!("{id}-fallback")),
    }
}

/// The copy button, with its status line.
#[component]
pub fn CopyButton(props: &CopyProps) -> Html {
    let state = use_state(|| State::Idle);
    let (status_id, field_id) = names(&props.id);
    let onclick = {
        let state = state.clone();
        let text = props.text.clone();
        let field_id = field_id.clone();
        Callback::from(move |_: MouseEvent| {
            let state = state.clone();
            let field_id = field_id.clone();
            let url = text.as_ref().map_or_else(browser::href, |t| t.to_string());
            browser::spawn(async move {
                match browser::copy_text(&url).await {
                    Ok(()) => state.set(State::Copied),
                    Err(()) => {
                        state.set(State::Manual(url));
                        browser::sleep(0).await;
                        browser::select_input(&field_id);
                    }
                }
                browser::sleep(4000).await;
                state.set(State::Idle);
            });
        })
    };
    html! {
        <>
            <button type="button" class="btn" data-testid={props.id.clone()} {onclick}>{ props.label.clone() }</button>
            <div class="copy-status" role="status" aria-live="polite" data-testid={status_id}>
                { match &*state {
                    State::Idle => html! {},
                    State::Copied => html! { <span class="ok">{ props.done.clone() }</span> },
                    State::Manual(url) => html! {
                        <span class="manual">
                            <label for={field_id.clone()}>{ "The clipboard is not available here. Press Ctrl+C (⌘C) to copy:" }</label>
                            <input id={field_id.clone()} readonly=true value={url.clone()} data-testid={field_id.clone()} />
                        </span>
                    },
                } }
            </div>
        </>
    }
}
