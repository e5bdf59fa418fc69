//! The corpus summary (`dist/corpus-summary.json`, written by the build beside
//! `evidence.csv`): ids, marks, titles and counts of everything in the corpus, so tests read
//! their expected values from the build instead of naming any corpus.
//!
//! Format 1 (keys in this order; every list in corpus order):
//! ```text
//! { "format": 1,
//!   "corpus": { "title", "version", "hash" },
//!   "counts": { "papers", "dimensions", "categories", "analytic_categories",
//!               "descriptive_categories", "context_categories", "empty_categories",
//!               "evidence", "series", "codings", "quotes", "csv_rows", "shared_evidence",
//!               "mentions", "double_coded_papers", "methods", "rules", "changelog" },
//!   "vocabulary": { "partners": [..], "kinds": [..], "domains": [..] },
//!   "papers": [ { "id", "mark", "title", "short_title", "file", "categories", "codings",
//!                 "quotes", "sections", "footnotes" } ],
//!   "dimensions": [ { "id", "label", "categories" } ],
//!   "categories": [ { "id", "paper", "label", "kind", "dimension", "secondary",
//!                     "codings", "quotes", "no_evidence", "stance", "secondary_stances" } ],
//!   "series": [ { "id", "title", "evidence" } ],
//!   "evidence": [ { "id", "title", "date", "place", "series", "papers", "codings" } ],
//!   "codings": [ { "id", "paper", "category", "evidence", "quotes" } ],
//!   "sweeps": [ { "paper", "mentions", "coded", "excluded" } ],
//!   "agreement": null | { "resamples", "seed",
//!       "papers": [ { "paper", "figures", "categories": [ { "category", "tally", "pa" } ] } ],
//!       "overall": figures, "crosswalk": null | { "links", "agreed", "kappa", "alpha",
//!       "secondary", "stances_compared", "stances_agreed" },
//!       "disagreements", "resolutions": { "first_coder", "second_coder", "neither" } },
//!   "default_tour": null | { "title", "steps", "fragment", "length" },
//!   "tours": [ { "name", "title", "hash", "minutes", "fragment", "length",
//!                "steps": [ { "title", "kind", "point", "show", "contrast", "judgement",
//!                             "question", "minutes" } ] } ] }
//! ```
//! `default_tour.fragment` is the link (without `#`) that starts the default tour at its
//! first step (`tour::default_tour_fragment`, the tour linked by name); `length` is its length in
//! characters. `tours` lists every corpus tour the same way, with its steps' notes (`kind` is
//! `view` or `quote`, a quote slide).
//! References are ids (`""` or `null` when absent); `kind` is `analytic`, `descriptive` or
//! `context`; `stance` is the primary crosswalk link's (`positive`, `negative`, `mixed`, or
//! `null` for context) and `secondary_stances` those of the secondary links, in their order;
//! `methods`, `rules` and `changelog` count the codebook's methods record; `shared_evidence`
//! counts items coded by two or more papers; `csv_rows` is the
//! number of data rows of `evidence.csv` (one per quote). In `agreement`, `figures` is
//! `{ "first_mentions", "second_mentions", "units", "units_pa", "agreed", "kappa", "alpha",
//! "decisions", "decisions_pa", "items", "items_pa", "clusters" }`, a tally is
//! `{ "both", "only_first", "only_second" }` and an estimate `{ "value", "low", "high", "text" }`
//! (`text` as the methods view shows it).

use crate::model::{AgreementFigures, CategoryKind, Corpus, Estimate, Tally};

/// A JSON string literal.
fn js(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON array of strings.
fn js_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(js).collect();
    format!("[{}]", items.join(", "))
}

/// A JSON object from (key, already encoded value) pairs, on one line.
fn obj(fields: &[(&str, String)]) -> String {
    let f: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}: {v}", js(k)))
        .collect();
    format!("{{{}}}", f.join(", "))
}

/// A JSON array of already encoded values, one per line.
fn lines(items: Vec<String>) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    format!("[\n    {}\n  ]", items.join(",\n    "))
}

/// The kind of a category as the summary writes it.
pub fn kind_name(kind: CategoryKind) -> &'static str {
    match kind {
        CategoryKind::Analytic => "analytic",
        CategoryKind::Descriptive => "descriptive",
        CategoryKind::Context => "context",
    }
}

/// Papers that code evidence item `e`, in paper order.
fn papers_of(c: &Corpus, e: usize) -> Vec<usize> {
    let mut p: Vec<usize> = c
        .codings
        .iter()
        .filter(|k| k.evidence == e)
        .map(|k| k.paper)
        .collect();
    crate::model::order::sort(&mut p);
    p.dedup();
    p
}

