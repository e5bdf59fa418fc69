//! The methods page's agreement section: the protocol, the units, both stages per paper and
//! overall with their intervals, whole items, each category, the crosswalk, the resolutions
//! by outcome (and each one), and what the figures do not show. Every figure is the build's
//! (`Corpus::agreement`); the words are the core's (`evidence_core::query::agreement`).

use evidence_core::query::agreement::{
    double_coded, estimate_text, kind_label, outcome_counts, outcome_label,
};
use evidence_core::state::Action;
use evidence_core::viewmodel::methods::quote_route;
use evidence_core::{AgreementFigures, AgreementStudy, Corpus, Quote};
use yew::prelude::*;

use super::{href, on_nav, PageProps};

/// One row of the stage tables: the paper's short title (or "All double-coded papers").
fn rows(c: &Corpus, s: &AgreementStudy) -> Vec<(String, String, AgreementFigures)> {
    let mut out: Vec<(String, String, AgreementFigures)> = s
        .papers
        .iter()
        .map(|p| {
            (
                c.papers[p.paper].id.clone(),
                c.papers[p.paper].short_title.clone(),
                p.figures.clone(),
            )
        })
        .collect();
    if s.papers.len() > 1 {
        out.push((
            "overall".into(),
            "All double-coded papers (pooled)".into(),
            s.overall.clone(),
        ));
    }
    out
}

/// The agreement section.
#[component]
pub fn AgreementSection(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    let Some(s) = &c.agreement else {
        return html! { <p data-testid="methods-no-agreement">{ "This corpus records no second, independent coding yet." }</p> };
    };
    let (coded, not_coded) = double_coded(c);
    let rows = rows(c, s);
    html! {
        <div class="m-agreement" data-testid="methods-agreement">
            <p data-testid="agreement-protocol">
                { format!("Double-coded: {}. ", coded.join("; ")) }
                { if not_coded.is_empty() { String::new() } else { format!("Not double-coded: {}. ", not_coded.join("; ")) } }
                { "A second coder swept and coded these papers from the paper texts, the methods rules and the category and dimension definitions alone — not from the evidence list, the codings or the sweeps — and mapped every category onto the dimensions; their files were committed before anything was compared, and the build fails if one of them changes (their SHA-256 is recorded). The first coding compared is the first coder's sweep as it stood then (kept as a copy, so that later changes of the codebook do not change these figures). Every figure below is computed by the build from those files; none is typed by hand." }
            </p>
            <details class="m-procedure">
                <summary>{ "How each second coding was made (in the second coder's words)" }</summary>
                { for s.papers.iter().map(|p| html! {
                    <p><strong>{ format!("{} ({}, {}): ", c.papers[p.paper].short_title, p.coder, p.made) }</strong>{ p.procedure.clone() }
                        <br/><em>{ format!("Compared with: {}.", p.first_source) }</em></p>
                }) }
                { for s.crosswalk.iter().map(|w| html! {
                    <p><strong>{ format!("Crosswalk ({}, {}): ", w.coder, w.made) }</strong>{ w.procedure.clone() }</p>
                }) }
            </details>

            { units_defined(s) }
            { stage_tables(&rows) }
            { per_category(c, s) }
            { crosswalk(c, s) }
            { resolutions(props, s) }
            { limits() }
        </div>
    }
}

