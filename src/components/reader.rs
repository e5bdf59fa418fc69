//! The reader: one paper as clean text, with footnotes that open and return, coded passages
//! marked (their categories in the margin, one click back to the matrix cell), search matches
//! and the opened quote highlighted, and every paragraph addressable from the URL.

use std::rc::Rc;

use evidence_core::query::search::Query;
use evidence_core::state::{Action, OpenQuote, Route, RowKey, Selection, ViewState};
use evidence_core::viewmodel::reader::{margin, marks, note_label, opened};
use evidence_core::viewmodel::render::{block_runs, coded_blocks, runs, Mark, Run};
use evidence_core::{BlockKind, Corpus, Footnote, Paper, QuotePlace};
use yew::prelude::*;

use super::{href, on_nav, paper_mark};
use crate::browser;
use crate::data::Shared;

/// Props of `Reader`.
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// Corpus and index.
    pub data: Shared,
    /// Current view (its route names the paper and block).
    pub state: Rc<ViewState>,
    /// Sends actions to the store.
    pub dispatch: Callback<Action>,
    /// Reports the paragraph at the middle of the view as the reader scrolls (the URL follows
    /// it without adding history entries, so a copied link opens where the reader is).
    pub on_read_at: Callback<String>,
}

/// The reader page.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let c = &props.data.0.corpus;
    let s = &props.state;
    let (paper_id, block_id) = match &s.route {
        Route::Read { paper, block } => (paper.clone(), block.clone()),
        _ => (String::new(), None),
    };
    let paper_idx = c.paper_idx(&paper_id);
    let coded = {
        let data = props.data.clone();
        use_memo(paper_idx, move |p| {
            p.map(|p| coded_blocks(&data.0.corpus, p))
                .unwrap_or_default()
        })
    };
    // The opened quote, if it is in this paper.
    let focus = opened(c, s.quote.as_ref(), paper_idx);
    use_reading_position(
        paper_id.clone(),
        block_id.clone(),
        s.quote.clone(),
        focus.is_some(),
        props.on_read_at.clone(),
    );

    let Some(pi) = paper_idx else {
        return html! { <p class="empty">{ "No such paper." }</p> };
    };
    let paper = &c.papers[pi];
    let doc = &paper.doc;
    let query = Query::parse(&s.search);
    let notes = &doc.footnotes;
    let d = &props.dispatch;

    let toc = doc.sections.iter().map(|sec| {
        let actions = vec![Action::Navigate(Route::Read { paper: paper.id.clone(), block: Some(sec.id.clone()) })];
        html! {
            <li class={format!("toc-l{}", sec.level)}>
                <a href={href(s, actions.clone())} onclick={on_nav(d, actions)}>{ sec.title.clone() }</a>
            </li>
        }
    });

    let blocks = doc.blocks.iter().enumerate().map(|(bi, b)| {
        let block_coded = coded.get(bi).map(Vec::as_slice).unwrap_or_default();
        let block_marks = marks(&b.text, QuotePlace::Block, bi, block_coded, &query, focus);
        let body = render_runs(&b.text, &block_runs(b, &block_marks), notes);
        let targeted = block_id.as_deref() == Some(b.id.as_str());
        let id = format!("b-{}", b.id);
        match b.kind {
            BlockKind::Heading => {
                let level = b.section.and_then(|x| doc.sections.get(x)).map(|x| x.level).unwrap_or(1);
                let tag = match level { 1 => "h2", 2 => "h3", _ => "h4" };
                html! { <@{tag} id={id} class={classes!("heading", targeted.then_some("targeted"))} data-block={b.id.clone()}>{ body }</@> }
            }
            BlockKind::Paragraph => {
                let para_link = vec![Action::Navigate(Route::Read { paper: paper.id.clone(), block: Some(b.id.clone()) })];
                // Codings in this paragraph, once each, grouped under their category.
                let groups = margin(c, block_coded);
                html! {
                    <div class={classes!("para-row", targeted.then_some("targeted"))}>
                        <p id={id} data-block={b.id.clone()} class="para">
                            <a class="para-anchor" href={href(s, para_link.clone())} onclick={on_nav(d, para_link)}
                               aria-label={format!("Link to paragraph {}", b.id)}>{ "¶" }</a>
                            { body }
                        </p>
                        { margin_list(c, s, d, &groups) }
                    </div>
                }
            }
        }
    });

    let footnotes = doc.footnotes.iter().enumerate().map(|(ni, n)| {
        let note_marks = marks(&n.text, QuotePlace::Note, ni, &[], &query, focus);
        footnote(
            n,
            render_runs(
                &n.text,
                &runs(&n.text, &n.emphasis, &note_marks, &[]),
                notes,
            ),
        )
    });

    html! {
        <article class="reader" data-testid="reader" data-paper={paper.id.clone()}>
            <div id="reader-top"></div>
            <super::trail::TrailBar data={props.data.clone()} state={s.clone()} dispatch={d.clone()} in_reader=true />
            { paper_tabs(c, s, d, &paper.id) }
            { paper_head(paper) }
            <div class="reader-body">
                <nav class="toc" aria-label="Sections"><ol>{ for toc }</ol></nav>
                <div class="text">
                    { for blocks }
                    { if doc.footnotes.is_empty() { html! {} } else { html! {
                        <section class="footnotes" aria-labelledby="notes-h">
                            <h2 id="notes-h">{ "Notes" }</h2>
                            <ol>{ for footnotes }</ol>
                        </section>
                    } } }
                </div>
            </div>
        </article>
    }
}

