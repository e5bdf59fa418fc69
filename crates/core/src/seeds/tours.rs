//! The named tours (`tours/<name>.toml`, linked as `tour=@name.hash`): a title and `[[step]]`s,
//! each a view (a fragment in the app's URL form) or a quote slide, with speaker notes in parts
//! (`point`, `show`, `contrast`, `judgement`, `question`, `minutes`), the quotes that back them,
//! and the analytic categories it `names` without showing them.
//! Checked against the built corpus: every view decodes without a notice, every quote is one
//! of its coding's quotes, every backing quote is shown by its step (the quotes of the view's
//! selection as the drill-down lists them, `trail::trail`, or the open quote) and only a view
//! that shows no quote (methods, overview) goes without `backing`, `point`,
//! `question` and `minutes` are given, and, when the tour asks for it, every analytic category
//! is shown or named (`covers_all = true`) and the minutes add up to within `minutes = [a, b]`.
//! A named tour travels by name, so it has no link budget.

use std::collections::BTreeSet;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::diags::Diags;
use super::records::{did_you_mean, get, parse_file, read_record, required, tables, At, Str};
use super::SeedFile;
use crate::link::tour::{self, Parts, Step, Tour};
use crate::model::{CategoryKind, Corpus, NamedTour};
use crate::query::filter::FilterIndex;
use crate::state::{OpenQuote, RowKey, Selection};
use crate::text::quote_fold;

/// Fewest steps a tour may have.
pub const MIN_STEPS: usize = 3;
/// Most steps a tour may have.
pub const MAX_STEPS: usize = 15;
/// Most planned minutes of one step.
pub const MAX_STEP_MINUTES: i64 = 60;

