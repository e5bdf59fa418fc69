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

use serde::Serialize;

use crate::model::{AgreementFigures, CategoryKind, Corpus, Estimate, Tally};

/// The whole summary, its fields in the order of the format.
#[derive(Serialize)]
struct Summary<'a> {
    format: u32,
    corpus: About<'a>,
    counts: Counts,
    vocabulary: Vocabulary<'a>,
    papers: Vec<PaperRow<'a>>,
    dimensions: Vec<DimensionRow<'a>>,
    categories: Vec<CategoryRow<'a>>,
    series: Vec<SeriesRow<'a>>,
    evidence: Vec<EvidenceRow<'a>>,
    codings: Vec<CodingRow<'a>>,
    sweeps: Vec<SweepRow<'a>>,
    agreement: Option<Agreement<'a>>,
    default_tour: Option<DefaultTour<'a>>,
    tours: Vec<TourRow<'a>>,
}

#[derive(Serialize)]
struct About<'a> {
    title: &'a str,
    version: &'a str,
    hash: &'a str,
}

#[derive(Serialize)]
struct Counts {
    papers: usize,
    dimensions: usize,
    categories: usize,
    analytic_categories: usize,
    descriptive_categories: usize,
    context_categories: usize,
    empty_categories: usize,
    evidence: usize,
    series: usize,
    codings: usize,
    quotes: usize,
    csv_rows: usize,
    shared_evidence: usize,
    mentions: usize,
    double_coded_papers: usize,
    methods: usize,
    rules: usize,
    changelog: usize,
}

#[derive(Serialize)]
struct Vocabulary<'a> {
    partners: &'a [String],
    kinds: &'a [String],
    domains: &'a [String],
}

#[derive(Serialize)]
struct PaperRow<'a> {
    id: &'a str,
    mark: &'a str,
    title: &'a str,
    short_title: &'a str,
    file: &'a str,
    categories: usize,
    codings: usize,
    quotes: usize,
    sections: usize,
    footnotes: usize,
}

#[derive(Serialize)]
struct DimensionRow<'a> {
    id: &'a str,
    label: &'a str,
    categories: usize,
}

#[derive(Serialize)]
struct CategoryRow<'a> {
    id: &'a str,
    paper: &'a str,
    label: &'a str,
    kind: &'static str,
    dimension: Option<&'a str>,
    secondary: Vec<&'a str>,
    codings: usize,
    quotes: usize,
    no_evidence: bool,
    stance: Option<&'static str>,
    secondary_stances: Vec<&'static str>,
}

#[derive(Serialize)]
struct SeriesRow<'a> {
    id: &'a str,
    title: &'a str,
    evidence: Vec<&'a str>,
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    id: &'a str,
    title: &'a str,
    date: &'a str,
    place: &'a str,
    series: Option<&'a str>,
    papers: Vec<&'a str>,
    codings: usize,
}

#[derive(Serialize)]
struct CodingRow<'a> {
    id: &'a str,
    paper: &'a str,
    category: &'a str,
    evidence: &'a str,
    quotes: usize,
}

#[derive(Serialize)]
struct SweepRow<'a> {
    paper: &'a str,
    mentions: usize,
    coded: usize,
    excluded: usize,
}

#[derive(Serialize)]
struct Agreement<'a> {
    resamples: usize,
    seed: u64,
    papers: Vec<AgreementPaper<'a>>,
    overall: Figures,
    crosswalk: Option<Crosswalk>,
    disagreements: usize,
    resolutions: Resolutions,
}

#[derive(Serialize)]
struct AgreementPaper<'a> {
    paper: &'a str,
    figures: Figures,
    categories: Vec<AgreementCategory<'a>>,
}

#[derive(Serialize)]
struct AgreementCategory<'a> {
    category: &'a str,
    tally: TallyRow,
    pa: EstimateRow,
}

#[derive(Serialize)]
struct Figures {
    first_mentions: usize,
    second_mentions: usize,
    units: TallyRow,
    units_pa: EstimateRow,
    agreed: usize,
    kappa: EstimateRow,
    alpha: EstimateRow,
    decisions: TallyRow,
    decisions_pa: EstimateRow,
    items: TallyRow,
    items_pa: EstimateRow,
    clusters: usize,
}