/// Scrolls to the opened quote (`has_quote`), else to the addressed block, when the paper, the
/// block or the quote changes; and reports the paragraph at the middle of the view through
/// `on_read_at` once scrolling pauses (not for the reader's own scrolling, and not when it is
/// already the addressed block).
#[hook]
fn use_reading_position(
    paper_id: String,
    block_id: Option<String>,
    quote: Option<OpenQuote>,
    has_quote: bool,
    on_read_at: Callback<String>,
) {
    // The block this reader last reported while the user scrolled: the URL then names it, and
    // the reader must not jump to it.
    let reported = use_mut_ref(|| None::<String>);
    // Until when (performance.now(), ms) scroll events come from our own scrolling.
    let quiet_until = use_mut_ref(|| 0.0f64);
    // Scroll to the opened quote, else to the addressed block, when either changes.
    {
        let target = match (has_quote, &block_id) {
            (true, _) => Some("focus-quote".to_string()),
            (false, Some(b)) => Some(format!("b-{b}")),
            _ => None,
        };
        let reported = reported.clone();
        let quiet_until = quiet_until.clone();
        let own = block_id.is_some() && *reported.borrow() == block_id;
        use_effect_with((paper_id.clone(), block_id.clone(), quote), move |_| {
            if !own {
                *reported.borrow_mut() = None;
                *quiet_until.borrow_mut() = browser::now() + 200.0;
                match target {
                    Some(t) => browser::scroll_to(&t),
                    None => browser::scroll_to("reader-top"),
                }
            }
        });
    }
    // Follow the reading position.
    {
        use_effect_with((paper_id, block_id), move |(_, current)| {
            let current = current.clone();
            // Scroll events right after our own scrolling (to a block or a quote) do not count.
            let counts = move || browser::now() >= *quiet_until.borrow();
            let listener = browser::on_scroll_settled(250, counts, move || {
                if let Some(b) = browser::block_at_middle() {
                    if Some(&b) != current.as_ref() {
                        *reported.borrow_mut() = Some(b.clone());
                        on_read_at.emit(b);
                    }
                }
            });
            move || drop(listener)
        });
    }
}

/// The margin beside a paragraph: its codings grouped under their category, each a link back
/// to its cell in the matrix.
fn margin_list(
    c: &Corpus,
    s: &ViewState,
    d: &Callback<Action>,
    groups: &[(usize, Vec<usize>)],
) -> Html {
    if groups.is_empty() {
        return html! {};
    }
    let items = groups.iter().map(|(cat, ks)| {
        let cat = &c.categories[*cat];
        html! {
            <li>
                <span class="margin-cat">{ cat.label.clone() }</span>
                <ul>
                { for ks.iter().map(|&k| {
                    let ev = &c.evidence[c.codings[k].evidence];
                    let sel = Selection::Cell { row: RowKey::Category(cat.id.clone()), evidence: ev.id.clone() };
                    let actions = vec![Action::Navigate(Route::Matrix), Action::Select(Some(sel))];
                    html! {
                        <li><a href={href(s, actions.clone())} onclick={on_nav(d, actions)} data-testid="margin-coding"
                            title={format!("Open this cell in the matrix: {} × {}", cat.label, ev.title)}>
                            <span class="margin-ev">{ ev.title.clone() }</span></a></li>
                    }
                }) }
                </ul>
            </li>
        }
    });
    html! {
        <div class="margin"><ul aria-label="Coded in this paragraph">{ for items }</ul></div>
    }
}