/// The units and the figures, defined.
fn units_defined(s: &AgreementStudy) -> Html {
    html! {
        <>
        <h4>{ "The units" }</h4>
        <dl class="m-numbers" data-testid="agreement-units-defined">
            <dt>{ "Mention" }</dt>
            <dd>{ "A place in the paper that a coder marks as evidence: a verbatim locator, found in one paragraph or footnote (the first coder's sweep mentions coded as evidence; the second coder's units decided as evidence)." }</dd>
            <dt>{ "Unit" }</dt>
            <dd>{ "Mentions of either coder match when they stand in the same paragraph or footnote and touch a common sentence (overlapping text always does). A unit is a connected group of matching mentions; a coder treats the unit as evidence when one of their mentions is in it, with all their categories and items there. Excluded mentions make no unit; they only say what the other coder decided." }</dd>
            <dt>{ "Stage 1: unitizing" }</dt>
            <dd>{ "Units both coders treat as evidence, and those only one does. Positive agreement = 2 × both ÷ (2 × both + first only + second only): what neither coder marks is not counted, so it cannot inflate the figure. (Krippendorff's alpha-u is not reported: a locator points at a mention, it does not mark its boundaries, so a character-level figure would measure how long each coder's quotes are.)" }</dd>
            <dt>{ "Stage 2: categorization" }</dt>
            <dd>{ "On the units both found, each coder's value is the set of categories they give the unit, as one nominal value: Cohen's kappa and Krippendorff's alpha (nominal). Also each unit × category as a yes/no decision: positive agreement, pooled and per category." }</dd>
            <dt>{ "Whole items" }</dt>
            <dd>{ "Do both coders find the same real events? The first coder's evidence items and the second coder's items (named in words) are linked when they stand in a unit both found; a maximum matching pairs them; an item left unpaired was found by one coder only. Positive agreement as above." }</dd>
            <dt>{ "Intervals" }</dt>
            <dd>{ format!("95% percentile bootstrap, {} resamples with a fixed seed ({}), so every build gives the same interval. Resampled are clusters, not units: units that share an item (an evidence item of the first coder or an item of the second) are one cluster, so a real event mentioned several times is drawn whole; items are drawn by connected groups. \"Not defined\": no units, or every value the same (nothing to correct for chance).", s.resamples, s.seed) }</dd>
        </dl>
        </>
    }
}

/// Both stages and the whole items, per paper and pooled.
fn stage_tables(rows: &[(String, String, AgreementFigures)]) -> Html {
    html! {
        <>
        <h4>{ "Stage 1: which mentions are evidence" }</h4>
        <table class="m-table" data-testid="agreement-stage1">
            <thead><tr><th scope="col">{ "Paper" }</th><th scope="col">{ "Evidence mentions, first coder" }</th><th scope="col">{ "…second coder" }</th>
                <th scope="col">{ "Units both" }</th><th scope="col">{ "First only" }</th><th scope="col">{ "Second only" }</th><th scope="col">{ "Positive agreement (95% CI)" }</th></tr></thead>
            <tbody>{ for rows.iter().map(|(id, title, f)| html! {
                <tr data-paper={id.clone()}><th scope="row">{ title.clone() }</th><td>{ f.first_mentions }</td><td>{ f.second_mentions }</td>
                    <td>{ f.units.both }</td><td>{ f.units.only_first }</td><td>{ f.units.only_second }</td><td>{ estimate_text(&f.units_pa) }</td></tr>
            }) }</tbody>
        </table>

        <h4>{ "Stage 2: categories of the units both found" }</h4>
        <table class="m-table" data-testid="agreement-stage2">
            <thead><tr><th scope="col">{ "Paper" }</th><th scope="col">{ "Units both found" }</th><th scope="col">{ "Same categories" }</th>
                <th scope="col">{ "Cohen's kappa (95% CI)" }</th><th scope="col">{ "Krippendorff's alpha (95% CI)" }</th><th scope="col">{ "Positive agreement, unit × category (95% CI)" }</th></tr></thead>
            <tbody>{ for rows.iter().map(|(id, title, f)| html! {
                <tr data-paper={id.clone()}><th scope="row">{ title.clone() }</th><td>{ f.units.both }</td><td>{ f.agreed }</td>
                    <td>{ estimate_text(&f.kappa) }</td><td>{ estimate_text(&f.alpha) }</td><td>{ estimate_text(&f.decisions_pa) }</td></tr>
            }) }</tbody>
        </table>

        <h4>{ "Whole items: the same real events?" }</h4>
        <table class="m-table" data-testid="agreement-items">
            <thead><tr><th scope="col">{ "Paper" }</th><th scope="col">{ "Found by both" }</th><th scope="col">{ "First coder only" }</th><th scope="col">{ "Second coder only" }</th>
                <th scope="col">{ "Positive agreement (95% CI)" }</th><th scope="col">{ "Clusters resampled" }</th></tr></thead>
            <tbody>{ for rows.iter().map(|(id, title, f)| html! {
                <tr data-paper={id.clone()}><th scope="row">{ title.clone() }</th><td>{ f.items.both }</td><td>{ f.items.only_first }</td><td>{ f.items.only_second }</td>
                    <td>{ estimate_text(&f.items_pa) }</td><td>{ f.clusters }</td></tr>
            }) }</tbody>
        </table>
        </>
    }
}

