//! Compare two papers side by side (`compare::compare` in the core): their categories aligned
//! on the crosswalk dimensions, the evidence each cites there with the shared items marked (in
//! words, not only by colour), then every shared item with each paper's quotes side by side.

use std::rc::Rc;

use evidence_core::compare::{compare, pick_papers};
use evidence_core::view::{Action, Route, ViewState};
use yew::prelude::*;

use super::exports::ExportBar;
use super::filters_line::FiltersLine;
use super::quote::quotes_list;
use super::{count, href, on_nav, paper_mark, stance_tag};
use crate::browser;
use crate::data::Shared;

/// Props of `ComparePage`.
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view.
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
}

/// The compare page.
#[component]
pub fn ComparePage(props: &CompareProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let data = props.data.clone();
    let c = &data.0.corpus;
    let (left_id, right_id) = match &s.route {
        Route::Compare { left, right } => (left.clone(), right.clone()),
        _ => (None, None),
    };
    let Some((l, r)) = pick_papers(c, left_id.as_deref(), right_id.as_deref()) else {
        return html! { <p class="empty">{ "No paper to compare." }</p> };
    };
    let k = {
        let data = data.clone();
        let s = s.clone();
        use_memo((s.filters.clone(), s.search.clone(), l, r), move |_| {
            compare(&data.0.corpus, &data.0.index, &s, l, r)
        })
    };
    let picker = |side: &'static str, current: usize, other: usize| {
        let d = d.clone();
        let ids: Vec<String> = c.papers.iter().map(|p| p.id.clone()).collect();
        let onchange = Callback::from(move |e: Event| {
            let chosen = browser::select_value(&e);
            let other = ids.get(other).cloned();
            let route = if side == "left" {
                Route::Compare {
                    left: Some(chosen),
                    right: other,
                }
            } else {
                Route::Compare {
                    left: other,
                    right: Some(chosen),
                }
            };
            d.emit(Action::Navigate(route));
        });
        let id = format!("compare-{side}");
        html! {
            <span class="cmp-pick">
                <label for={id.clone()}>{ if side == "left" { "Left paper" } else { "Right paper" } }</label>
                <select id={id.clone()} data-testid={id} onchange={onchange}>
                    { for c.papers.iter().enumerate().map(|(i, p)| html! {
                        <option value={p.id.clone()} selected={i == current}>{ p.short_title.clone() }</option>
                    }) }
                </select>
            </span>
        }
    };
    let ev_list = |items: &[(usize, bool)]| {
        html! {
            <ul class="cmp-ev">
                { for items.iter().map(|&(e, shared)| {
                    let ev = &c.evidence[e];
                    let actions = vec![Action::Navigate(Route::Evidence { id: ev.id.clone() })];
                    html! {
                        <li class={classes!(shared.then_some("shared"))} data-testid="cmp-evidence" data-evidence={ev.id.clone()} data-shared={shared.to_string()}>
                            { if shared { html! { <span class="cmp-shared-tag" title="both papers cite it">{ "⇄ shared" }</span> } } else { html! {} } }
                            <a href={href(s, actions.clone())} onclick={on_nav(d, actions)}>{ ev.title.clone() }</a>
                            <span class="dim-tag">{ ev.date_text.clone() }</span>
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let cats = |ks: &[usize]| {
        html! {
            <ul class="cmp-cats">{ for ks.iter().map(|&k| {
                let cat = &c.categories[k];
                html! { <li><strong>{ cat.label.clone() }</strong>{ if cat.dimension.is_some() { stance_tag(cat.stance) } else { html! {} } }</li> }
            }) }</ul>
        }
    };
    let (lp, rp) = (&c.papers[l], &c.papers[r]);
    html! {
        <div class="compare" data-testid="compare-page">
            <div class="ov-head">
                <h1>{ "Compare two papers" }</h1>
                <div class="toolbar">{ picker("left", l, r) }{ picker("right", r, l) }</div>
            </div>
            <div class="ov-sub">
                <FiltersLine data={data.clone()} state={s.clone()} dispatch={d.clone()} />
                <ExportBar data={data.clone()} state={s.clone()} />
            </div>
            <p class="summary" data-testid="compare-summary">{ format!("{}: {} · {}: {} · {} both cite",
                lp.short_title, count(k.n_left, "evidence item", "evidence items"),
                rp.short_title, count(k.n_right, "evidence item", "evidence items"),
                count(k.shared.len(), "evidence item", "evidence items")) }</p>
            <table class="cmp-table" data-testid="compare">
                <caption class="visually-hidden">{ "The two papers' categories aligned on the crosswalk dimensions, with the evidence each cites" }</caption>
                <thead><tr>
                    <th scope="col">{ "Dimension" }</th>
                    <th scope="col">{ paper_mark(c, l) }{ format!(" {}", lp.short_title) }</th>
                    <th scope="col">{ paper_mark(c, r) }{ format!(" {}", rp.short_title) }</th>
                </tr></thead>
                <tbody>
                    { for k.rows.iter().map(|row| html! {
                        <tr data-testid="cmp-row" data-opposed={row.opposed.to_string()}>
                            <th scope="row">{ row.dimension.and_then(|x| c.dimensions.get(x)).map(|x| x.label.clone()).unwrap_or_else(|| "Framing and background (no dimension)".into()) }
                                { if row.opposed { html! { <span class="cmp-opposed" data-testid="cmp-opposed">{ "the papers weigh it differently" }</span> } } else { html! {} } }</th>
                            <td data-side="left">{ if row.left.categories.is_empty() { html! { <p class="empty">{ "No category of this paper here." }</p> } } else { html! { <>{ cats(&row.left.categories) }{ ev_list(&row.left.evidence) }</> } } }</td>
                            <td data-side="right">{ if row.right.categories.is_empty() { html! { <p class="empty">{ "No category of this paper here." }</p> } } else { html! { <>{ cats(&row.right.categories) }{ ev_list(&row.right.evidence) }</> } } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <section class="cmp-shared" aria-labelledby="cmp-shared-h">
                <h2 id="cmp-shared-h">{ format!("The same events in both papers ({})", k.shared.len()) }</h2>
                { if k.shared.is_empty() { html! { <p class="empty">{ "The two papers cite no common evidence under the current filters." }</p> } } else { html! {} } }
                { for k.shared.iter().map(|it| {
                    let ev = &c.evidence[it.evidence];
                    let side = |cs: &[usize]| html! {
                        <div class="cmp-col">
                            { for cs.iter().map(|&ki| html! {
                                <div class="panel-coding">
                                    <h4>{ c.categories[c.codings[ki].category].label.clone() }</h4>
                                    { quotes_list(c, ki, s, d) }
                                </div>
                            }) }
                        </div>
                    };
                    html! {
                        <article class="cmp-item" data-testid="cmp-shared" data-evidence={ev.id.clone()}>
                            <h3>{ format!("{} ", ev.title) }<span class="dim-tag">{ ev.when_where() }</span></h3>
                            <div class="cmp-two">{ side(&it.left) }{ side(&it.right) }</div>
                        </article>
                    }
                }) }
            </section>
        </div>
    }
}