#[derive(Serialize)]
struct Crosswalk {
    links: usize,
    agreed: usize,
    kappa: EstimateRow,
    alpha: EstimateRow,
    secondary: TallyRow,
    stances_compared: usize,
    stances_agreed: usize,
}

#[derive(Serialize)]
struct Resolutions {
    first_coder: usize,
    second_coder: usize,
    neither: usize,
}

#[derive(Serialize)]
struct TallyRow {
    both: usize,
    only_first: usize,
    only_second: usize,
}

#[derive(Serialize)]
struct EstimateRow {
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    text: String,
}

#[derive(Serialize)]
struct DefaultTour<'a> {
    title: &'a str,
    steps: usize,
    fragment: String,
    length: usize,
}

#[derive(Serialize)]
struct TourRow<'a> {
    name: &'a str,
    title: &'a str,
    hash: &'a str,
    minutes: u32,
    fragment: String,
    length: usize,
    steps: Vec<StepRow>,
}

#[derive(Serialize)]
struct StepRow {
    title: String,
    kind: &'static str,
    point: String,
    show: String,
    contrast: String,
    judgement: String,
    question: String,
    minutes: u32,
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

fn counts(c: &Corpus) -> Counts {
    let quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
    let kinds = |k: CategoryKind| c.categories.iter().filter(|x| x.kind == k).count();
    // The app's own rule of "shared" (SHARED_MIN_PAPERS), not a copy of it.
    let index = crate::query::filter::FilterIndex::new(c);
    Counts {
        papers: c.papers.len(),
        dimensions: c.dimensions.len(),
        categories: c.categories.len(),
        analytic_categories: kinds(CategoryKind::Analytic),
        descriptive_categories: kinds(CategoryKind::Descriptive),
        context_categories: kinds(CategoryKind::Context),
        empty_categories: c
            .categories
            .iter()
            .filter(|x| x.no_evidence.is_some())
            .count(),
        evidence: c.evidence.len(),
        series: c.series.len(),
        codings: c.codings.len(),
        quotes,
        csv_rows: quotes,
        shared_evidence: (0..c.evidence.len())
            .filter(|&e| index.is_shared(e))
            .count(),
        mentions: c.sweeps.iter().map(|s| s.mentions.len()).sum(),
        double_coded_papers: c.agreement.as_ref().map_or(0, |s| s.papers.len()),
        methods: c.about.methods.len(),
        rules: c.about.rules.len(),
        changelog: c.about.changelog.len(),
    }
}

fn papers(c: &Corpus) -> Vec<PaperRow<'_>> {
    c.papers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let codings: Vec<_> = c.codings.iter().filter(|k| k.paper == i).collect();
            PaperRow {
                id: &p.id,
                mark: &p.mark,
                title: &p.title,
                short_title: &p.short_title,
                file: &p.file,
                categories: c.categories.iter().filter(|k| k.paper == i).count(),
                codings: codings.len(),
                quotes: codings.iter().map(|k| k.quotes.len()).sum(),
                sections: p.doc.sections.len(),
                footnotes: p.doc.footnotes.len(),
            }
        })
        .collect()
}

fn categories(c: &Corpus) -> Vec<CategoryRow<'_>> {
    c.categories
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let codings: Vec<_> = c.codings.iter().filter(|x| x.category == i).collect();
            CategoryRow {
                id: &k.id,
                paper: &c.papers[k.paper].id,
                label: &k.label,
                kind: kind_name(k.kind),
                dimension: k
                    .dimension
                    .and_then(|d| c.dimensions.get(d))
                    .map(|d| d.id.as_str()),
                secondary: k
                    .secondary
                    .iter()
                    .filter_map(|s| c.dimensions.get(s.dimension))
                    .map(|d| d.id.as_str())
                    .collect(),
                codings: codings.len(),
                quotes: codings.iter().map(|x| x.quotes.len()).sum(),
                no_evidence: k.no_evidence.is_some(),
                stance: k.dimension.map(|_| k.stance.id()),
                secondary_stances: k.secondary.iter().map(|l| l.stance.id()).collect(),
            }
        })
        .collect()
}

