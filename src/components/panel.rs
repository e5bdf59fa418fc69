//! The drill-down panel: the quotes behind the selected cell, row or column, grouped by paper,
//! each with its section and a "Read in context" link.

use std::rc::Rc;

use evidence_core::state::{Action, Route, ViewState};
use evidence_core::viewmodel::panel;
use yew::prelude::*;

use super::quote::quotes_list;
use super::trail::TrailBar;
use super::{href, on_nav, paper_mark};
use crate::data::Shared;

/// Props of `Panel`.
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (its selection is shown).
    pub state: Rc<ViewState>,
    /// Codings behind the selection, grouped by paper (computed by the core).
    pub codings: Rc<Vec<usize>>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The panel for the current selection.
#[component]
pub fn Panel(props: &PanelProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let d = &props.dispatch;
    let Some(sel) = &s.selection else {
        return html! {};
    };
    let head = panel::head(c, sel);
    let close = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Select(None)))
    };
    let papers = panel::papers(c, &props.codings);
    html! {
        <aside class="panel" aria-labelledby="panel-title" data-testid="panel">
            <button type="button" class="btn panel-close" onclick={close} aria-label="Close the panel (Escape)" data-testid="panel-close">{ "✕" }</button>
            <p class="kicker">{ head.kicker }</p>
            <h2 id="panel-title">{ head.title }</h2>
            <p class="summary" data-testid="panel-summary">{ panel::summary(c, &props.codings) }</p>
            <TrailBar data={props.data.clone()} state={s.clone()} dispatch={d.clone()} />
            { for head.evidence.map(|e| {
                let actions = vec![Action::Navigate(Route::Evidence { id: e })];
                html! { <p><a href={href(s, actions.clone())} onclick={on_nav(d, actions)} data-testid="open-evidence-card">
                    { "Open the evidence card: every paper and category side by side →" }</a></p> }
            }) }
            { if props.codings.is_empty() { html! {
                <p class="empty">{ "No coded quote here under the current filters: a gap means none of the papers cites this evidence for this category (the papers are silent, not uncoded)." }</p>
            } } else { html! {} } }
            { for papers.iter().map(|&p| {
                let paper = &c.papers[p];
                html! {
                    <section class="panel-paper" data-testid="panel-paper" data-paper={paper.id.clone()}>
                        <h3>{ paper_mark(c, p) }{ format!(" {}", paper.short_title) }</h3>
                        { for props.codings.iter().filter(|&&k| c.codings[k].paper == p).map(|&k| {
                            let coding = &c.codings[k];
                            let cat = &c.categories[coding.category];
                            let ev = &c.evidence[coding.evidence];
                            html! {
                                <div class="panel-coding" data-testid="panel-coding">
                                    <h4>{ format!("{} — {}", cat.label, ev.title) }
                                        <span class="dim-tag">{ ev.when_where() }</span></h4>
                                    { if coding.rationale.is_empty() { html! {} } else { html! {
                                        <p class="rationale" data-testid="rationale">
                                            <span class="rationale-label">{ "Why coded: " }</span>{ coding.rationale.clone() }
                                        </p>
                                    } } }
                                    { quotes_list(c, k, s, d) }
                                </div>
                            }
                        }) }
                    </section>
                }
            }) }
        </aside>
    }
}
