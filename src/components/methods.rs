//! The methods page: the papers, the categories with their definitions in the authors' words,
//! the crosswalk with its justifications, the coding rules, the judgement calls recorded in the
//! codebook, how every number is computed, the sweep and agreement figures when the corpus has
//! them, the exchange files (REFI-QDA, Web Annotations: downloads of the whole corpus and what
//! they leave out), and the corpus version. Everything shown comes from the corpus.

use evidence_core::interop::annotations::annotations_jsonld;
use evidence_core::interop::refi::{project_qdpx, Scope};
use evidence_core::interop::{FILES, OMITTED};
use evidence_core::query::methods::{judgement_calls, sweep_summaries};
use evidence_core::query::overview::rule_text;
use evidence_core::share::versions::version_line;
use evidence_core::state::{Action, Measure, OverviewCols, RowGroup};
use evidence_core::viewmodel::methods::quote_route;
use evidence_core::{CategoryKind, Corpus, Quote};
use yew::prelude::*;

use super::agreement::AgreementSection;
use super::{count, href, on_nav, paper_mark, stance_tag, PageProps};
use crate::data::Shared;

fn kind_label(k: CategoryKind) -> &'static str {
    match k {
        CategoryKind::Analytic => "analytic",
        CategoryKind::Descriptive => "descriptive",
        CategoryKind::Context => "context (framing and background)",
    }
}

/// A quote of paper `paper` in the authors' words, with a link to it in the reader.
fn quote(props: &PageProps, paper: usize, q: &Quote, test: &str) -> Html {
    let actions = vec![Action::Navigate(quote_route(
        &props.data.0.corpus,
        paper,
        q,
    ))];
    html! {
        <blockquote class="m-quote" data-testid={test.to_string()}>
            { format!("“{}” ", q.text) }
            <a href={href(&props.state, actions.clone())} onclick={on_nav(&props.dispatch, actions)}>{ "in context →" }</a>
        </blockquote>
    }
}

/// The methods page.
#[component]
pub fn Methods(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    // A page, not a position: open at its top.
    use_effect_with((), |_| crate::browser::scroll_to("methods-top"));
    let n_quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
    let (exported, on_whole_refi, on_whole_anno) = use_whole_exports(&props.data);
    html! {
        <article class="methods" data-testid="methods">
            <div id="methods-top"></div>
            <h1>{ "Methods: how this corpus was made and how every number is computed" }</h1>
            <p class="lede">{ c.about.description.clone() }</p>
            <p data-testid="methods-version"><strong>{ "Version: " }</strong>{ version_line(c) }
                { if c.about.hash.is_empty() { " (this build records no hash of the seed files; links carry no version)" } else { " — every link, export and printout carries it" } }</p>
            <p class="counts">{ [count(c.papers.len(), "paper", "papers"), count(c.categories.len(), "category", "categories"),
                count(c.dimensions.len(), "dimension", "dimensions"), count(c.evidence.len(), "evidence item", "evidence items"),
                count(c.codings.len(), "coding", "codings"), count(n_quotes, "quote", "quotes")].join(" · ") }</p>
            <nav aria-label="On this page" class="m-toc">
                <button type="button" class="linklike" onclick={jump("m-report")}>{ "Question, approach, coders, limitations" }</button>
                <button type="button" class="linklike" onclick={jump("m-papers")}>{ "Papers" }</button>
                <button type="button" class="linklike" onclick={jump("m-categories")}>{ "Categories" }</button>
                <button type="button" class="linklike" onclick={jump("m-crosswalk")}>{ "Crosswalk" }</button>
                <button type="button" class="linklike" onclick={jump("m-rules")}>{ "Coding rules" }</button>
                <button type="button" class="linklike" onclick={jump("m-calls")}>{ "Judgement calls" }</button>
                <button type="button" class="linklike" onclick={jump("m-changelog")}>{ "Changelog" }</button>
                <button type="button" class="linklike" onclick={jump("m-numbers")}>{ "How the numbers are computed" }</button>
                <button type="button" class="linklike" onclick={jump("m-sweep")}>{ "Completeness and agreement" }</button>
                <button type="button" class="linklike" onclick={jump("m-exchange")}>{ "Exchange files" }</button>
            </nav>

            { report_and_papers(c) }
            { categories(props) }
            { crosswalk(props) }
            { codebook_records(c) }
            { numbers() }
            { sweep(props) }
            { exchange(&exported, on_whole_refi, on_whole_anno) }
        </article>
    }
}

