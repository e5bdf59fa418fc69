//! "Open a shared link": paste a link from anywhere; only its fragment is used
//! (`selection::pasted_fragment`), and it opens here with the usual notices.

use evidence_core::share::paste::pasted_fragment;
use yew::prelude::*;

use crate::browser;

/// Props of `OpenLink`.
#[derive(Properties, PartialEq)]
pub struct OpenLinkProps {
    /// Distinguishes the field's id where two are on one page.
    pub id: AttrValue,
    /// Runs after a link has been opened (the header menu closes).
    #[prop_or_default]
    pub on_done: Callback<()>,
}

/// A field and a button that open a pasted link's view.
#[component]
pub fn OpenLink(props: &OpenLinkProps) -> Html {
    let error = use_state(|| false);
    let input_id = format!("open-link-{}", props.id);
    let on_submit = {
        let error = error.clone();
        let input_id = input_id.clone();
        let done = props.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = browser::field_value(&input_id);
            match pasted_fragment(&text) {
                Some(f) => {
                    error.set(false);
                    browser::open_fragment(&f);
                    done.emit(());
                }
                None => error.set(true),
            }
        })
    };
    html! {
        <form class="open-link" onsubmit={on_submit} data-testid={format!("open-link-{}", props.id)}>
            <label for={input_id.clone()}>{ "Open a shared link (from any folder, host or computer):" }</label>
            <span class="open-link-row">
                <input id={input_id.clone()} type="text" autocomplete="off" spellcheck="false"
                    placeholder="…explorer.html#/matrix?v=1&…" data-testid="open-link-input" />
                <button type="submit" class="btn btn-small" data-testid="open-link-go">{ "Open" }</button>
            </span>
            { if *error { html! { <span class="err" role="alert" data-testid="open-link-error">{ "This is not a link to a view: it has no # part." }</span> } } else { html! {} } }
        </form>
    }
}
