//! The printed handout: one page per step (or one page for the current view) with the step's
//! title, its view at print size, its quotes with paper and section, the speaker note (if
//! asked for) and the step's link as text and as a QR code made here (nothing is fetched).
//! On screen it is a print preview; `style/print.css` lays it out on paper in black and white.

use std::rc::Rc;

use evidence_core::query::matrix::build_matrix;
use evidence_core::share::qr::qr_svg;
use evidence_core::share::versions::shared_fragment;
use evidence_core::state::clean_address;
use evidence_core::state::{Action, Route};
use evidence_core::workshop::handout::{address_warning, link_base, view_quotes, Page};
use yew::prelude::*;

use super::matrix::MatrixGrid;
use crate::browser;
use crate::data::Shared;
use evidence_core::viewmodel::quote_place;

/// Props of `Handout`.
#[derive(Properties, PartialEq)]
pub struct HandoutProps {
    /// Corpus and index.
    pub data: Shared,
    /// The title over every page (the tour's, or the corpus's).
    pub heading: String,
    /// The pages (`evidence_core::workshop::handout::pages`).
    pub steps: Rc<Vec<Page>>,
    /// The pages are the whole tour's (else the current view's).
    pub whole: bool,
    /// Steps of the tour in the view (0: no tour, so no choice).
    pub tour_steps: usize,
    /// Choose the whole tour (true) or the current view (false).
    pub on_scope: Callback<bool>,
    /// This page's address without its fragment.
    pub base: String,
    /// Where participants open the explorer (`ViewState::open_at`); printed links start with
    /// it instead of `base`.
    #[prop_or_default]
    pub open_at: Option<String>,
    /// Set or clear the participants' address.
    #[prop_or_default]
    pub on_open_at: Callback<Option<String>>,
    /// Print the speaker notes.
    pub notes: bool,
    /// Show or hide the notes.
    pub on_notes: Callback<bool>,
    /// Print now.
    pub on_print: Callback<()>,
    /// Close the preview.
    pub on_close: Callback<()>,
}