/// The downloads of the whole corpus as REFI-QDA and as Web Annotations, and what the last
/// one did (for the status line).
#[hook]
fn use_whole_exports(
    data: &Shared,
) -> (
    UseStateHandle<String>,
    Callback<MouseEvent>,
    Callback<MouseEvent>,
) {
    let exported = use_state(String::new);
    let on_whole_refi = {
        let (data, exported) = (data.clone(), exported.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let bytes = project_qdpx(c, &Scope::all(c));
            let r = crate::browser::download_bytes(FILES[1], "application/zip", &bytes);
            exported.set(download_status(r, FILES[1]));
        })
    };
    let on_whole_anno = {
        let (data, exported) = (data.clone(), exported.clone());
        Callback::from(move |_: MouseEvent| {
            let c = &data.0.corpus;
            let text = annotations_jsonld(c, &Scope::all(c));
            let r = crate::browser::download(FILES[2], "application/ld+json", &text);
            exported.set(download_status(r, FILES[2]));
        })
    };
    (exported, on_whole_refi, on_whole_anno)
}

/// What a download did, for the status line.
fn download_status(r: Result<(), ()>, name: &str) -> String {
    match r {
        Ok(()) => format!("Downloaded {name}"),
        Err(()) => "This browser refused the download.".into(),
    }
}

/// An in-page link that scrolls instead of changing the fragment (the fragment is the view).
fn jump(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        crate::browser::scroll_to(id);
    })
}

/// The study as the codebook reports it, and the papers.
fn report_and_papers(c: &Corpus) -> Html {
    html! {
        <>
        <section id="m-report" aria-labelledby="m-report-h">
            <h2 id="m-report-h">{ "The study: question, approach, texts, coders, limitations" }</h2>
            { if c.about.methods.is_empty() { html! { <p data-testid="methods-no-report">{ "The codebook records no methods report." }</p> } } else { html! {
                <>{ for c.about.methods.iter().map(|m| html! {
                    <section class="m-report" data-testid="methods-report" data-method={m.id.clone()}>
                        <h3>{ m.title.clone() }</h3>
                        <p>{ m.text.clone() }</p>
                    </section>
                }) }</>
            } } }
        </section>

        <section id="m-papers" aria-labelledby="m-papers-h">
            <h2 id="m-papers-h">{ "The papers" }</h2>
            <ul class="m-papers">
                { for c.papers.iter().enumerate().map(|(i, p)| html! {
                    <li>{ paper_mark(c, i) }<strong>{ format!(" {}", p.title) }</strong>
                        { format!(" — {}, {}; {}; {}", p.author, p.affiliation, p.venue, p.date) }</li>
                }) }
            </ul>
        </section>
        </>
    }
}

/// The categories of each paper, in the authors' words.
fn categories(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    html! {
        <section id="m-categories" aria-labelledby="m-categories-h">
            <h2 id="m-categories-h">{ "The categories, in the authors' words" }</h2>
            { for c.papers.iter().enumerate().map(|(p, paper)| html! {
                <section class="m-paper-cats">
                    <h3>{ paper_mark(c, p) }{ format!(" {}", paper.short_title) }</h3>
                    { for c.categories.iter().filter(|k| k.paper == p).map(|k| {
                        let section = k.section.and_then(|i| paper.doc.sections.get(i)).map(|x| x.title.clone());
                        let dim = k.dimension.and_then(|i| c.dimensions.get(i)).map(|x| x.label.clone());
                        let n_cod = c.codings.iter().filter(|x| c.categories[x.category].id == k.id).count();
                        html! {
                            <div class="m-cat" data-testid="methods-category" data-category={k.id.clone()}>
                                <h4>{ k.label.clone() }<span class="dim-tag">{ format!("{} · {}", kind_label(k.kind), count(n_cod, "coding", "codings")) }</span></h4>
                                <p class="m-meta">
                                    { section.map(|t| format!("Section: {t}. ")).unwrap_or_default() }
                                    { k.partner.and_then(|i| c.partners.get(i)).map(|t| format!("Partner: {t}. ")).unwrap_or_default() }
                                    { dim.map(|t| format!("Crosswalk dimension: {t}.")).unwrap_or_else(|| "No crosswalk dimension (context).".into()) }
                                </p>
                                { quote(props, p, &k.definition, "methods-definition") }
                                { for k.no_evidence.as_ref().map(|q| html! {
                                    <div class="m-ne"><p><strong>{ "No concrete evidence cited: " }</strong>{ "the author argues this category in these words without citing a dated event." }</p>{ quote(props, p, q, "methods-no-evidence") }</div>
                                }) }
                            </div>
                        }
                    }) }
                </section>
            }) }
        </section>
    }
}

