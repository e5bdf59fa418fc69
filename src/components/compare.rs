//! Compare two papers side by side (`compare::compare` in the core): their categories aligned
//! on the crosswalk dimensions, the evidence each cites there with the shared items marked (in
//! words, not only by colour), then every shared item with each paper's quotes side by side.
//! The reader narrows it to one event or one dimension (the view's selection, so a link keeps
//! it and the page says so; a selection carried from the matrix shows the same way), jumps
//! within it, and every column names its paper with its mark, in headings that stay in view.

use evidence_core::query::compare::{compare, pick_papers, Comparison, Side};
use evidence_core::share::labels::selection_label;
use evidence_core::state::{Action, Route, ViewState};
use evidence_core::viewmodel::compare::{dimensions, events, focus, narrow};
use evidence_core::Corpus;
use yew::prelude::*;

use super::exports::ExportBar;
use super::filters_line::FiltersLine;
use super::quote::quotes_list;
use super::{count, href, on_nav, paper_mark, stance_tag, PageProps};
use crate::browser;

/// The compare page.
#[component]
pub fn ComparePage(props: &PageProps) -> Html {
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
        use_memo(
            (
                s.filters.clone(),
                s.search.clone(),
                s.selection.clone(),
                l,
                r,
            ),
            move |_| compare(&data.0.corpus, &data.0.index, &s, l, r),
        )
    };
    // The whole comparison (without the selection): what the narrowing lists offer.
    let whole = {
        let data = data.clone();
        let s = s.clone();
        use_memo((s.filters.clone(), s.search.clone(), l, r), move |_| {
            let st = ViewState {
                selection: None,
                ..(*s).clone()
            };
            compare(&data.0.corpus, &data.0.index, &st, l, r)
        })
    };
    // The column heads stick under the top bar, whose height depends on the width.
    use_effect_with((), |_| {
        let place = || {
            let h = browser::topbar_height();
            browser::set_css_vars("compare-page", &[("--topbar-h", format!("{h:.1}px"))]);
        };
        place();
        let listener = browser::on_resize(place);
        move || drop(listener)
    });
    let (lp, rp) = (&c.papers[l], &c.papers[r]);
    html! {
        <div class="compare" data-testid="compare-page">
            <div class="ov-head">
                <h1>{ "Compare two papers" }</h1>
                <div class="toolbar">{ paper_picker(c, d, "left", l, r) }{ paper_picker(c, d, "right", r, l) }</div>
            </div>
            <div class="ov-sub">
                <FiltersLine data={data.clone()} state={s.clone()} dispatch={d.clone()} />
                <ExportBar data={data.clone()} state={s.clone()} />
            </div>
            <p class="summary" data-testid="compare-summary">{ format!("{}: {} · {}: {} · {} both cite",
                lp.short_title, count(k.n_left, "evidence item", "evidence items"),
                rp.short_title, count(k.n_right, "evidence item", "evidence items"),
                count(k.shared.len(), "evidence item", "evidence items")) }</p>
            { for s.selection.as_ref().map(|sel| {
                let d = d.clone();
                html! {
                    <p class="cmp-narrowed" role="status" data-testid="cmp-narrowed">
                        <strong>{ "Narrowed to " }</strong>{ selection_label(c, sel) }
                        { " · only the two papers' codings of it are shown and exported. " }
                        <button type="button" class="btn btn-small" data-testid="cmp-show-all"
                            onclick={move |_: MouseEvent| d.emit(Action::Select(None))}>{ "Show the whole comparison" }</button>
                    </p>
                }
            }) }
            { narrow_bar(c, s, d, &whole, &k) }
            { compare_table(c, s, d, &k) }
            { shared_section(c, s, d, &k) }
        </div>
    }
}