/// One footnote with its (rendered) text, and a way back to its reference in the text.
fn footnote(n: &Footnote, body: Html) -> Html {
    let back = n.block.is_some().then(|| {
        let target = format!("ref-{}", n.id);
        html! {
            <button type="button" class="linklike back" data-testid="note-back"
                onclick={move |_: MouseEvent| { browser::scroll_to(&target); browser::focus(&target); }}>
                { "↩ back to text" }</button>
        }
    });
    html! {
        <li id={format!("note-{}", n.id)} tabindex="-1" class={classes!("note", (!n.numbered).then_some("unnumbered"))}
            data-testid="footnote">
            <span class="note-label">{ note_label(n) }</span>
            { if n.numbered { html! {} } else { html! {
                <span class="lost" title="The source text lost this note's number; it is shown where it stood.">{ "number lost in the source" }</span>
            } } }
            <span class="note-text">{ body }</span>
            { for back }
        </li>
    }
}

/// Renders runs of one text: emphasis, highlights and footnote markers (`notes`: the paper's
/// footnotes, which the markers index).
fn render_runs(text: &str, runs: &[Run], notes: &[Footnote]) -> Html {
    let first_focus = runs.iter().position(|r| {
        matches!(
            r,
            Run::Text {
                mark: Some(Mark::Focus),
                ..
            }
        )
    });
    html! {
        <>
        { for runs.iter().enumerate().map(|(ri, r)| match *r {
            Run::Text { start, end, em, mark } => {
                let t = text[start..end].to_string();
                let inner = if em { html! { <em>{ t }</em> } } else { html! { { t } } };
                match mark {
                    None => inner,
                    Some(Mark::Coded) => html! { <mark class="coded">{ inner }</mark> },
                    Some(Mark::Search) => html! { <mark class="hit">{ inner }</mark> },
                    Some(Mark::Focus) if Some(ri) == first_focus => html! {
                        <mark class="focus" id="focus-quote" data-testid="focus-quote">{ inner }</mark>
                    },
                    Some(Mark::Focus) => html! { <mark class="focus">{ inner }</mark> },
                }
            }
            Run::Note(n) => match notes.get(n) {
                Some(note) => {
                    let target = format!("note-{}", note.id);
                    html! {
                        <sup class="fnref-wrap"><button type="button" class="fnref" id={format!("ref-{}", note.id)}
                            data-testid="fnref" aria-label={format!("Note {}", note_label(note))}
                            onclick={move |_: MouseEvent| { browser::scroll_to(&target); browser::focus(&target); }}>
                            { note_label(note) }</button></sup>
                    }
                }
                None => html! {},
            },
        }) }
        </>
    }
}

/// The papers as tabs, the open one marked.
fn paper_tabs(c: &Corpus, s: &ViewState, d: &Callback<Action>, open: &str) -> Html {
    let tabs = c.papers.iter().enumerate().map(|(i, p)| {
        let actions = vec![Action::Navigate(Route::Read { paper: p.id.clone(), block: None })];
        let current = p.id == open;
        html! {
            <li><a class={classes!("tab", current.then_some("current"))} aria-current={current.then_some("page")}
                href={href(s, actions.clone())} onclick={on_nav(d, actions)}>
                { paper_mark(c, i) }{ format!(" {}", p.short_title) }</a></li>
        }
    });
    html! {
        <ul class="paper-tabs" aria-label="Papers">{ for tabs }</ul>
    }
}

/// The paper's title, byline, venue, and the repairs made to its extracted text.
fn paper_head(paper: &Paper) -> Html {
    let doc = &paper.doc;
    html! {
        <header class="paper-head">
            <h1 data-testid="paper-title">{ paper.title.clone() }</h1>
            <p class="byline">{ format!("{} · {}", paper.author, paper.affiliation) }</p>
            <p class="venue">{ format!("{} · {}", paper.venue, paper.date) }</p>
            { if doc.repairs.is_empty() { html! {} } else { html! {
                <details class="repairs">
                    <summary>{ format!("About this text: {} repairs to the extracted source", doc.repairs.len()) }</summary>
                    <ul>{ for doc.repairs.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
                </details>
            } } }
        </header>
    }
}