/// The crosswalk: each category's dimension, with the analyst's note and the paper's words.
fn crosswalk(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    html! {
        <section id="m-crosswalk" aria-labelledby="m-crosswalk-h">
            <h2 id="m-crosswalk-h">{ "The crosswalk: each category mapped onto a shared dimension" }</h2>
            <p>{ "The papers use their own categories. To compare them, each analytic category is mapped onto one shared dimension (and, where the text supports it, further ones). Each mapping is justified by the analyst's sentence and a verbatim quote of the paper, and carries a stance: whether the paper argues the dimension as a benefit to Japan (+ positive), treats it as a liability (− negative) or weighs both (± mixed). Where two papers' stances on a dimension differ, the compare and overview views say so." }</p>
            { for c.dimensions.iter().enumerate().map(|(di, dim)| html! {
                <section class="m-dim" data-testid="methods-dimension">
                    <h3>{ dim.label.clone() }</h3>
                    <p class="m-def">{ dim.definition.clone() }</p>
                    <ul class="m-links">
                        { for c.categories.iter().filter(|k| k.dimension == Some(di)).map(|k| html! {
                            <li data-testid="crosswalk-link">
                                { paper_mark(c, k.paper) }<strong>{ format!(" {}", k.label) }</strong>{ stance_tag(k.stance) }
                                <p>{ k.crosswalk_note.clone() }</p>
                                { quote(props, k.paper, &k.crosswalk_quote, "crosswalk-quote") }
                            </li>
                        }) }
                        { for c.categories.iter().flat_map(|k| k.secondary.iter().filter(move |l| l.dimension == di).map(move |l| (k, l))).map(|(k, l)| html! {
                            <li data-testid="crosswalk-secondary">
                                { paper_mark(c, k.paper) }<strong>{ format!(" {}", k.label) }</strong>{ " (secondary link)" }{ stance_tag(l.stance) }
                                <p>{ l.note.clone() }</p>
                                { quote(props, k.paper, &l.quote, "crosswalk-quote") }
                            </li>
                        }) }
                    </ul>
                </section>
            }) }
        </section>
    }
}