fn evidence(c: &Corpus) -> Vec<EvidenceRow<'_>> {
    c.evidence
        .iter()
        .enumerate()
        .map(|(i, e)| EvidenceRow {
            id: &e.id,
            title: &e.title,
            date: &e.date_text,
            place: &e.place,
            series: e
                .series
                .and_then(|s| c.series.get(s))
                .map(|s| s.id.as_str()),
            papers: papers_of(c, i)
                .into_iter()
                .map(|p| c.papers[p].id.as_str())
                .collect(),
            codings: c.codings.iter().filter(|k| k.evidence == i).count(),
        })
        .collect()
}

fn dimensions(c: &Corpus) -> Vec<DimensionRow<'_>> {
    c.dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| DimensionRow {
            id: &d.id,
            label: &d.label,
            categories: c
                .categories
                .iter()
                .filter(|k| k.dimension == Some(i))
                .count(),
        })
        .collect()
}

fn series(c: &Corpus) -> Vec<SeriesRow<'_>> {
    c.series
        .iter()
        .enumerate()
        .map(|(i, s)| SeriesRow {
            id: &s.id,
            title: &s.title,
            evidence: c
                .evidence
                .iter()
                .filter(|e| e.series == Some(i))
                .map(|e| e.id.as_str())
                .collect(),
        })
        .collect()
}

fn codings(c: &Corpus) -> Vec<CodingRow<'_>> {
    c.codings
        .iter()
        .map(|k| CodingRow {
            id: &k.id,
            paper: &c.papers[k.paper].id,
            category: &c.categories[k.category].id,
            evidence: &c.evidence[k.evidence].id,
            quotes: k.quotes.len(),
        })
        .collect()
}

/// The sweeps (mention counts).
fn sweeps(c: &Corpus) -> Vec<SweepRow<'_>> {
    c.sweeps
        .iter()
        .map(|s| {
            let coded = s
                .mentions
                .iter()
                .filter(|m| matches!(m.decision, crate::model::MentionDecision::Coded(_)))
                .count();
            SweepRow {
                paper: &c.papers[s.paper].id,
                mentions: s.mentions.len(),
                coded,
                excluded: s.mentions.len() - coded,
            }
        })
        .collect()
}

/// An estimate as `{ "value", "low", "high", "text" }` (numbers rounded to 4 decimals, `null`
/// where not defined); `text` is what the methods view shows (`agreement::estimate_text`).
fn estimate(e: &Estimate) -> EstimateRow {
    // Rounded as the decimal text `{:.4}` rounds it, then read back as the number it writes.
    let round = |v: f64| format!("{v:.4}").parse::<f64>().unwrap_or(v);
    EstimateRow {
        value: e.value.map(round),
        low: e.ci.map(|c| round(c.0)),
        high: e.ci.map(|c| round(c.1)),
        text: crate::query::agreement::estimate_text(e),
    }
}

fn tally(t: &Tally) -> TallyRow {
    TallyRow {
        both: t.both,
        only_first: t.only_first,
        only_second: t.only_second,
    }
}

fn figures(f: &AgreementFigures) -> Figures {
    Figures {
        first_mentions: f.first_mentions,
        second_mentions: f.second_mentions,
        units: tally(&f.units),
        units_pa: estimate(&f.units_pa),
        agreed: f.agreed,
        kappa: estimate(&f.kappa),
        alpha: estimate(&f.alpha),
        decisions: tally(&f.decisions),
        decisions_pa: estimate(&f.decisions_pa),
        items: tally(&f.items),
        items_pa: estimate(&f.items_pa),
        clusters: f.clusters,
    }
}

/// The agreement study (see the module docs), `None` (`null`) when the corpus has none.
fn agreement(c: &Corpus) -> Option<Agreement<'_>> {
    let s = c.agreement.as_ref()?;
    let papers = s
        .papers
        .iter()
        .map(|p| AgreementPaper {
            paper: &c.papers[p.paper].id,
            figures: figures(&p.figures),
            categories: p
                .categories
                .iter()
                .map(|k| AgreementCategory {
                    category: &c.categories[k.category].id,
                    tally: tally(&k.tally),
                    pa: estimate(&k.pa),
                })
                .collect(),
        })
        .collect();
    let crosswalk = s.crosswalk.as_ref().map(|w| Crosswalk {
        links: w.links,
        agreed: w.agreed,
        kappa: estimate(&w.kappa),
        alpha: estimate(&w.alpha),
        secondary: tally(&w.secondary),
        stances_compared: w.stances.0,
        stances_agreed: w.stances.1,
    });
    let counts = crate::query::agreement::outcome_counts(s);
    let sum = |k: usize| counts.iter().map(|(_, n)| n[k]).sum::<usize>();
    Some(Agreement {
        resamples: s.resamples,
        seed: s.seed,
        papers,
        overall: figures(&s.overall),
        crosswalk,
        disagreements: s.disagreements.len(),
        resolutions: Resolutions {
            first_coder: sum(0),
            second_coder: sum(1),
            neither: sum(2),
        },
    })
}

