//! The default tour (`tours/default.toml`): a title and `[[step]]`s, each a view (a fragment
//! in the app's URL form) or a quote slide, with a speaker note and the quotes that back it.
//! Checked against the built corpus: every view decodes without a notice, every quote is one
//! of its coding's quotes, and every backing quote is shown by its step (the quotes of the
//! view's selection as the drill-down lists them, `trail::trail`, or the open quote).

use serde::Deserialize;
use toml::Spanned;

use super::diags::Diags;
use super::records::{did_you_mean, get, parse_file, read_record, required, tables, At, Str};
use super::SeedFile;
use crate::filter::FilterIndex;
use crate::model::{Corpus, DefaultTour};
use crate::text::quote_fold;
use crate::tour::{self, Step, Tour};
use crate::view::OpenQuote;

/// Fewest steps a default tour may have.
pub const MIN_STEPS: usize = 3;
/// Most steps a default tour may have.
pub const MAX_STEPS: usize = 15;
/// Longest link to the tour's first step, in characters.
pub const MAX_LINK_CHARS: usize = 2000;

/// Keys of a step's view that belong to the presentation, not to the step.
const PRESENTATION_KEYS: &[&str] = &["mode", "present", "tour", "step", "theme", "cv"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct TopRec {
    title: Str,
}

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
    note: Str,
    view: Str,
    quote: Option<Spanned<QuoteRef>>,
    backing: Option<Spanned<Vec<Spanned<QuoteRef>>>>,
}

const STEP_KEYS: &[&str] = &["title", "note", "view", "quote", "backing"];

/// Reads and checks the default tour; `None` (with problems) when it is not valid.
pub(super) fn build(file: &SeedFile, corpus: &Corpus, diags: &mut Diags) -> Option<DefaultTour> {
    let before = diags.len();
    let top = parse_file(file, "valid TOML (see README, Adding a corpus)", diags)?;
    let at = At {
        file,
        line: 1,
        kind: "tour",
    };
    let rec: super::records::Record<TopRec> = read_record(at, &top, &["title", "step"], diags);
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
    let index = FilterIndex::new(corpus);
    let mut steps = Vec::new();
    for (line, t) in items {
        let at = At {
            file,
            line,
            kind: "step",
        };
        let r: super::records::Record<StepRec> = read_record(at, t, STEP_KEYS, diags);
        if let Some(s) = step(&at, &r.fields, corpus, &index, diags) {
            steps.push(s);
        }
    }
    if diags.len() > before {
        return None;
    }
    let tour = Tour { steps };
    let payload = tour::encode(&tour);
    let out = DefaultTour {
        title: title?,
        payload,
        steps: tour.steps.len(),
    };
    let link = tour::start_fragment(&tour).unwrap_or_default();
    let n = link.chars().count();
    if n > MAX_LINK_CHARS {
        diags.push(
            &file.path,
            1,
            format!("the link to the tour is {n} characters long"),
            format!("at most {MAX_LINK_CHARS}: shorten notes and titles"),
        );
        return None;
    }
    Some(out)
}

/// One step, when all of it checks.
fn step(
    at: &At,
    f: &StepRec,
    corpus: &Corpus,
    index: &FilterIndex,
    diags: &mut Diags,
) -> Option<Step> {
    let title = required(at, "title", &f.title, diags);
    let note = required(at, "note", &f.note, diags);
    let shown: Option<(tour::StepKind, Vec<OpenQuote>)> = match (&f.view, &f.quote) {
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
    };
    let mut backing_ok = true;
    match &f.backing {
        Some(list) if !list.get_ref().is_empty() => {
            for b in list.get_ref() {
                let line = at.line_of(b.span());
                let Some(q) = quote(at, b.get_ref(), line, corpus, diags) else {
                    backing_ok = false;
                    continue;
                };
                if let Some((_, shown)) = &shown {
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
        None => {
            backing_ok = false;
            diags.push(
                at.path(),
                at.line,
                "missing field `backing` in step",
                "`backing = [{ coding = \"…\", text = \"…\" }]`: the quotes behind the note",
            );
        }
    }
    let (kind, _) = shown?;
    if !backing_ok {
        return None;
    }
    Some(Step {
        title: title?.into_inner(),
        note: note?.into_inner(),
        kind,
    })
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
    let (state, notices) = crate::url::decode(raw, corpus);
    for n in &notices {
        ok = false;
        diags.push(at.path(), line, format!("bad view: {n}"), expected);
    }
    if !ok {
        return None;
    }
    let mut shown = crate::trail::trail(corpus, index, &state);
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