/// Keys of a step's view that belong to the presentation, not to the step.
const PRESENTATION_KEYS: &[&str] = &["mode", "present", "tour", "step", "theme", "cv"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct TopRec {
    title: Str,
    covers_all: Option<Spanned<bool>>,
    minutes: Option<Spanned<Vec<i64>>>,
}

const TOP_KEYS: &[&str] = &["title", "covers_all", "minutes", "step"];

#[derive(Deserialize, Default, Clone)]
#[serde(default, deny_unknown_fields)]
struct QuoteRef {
    coding: Str,
    text: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StepRec {
    title: Str,
    view: Str,
    quote: Option<Spanned<QuoteRef>>,
    minutes: Option<Spanned<i64>>,
    point: Str,
    show: Str,
    contrast: Str,
    judgement: Str,
    question: Str,
    names: Option<Spanned<Vec<Spanned<String>>>>,
    backing: Option<Spanned<Vec<Spanned<QuoteRef>>>>,
}

const STEP_KEYS: &[&str] = &[
    "title",
    "view",
    "quote",
    "minutes",
    "point",
    "show",
    "contrast",
    "judgement",
    "question",
    "names",
    "backing",
];

/// What a checked step adds to the tour's checks: the categories it shows or names, and its
/// planned minutes.
struct Checked {
    step: Step,
    covers: BTreeSet<String>,
    minutes: u32,
}

/// Reads and checks a named tour; `None` (with problems) when it is not valid.
pub(super) fn build(file: &SeedFile, corpus: &Corpus, diags: &mut Diags) -> Option<NamedTour> {
    let before = diags.len();
    let name = file
        .path
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".toml")
        .to_string();
    let slug = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !slug {
        diags.push(
            &file.path,
            1,
            format!("tour file name `{name}` cannot be a tour's name in a link"),
            "a name of lowercase letters, digits and `-`, such as `default.toml`",
        );
    }
    let top = parse_file(file, "valid TOML (see README, Adding a corpus)", diags)?;
    let at = At {
        file,
        line: 1,
        kind: "tour",
    };
    let rec: super::records::Record<TopRec> = read_record(at, &top, TOP_KEYS, diags);
    let title = required(&at, "title", &rec.fields.title, diags).map(Spanned::into_inner);
    let items = match get(&top, "step") {
        Some(v) => tables(file, "step", v, diags),
        None => Vec::new(),
    };
    if items.len() < MIN_STEPS || items.len() > MAX_STEPS {
        diags.push(
            &file.path,
            items.first().map_or(1, |i| i.0),
            format!("the tour has {} steps", items.len()),
            format!("{MIN_STEPS} to {MAX_STEPS} [[step]] tables"),
        );
    }
    let range = minutes_range(&at, &rec.fields.minutes, diags);
    let index = FilterIndex::new(corpus);
    let mut steps = Vec::new();
    let mut covers = BTreeSet::new();
    let mut total = 0u32;
    let mut all_steps_read = true;
    for (line, t) in items {
        let at = At {
            file,
            line,
            kind: "step",
        };
        let r: super::records::Record<StepRec> = read_record(at, t, STEP_KEYS, diags);
        match step(&at, &r.fields, corpus, &index, diags) {
            Some(c) => {
                covers.extend(c.covers);
                total += c.minutes;
                steps.push(c.step);
            }
            None => all_steps_read = false,
        }
    }
    if all_steps_read {
        if let (Some((lo, hi)), Some(m)) = (range, &rec.fields.minutes) {
            if total < lo || total > hi {
                diags.push(
                    &file.path,
                    at.line_of(m.span()),
                    format!("the steps' minutes add up to {total}"),
                    format!("{lo} to {hi} minutes, as the tour's `minutes` says"),
                );
            }
        }
        if let Some(c) = rec.fields.covers_all.as_ref().filter(|c| *c.get_ref()) {
            let line = at.line_of(c.span());
            for cat in &corpus.categories {
                if cat.kind == CategoryKind::Analytic && !covers.contains(&cat.id) {
                    diags.push(
                        &file.path,
                        line,
                        format!(
                            "analytic category `{}` ({}) is neither shown nor named by a step",
                            cat.id, cat.label
                        ),
                        "every analytic category shown by a step (a quote of its codings, or its row selected) or listed in a step's `names`, since `covers_all = true`",
                    );
                }
            }
        }
    }
    if diags.len() > before {
        return None;
    }
    let tour = Tour { steps };
    let payload = tour::encode_plain(&tour);
    let hash: String = Sha256::digest(payload.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(NamedTour {
        name,
        title: title?,
        steps: tour.steps.len(),
        payload,
        minutes: total,
        hash,
    })
}

/// The tour's `minutes = [lo, hi]`, when given and well formed.
fn minutes_range(at: &At, m: &Option<Spanned<Vec<i64>>>, diags: &mut Diags) -> Option<(u32, u32)> {
    let m = m.as_ref()?;
    match m.get_ref()[..] {
        [lo, hi] if 0 < lo && lo <= hi && hi <= 24 * 60 => Some((lo as u32, hi as u32)),
        _ => {
            diags.push(
                at.path(),
                at.line_of(m.span()),
                format!("tour `minutes` is {:?}", m.get_ref()),
                "`minutes = [least, most]`, two whole minutes, least at most most",
            );
            None
        }
    }
}

/// One step, when all of it checks.
fn step(
    at: &At,
    f: &StepRec,
    corpus: &Corpus,
    index: &FilterIndex,
    diags: &mut Diags,
) -> Option<Checked> {
    let title = required(at, "title", &f.title, diags);
    let point = required(at, "point", &f.point, diags);
    let question = required(at, "question", &f.question, diags);
    let minutes = step_minutes(at, f, diags);
    let (names_ok, mut covers) = named_categories(at, f, corpus, diags);
    let shown = shown_by(at, f, corpus, index, diags);
    let backing_ok = backing_checks(at, f, shown.as_ref(), corpus, diags);
    let (kind, shown) = shown?;
    if !backing_ok || !names_ok {
        return None;
    }
    for q in &shown {
        if let Some(c) = corpus.coding_idx(&q.coding) {
            let k = corpus.codings[c].category;
            covers.insert(corpus.categories[k].id.clone());
        }
    }
    if let tour::StepKind::View(v) = &kind {
        if let Some(Selection::Row(RowKey::Category(id))) = &v.selection {
            covers.insert(id.clone());
        }
    }
    let text = |v: &Str| {
        v.as_ref()
            .map(|s| s.get_ref().trim().to_string())
            .unwrap_or_default()
    };
    let step = Step {
        title: title?.into_inner(),
        note: point?.into_inner().trim().to_string(),
        parts: Parts {
            show: text(&f.show),
            contrast: text(&f.contrast),
            judgement: text(&f.judgement),
            question: question?.into_inner().trim().to_string(),
            minutes,
        },
        kind,
    };
    Some(Checked {
        step,
        covers,
        minutes: minutes?,
    })
}

/// The step's planned minutes (`minutes`, required, 1 to `MAX_STEP_MINUTES`).
fn step_minutes(at: &At, f: &StepRec, diags: &mut Diags) -> Option<u32> {
    match &f.minutes {
        None => {
            diags.push(
                at.path(),
                at.line,
                "missing field `minutes` in step",
                "`minutes = N`: the minutes planned for the step",
            );
            None
        }
        Some(m) if !(1..=MAX_STEP_MINUTES).contains(m.get_ref()) => {
            diags.push(
                at.path(),
                at.line_of(m.span()),
                format!("step `minutes` is {}", m.get_ref()),
                format!("whole minutes from 1 to {MAX_STEP_MINUTES}"),
            );
            None
        }
        Some(m) => Some(*m.get_ref() as u32),
    }
}

/// The categories the step's `names` lists (all known, else false with a problem each).
fn named_categories(
    at: &At,
    f: &StepRec,
    corpus: &Corpus,
    diags: &mut Diags,
) -> (bool, BTreeSet<String>) {
    let mut names_ok = true;
    let mut covers = BTreeSet::new();
    for n in f
        .names
        .as_ref()
        .map(|l| l.get_ref().as_slice())
        .unwrap_or(&[])
    {
        let id = n.get_ref();
        if corpus.categories.iter().any(|c| c.id == *id) {
            covers.insert(id.clone());
        } else {
            names_ok = false;
            let sugg = did_you_mean(id, corpus.categories.iter().map(|c| c.id.as_str()));
            diags.push(
                at.path(),
                at.line_of(n.span()),
                format!("unknown category `{id}` in `names`{sugg}"),
                "the id of a category of the codebook",
            );
        }
    }
    (names_ok, covers)
}

/// What the step shows (its `view` or its `quote`, exactly one) and the quotes it puts on screen.
fn shown_by(
    at: &At,
    f: &StepRec,
    corpus: &Corpus,
    index: &FilterIndex,
    diags: &mut Diags,
) -> Option<(tour::StepKind, Vec<OpenQuote>)> {
    match (&f.view, &f.quote) {
        (Some(v), None) => view(at, v, corpus, index, diags),
        (None, Some(q)) => quote(at, q.get_ref(), at.line_of(q.span()), corpus, diags)
            .map(|q| (tour::StepKind::Quote(q.clone()), vec![q])),
        (Some(_), Some(q)) => {
            diags.push(
                at.path(),
                at.line_of(q.span()),
                "a step with both `view` and `quote`",
                "either `view = \"#/…\"` or `quote = { coding = \"…\", text = \"…\" }`",
            );
            None
        }
        (None, None) => {
            diags.push(
                at.path(),
                at.line,
                "missing field `view` or `quote` in step",
                "either `view = \"#/…\"` or `quote = { coding = \"…\", text = \"…\" }`",
            );
            None
        }
    }
}

/// Whether the step's `backing` quotes all resolve and are all shown by the step (a view that
/// shows no quote may go without).
fn backing_checks(
    at: &At,
    f: &StepRec,
    shown: Option<&(tour::StepKind, Vec<OpenQuote>)>,
    corpus: &Corpus,
    diags: &mut Diags,
) -> bool {
    let mut backing_ok = true;
    match &f.backing {
        Some(list) if !list.get_ref().is_empty() => {
            for b in list.get_ref() {
                let line = at.line_of(b.span());
                let Some(q) = quote(at, b.get_ref(), line, corpus, diags) else {
                    backing_ok = false;
                    continue;
                };
                if let Some((_, shown)) = shown {
                    if !shown.contains(&q) {
                        backing_ok = false;
                        diags.push(
                            at.path(),
                            line,
                            format!(
                                "backing quote {} of `{}` is not shown by this step",
                                q.quote + 1,
                                q.coding
                            ),
                            "a quote of the step's quote slide, open quote or selection (what the drill-down lists)",
                        );
                    }
                }
            }
        }
        Some(list) => {
            backing_ok = false;
            diags.push(
                at.path(),
                at.line_of(list.span()),
                "empty `backing` in step",
                "at least one `{ coding = \"…\", text = \"…\" }` shown by the step",
            );
        }
        // A page that shows no quote (the methods, the overview, the timeline without a
        // selection) has none to cite: its notes speak only of what the page itself shows (the
        // papers' authors and venues, the categories, the counts).
        None if matches!(shown, Some((tour::StepKind::View(_), q)) if q.is_empty()) => {}
        None => {
            backing_ok = false;
            diags.push(
                at.path(),
                at.line,
                "missing field `backing` in step",
                "`backing = [{ coding = \"…\", text = \"…\" }]`: the quotes behind the note (only a view that shows no quote, such as `#/about` or `#/overview`, goes without)",
            );
        }
    }
    backing_ok
}

/// A step's view: decoded without notices and without presentation keys.
fn view(
    at: &At,
    v: &Spanned<String>,
    corpus: &Corpus,
    index: &FilterIndex,
    diags: &mut Diags,
) -> Option<(tour::StepKind, Vec<OpenQuote>)> {
    let line = at.line_of(v.span());
    let raw = v.get_ref();
    let expected = "a fragment of the app's own links, such as \"#/matrix?v=1&paper=…\"";
    if !raw.starts_with("#/") {
        diags.push(
            at.path(),
            line,
            format!("view `{raw}` does not start with `#/`"),
            expected,
        );
        return None;
    }
    let query = raw.split_once('?').map_or("", |(_, q)| q);
    let mut ok = true;
    for pair in query.split('&') {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        if PRESENTATION_KEYS.contains(&key) {
            ok = false;
            diags.push(
                at.path(),
                line,
                format!("view has `{key}=`, which belongs to the presentation"),
                "a view without mode, tour, step, theme or cv",
            );
        }
    }
    let (state, notices) = crate::link::url::decode(raw, corpus);
    for n in &notices {
        ok = false;
        diags.push(at.path(), line, format!("bad view: {n}"), expected);
    }
    if !ok {
        return None;
    }
    let mut shown = crate::query::trail::trail(corpus, index, &state);
    shown.extend(state.quote.clone());
    Some((
        tour::StepKind::View(Box::new(tour::normalise_view(&state))),
        shown,
    ))
}

/// A `{ coding, text }` resolved to the quote it names.
fn quote(
    at: &At,
    r: &QuoteRef,
    line: u32,
    corpus: &Corpus,
    diags: &mut Diags,
) -> Option<OpenQuote> {
    let at = At { line, ..*at };
    let coding = required(&at, "coding", &r.coding, diags);
    let text = required(&at, "text", &r.text, diags);
    let coding = coding?;
    let id = coding.get_ref();
    let Some(c) = corpus.coding_idx(id) else {
        let sugg = did_you_mean(id, corpus.codings.iter().map(|k| k.id.as_str()));
        diags.push(
            at.path(),
            at.line_of(coding.span()),
            format!("unknown coding `{id}`{sugg}"),
            "a coding id, `<evidence id>~<category id>`",
        );
        return None;
    };
    let text = text?;
    let want = quote_fold(text.get_ref()).text;
    let found: Vec<usize> = corpus.codings[c]
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| quote_fold(&q.text).text.starts_with(&want))
        .map(|(i, _)| i)
        .collect();
    match found[..] {
        [i] => Some(OpenQuote {
            coding: id.clone(),
            quote: i,
        }),
        [] => {
            diags.push(
                at.path(),
                at.line_of(text.span()),
                format!("quote not found among the quotes of `{id}`"),
                "one of the coding's quotes, verbatim, or its beginning",
            );
            None
        }
        _ => {
            diags.push(
                at.path(),
                at.line_of(text.span()),
                format!("quote matches {} quotes of `{id}`", found.len()),
                "enough of the quote to name one",
            );
            None
        }
    }
}