/// The list that picks the paper on one side (`side`: "left" or "right").
fn paper_picker(
    c: &Corpus,
    d: &Callback<Action>,
    side: &'static str,
    current: usize,
    other: usize,
) -> Html {
    let d = d.clone();
    let ids: Vec<String> = c.papers.iter().map(|p| p.id.clone()).collect();
    let onchange = Callback::from(move |e: Event| {
        let chosen = browser::field_value(&e);
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
}

/// Narrow to one event or one dimension (the lists offer those of the whole comparison), and
/// jump within the comparison.
fn narrow_bar(
    c: &Corpus,
    s: &ViewState,
    d: &Callback<Action>,
    whole: &Comparison,
    k: &Comparison,
) -> Html {
    let (focus_ev, focus_dim) = focus(s.selection.as_ref());
    let on_event = {
        let (d, dim) = (d.clone(), focus_dim.clone());
        Callback::from(move |e: Event| {
            let v = browser::field_value(&e);
            d.emit(Action::Select(narrow(
                (!v.is_empty()).then_some(v),
                dim.clone(),
            )));
        })
    };
    let on_dim = {
        let (d, ev) = (d.clone(), focus_ev.clone());
        Callback::from(move |e: Event| {
            let v = browser::field_value(&e);
            d.emit(Action::Select(narrow(
                ev.clone(),
                (!v.is_empty()).then_some(v),
            )));
        })
    };
    html! {
        <div class="toolbar cmp-narrow" data-testid="cmp-narrow">
            <span class="cmp-pick">
                <label for="cmp-event">{ "One event" }</label>
                <select id="cmp-event" data-testid="cmp-event" onchange={on_event}>
                    <option value="" selected={focus_ev.is_none()}>{ "All events" }</option>
                    { for events(whole).into_iter().map(|(e, shared)| {
                        let ev = &c.evidence[e];
                        html! { <option value={ev.id.clone()} selected={focus_ev.as_deref() == Some(ev.id.as_str())}>
                            { format!("{}{} ({})", if shared { "⇄ " } else { "" }, ev.title, ev.date_text) }</option> }
                    }) }
                </select>
            </span>
            <span class="cmp-pick">
                <label for="cmp-dim">{ "One dimension" }</label>
                <select id="cmp-dim" data-testid="cmp-dim" onchange={on_dim}>
                    <option value="" selected={focus_dim.is_none()}>{ "All dimensions" }</option>
                    { for dimensions(whole).into_iter().map(|x| {
                        let dim = &c.dimensions[x];
                        html! { <option value={dim.id.clone()} selected={focus_dim.as_deref() == Some(dim.id.as_str())}>{ dim.label.clone() }</option> }
                    }) }
                </select>
            </span>
            <nav class="cmp-jump-to" aria-label="Jump within the comparison">
                <span>{ "Jump to: " }</span>
                { for k.rows.iter().map(|row| {
                    let target = row_anchor(row.dimension);
                    let label = row.dimension.and_then(|x| c.dimensions.get(x)).map(|x| x.label.clone()).unwrap_or_else(|| "Framing".into());
                    html! { <button type="button" class="linklike" onclick={move |_: MouseEvent| browser::scroll_to(&target)}>{ label }</button> }
                }) }
                <button type="button" class="linklike" data-testid="cmp-jump-shared" onclick={|_: MouseEvent| browser::scroll_to("cmp-shared-h")}>
                    { format!("The same events ({})", k.shared.len()) }</button>
            </nav>
        </div>
    }
}

/// The evidence one side cites on a row, the shared items marked in words.
fn ev_list(c: &Corpus, s: &ViewState, d: &Callback<Action>, items: &[(usize, bool)]) -> Html {
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
}

/// One side of a row: its categories (with their stance on the dimension) and their evidence.
fn side_cell(
    c: &Corpus,
    s: &ViewState,
    d: &Callback<Action>,
    side: &Side,
    which: &'static str,
) -> Html {
    if side.categories.is_empty() {
        return html! { <td data-side={which}><p class="empty">{ "No category of this paper here." }</p></td> };
    }
    let cats = html! {
        <ul class="cmp-cats">{ for side.categories.iter().map(|&k| {
            let cat = &c.categories[k];
            html! { <li data-testid="cmp-category" data-category={cat.id.clone()}><strong>{ cat.label.clone() }</strong>{ if cat.dimension.is_some() { stance_tag(cat.stance) } else { html! {} } }</li> }
        }) }</ul>
    };
    html! { <td data-side={which}>{ cats }{ ev_list(c, s, d, &side.evidence) }</td> }
}

/// The table: the two papers' categories aligned on the crosswalk dimensions.
fn compare_table(c: &Corpus, s: &ViewState, d: &Callback<Action>, k: &Comparison) -> Html {
    let (lp, rp) = (&c.papers[k.left], &c.papers[k.right]);
    html! {
        <table class="cmp-table" data-testid="compare">
            <caption class="visually-hidden">{ "The two papers' categories aligned on the crosswalk dimensions, with the evidence each cites" }</caption>
            <thead><tr>
                <th scope="col">{ "Dimension" }</th>
                <th scope="col" data-testid="cmp-side-head" data-side="left" data-paper={lp.id.clone()}>{ paper_mark(c, k.left) }{ format!(" {}", lp.short_title) }</th>
                <th scope="col" data-testid="cmp-side-head" data-side="right" data-paper={rp.id.clone()}>{ paper_mark(c, k.right) }{ format!(" {}", rp.short_title) }</th>
            </tr></thead>
            <tbody>
                { for k.rows.iter().map(|row| html! {
                    <tr data-testid="cmp-row" id={row_anchor(row.dimension)} data-opposed={row.opposed.to_string()}>
                        <th scope="row">{ row.dimension.and_then(|x| c.dimensions.get(x)).map(|x| x.label.clone()).unwrap_or_else(|| "Framing and background (no dimension)".into()) }
                            { if row.opposed { html! { <span class="cmp-opposed" data-testid="cmp-opposed">{ "the papers weigh it differently" }</span> } } else { html! {} } }</th>
                        { side_cell(c, s, d, &row.left, "left") }
                        { side_cell(c, s, d, &row.right, "right") }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Every item both papers cite, with each paper's quotes side by side.
fn shared_section(c: &Corpus, s: &ViewState, d: &Callback<Action>, k: &Comparison) -> Html {
    let (l, r) = (k.left, k.right);
    let (lp, rp) = (&c.papers[l], &c.papers[r]);
    html! {
        <section class="cmp-shared" aria-labelledby="cmp-shared-h">
            <h2 id="cmp-shared-h">{ format!("The same events in both papers ({})", k.shared.len()) }</h2>
            { if k.shared.len() > 1 { html! {
                <nav class="cmp-jump" aria-label="The same events in both papers" data-testid="cmp-events-jump">
                    <ol>{ for k.shared.iter().map(|it| {
                        let ev = &c.evidence[it.evidence];
                        let target = format!("cmp-ev-{}", it.evidence);
                        html! { <li><button type="button" class="linklike" onclick={move |_: MouseEvent| browser::scroll_to(&target)}>
                            { format!("{} ({})", ev.title, ev.date_text) }</button></li> }
                    }) }</ol>
                </nav>
            } } else { html! {} } }
            { if k.shared.is_empty() { html! {} } else { html! {
                <div class="cmp-sides" aria-hidden="true" data-testid="cmp-sides">
                    <span data-testid="cmp-side-head" data-side="left" data-paper={lp.id.clone()}>{ paper_mark(c, l) }{ format!(" {}", lp.short_title) }</span>
                    <span data-testid="cmp-side-head" data-side="right" data-paper={rp.id.clone()}>{ paper_mark(c, r) }{ format!(" {}", rp.short_title) }</span>
                </div>
            } } }
            { if k.shared.is_empty() { html! { <p class="empty">{ "The two papers cite no common evidence under the current filters." }</p> } } else { html! {} } }
            { for k.shared.iter().map(|it| {
                let ev = &c.evidence[it.evidence];
                let side = |cs: &[usize], p: usize, which: &'static str| html! {
                    <div class="cmp-col" data-side={which}>
                        <p class="cmp-col-head">{ paper_mark(c, p) }{ format!(" {}", c.papers[p].short_title) }</p>
                        { for cs.iter().map(|&ki| html! {
                            <div class="panel-coding" data-testid="cmp-coding" data-category={c.categories[c.codings[ki].category].id.clone()}>
                                <h4>{ c.categories[c.codings[ki].category].label.clone() }</h4>
                                { quotes_list(c, ki, s, d) }
                            </div>
                        }) }
                    </div>
                };
                html! {
                    <article class="cmp-item" data-testid="cmp-shared" data-evidence={ev.id.clone()} id={format!("cmp-ev-{}", it.evidence)}>
                        <h3>{ format!("{} ", ev.title) }<span class="dim-tag">{ ev.when_where() }</span></h3>
                        <div class="cmp-two">{ side(&it.left, l, "left") }{ side(&it.right, r, "right") }</div>
                    </article>
                }
            }) }
        </section>
    }
}

/// The element id of a comparison row (its dimension's index, `ctx` for the framing row).
fn row_anchor(dimension: Option<usize>) -> String {
    match dimension {
        Some(x) => format!("cmp-row-{x}"),
        None => "cmp-row-ctx".into(),
    }
}