/// Each category's positive agreement, per paper.
fn per_category(c: &Corpus, s: &AgreementStudy) -> Html {
    html! {
        <details class="m-per-category" data-testid="agreement-categories">
            <summary>{ "Each category: positive agreement on the units both found" }</summary>
            { for s.papers.iter().map(|p| html! {
                <table class="m-table">
                    <caption>{ c.papers[p.paper].short_title.clone() }</caption>
                    <thead><tr><th scope="col">{ "Category" }</th><th scope="col">{ "Both" }</th><th scope="col">{ "First only" }</th><th scope="col">{ "Second only" }</th><th scope="col">{ "Positive agreement (95% CI)" }</th></tr></thead>
                    <tbody>{ for p.categories.iter().map(|k| html! {
                        <tr data-category={c.categories[k.category].id.clone()}><th scope="row">{ c.categories[k.category].label.clone() }</th>
                            <td>{ k.tally.both }</td><td>{ k.tally.only_first }</td><td>{ k.tally.only_second }</td><td>{ estimate_text(&k.pa) }</td></tr>
                    }) }</tbody>
                </table>
            }) }
        </details>
    }
}

/// The crosswalk coded twice: the figures and each category's dimension by each coder.
fn crosswalk(c: &Corpus, s: &AgreementStudy) -> Html {
    html! {
        { for s.crosswalk.iter().map(|w| html! {
            <>
            <h4>{ "The crosswalk, coded twice" }</h4>
            <p data-testid="agreement-crosswalk">
                { format!("{} of {} categories on the same primary dimension; Cohen's kappa {}, Krippendorff's alpha {} (the categories resampled). Secondary links: {} in both crosswalks, {} in the codebook's only, {} in the second coder's only. ",
                    w.agreed, w.links, estimate_text(&w.kappa), estimate_text(&w.alpha), w.secondary.both, w.secondary.only_first, w.secondary.only_second) }
                { if w.stances.0 == 0 { "Stances: the codebook records none, so the second coder's stances are listed but not compared.".to_string() } else { format!("Stances: {} of {} compared agree.", w.stances.1, w.stances.0) } }
            </p>
            <details>
                <summary>{ "Each category's dimension by each coder" }</summary>
                <table class="m-table">
                    <thead><tr><th scope="col">{ "Category" }</th><th scope="col">{ "Codebook" }</th><th scope="col">{ "Second coder" }</th><th scope="col">{ "Second coder's reason" }</th></tr></thead>
                    <tbody>{ for w.rows.iter().map(|r| {
                        let dim = |d: Option<usize>, st: &str| {
                            let name = d.and_then(|d| c.dimensions.get(d)).map_or("none".to_string(), |d| d.label.clone());
                            if st.is_empty() { name } else { format!("{name} ({st})") }
                        };
                        html! {
                            <tr><th scope="row">{ c.categories[r.category].label.clone() }</th><td>{ dim(r.first, &r.first_stance) }</td>
                                <td>{ dim(r.second, &r.second_stance) }</td><td>{ r.why.clone() }</td></tr>
                        }
                    }) }</tbody>
                </table>
            </details>
            </>
        }) }
    }
}

