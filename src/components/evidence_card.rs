//! The evidence card: one evidence item across all papers and categories side by side, with
//! its date, place, actors and the primary sources the footnotes cite.

use evidence_core::state::{Action, Route, RowKey, Selection};
use evidence_core::viewmodel::dimension_label;
use yew::prelude::*;

use super::quote::quotes_list;
use super::{href, on_nav, paper_mark, PageProps};

/// The page of one evidence item.
#[component]
pub fn EvidencePage(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let d = &props.dispatch;
    let Route::Evidence { id } = &s.route else {
        return html! {};
    };
    let Some(ei) = c.evidence_idx(id) else {
        return html! { <p class="empty">{ "No such evidence item." }</p> };
    };
    let e = &c.evidence[ei];
    let codings: Vec<usize> = (0..c.codings.len())
        .filter(|&k| c.codings[k].evidence == ei)
        .collect();
    let back = vec![
        Action::Navigate(Route::Matrix),
        Action::Select(Some(Selection::Column(e.id.clone()))),
    ];
    let columns = c.papers.iter().enumerate().map(|(pi, p)| {
        let mine: Vec<usize> = codings.iter().copied().filter(|&k| c.codings[k].paper == pi).collect();
        html! {
            <section class={classes!("ev-paper", mine.is_empty().then_some("silent"))} data-testid="evidence-paper" data-paper={p.id.clone()}>
                <h2>{ paper_mark(c, pi) }{ format!(" {}", p.short_title) }</h2>
                { if mine.is_empty() {
                    html! { <p class="silent-note">{ "This paper does not cite this evidence." }</p> }
                } else { html! {
                    <ul class="ev-codings">
                        { for mine.iter().map(|&k| {
                            let cat = &c.categories[c.codings[k].category];
                            let sel = Selection::Cell { row: RowKey::Category(cat.id.clone()), evidence: e.id.clone() };
                            let actions = vec![Action::Navigate(Route::Matrix), Action::Select(Some(sel))];
                            html! {
                                <li class="ev-coding" data-testid="evidence-coding">
                                    <h3>{ "Filed under " }
                                        <a href={href(s, actions.clone())} onclick={on_nav(d, actions)}>{ cat.label.clone() }</a>
                                        <span class="dim-tag">{ dimension_label(c, c.codings[k].category) }</span>
                                    </h3>
                                    { quotes_list(c, k, s, d) }
                                </li>
                            }
                        }) }
                    </ul>
                } } }
            </section>
        }
    });
    html! {
        <article class="evidence-card" data-testid="evidence-card" data-evidence={e.id.clone()}>
            <p class="crumb"><a href={href(s, back.clone())} onclick={on_nav(d, back)}>{ "← Back to the matrix" }</a></p>
            <header>
                <p class="kicker">{ format!("{} · {}", c.kinds[e.kind], c.domains[e.domain]) }</p>
                <h1>{ e.title.clone() }</h1>
                <dl class="facts">
                    <dt>{ "Date" }</dt><dd data-testid="evidence-date">{ e.date_text.clone() }</dd>
                    <dt>{ "Place" }</dt><dd>{ evidence_core::model::place_label(&e.place) }</dd>
                    <dt>{ "Actors" }</dt><dd>{ e.actors.join(", ") }</dd>
                </dl>
                { if e.note.is_empty() { html! {} } else { html! { <p class="ev-note">{ e.note.clone() }</p> } } }
            </header>
            <div class="ev-compare" aria-label="How each paper uses this evidence">{ for columns }</div>
            { if e.sources.is_empty() { html! {} } else { html! {
                <section class="sources">
                    <h2>{ "Primary sources cited" }</h2>
                    <ul>{ for e.sources.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul>
                </section>
            } } }
        </article>
    }
}
