//! "Export what is on screen": the current selection (or, without one, every coding that
//! passes the filters and search) as CSV (the columns of `evidence.csv`, with a byte-order
//! mark) or Markdown (quotes grouped by category and evidence, with citations and links),
//! generated in the browser; "Copy as Markdown" falls back to a selected text box when the
//! clipboard is refused; and as REFI-QDA (`.qdpx`) or W3C Web Annotations (`.jsonld`). The
//! texts and bytes come from the core; `browser` does the download and copy.

use std::rc::Rc;

use evidence_core::interop::annotations::annotations_jsonld;
use evidence_core::interop::refi::{project_qdpx, Scope};
use evidence_core::share::export::{selection_csv, view_codings};
use evidence_core::share::files::file_stem;
use evidence_core::share::markdown::codings_markdown;
use evidence_core::state::ViewState;
use yew::prelude::*;

use super::count;
use crate::browser;
use crate::data::Shared;

/// Props of `ExportBar`.
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (what is exported).
    pub state: Rc<ViewState>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Done(String),
    Manual(String),
    Failed(String),
}

/// The export buttons.
#[component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let status = use_state(|| Status::Idle);
    let data = props.data.clone();
    let s = props.state.clone();
    let c = &data.0.corpus;
    let codings = view_codings(c, &data.0.index, &s);
    let n_quotes: usize = codings.iter().map(|&k| c.codings[k].quotes.len()).sum();
    let what = format!(
        "{}, {}",
        count(codings.len(), "coding", "codings"),
        count(n_quotes, "quote", "quotes")
    );
    let on_csv = {
        let (data, s, status) = (data.clone(), s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let codings = view_codings(c, &data.0.index, &s);
            let text = selection_csv(c, &codings, &browser::link_page());
            let name = format!("{}.csv", file_stem(c, &s));
            status.set(
                match browser::download(&name, "text/csv;charset=utf-8", &text) {
                    Ok(()) => Status::Done(format!("Downloaded {name}")),
                    Err(()) => Status::Failed("This browser refused the download.".into()),
                },
            );
        })
    };
    let on_md = {
        let (data, s, status) = (data.clone(), s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let codings = view_codings(c, &data.0.index, &s);
            let text = codings_markdown(c, &codings, &s, &browser::link_page());
            let name = format!("{}.md", file_stem(c, &s));
            status.set(
                match browser::download(&name, "text/markdown;charset=utf-8", &text) {
                    Ok(()) => Status::Done(format!("Downloaded {name}")),
                    Err(()) => Status::Failed("This browser refused the download.".into()),
                },
            );
        })
    };
    let on_refi = {
        let (data, s, status) = (data.clone(), s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let codings = view_codings(c, &data.0.index, &s);
            let bytes = project_qdpx(c, &Scope::of_codings(c, &codings));
            let name = format!("{}.qdpx", file_stem(c, &s));
            status.set(done(
                browser::download_bytes(&name, "application/zip", &bytes),
                &name,
            ));
        })
    };
    let on_anno = {
        let (data, s, status) = (data.clone(), s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let codings = view_codings(c, &data.0.index, &s);
            let text = annotations_jsonld(c, &Scope::of_codings(c, &codings));
            let name = format!("{}.jsonld", file_stem(c, &s));
            status.set(done(
                browser::download(&name, "application/ld+json", &text),
                &name,
            ));
        })
    };
    let on_copy = {
        let (data, s, status) = (data.clone(), s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let codings = view_codings(c, &data.0.index, &s);
            let text = codings_markdown(c, &codings, &s, &browser::link_page());
            let status = status.clone();
            browser::spawn(async move {
                match browser::copy_text(&text).await {
                    Ok(()) => status.set(Status::Done("Markdown copied.".into())),
                    Err(()) => {
                        status.set(Status::Manual(text));
                        browser::sleep(0).await;
                        browser::select_textarea("export-fallback");
                    }
                }
            });
        })
    };
    html! {
        <div class="export-bar no-print" data-testid="export-bar">
            <span class="export-what">{ format!("Export what is shown ({what}):") }</span>
            <button type="button" class="btn btn-small" onclick={on_csv} data-testid="export-csv">{ "CSV" }</button>
            <button type="button" class="btn btn-small" onclick={on_md} data-testid="export-md">{ "Markdown" }</button>
            <button type="button" class="btn btn-small" onclick={on_copy} data-testid="export-copy-md">{ "Copy as Markdown" }</button>
            <button type="button" class="btn btn-small" onclick={on_refi} data-testid="export-refi"
                title="Export as REFI-QDA: a .qdpx project for NVivo, ATLAS.ti, MAXQDA or QualCoder">{ "REFI-QDA" }</button>
            <button type="button" class="btn btn-small" onclick={on_anno} data-testid="export-annotations"
                title="Export as W3C Web Annotations (JSON-LD)">{ "Web Annotations" }</button>
            <span class="export-status" role="status" aria-live="polite" data-testid="export-status">
                { match &*status {
                    Status::Idle => html! {},
                    Status::Done(t) => html! { <span class="ok">{ t.clone() }</span> },
                    Status::Failed(t) => html! { <span class="err">{ t.clone() }</span> },
                    Status::Manual(text) => html! {
                        <span class="manual">
                            <label for="export-fallback">{ "The clipboard is not available here. Press Ctrl+C (⌘C) to copy the selected Markdown:" }</label>
                            <textarea id="export-fallback" readonly=true rows="6" value={text.clone()} data-testid="export-fallback" />
                        </span>
                    },
                } }
            </span>
        </div>
    }
}

/// The status after a download.
fn done(r: Result<(), ()>, name: &str) -> Status {
    match r {
        Ok(()) => Status::Done(format!("Downloaded {name}")),
        Err(()) => Status::Failed("This browser refused the download.".into()),
    }
}
