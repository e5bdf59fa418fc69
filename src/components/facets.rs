//! Facet filters: each value with the number of evidence items it would leave; OR within a
//! facet, AND across facets; one click clears a facet or everything.

use std::collections::BTreeSet;
use std::rc::Rc;

use evidence_core::query::filter::{FacetCounts, FacetValue};
use evidence_core::state::{Action, Facet, Filters};
use evidence_core::viewmodel::facets::{
    checkbox_id, open_by_default, value_groups, year_span, years_after_input,
};
use evidence_core::viewmodel::PaperMark;
use evidence_core::Corpus;
use yew::prelude::*;

use crate::browser;

/// Props of `Facets`.
#[derive(Properties, PartialEq)]
pub struct FacetsProps {
    /// Counts computed by the core for the current state.
    pub counts: Rc<FacetCounts>,
    /// Current filters (the only part of the view the facets depend on).
    pub filters: Rc<Filters>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
    /// The corpus (papers' marks and titles for the category groups).
    pub corpus: crate::data::Shared,
}

/// The facet sidebar.
#[component]
pub fn Facets(props: &FacetsProps) -> Html {
    let corpus = props.corpus.clone();
    let filters = &props.filters;
    let d = &props.dispatch;
    // One callback for every checkbox: the facet and value travel in data attributes.
    let on_toggle = {
        let d = d.clone();
        use_callback((), move |e: Event, _| {
            let facet =
                browser::target_attribute(&e, "data-facet").and_then(|k| Facet::from_key(&k));
            if let (Some(f), Some(v)) = (facet, browser::target_attribute(&e, "data-value")) {
                browser::revert_checkbox(&e);
                d.emit(Action::ToggleFacet(f, v));
            }
        })
    };
    let years = filters.years;
    let (lo, hi) = year_span(&props.counts);
    let on_year = |is_start: bool| {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let text = browser::field_value(&e);
            d.emit(Action::SetYears(years_after_input(
                years,
                (lo, hi),
                is_start,
                &text,
            )));
        })
    };
    let shared = filters.shared;
    let on_shared = {
        let d = d.clone();
        Callback::from(move |_: Event| d.emit(Action::SetShared(!shared)))
    };
    // A closed facet's values are drawn once it is first opened: the place and actor lists are
    // long, and drawing them on every start-up and filter change costs time nobody sees.
    let opened = use_state(Vec::<Facet>::new);
    let on_details_toggle = {
        let opened = opened.clone();
        use_callback((), move |e: Event, _| {
            let facet =
                browser::target_attribute(&e, "data-facet").and_then(|k| Facet::from_key(&k));
            let is_open = browser::target_attribute(&e, "open").is_some();
            if let (Some(f), true) = (facet, is_open) {
                if !opened.contains(&f) {
                    let mut next = (*opened).clone();
                    next.push(f);
                    opened.set(next);
                }
            }
        })
    };
    let clear_years = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::SetYears(None)))
    };
    html! {
        <aside class="facets" aria-label="Filters" data-testid="facets">
            <h2 class="visually-hidden">{ "Filters" }</h2>
            <div class="facet shared-facet">
                <label for="f-shared">
                    <input type="checkbox" id="f-shared" data-testid="shared-only" checked={shared} onchange={on_shared} />
                    <span class="facet-label">{ "Only evidence two or more papers cite" }</span>
                    <span class="count" aria-label={super::count(props.counts.n_shared, "item", "items")}>{ props.counts.n_shared }</span>
                </label>
            </div>
            <fieldset class="facet years-facet">
                <legend>{ "Years" }</legend>
                <div class="years">
                    <label for="year-from" class="visually-hidden">{ "From year" }</label>
                    <input id="year-from" type="number" data-testid="year-from" min={lo.to_string()} max={hi.to_string()}
                        value={years.map(|y| y.0).unwrap_or(lo).to_string()} onchange={on_year(true)} />
                    <span aria-hidden="true">{ "–" }</span>
                    <label for="year-to" class="visually-hidden">{ "To year" }</label>
                    <input id="year-to" type="number" data-testid="year-to" min={lo.to_string()} max={hi.to_string()}
                        value={years.map(|y| y.1).unwrap_or(hi).to_string()} onchange={on_year(false)} />
                    { if years.is_some() { html! {
                        <button type="button" class="linklike facet-clear" onclick={clear_years}>{ "clear" }</button>
                    } } else { html! {} } }
                </div>
            </fieldset>
            { for props.counts.facets.iter().map(|fv| {
                let facet = fv.facet;
                let selected = filters.set(facet);
                let n_sel = selected.len();
                let clear = { let d = d.clone(); Callback::from(move |_: MouseEvent| d.emit(Action::ClearFacet(facet))) };
                // Once opened by the reader, a facet stays open when its last value is cleared.
                let open = open_by_default(facet, n_sel) || opened.contains(&facet);
                html! {
                    <details class="facet" open={open} data-testid={format!("facet-{}", facet.key())}
                        data-facet={facet.key()} ontoggle={on_details_toggle.clone()}>
                        <summary>{ facet.label() }{ if n_sel > 0 { format!(" ({n_sel})") } else { String::new() } }</summary>
                        { if n_sel > 0 { html! {
                            <button type="button" class="linklike facet-clear" onclick={clear}
                                data-testid={format!("clear-{}", facet.key())}>{ format!("Clear {}", facet.label().to_lowercase()) }</button>
                        } } else { html! {} } }
                        if open { { value_list(&corpus.0.corpus, facet, &fv.values, selected, &on_toggle) } }
                    </details>
                }
            }) }
        </aside>
    }
}

/// A facet's values (those of one paper grouped under its mark and title), each a checkbox
/// with the number of items it would leave.
fn value_list(
    corpus: &Corpus,
    facet: Facet,
    values: &[FacetValue],
    selected: &BTreeSet<String>,
    on_toggle: &Callback<Event>,
) -> Html {
    html! {
        <ul>
                { for value_groups(values).into_iter().map(|(paper, values)| {
                    let items = values.into_iter().map(|v| {
                        let checked = selected.contains(&v.id);
                        let id = checkbox_id(facet, &v.id);
                        let m = v.paper.map(|p| PaperMark::of(corpus, p));
                        html! {
                            <li key={v.id.clone()}>
                                <label for={id.clone()} class={classes!((v.count == 0 && !checked).then_some("zero"))}>
                                    <input type="checkbox" id={id} checked={checked}
                                        data-facet={facet.key()} data-value={v.id.clone()}
                                        onchange={on_toggle.clone()} />
                                    { for m.as_ref().map(|m| super::mark(m, false)) }
                                    <span class={classes!("facet-label", v.id.is_empty().then_some("none"))}>{ v.label.clone() }</span>
                                    <span class="count" aria-label={super::count(v.count, "item", "items")}>{ v.count }</span>
                                </label>
                            </li>
                        }
                    });
                    match paper.and_then(|p| corpus.papers.get(p).map(|x| (p, x))) {
                        Some((p, pp)) => html! {
                            <li key={format!("paper-{}", pp.id)} class="facet-group" data-testid="facet-group" data-paper={pp.id.clone()}>
                                <span class="facet-group-head">{ super::paper_mark(corpus, p) }{ format!(" {}", pp.short_title) }</span>
                                <ul role="group" aria-label={pp.short_title.clone()}>{ for items }</ul>
                            </li>
                        },
                        None => html! { <>{ for items }</> },
                    }
                }) }
        </ul>
    }
}