/// The summary as pretty-printed JSON (see the module docs for the format).
pub fn corpus_summary_json(c: &Corpus) -> String {
    let summary = Summary {
        format: 1,
        corpus: About {
            title: &c.about.title,
            version: &c.about.version,
            hash: &c.about.hash,
        },
        counts: counts(c),
        vocabulary: Vocabulary {
            partners: &c.partners,
            kinds: &c.kinds,
            domains: &c.domains,
        },
        papers: papers(c),
        dimensions: dimensions(c),
        categories: categories(c),
        series: series(c),
        evidence: evidence(c),
        codings: codings(c),
        sweeps: sweeps(c),
        agreement: agreement(c),
        default_tour: default_tour(c),
        tours: tours(c),
    };
    // Plain structs of strings, numbers and lists: serializing them cannot fail.
    let mut out = serde_json::to_string_pretty(&summary).unwrap_or_default();
    out.push('\n');
    out
}

fn default_tour(c: &Corpus) -> Option<DefaultTour<'_>> {
    let d = c.default_tour()?;
    let f = crate::link::url::default_tour_fragment(c)?;
    Some(DefaultTour {
        title: &d.title,
        steps: d.steps,
        length: f.chars().count(),
        fragment: f,
    })
}

fn tours(c: &Corpus) -> Vec<TourRow<'_>> {
    c.tours
        .iter()
        .map(|t| {
            let f = crate::link::url::named_tour_fragment(t, c).unwrap_or_default();
            let (tour, _) = crate::link::tour::decode(&t.payload, c);
            let steps = tour
                .steps
                .into_iter()
                .map(|s| StepRow {
                    kind: match &s.kind {
                        crate::link::tour::StepKind::View(_) => "view",
                        crate::link::tour::StepKind::Quote(_) => "quote",
                    },
                    title: s.title,
                    point: s.note,
                    show: s.parts.show,
                    contrast: s.parts.contrast,
                    judgement: s.parts.judgement,
                    question: s.parts.question,
                    minutes: s.parts.minutes.unwrap_or(0),
                })
                .collect();
            TourRow {
                name: &t.name,
                title: &t.title,
                hash: &t.hash,
                minutes: t.minutes,
                length: f.chars().count(),
                fragment: f,
                steps,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn parsed(c: &Corpus) -> Value {
        serde_json::from_str(&corpus_summary_json(c)).expect("the summary is JSON")
    }

    #[test]
    fn strings_are_escaped() {
        // Quotes, backslashes, newlines and control characters come back as written.
        let mut c = crate::testkit::sample();
        let title = "a \"b\"\\\n\u{1}é";
        c.about.title = title.into();
        c.partners = vec!["x".into(), "y".into()];
        let v = parsed(&c);
        assert_eq!(v["corpus"]["title"], json!(title));
        assert_eq!(v["vocabulary"]["partners"], json!(["x", "y"]));
    }

    #[test]
    fn summary_of_the_test_corpus_names_its_papers_and_counts() {
        let c = crate::testkit::sample();
        let s = corpus_summary_json(&c);
        assert!(s.starts_with("{\n  \"format\": 1,"), "{s}");
        let v = parsed(&c);
        assert_eq!(v["format"], json!(1));
        let papers = v["papers"].as_array().expect("papers");
        assert_eq!(papers.len(), c.papers.len());
        for (row, p) in papers.iter().zip(&c.papers) {
            assert_eq!(row["id"], json!(p.id), "{s}");
            assert_eq!(row["mark"], json!(p.mark), "{s}");
        }
        assert_eq!(v["counts"]["codings"], json!(c.codings.len()));
        assert!(
            v["categories"]
                .as_array()
                .expect("categories")
                .iter()
                .any(|k| k["stance"] == json!("positive") && k["secondary_stances"] == json!([])),
            "{s}"
        );
        assert_eq!(v["counts"]["changelog"], json!(0));
    }
}