/// The coding rules, the judgement calls and the changelog the codebook records.
fn codebook_records(c: &Corpus) -> Html {
    let calls = judgement_calls(c);
    html! {
        <>
        <section id="m-rules" aria-labelledby="m-rules-h">
            <h2 id="m-rules-h">{ "Coding rules" }</h2>
            <p>{ "As written in the codebook's methods record; every quote is also checked by the build against the paper's text, which fails otherwise." }</p>
            { if c.about.rules.is_empty() { html! { <p data-testid="methods-no-rules">{ "The codebook records no coding rules." }</p> } } else { html! {
                <ol class="m-rules" data-testid="methods-rules">
                    { for c.about.rules.iter().map(|r| html! {
                        <li data-rule={r.id.clone()}><strong>{ format!("{}. ", r.title) }</strong>{ r.text.clone() }</li>
                    }) }
                </ol>
            } } }
        </section>

        <section id="m-calls" aria-labelledby="m-calls-h">
            <h2 id="m-calls-h">{ "Judgement calls recorded in the codebook" }</h2>
            { if calls.is_empty() { html! { <p data-testid="methods-no-calls">{ "The codebook records no notes." }</p> } } else { html! {
                <dl class="m-calls" data-testid="methods-calls">
                    { for calls.iter().map(|(what, note)| html! { <><dt>{ what.clone() }</dt><dd>{ note.clone() }</dd></> }) }
                </dl>
            } } }
        </section>

        <section id="m-changelog" aria-labelledby="m-changelog-h">
            <h2 id="m-changelog-h">{ "Changelog of the codebook" }</h2>
            { if c.about.changelog.is_empty() { html! { <p data-testid="methods-no-changelog">{ "The codebook records no changelog." }</p> } } else { html! {
                <dl class="m-changelog" data-testid="methods-changelog">
                    { for c.about.changelog.iter().map(|e| html! {
                        <>
                            <dt data-version={e.version.clone()}>{ format!("Version {} · {}", e.version, e.date) }</dt>
                            <dd><ul>{ for e.changes.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul></dd>
                        </>
                    }) }
                </dl>
            } } }
        </section>
        </>
    }
}

/// How every number of the explorer is computed.
fn numbers() -> Html {
    html! {
        <section id="m-numbers" aria-labelledby="m-numbers-h">
            <h2 id="m-numbers-h">{ "How every number is computed" }</h2>
            <dl class="m-numbers">
                <dt>{ "Matrix cell" }</dt>
                <dd>{ "The letters of the papers that link that evidence item to that category (one coding each), and the number of verbatim quotes behind those codings." }</dd>
                <dt>{ "Matrix summary" }</dt>
                <dd>{ "Categories shown × evidence items with at least one coding that passes the filters; codings (evidence item, category) and their quotes that pass." }</dd>
                <dt>{ "Filter counts" }</dt>
                <dd>{ "Beside each value: the evidence items that have it and pass every other filter, the years and the search (values of one filter combine with OR, filters with AND)." }</dd>
                <dt>{ "Only evidence two or more papers cite" }</dt>
                <dd>{ "Keeps the evidence items that codings of at least two different papers cite." }</dd>
                <dt>{ "Years" }</dt>
                <dd>{ "An item passes a year range when its date (or date range) overlaps it." }</dd>
                { for Measure::ALL.iter().map(|&m| html! {
                    <><dt>{ format!("Overview: {}", m.label().to_lowercase()) }</dt>
                    <dd>{ rule_text(m, OverviewCols::Kind, RowGroup::Paper) }</dd></>
                }) }
                <dt>{ "Overview year bins" }</dt>
                <dd>{ "At most eight bins of one width (1, 2, 5, 10… years), aligned on multiples of the width and starting at the year of the earliest tenth of the coded items; earlier items share one bin in front." }</dd>
                <dt>{ "Agreement" }</dt>
                <dd>{ "Two stages on units (mentions of either coder that touch a common sentence): which are evidence (positive agreement), then the categories of the units both found (Cohen's kappa, Krippendorff's alpha, positive agreement), each with a 95% bootstrap interval that resamples clusters of units sharing an item; defined in full under Completeness and agreement." }</dd>
            </dl>
        </section>
    }
}

/// The completeness sweep and the agreement between two coders.
fn sweep(props: &PageProps) -> Html {
    let c = &props.data.0.corpus;
    let sweeps = sweep_summaries(c);
    html! {
        <section id="m-sweep" aria-labelledby="m-sweep-h">
            <h2 id="m-sweep-h">{ "Completeness sweep and inter-coder agreement" }</h2>
            <h3>{ "Sweep: every dated mention in each paper, with its decision" }</h3>
            { if sweeps.is_empty() { html! { <p data-testid="methods-no-sweep">{ "This corpus records no completeness sweep yet." }</p> } } else { html! {
                <table class="m-table" data-testid="methods-sweep">
                    <thead><tr><th scope="col">{ "Paper" }</th><th scope="col">{ "Mentions" }</th><th scope="col">{ "Coded" }</th><th scope="col">{ "Excluded (by reason)" }</th></tr></thead>
                    <tbody>{ for sweeps.iter().map(|w| html! {
                        <tr><th scope="row">{ c.papers.get(w.paper).map(|p| p.short_title.clone()).unwrap_or_default() }</th>
                            <td>{ w.mentions }</td><td>{ w.coded }</td>
                            <td>{ w.excluded.iter().map(|(r, n)| format!("{r}: {n}")).collect::<Vec<_>>().join(", ") }</td></tr>
                    }) }</tbody>
                </table>
            } } }
            <h3 id="m-agreement">{ "Agreement between two coders" }</h3>
            <AgreementSection data={props.data.clone()} state={props.state.clone()} dispatch={props.dispatch.clone()} />
        </section>
    }
}

/// The exchange files (REFI-QDA, Web Annotations), their downloads and what they leave out.
fn exchange(
    exported: &str,
    on_whole_refi: Callback<MouseEvent>,
    on_whole_anno: Callback<MouseEvent>,
) -> Html {
    html! {
        <section id="m-exchange" aria-labelledby="m-exchange-h" data-testid="methods-exchange">
            <h2 id="m-exchange-h">{ "Exchange files: REFI-QDA and Web Annotations" }</h2>
            <p>{ "The whole coding, for NVivo, ATLAS.ti, MAXQDA, QualCoder and annotation tools: " }
                <code>{ FILES[0] }</code>{ " (the codes: one parent code per paper holding its categories, a parent code “Evidence” holding the items, the crosswalk dimensions as sets), " }
                <code>{ FILES[1] }</code>{ " (the same codes, the papers' plain text, every quote as a selection coded with its category and its item, the rationale as a note; positions in Unicode code points, end exclusive) and " }
                <code>{ FILES[2] }</code>{ " (every quote as a W3C Web Annotation with quote and position selectors in code points). The build writes them beside this page; here they are made from this corpus:" }</p>
            <p class="m-exchange-buttons">
                <button type="button" class="btn btn-small" onclick={on_whole_refi} data-testid="methods-export-refi">{ "Export the whole corpus as REFI-QDA" }</button>
                { " " }
                <button type="button" class="btn btn-small" onclick={on_whole_anno} data-testid="methods-export-annotations">{ "as Web Annotations" }</button>
                <span role="status" aria-live="polite" data-testid="methods-export-status">{ exported.to_string() }</span>
            </p>
            <p>{ "What they leave out:" }</p>
            <ul data-testid="methods-exchange-omitted">{ for OMITTED.iter().map(|o| html! { <li>{ *o }</li> }) }</ul>
        </section>
    }
}