fn counts(c: &Corpus) -> String {
    let quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
    let kinds = |k: CategoryKind| c.categories.iter().filter(|x| x.kind == k).count();
    let n = |v: usize| v.to_string();
    obj(&[
        ("papers", n(c.papers.len())),
        ("dimensions", n(c.dimensions.len())),
        ("categories", n(c.categories.len())),
        ("analytic_categories", n(kinds(CategoryKind::Analytic))),
        (
            "descriptive_categories",
            n(kinds(CategoryKind::Descriptive)),
        ),
        ("context_categories", n(kinds(CategoryKind::Context))),
        (
            "empty_categories",
            n(c.categories
                .iter()
                .filter(|x| x.no_evidence.is_some())
                .count()),
        ),
        ("evidence", n(c.evidence.len())),
        ("series", n(c.series.len())),
        ("codings", n(c.codings.len())),
        ("quotes", n(quotes)),
        ("csv_rows", n(quotes)),
        ("shared_evidence", {
            // The app's own rule of "shared" (SHARED_MIN_PAPERS), not a copy of it.
            let index = crate::query::filter::FilterIndex::new(c);
            n((0..c.evidence.len())
                .filter(|&e| index.is_shared(e))
                .count())
        }),
        (
            "mentions",
            n(c.sweeps.iter().map(|s| s.mentions.len()).sum()),
        ),
        (
            "double_coded_papers",
            n(c.agreement.as_ref().map_or(0, |s| s.papers.len())),
        ),
        ("methods", n(c.about.methods.len())),
        ("rules", n(c.about.rules.len())),
        ("changelog", n(c.about.changelog.len())),
    ])
}

fn papers(c: &Corpus) -> String {
    lines(
        c.papers
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let codings: Vec<_> = c.codings.iter().filter(|k| k.paper == i).collect();
                obj(&[
                    ("id", js(&p.id)),
                    ("mark", js(&p.mark)),
                    ("title", js(&p.title)),
                    ("short_title", js(&p.short_title)),
                    ("file", js(&p.file)),
                    (
                        "categories",
                        c.categories
                            .iter()
                            .filter(|k| k.paper == i)
                            .count()
                            .to_string(),
                    ),
                    ("codings", codings.len().to_string()),
                    (
                        "quotes",
                        codings
                            .iter()
                            .map(|k| k.quotes.len())
                            .sum::<usize>()
                            .to_string(),
                    ),
                    ("sections", p.doc.sections.len().to_string()),
                    ("footnotes", p.doc.footnotes.len().to_string()),
                ])
            })
            .collect(),
    )
}

fn categories(c: &Corpus) -> String {
    let dim = |d: Option<usize>| {
        d.and_then(|d| c.dimensions.get(d))
            .map_or("null".into(), |d| js(&d.id))
    };
    lines(
        c.categories
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let codings: Vec<_> = c.codings.iter().filter(|x| x.category == i).collect();
                let secondary = k
                    .secondary
                    .iter()
                    .filter_map(|s| c.dimensions.get(s.dimension));
                obj(&[
                    ("id", js(&k.id)),
                    ("paper", js(&c.papers[k.paper].id)),
                    ("label", js(&k.label)),
                    ("kind", js(kind_name(k.kind))),
                    ("dimension", dim(k.dimension)),
                    ("secondary", js_list(secondary.map(|d| d.id.as_str()))),
                    ("codings", codings.len().to_string()),
                    (
                        "quotes",
                        codings
                            .iter()
                            .map(|x| x.quotes.len())
                            .sum::<usize>()
                            .to_string(),
                    ),
                    ("no_evidence", k.no_evidence.is_some().to_string()),
                    (
                        "stance",
                        k.dimension
                            .map_or_else(|| "null".to_string(), |_| js(k.stance.id())),
                    ),
                    (
                        "secondary_stances",
                        js_list(k.secondary.iter().map(|l| l.stance.id())),
                    ),
                ])
            })
            .collect(),
    )
}

fn evidence(c: &Corpus) -> String {
    lines(
        c.evidence
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let papers = papers_of(c, i);
                let series = e
                    .series
                    .and_then(|s| c.series.get(s))
                    .map_or("null".into(), |s| js(&s.id));
                obj(&[
                    ("id", js(&e.id)),
                    ("title", js(&e.title)),
                    ("date", js(&e.date_text)),
                    ("place", js(&e.place)),
                    ("series", series),
                    (
                        "papers",
                        js_list(papers.iter().map(|&p| c.papers[p].id.as_str())),
                    ),
                    (
                        "codings",
                        c.codings
                            .iter()
                            .filter(|k| k.evidence == i)
                            .count()
                            .to_string(),
                    ),
                ])
            })
            .collect(),
    )
}

