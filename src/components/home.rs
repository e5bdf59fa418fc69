//! The landing page: what the explorer holds in one line (the method is on the methods page),
//! then the tasks a reader can start from, the tour, how to read a cell and the papers.

use evidence_core::state::{quote_route, Action, Facet, OpenQuote, Route, RowGroup, ViewState};
use evidence_core::viewmodel::home::{
    corpus_counts, most_cited_evidence, paper_counts, summary_line, year,
};
use yew::prelude::*;

use super::{href, on_nav, paper_mark};
use crate::browser;
use crate::data::Shared;

/// Props of `Home`.
#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// Corpus and index.
    pub data: Shared,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The landing page.
#[component]
pub fn Home(props: &HomeProps) -> Html {
    let c = &props.data.0.corpus;
    let base = ViewState::default();
    let d = &props.dispatch;

    // Guided start, computed from the data: the evidence item that the most papers cite,
    // and the first category's definition in context.
    let shared = most_cited_evidence(c, &props.data.0.index);
    let first_coding = c.codings.first();
    let link = |actions: Vec<Action>, label: String, test: &str| {
        html! {
            <a href={href(&base, actions.clone())} onclick={on_nav(d, actions)}
               data-testid={test.to_string()}>{ label }</a>
        }
    };

    let legend = c.papers.iter().enumerate().map(|(i, p)| {
        html! {
            <li>{ paper_mark(c, i) }
                { format!(" {} ({}, {})", p.short_title, p.author, year(&p.date)) }</li>
        }
    });

    let tasks = vec![
        (
            vec![
                Action::Navigate(Route::Matrix),
                Action::SetRows(RowGroup::Dimension),
                Action::SetShared(true),
            ],
            "Find the events two or more papers cite, and how each files them".to_string(),
            "guided-shared",
        ),
        (
            vec![
                Action::Navigate(Route::Matrix),
                Action::SetRows(RowGroup::Dimension),
            ],
            "Compare the papers on shared dimensions".to_string(),
            "guided-1",
        ),
    ];
    let compare = vec![Action::Navigate(Route::Compare {
        left: None,
        right: None,
    })];
    let methods = vec![Action::Navigate(Route::About)];
    html! {
        <div class="home">
            <section class="intro">
                <h1>{ c.about.title.clone() }</h1>
                <p class="lede" data-testid="home-summary">{ summary_line(&c.about.description) }{ " " }
                    <a href={href(&base, methods.clone())} onclick={on_nav(d, methods)} data-testid="home-methods">{ "How it was coded →" }</a></p>
            </section>
            <section class="tasks" aria-labelledby="tasks-h">
                <h2 id="tasks-h">{ "Start with a question" }</h2>
                <ul class="task-list" data-testid="guided-start">
                    { for tasks.into_iter().map(|(a, label, test)| html! { <li>{ link(a, label, test) }</li> }) }
                    { for shared.map(|e| html! {
                        <li>{ link(vec![Action::Navigate(Route::Evidence { id: c.evidence[e].id.clone() })],
                            format!("See how the papers use one event: {}", c.evidence[e].title), "guided-2") }</li>
                    }) }
                    <li>{ link(compare, "Compare two papers side by side, event by event".into(), "guided-compare") }</li>
                    <li>{ link(vec![Action::Navigate(Route::Timeline)], "See when the events happened, on a timeline".into(), "guided-timeline") }</li>
                    { for first_coding.map(|k| {
                        let q = OpenQuote { coding: k.id.clone(), quote: 0 };
                        let route = quote_route(c, &q).unwrap_or(Route::Home);
                        html! { <li>{ link(vec![Action::Navigate(route), Action::OpenQuote(Some(q))],
                            format!("Read a quote in context: “{}”", evidence_core::query::filter::qualified_label(c, Facet::Category, &c.categories[k.category].id).unwrap_or_default()), "guided-3") }</li> }
                    }) }
                    <li>{ link(vec![Action::Navigate(Route::Matrix)], "Open the whole matrix, with filters and search".into(), "open-matrix") }</li>
                </ul>
                { default_tour(props) }
            </section>
            <p class="counts" data-testid="corpus-counts">{ corpus_counts(c) }</p>
            <super::open_link::OpenLink id="home" />
            <section class="how" aria-labelledby="how-h">
                <h2 id="how-h">{ "How to read the matrix" }</h2>
                <p>{ "Rows are the papers' own analytic categories (for example a partner's role as the author defines it). Columns are concrete evidence: speeches, agreements, operations, funds, exercises, statements, each with a date and place. A mark in a cell means a paper cites that evidence for that category; the letter says which paper, the number how many verbatim quotes support it. Select a cell to read the quotes; every quote opens highlighted in its paragraph." }</p>
                <ul class="legend" aria-label="Paper marks">{ for legend }</ul>
            </section>
            <section class="papers" id="papers" aria-labelledby="papers-h">
                <h2 id="papers-h">{ "The papers" }</h2>
                <ul class="paper-list" data-testid="paper-list">
                    { for c.papers.iter().enumerate().map(|(i, p)| {
                        let route = Route::Read { paper: p.id.clone(), block: None };
                        let actions = vec![Action::Navigate(route)];
                        html! {
                            <li class="paper-card" data-testid="paper-card" data-paper={p.id.clone()}>
                                <h3><a href={href(&base, actions.clone())} onclick={on_nav(d, actions)}>{ p.title.clone() }</a></h3>
                                <p class="byline">{ format!("{} · {}", p.author, p.affiliation) }</p>
                                <p class="venue">{ format!("{} · {}", p.venue, p.date) }</p>
                                <p class="stats">{ paper_counts(c, i) }</p>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        </div>
    }
}

/// "Present the tour": each of the corpus's own tours (`seeds/tours/<name>.toml`, the default
/// first), linked by name and presented from its first step, full screen where the browser
/// allows it. Nothing when the corpus has none.
fn default_tour(props: &HomeProps) -> Html {
    let c = &props.data.0.corpus;
    let mut tours: Vec<&evidence_core::model::NamedTour> = c.tours.iter().collect();
    tours.sort_by_key(|t| t.name != "default");
    let buttons: Vec<Html> = tours
        .into_iter()
        .filter_map(|t| {
            let frag = evidence_core::link::url::named_tour_fragment(t, c)?;
            let (data, dispatch, f) = (props.data.clone(), props.dispatch.clone(), frag.clone());
            let onclick = Callback::from(move |e: MouseEvent| {
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                    return;
                }
                e.prevent_default();
                let (state, _) = evidence_core::link::url::decode(&f, &data.0.corpus);
                browser::enter_fullscreen();
                dispatch.emit(Action::Replace(Box::new(state)));
            });
            let testid = if t.name == "default" {
                "start-default-tour".to_string()
            } else {
                format!("start-tour-{}", t.name)
            };
            let minutes = if t.minutes > 0 {
                format!(", about {} minutes", t.minutes)
            } else {
                String::new()
            };
            Some(html! {
                <a class="btn" href={format!("#{frag}")} {onclick} data-testid={testid}>
                    { format!("▶ Present the tour: {} ({} steps{minutes})", t.title, t.steps) }</a>
            })
        })
        .collect();
    if buttons.is_empty() {
        return html! {};
    }
    html! {
        <p class="start-tour">
            { for buttons }
            <span class="hint">{ " Keys: → or Space next, ← back, Esc leaves. Build your own with “Tour” in the top bar." }</span>
        </p>
    }
}