/// The disagreements by outcome of the third reading, and each one with its reason.
fn resolutions(props: &PageProps, s: &AgreementStudy) -> Html {
    let c = &props.data.0.corpus;
    let counts = outcome_counts(s);
    let total: [usize; 3] = counts
        .iter()
        .fold([0; 3], |a, (_, n)| [a[0] + n[0], a[1] + n[1], a[2] + n[2]]);
    let link = |paper: usize, q: &Quote| {
        let actions = vec![Action::Navigate(quote_route(c, paper, q))];
        html! { <a href={href(&props.state, actions.clone())} onclick={on_nav(&props.dispatch, actions)}>{ "in context →" }</a> }
    };
    html! {
        <>
        <h4>{ "Disagreements, resolved by a third reading" }</h4>
        <p>{ format!("{} disagreements; each was read again in the paper and decided with a reason: {} went to the first coder, {} to the second coder, {} to neither (a new decision).", s.disagreements.len(), total[0], total[1], total[2]) }</p>
        <table class="m-table" data-testid="agreement-resolutions">
            <thead><tr><th scope="col">{ "Disagreement" }</th><th scope="col">{ "First coder" }</th><th scope="col">{ "Second coder" }</th><th scope="col">{ "Neither" }</th></tr></thead>
            <tbody>{ for counts.iter().map(|(k, n)| html! {
                <tr><th scope="row">{ kind_label(*k) }</th><td>{ n[0] }</td><td>{ n[1] }</td><td>{ n[2] }</td></tr>
            }) }</tbody>
        </table>
        <details>
            <summary>{ "Each disagreement and its resolution" }</summary>
            <ol class="m-disagreements">
                { for s.disagreements.iter().map(|d| html! {
                    <li>
                        <strong>{ format!("{} — {}: ", c.papers[d.paper].short_title, kind_label(d.kind)) }</strong>
                        { for d.locator.iter().map(|q| html! { <>{ format!("“{}” ", q.text) }{ link(d.paper, q) }</> }) }
                        { for d.category.map(|k| html! { { format!("“{}”", c.categories[k].label) } }) }
                        <br/>{ format!("First coder: {}. Second coder: {}. ", d.first, d.second) }
                        <br/><strong>{ format!("Went to: {}. ", outcome_label(d.outcome)) }</strong>{ d.reason.clone() }
                    </li>
                }) }
            </ol>
        </details>
        </>
    }
}

/// What the figures do not show.
fn limits() -> Html {
    html! {
        <>
        <h4>{ "What these figures do not show" }</h4>
        <ul data-testid="agreement-limits">
            <li>{ "Agreement on which mentions are evidence and under which category is not agreement on the weight of evidence: counts follow the authors' citing habits, not how strong an event is." }</li>
            <li>{ "Categories follow largely from where a mention stands (each category's own section, the context rule, the descriptive part), so high categorization agreement on the units both found is expected; the unitizing and whole-item figures are the harder test." }</li>
            <li>{ "Units are sentences: two coders who mark adjacent sentences about one event count as two one-sided units; the whole-item figure abstracts from that. The second coder's items are named in words and matched as written (case and spacing aside), so one event named two ways counts as two." }</li>
            <li>{ "The evidence items' records (titles, dates, places, sources), the splits of events into items and the rationales were made by the first coder alone; the second coder's crosswalk was made after their coding and compared with the codebook's, whose notes are the first coder's." }</li>
            <li>{ "The third reading was made by one reader who knew both codings, so its outcomes are decisions, not a further agreement figure." }</li>
            <li>{ "Two of the three papers are by one author, so agreement across papers is partly one author agreeing with himself; the figures compare coders, not papers." }</li>
        </ul>
        </>
    }
}