fn rest(c: &Corpus) -> (String, String, String) {
    let dims = lines(
        c.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let n = c
                    .categories
                    .iter()
                    .filter(|k| k.dimension == Some(i))
                    .count();
                obj(&[
                    ("id", js(&d.id)),
                    ("label", js(&d.label)),
                    ("categories", n.to_string()),
                ])
            })
            .collect(),
    );
    let series = lines(
        c.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let ev = c
                    .evidence
                    .iter()
                    .filter(|e| e.series == Some(i))
                    .map(|e| e.id.as_str());
                obj(&[
                    ("id", js(&s.id)),
                    ("title", js(&s.title)),
                    ("evidence", js_list(ev)),
                ])
            })
            .collect(),
    );
    let codings = lines(
        c.codings
            .iter()
            .map(|k| {
                obj(&[
                    ("id", js(&k.id)),
                    ("paper", js(&c.papers[k.paper].id)),
                    ("category", js(&c.categories[k.category].id)),
                    ("evidence", js(&c.evidence[k.evidence].id)),
                    ("quotes", k.quotes.len().to_string()),
                ])
            })
            .collect(),
    );
    (dims, series, codings)
}

/// The sweeps (mention counts) and agreement figures.
fn audit(c: &Corpus) -> (String, String) {
    let sweeps = lines(
        c.sweeps
            .iter()
            .map(|s| {
                let coded = s
                    .mentions
                    .iter()
                    .filter(|m| matches!(m.decision, crate::model::MentionDecision::Coded(_)))
                    .count();
                obj(&[
                    ("paper", js(&c.papers[s.paper].id)),
                    ("mentions", s.mentions.len().to_string()),
                    ("coded", coded.to_string()),
                    ("excluded", (s.mentions.len() - coded).to_string()),
                ])
            })
            .collect(),
    );
    (sweeps, agreement(c))
}

/// An estimate as `{ "value", "low", "high", "text" }` (numbers rounded to 4 decimals, `null`
/// where not defined); `text` is what the methods view shows (`agreement::estimate_text`).
fn estimate(e: &Estimate) -> String {
    let num = |v: Option<f64>| v.map_or("null".to_string(), |v| format!("{v:.4}"));
    obj(&[
        ("value", num(e.value)),
        ("low", num(e.ci.map(|c| c.0))),
        ("high", num(e.ci.map(|c| c.1))),
        ("text", js(&crate::query::agreement::estimate_text(e))),
    ])
}

fn tally(t: &Tally) -> String {
    obj(&[
        ("both", t.both.to_string()),
        ("only_first", t.only_first.to_string()),
        ("only_second", t.only_second.to_string()),
    ])
}

fn figures(f: &AgreementFigures) -> String {
    obj(&[
        ("first_mentions", f.first_mentions.to_string()),
        ("second_mentions", f.second_mentions.to_string()),
        ("units", tally(&f.units)),
        ("units_pa", estimate(&f.units_pa)),
        ("agreed", f.agreed.to_string()),
        ("kappa", estimate(&f.kappa)),
        ("alpha", estimate(&f.alpha)),
        ("decisions", tally(&f.decisions)),
        ("decisions_pa", estimate(&f.decisions_pa)),
        ("items", tally(&f.items)),
        ("items_pa", estimate(&f.items_pa)),
        ("clusters", f.clusters.to_string()),
    ])
}