/// The handout (print preview on screen).
#[component]
pub fn Handout(props: &HandoutProps) -> Html {
    let n = props.steps.len();
    let on_notes = {
        let cb = props.on_notes.clone();
        Callback::from(move |e: Event| {
            cb.emit(browser::field_checked(&e));
        })
    };
    let base = link_base(&props.base, props.open_at.as_deref()).to_string();
    let warning = address_warning(&props.base, props.open_at.as_deref());
    // What was typed in the address field, when it is not an address (said under the field).
    let bad_address = use_state(|| None::<String>);
    let on_address = {
        let (cb, bad) = (props.on_open_at.clone(), bad_address.clone());
        Callback::from(move |e: Event| {
            let typed = browser::field_value(&e);
            if typed.trim().is_empty() {
                bad.set(None);
                cb.emit(None);
                return;
            }
            match clean_address(&typed) {
                Ok(a) => {
                    bad.set(None);
                    cb.emit(Some(a));
                }
                Err(why) => bad.set(Some(format!("“{}” is not usable: {why}.", typed.trim()))),
            }
        })
    };
    html! {
        <div class="handout" data-testid="handout">
            <div class="handout-controls">
                <div class="handout-address">
                    <label for="handout-address">{ "Participants open the explorer at" }</label>
                    <input id="handout-address" type="url" data-testid="handout-address" inputmode="url"
                        placeholder="https://example.org/workshop/explorer.html" autocomplete="url"
                        aria-describedby="handout-address-help"
                        value={props.open_at.clone().unwrap_or_default()} onchange={on_address} />
                    <p id="handout-address-help" class="handout-help">
                        { "The address of a copy of the explorer they can reach (explorer.html on a web server or shared site). The printed links and QR codes start with it, and the tour's link carries it." }
                    </p>
                    if let Some(b) = (*bad_address).clone() {
                        <p class="handout-error" role="alert" data-testid="handout-address-error">{ b }</p>
                    }
                </div>
                if let Some(w) = warning.clone() {
                    <p class="handout-warning" role="alert" data-testid="handout-warning">{ w }</p>
                }
                <p>{ if n == 1 { "Print preview: one page.".to_string() } else { format!("Print preview: {n} pages, one per step.") } }</p>
                if props.tour_steps > 0 {
                    <fieldset class="handout-scope">
                        <legend class="visually-hidden">{ "What to print" }</legend>
                        <label><input type="radio" name="handout-scope" data-testid="handout-scope-view"
                            checked={!props.whole}
                            onchange={let f = props.on_scope.clone(); move |_: Event| f.emit(false)} />
                            { " This view" }</label>
                        <label><input type="radio" name="handout-scope" data-testid="handout-scope-tour"
                            checked={props.whole}
                            onchange={let f = props.on_scope.clone(); move |_: Event| f.emit(true)} />
                            { format!(" The whole tour ({})", evidence_core::viewmodel::count(props.tour_steps, "step", "steps")) }</label>
                    </fieldset>
                }
                <label><input type="checkbox" data-testid="handout-notes" checked={props.notes} onchange={on_notes} />
                    { " Include the speaker notes" }</label>
                <button type="button" class="btn" data-testid="handout-print"
                    onclick={let p = props.on_print.clone(); move |_: MouseEvent| p.emit(())}>
                    { if warning.is_some() { "Print anyway…" } else { "Print…" } }</button>
                <button type="button" class="btn" data-testid="handout-close"
                    onclick={let c = props.on_close.clone(); move |_: MouseEvent| c.emit(())}>{ "Close preview" }</button>
            </div>
            { for props.steps.iter().enumerate().map(|(i, step)| html! {
                <HandoutPage data={props.data.clone()} heading={props.heading.clone()} index={i} count={n}
                    step={step.clone()} base={base.clone()} notes={props.notes} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    data: Shared,
    heading: String,
    index: usize,
    count: usize,
    step: Page,
    base: String,
    notes: bool,
}

/// How much a matrix must shrink to fit the page width, as a class (`zoom-1` .. `zoom-4`).
fn zoom_class(columns: usize) -> &'static str {
    match columns {
        0..=20 => "zoom-1",
        21..=40 => "zoom-2",
        41..=70 => "zoom-3",
        _ => "zoom-4",
    }
}

#[component]
fn HandoutPage(props: &PageProps) -> Html {
    let d = &props.data.0;
    let c = &d.corpus;
    let s = &props.step.state;
    let link = format!("{}#{}", props.base, shared_fragment(s, c));
    let qr = {
        let link = link.clone();
        use_memo(link, |l| qr_svg(l))
    };
    let (quotes, total) = view_quotes(c, &d.index, s);
    let view = match &s.route {
        Route::Matrix => {
            let m = Rc::new(build_matrix(c, &d.index, s));
            let zoom = zoom_class(m.columns.len());
            html! {
                <div class={classes!("handout-view", "handout-matrix", zoom)}>
                    <MatrixGrid data={props.data.clone()} view={m} layout={s.layout} windowing={false}
                        selection={s.selection.clone()} dispatch={Callback::from(|_: Action| ())} />
                </div>
            }
        }
        Route::Read { paper, block } => {
            let p = c.paper_idx(paper).map(|p| &c.papers[p]);
            let text = p.and_then(|p| {
                let b = block.as_deref().and_then(|b| p.doc.block_idx(b))?;
                Some(p.doc.blocks[b].text.clone())
            });
            html! {
                <div class="handout-view handout-read">
                    <p class="handout-paper">{ p.map(|p| p.title.clone()).unwrap_or_default() }</p>
                    if let Some(t) = text { <blockquote>{ t }</blockquote> }
                </div>
            }
        }
        Route::Evidence { id } => {
            let e = c.evidence_idx(id).map(|e| &c.evidence[e]);
            html! {
                <div class="handout-view handout-evidence">
                    if let Some(e) = e {
                        <p><strong>{ e.title.clone() }</strong>{ format!(" · {}", e.when_where()) }</p>
                    }
                </div>
            }
        }
        // The start page, and any other page: the papers with their marks.
        _ => html! {
            <div class="handout-view">
                <ul>{ for c.papers.iter().map(|p| html! {
                    <li><strong>{ format!("{} ", p.mark) }</strong>{ format!("{}, {}", p.title, p.author) }</li>
                }) }</ul>
            </div>
        },
    };
    html! {
        <section class="handout-page" data-testid="handout-page" aria-label={format!("Page {} of {}", props.index + 1, props.count)}>
            <p class="handout-kicker">{ format!("{} · {} of {}", props.heading, props.index + 1, props.count) }</p>
            <h2 class="handout-title">{ props.step.title.clone() }</h2>
            { view }
            if total > 0 {
                <ol class="handout-quotes">
                    { for quotes.iter().map(|&(k, q)| {
                        let coding = &c.codings[k];
                        let paper = &c.papers[coding.paper];
                        let category = &c.categories[coding.category];
                        html! {
                            <li>
                                <blockquote>{ format!("“{}”", coding.quotes[q].text) }</blockquote>
                                <p class="handout-source">{ format!("{} ({}) · {} · {}", paper.short_title, paper.mark,
                                    quote_place(c, k, q), category.label) }</p>
                            </li>
                        }
                    }) }
                </ol>
                if total > quotes.len() {
                    <p class="handout-more">{ format!("and {} more quotes: open the link to read them all.", total - quotes.len()) }</p>
                }
            }
            if props.notes && !(props.step.note.trim().is_empty() && props.step.parts.is_empty()) {
                <div class="handout-note" data-testid="handout-note">
                    <h3>{ "Speaker notes" }</h3>
                    if !props.step.note.trim().is_empty() {
                        <p class="handout-point">{ props.step.note.clone() }</p>
                    }
                    <dl>
                        { for [
                            ("Show", props.step.parts.show.clone()),
                            ("Contrast", props.step.parts.contrast.clone()),
                            ("Judgement call", props.step.parts.judgement.clone()),
                            ("Question for the room", props.step.parts.question.clone()),
                            ("Planned", props.step.parts.minutes.map(|m| format!("{m} min")).unwrap_or_default()),
                        ].into_iter().filter(|(_, t)| !t.trim().is_empty()).map(|(k, t)| html! {
                            <><dt>{ k }</dt><dd>{ t }</dd></>
                        }) }
                    </dl>
                </div>
            }
            <div class="handout-link">
                { qr_image(qr.as_ref().as_ref(), "handout-qr") }
                <p class="handout-url" data-testid="handout-url">{ link }</p>
            </div>
        </section>
    }
}

/// Props of `PrintLink`.
#[derive(Properties, PartialEq)]
pub struct PrintLinkProps {
    /// The view's full link.
    pub link: String,
}

/// The link of the current view as text and QR code, shown only on paper (so printing a view
/// with the browser's own Print command carries its link too). Nobody sees it on screen, so
/// its QR code is made once the view has stayed put for `QR_AFTER_MS` (or at once when the
/// browser is about to print), not on every keystroke of a search.
#[component]
pub fn PrintLink(props: &PrintLinkProps) -> Html {
    // The QR code and the link it was made for (a code for an older link is never shown).
    let qr = use_state(|| None::<(String, Rc<Option<evidence_core::share::qr::QrSvg>>)>);
    {
        let qr = qr.clone();
        use_effect_with(props.link.clone(), move |link| {
            let make = {
                let (qr, link) = (qr.clone(), link.clone());
                move || {
                    if qr.as_ref().is_none_or(|(l, _)| *l != link) {
                        qr.set(Some((link.clone(), Rc::new(qr_svg(&link)))));
                    }
                }
            };
            let later = browser::after(QR_AFTER_MS, make.clone());
            let before_print = browser::on_before_print(make);
            move || drop((later, before_print))
        });
    }
    let code = qr
        .as_ref()
        .filter(|(l, _)| *l == props.link)
        .map(|(_, q)| q.clone());
    html! {
        <div class="print-link handout-link" data-testid="print-link">
            { for code.map(|q| qr_image(q.as_ref().as_ref(), "print-qr")) }
            <p class="handout-url">{ props.link.clone() }</p>
        </div>
    }
}

/// How long a view stays unchanged before the QR code of its printed link is made (ms).
const QR_AFTER_MS: u32 = 400;

/// A QR code as an inline SVG (black on white in every theme).
fn qr_image(q: Option<&evidence_core::share::qr::QrSvg>, testid: &'static str) -> Html {
    match q {
        Some(q) => html! {
            <svg class="qr" data-testid={testid} viewBox={format!("0 0 {0} {0}", q.size)}
                 role="img" aria-label="QR code of this page's link" shape-rendering="crispEdges">
                <rect class="qr-bg" width={q.size.to_string()} height={q.size.to_string()} />
                <path class="qr-fg" d={q.path.clone()} />
            </svg>
        },
        None => html! { <p>{ "This link is too long for a QR code." }</p> },
    }
}