/// The agreement study (see the module docs), `null` when the corpus has none.
fn agreement(c: &Corpus) -> String {
    let Some(s) = &c.agreement else {
        return "null".into();
    };
    let papers = lines(
        s.papers
            .iter()
            .map(|p| {
                let cats = p
                    .categories
                    .iter()
                    .map(|k| {
                        obj(&[
                            ("category", js(&c.categories[k.category].id)),
                            ("tally", tally(&k.tally)),
                            ("pa", estimate(&k.pa)),
                        ])
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                obj(&[
                    ("paper", js(&c.papers[p.paper].id)),
                    ("figures", figures(&p.figures)),
                    ("categories", format!("[{cats}]")),
                ])
            })
            .collect(),
    );
    let crosswalk = s.crosswalk.as_ref().map_or("null".to_string(), |w| {
        obj(&[
            ("links", w.links.to_string()),
            ("agreed", w.agreed.to_string()),
            ("kappa", estimate(&w.kappa)),
            ("alpha", estimate(&w.alpha)),
            ("secondary", tally(&w.secondary)),
            ("stances_compared", w.stances.0.to_string()),
            ("stances_agreed", w.stances.1.to_string()),
        ])
    });
    let counts = crate::query::agreement::outcome_counts(s);
    let sum = |k: usize| counts.iter().map(|(_, n)| n[k]).sum::<usize>().to_string();
    let resolutions = obj(&[
        ("first_coder", sum(0)),
        ("second_coder", sum(1)),
        ("neither", sum(2)),
    ]);
    format!(
        "{{\n    \"resamples\": {},\n    \"seed\": {},\n    \"papers\": {papers},\n    \"overall\": {},\n    \"crosswalk\": {crosswalk},\n    \"disagreements\": {},\n    \"resolutions\": {resolutions}\n  }}",
        s.resamples,
        s.seed,
        figures(&s.overall),
        s.disagreements.len(),
    )
}

/// The summary as pretty-printed JSON (see the module docs for the format).
pub fn corpus_summary_json(c: &Corpus) -> String {
    let about = obj(&[
        ("title", js(&c.about.title)),
        ("version", js(&c.about.version)),
        ("hash", js(&c.about.hash)),
    ]);
    let vocab = obj(&[
        ("partners", js_list(c.partners.iter().map(String::as_str))),
        ("kinds", js_list(c.kinds.iter().map(String::as_str))),
        ("domains", js_list(c.domains.iter().map(String::as_str))),
    ]);
    let (dims, series, codings) = rest(c);
    let (sweeps, agreement) = audit(c);
    format!(
        "{{\n  \"format\": 1,\n  \"corpus\": {about},\n  \"counts\": {},\n  \"vocabulary\": {vocab},\n  \"papers\": {},\n  \"dimensions\": {dims},\n  \"categories\": {},\n  \"series\": {series},\n  \"evidence\": {},\n  \"codings\": {codings},\n  \"sweeps\": {sweeps},\n  \"agreement\": {agreement},\n  \"default_tour\": {},\n  \"tours\": {}\n}}\n",
        counts(c),
        papers(c),
        categories(c),
        evidence(c),
        default_tour(c),
        tours(c),
    )
}

fn default_tour(c: &Corpus) -> String {
    let (Some(d), Some(f)) = (c.default_tour(), crate::link::url::default_tour_fragment(c)) else {
        return "null".to_string();
    };
    obj(&[
        ("title", js(&d.title)),
        ("steps", d.steps.to_string()),
        ("fragment", js(&f)),
        ("length", f.chars().count().to_string()),
    ])
}

fn tours(c: &Corpus) -> String {
    let list: Vec<String> = c
        .tours
        .iter()
        .map(|t| {
            let f = crate::link::url::named_tour_fragment(t, c).unwrap_or_default();
            let (tour, _) = crate::link::tour::decode(&t.payload, c);
            let steps: Vec<String> = tour
                .steps
                .iter()
                .map(|s| {
                    let p = &s.parts;
                    let kind = match &s.kind {
                        crate::link::tour::StepKind::View(_) => "view",
                        crate::link::tour::StepKind::Quote(_) => "quote",
                    };
                    obj(&[
                        ("title", js(&s.title)),
                        ("kind", js(kind)),
                        ("point", js(&s.note)),
                        ("show", js(&p.show)),
                        ("contrast", js(&p.contrast)),
                        ("judgement", js(&p.judgement)),
                        ("question", js(&p.question)),
                        ("minutes", p.minutes.unwrap_or(0).to_string()),
                    ])
                })
                .collect();
            obj(&[
                ("name", js(&t.name)),
                ("title", js(&t.title)),
                ("hash", js(&t.hash)),
                ("minutes", t.minutes.to_string()),
                ("fragment", js(&f)),
                ("length", f.chars().count().to_string()),
                ("steps", format!("[{}]", steps.join(", "))),
            ])
        })
        .collect();
    format!("[{}]", list.join(",\n    "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(js("a \"b\"\\\n\u{1}é"), "\"a \\\"b\\\"\\\\\\n\\u0001é\"");
        assert_eq!(js_list(["x", "y"]), "[\"x\", \"y\"]");
    }

    #[test]
    fn summary_of_the_test_corpus_names_its_papers_and_counts() {
        let c = crate::testkit::sample();
        let s = corpus_summary_json(&c);
        assert!(s.starts_with("{\n  \"format\": 1,"));
        for p in &c.papers {
            assert!(
                s.contains(&format!("\"id\": {}, \"mark\": {}", js(&p.id), js(&p.mark))),
                "{s}"
            );
        }
        assert!(s.contains(&format!("\"codings\": {}", c.codings.len())));
        assert!(s.contains("\"stance\": \"positive\", \"secondary_stances\": []"));
        assert!(s.contains("\"changelog\": 0"));
    }
}
