//! Phase 9: the agreement study (`agreement/`). A second coder sweeps and codes papers from the
//! texts, the methods rules and the category and dimension definitions alone; their files are
//! committed before anything is compared. The build compares them with the first coding in
//! two stages and requires a resolution for every disagreement.
//!
//! Files (under `agreement/`):
//! - `coder1/<paper>.toml`: the first coder's sweep of the paper as it stood when the
//!   comparison was made (a copy of `codebook/sweep-<paper>.toml` with `source` saying which
//!   commit), so that later changes of the codebook, including those the resolutions call
//!   for, do not change the figures. `[[mention]]`: `locator`, `coded = ["<evidence>~<category>"]`
//!   or `excluded` + `why`.
//! - `coder2/<paper>.toml`: `paper`, `coder`, `made`, `procedure`, `[[unit]]`: `locator`
//!   (verbatim, standing once in the paper), `item` (the real event, in words), `decision`
//!   (`evidence` | `excluded`), `categories` (for evidence), `excluded` (a reason), `why`.
//! - `coder2/crosswalk.toml`: `coder`, `made`, `procedure`, `[[link]]`: `category`,
//!   `dimension`, `secondary`, `stance` (`positive` | `negative` | `mixed`), `why`.
//! - `resolutions.toml`: `[[resolution]]`: `paper` + `locator` (a unit) or `crosswalk` (a
//!   category id), `outcome` (`first-coder` | `second-coder` | `neither`), `reason`.
//!
//! Units. Each coder's evidence mentions are located in the paper (a paragraph or footnote,
//! and a byte range there). Two mentions *overlap* when they stand in the same paragraph or
//! footnote and touch a common sentence (sentences as `draft::sentences` splits them; two
//! ranges that share a character always share a sentence). A *unit* is a connected group of
//! overlapping evidence mentions of either coder; in it each coder treats the unit as evidence
//! when one of their mentions is there, with the union of their categories and items.
//!
//! Stage 1 (unitizing): units both treat as evidence, units only one does; positive
//! agreement 2a / (2a + b + c). Stage 2 (categorization), on the units both found: the set of
//! categories as one nominal value (Cohen's kappa, Krippendorff's alpha), and the unit ×
//! category yes/no decisions (positive agreement, pooled and per category). Whole items: the
//! first coder's evidence ids and the second coder's item names are linked when they stand in
//! one unit both found; a maximum matching of that graph pairs them; items left unpaired were
//! found by one coder only.
//!
//! Confidence intervals: 95% percentile bootstrap (`stats::bootstrap_ci`, `RESAMPLES`
//! resamples, fixed `SEED`) resampling clusters: units linked by a shared item (an evidence
//! id of the first coder or an item name of the second) form one cluster, so a real event
//! mentioned several times is resampled whole; items are resampled by connected groups of
//! the item graph. Overall figures pool the units of every double-coded paper.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use super::diags::Diags;
use super::draft::sentences;
use super::ids::lookup;
use super::papers::Papers;
use super::quotes::PaperText;
use super::records::{
    did_you_mean, get, list, owned, parse_file, read_record, required, tables, text, At, List,
    Record, Str,
};
use super::stats::{bootstrap_ci, cohens_kappa, krippendorff_alpha_nominal, positive_agreement};
use super::sweeps::EXCLUSION_REASONS;
use super::SeedFile;
use crate::model::{
    AgreementFigures, AgreementStudy, Category, CategoryAgreement, CrosswalkAgreement,
    CrosswalkRow, Dimension, Disagreement, DisagreementKind, Estimate, Outcome, PaperAgreement,
    Quote, QuotePlace, Tally,
};

/// Bootstrap resamples behind every interval.
pub const RESAMPLES: usize = 2000;
/// Seed of the bootstrap generator.
pub const SEED: u64 = 20_261_207;
/// Stances of a crosswalk link.
pub const STANCES: &[&str] = &["positive", "negative", "mixed"];
/// Outcomes of a resolution, as written.
pub const OUTCOMES: &[&str] = &["first-coder", "second-coder", "neither"];

/// What the agreement files refer to.
pub(super) struct AgreementRefs<'a> {
    pub(super) papers: &'a Papers,
    /// Each paper's text for locators (`PaperText::locators`), in paper order.
    pub(super) texts: &'a [PaperText],
    /// Each paper's text file as written, in paper order (for mentions in what the cleaning
    /// leaves out, such as a masthead).
    pub(super) raw: &'a [String],
    pub(super) categories: &'a [Category],
    pub(super) dimensions: &'a [Dimension],
    /// The codebook's stance of each category's primary crosswalk link ("" for none).
    pub(super) stances: &'a [String],
    /// Display path of the agreement directory (`seeds/agreement`).
    pub(super) dir: &'a str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FirstFileRec {
    paper: Str,
    source: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FirstMentionRec {
    locator: Str,
    coded: List,
    excluded: Str,
    why: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SecondFileRec {
    paper: Str,
    coder: Str,
    made: Str,
    procedure: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct UnitRec {
    locator: Str,
    item: Str,
    decision: Str,
    categories: List,
    excluded: Str,
    why: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CrosswalkFileRec {
    coder: Str,
    made: Str,
    procedure: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkRec {
    category: Str,
    dimension: Str,
    secondary: List,
    stance: Str,
    why: Str,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResolutionRec {
    paper: Str,
    locator: Str,
    crosswalk: Str,
    outcome: Str,
    reason: Str,
}

/// One coder's mention, located.
#[derive(Clone)]
struct Mention {
    /// 0 the first coder, 1 the second.
    coder: usize,
    /// Index into the papers.
    paper: usize,
    quote: Quote,
    /// Sentences touched (first, last) in the quote's paragraph or footnote.
    sentences: (usize, usize),
    evidence: bool,
    items: BTreeSet<String>,
    categories: BTreeSet<usize>,
    /// For an excluded mention: "reason: why".
    excluded: String,
    file: String,
    line: u32,
}

impl Mention {
    fn overlaps(&self, other: &Mention) -> bool {
        self.paper == other.paper
            && self.quote.place == other.quote.place
            && self.quote.index == other.quote.index
            && self.sentences.0 <= other.sentences.1
            && other.sentences.0 <= self.sentences.1
    }
}

/// A paper's mentions by both coders and the second coder's file header.
#[derive(Default)]
struct PaperSides {
    first: Option<(String, Vec<Mention>)>,
    second: Option<(SecondHeader, Vec<Mention>)>,
}

#[derive(Default, Clone)]
struct SecondHeader {
    coder: String,
    made: String,
    procedure: String,
}

/// A unit: a connected group of overlapping evidence mentions.
struct Unit {
    paper: usize,
    members: Vec<usize>,
    first: bool,
    second: bool,
    first_categories: BTreeSet<usize>,
    second_categories: BTreeSet<usize>,
    first_items: BTreeSet<String>,
    second_items: BTreeSet<String>,
    quote: Quote,
}

/// Builds the study; `None` when the seeds hold no agreement files.
pub(super) fn build(
    files: &[SeedFile],
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> Option<AgreementStudy> {
    if files.is_empty() {
        return None;
    }
    let mut sides: Vec<PaperSides> = (0..refs.papers.list.len())
        .map(|_| PaperSides::default())
        .collect();
    let mut crosswalk_file = None;
    let mut resolution_file = None;
    let mut frozen_file = None;
    for f in files {
        let rel = f
            .path
            .strip_prefix(refs.dir)
            .unwrap_or(&f.path)
            .trim_start_matches('/');
        match rel.split_once('/') {
            Some(("coder1", _)) => first_file(f, refs, &mut sides, diags),
            Some(("coder2", "crosswalk.toml")) => crosswalk_file = Some(f),
            Some(("coder2", _)) => second_file(f, refs, &mut sides, diags),
            None if rel == "resolutions.toml" => resolution_file = Some(f),
            None if rel == "frozen.toml" => frozen_file = Some(f),
            _ => diags.push(
                &f.path,
                1,
                format!("unknown agreement file {rel}"),
                "coder1/<paper id>.toml, coder2/<paper id>.toml, coder2/crosswalk.toml, frozen.toml or resolutions.toml",
            ),
        }
    }
    frozen(files, frozen_file, refs, diags);
    let mut study = AgreementStudy {
        resamples: RESAMPLES,
        seed: SEED,
        ..AgreementStudy::default()
    };
    let mut all_units: Vec<Unit> = Vec::new();
    let mut all_mentions: Vec<Mention> = Vec::new();
    let mut per_paper: Vec<(usize, Vec<usize>)> = Vec::new();
    for (p, s) in sides.iter().enumerate() {
        let Some((header, second)) = &s.second else {
            continue;
        };
        let Some((source, first)) = &s.first else {
            let id = &refs.papers.list[p].id;
            diags.push(
                &format!("{}/coder2/{id}.toml", refs.dir),
                1,
                format!("paper `{id}` has a second coding but no first coding to compare it with"),
                format!("{}/coder1/{id}.toml: the first coder's sweep as it stood before the comparison", refs.dir),
            );
            continue;
        };
        let offset = all_mentions.len();
        all_mentions.extend(first.iter().cloned());
        all_mentions.extend(second.iter().cloned());
        let units = units_of(p, &all_mentions, offset);
        let start = all_units.len();
        all_units.extend(units);
        per_paper.push((p, (start..all_units.len()).collect()));
        study.papers.push(PaperAgreement {
            paper: p,
            coder: header.coder.clone(),
            made: header.made.clone(),
            procedure: header.procedure.clone(),
            first_source: source.clone(),
            ..PaperAgreement::default()
        });
    }
    let clusters = unit_clusters(&all_units);
    for (pa, (p, idx)) in study.papers.iter_mut().zip(&per_paper) {
        pa.figures = figures(idx, &all_units, &clusters);
        pa.categories = per_category(*p, idx, &all_units, &clusters, refs);
    }
    let every: Vec<usize> = (0..all_units.len()).collect();
    study.overall = figures(&every, &all_units, &clusters);
    // Mention counts per paper and overall.
    for pa in &mut study.papers {
        let ms = all_mentions_of(&sides[pa.paper]);
        pa.figures.first_mentions = ms.0;
        pa.figures.second_mentions = ms.1;
    }
    study.overall.first_mentions = study.papers.iter().map(|p| p.figures.first_mentions).sum();
    study.overall.second_mentions = study.papers.iter().map(|p| p.figures.second_mentions).sum();
    let mut disagreements = unit_disagreements(&all_units, &all_mentions, refs);
    if let Some(f) = crosswalk_file {
        let (cw, mut more) = crosswalk(f, refs, diags);
        study.crosswalk = cw;
        disagreements.append(&mut more);
    }
    let mut resolutions = match resolution_file {
        Some(f) => read_resolutions(f, refs, diags),
        None => Vec::new(),
    };
    resolve(
        &mut disagreements,
        &all_units,
        &all_mentions,
        &mut resolutions,
        refs,
        diags,
    );
    study.disagreements = disagreements.into_iter().map(|d| d.0).collect();
    Some(study)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FrozenRec {
    path: Str,
    sha256: Str,
}

/// The files the comparison rests on (`coder1/`, `coder2/`) must be exactly those recorded in
/// `frozen.toml` (path and SHA-256 of each, written when the second coding was committed and
/// the first coding copied): a file changed afterwards fails the build, so the figures are
/// always those of the files as compared.
fn frozen(files: &[SeedFile], frozen: Option<&SeedFile>, refs: &AgreementRefs, diags: &mut Diags) {
    use sha2::{Digest, Sha256};
    let rel = |f: &SeedFile| {
        f.path
            .strip_prefix(refs.dir)
            .unwrap_or(&f.path)
            .trim_start_matches('/')
            .to_string()
    };
    let compared: Vec<&SeedFile> = files
        .iter()
        .filter(|f| rel(f).starts_with("coder1/") || rel(f).starts_with("coder2/"))
        .collect();
    if compared.is_empty() {
        return;
    }
    let Some(ff) = frozen else {
        diags.push(
            &format!("{}/frozen.toml", refs.dir),
            1,
            "the compared files (coder1/, coder2/) have no recorded hashes",
            "frozen.toml with a [[file]] (path, sha256) for each, written when they were committed",
        );
        return;
    };
    let Some(top) = parse_file(
        ff,
        "valid TOML (see README, Agreement between coders)",
        diags,
    ) else {
        return;
    };
    let at = At {
        file: ff,
        line: 1,
        kind: "frozen files",
    };
    let _: Record<FrozenRec> = read_record(at, &top, &["file"], diags);
    let mut listed = BTreeSet::new();
    if let Some(v) = get(&top, "file") {
        for (line, t) in tables(ff, "file", v, diags) {
            let at = At {
                file: ff,
                line,
                kind: "file",
            };
            let r: Record<FrozenRec> = read_record(at, t, &["path", "sha256"], diags);
            let (Some(path), Some(want)) = (
                required(&at, "path", &r.fields.path, diags),
                required(&at, "sha256", &r.fields.sha256, diags),
            ) else {
                continue;
            };
            listed.insert(path.get_ref().clone());
            match compared.iter().find(|f| rel(f) == *path.get_ref()) {
                None => diags.push(
                    at.path(),
                    at.line_of(path.span()),
                    format!("frozen file {} is not there", path.get_ref()),
                    "every compared file kept as it was committed",
                ),
                Some(f) => {
                    let got: String = Sha256::digest(f.text.as_bytes())
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect();
                    if got != want.get_ref().to_ascii_lowercase() {
                        diags.push(
                            at.path(),
                            at.line_of(want.span()),
                            format!("{} was changed after it was frozen (its SHA-256 is now {got})", f.path),
                            "the file as it was committed before the comparison (a second coding is never edited; a new one is a new file)",
                        );
                    }
                }
            }
        }
    }
    for f in compared {
        if !listed.contains(&rel(f)) {
            diags.push(
                &f.path,
                1,
                format!("{} is not recorded in frozen.toml", rel(f)),
                "a [[file]] with its path and SHA-256 in frozen.toml",
            );
        }
    }
}

/// Evidence mentions listed by each coder (first, second).
fn all_mentions_of(s: &PaperSides) -> (usize, usize) {
    let n = |v: Option<&Vec<Mention>>| v.map_or(0, |v| v.iter().filter(|m| m.evidence).count());
    (
        n(s.first.as_ref().map(|x| &x.1)),
        n(s.second.as_ref().map(|x| &x.1)),
    )
}

/// The file's paper, checked against the file name `<paper id>.toml`.
fn paper_of(at: &At, paper: &Str, refs: &AgreementRefs, diags: &mut Diags) -> Option<usize> {
    let v = required(at, "paper", paper, diags)?;
    let ids = refs.papers.ids();
    let p = lookup(
        at,
        "paper",
        &v,
        &ids,
        false,
        &format!("one of: {}", ids.join(", ")),
        diags,
    )?;
    let name = at.file.path.rsplit('/').next().unwrap_or(&at.file.path);
    let want = format!("{}.toml", v.get_ref());
    if name != want {
        diags.push(
            at.path(),
            at.line_of(v.span()),
            format!("the file of paper `{}` is named {name}", v.get_ref()),
            format!("the file name {want}"),
        );
    }
    Some(p)
}

/// The sentences (first, last) of a paragraph or footnote that a located quote touches.
fn sentence_span(refs: &AgreementRefs, paper: usize, q: &Quote) -> (usize, usize) {
    let doc = &refs.papers.list[paper].doc;
    let text = match q.place {
        QuotePlace::Block => doc.blocks.get(q.index).map(|b| b.text.as_str()),
        QuotePlace::Note => doc.footnotes.get(q.index).map(|n| n.text.as_str()),
    }
    .unwrap_or_default();
    let base = text.as_ptr() as usize;
    let spans: Vec<(usize, usize)> = sentences(text)
        .iter()
        .map(|s| {
            let start = s.as_ptr() as usize - base;
            (start, start + s.len())
        })
        .collect();
    let (a, b) = q.range;
    let touched: Vec<usize> = (0..spans.len())
        .filter(|&i| spans[i].0 < b.max(a + 1) && a < spans[i].1)
        .collect();
    match (touched.first(), touched.last()) {
        (Some(&f), Some(&l)) => (f, l),
        _ => {
            let i = spans.iter().position(|s| s.1 >= a).unwrap_or(0);
            (i, i)
        }
    }
}

/// A category of `paper` named in a coder's file.
fn category_of(
    at: &At,
    id: &Spanned<String>,
    paper: usize,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> Option<usize> {
    let ids: Vec<String> = refs
        .categories
        .iter()
        .filter(|c| c.paper == paper)
        .map(|c| c.id.clone())
        .collect();
    let i = lookup(
        at,
        "category",
        id,
        &ids,
        false,
        &format!("a category of paper `{}`", refs.papers.list[paper].id),
        diags,
    )?;
    refs.categories
        .iter()
        .position(|c| c.paper == paper && c.id == ids[i])
}

/// A valid exclusion reason and why, as "reason: why".
fn exclusion(at: &At, reason: &Spanned<String>, why: &Str, diags: &mut Diags) -> Option<String> {
    let why = owned(required(at, "why", why, diags));
    let r = reason.get_ref();
    if !EXCLUSION_REASONS.contains(&r.as_str()) {
        diags.push(
            at.path(),
            at.line_of(reason.span()),
            format!(
                "unknown exclusion reason `{r}`{}",
                did_you_mean(r, EXCLUSION_REASONS.iter().copied())
            ),
            format!("one of: {}", EXCLUSION_REASONS.join(", ")),
        );
        return None;
    }
    Some(format!("{r}: {why}"))
}

fn first_file(f: &SeedFile, refs: &AgreementRefs, sides: &mut [PaperSides], diags: &mut Diags) {
    let Some(top) = parse_file(
        f,
        "valid TOML (see README, Agreement between coders)",
        diags,
    ) else {
        return;
    };
    let at = At {
        file: f,
        line: 1,
        kind: "first coding",
    };
    let rec: Record<FirstFileRec> = read_record(at, &top, &["paper", "source", "mention"], diags);
    let source = owned(required(&at, "source", &rec.fields.source, diags));
    let Some(paper) = paper_of(&at, &rec.fields.paper, refs, diags) else {
        return;
    };
    let mut out = Vec::new();
    if let Some(v) = get(&top, "mention") {
        for (line, t) in tables(f, "mention", v, diags) {
            let at = At {
                file: f,
                line,
                kind: "mention",
            };
            let r: Record<FirstMentionRec> =
                read_record(at, t, &["locator", "coded", "excluded", "why"], diags);
            let quote = required(&at, "locator", &r.fields.locator, diags)
                .and_then(|q| refs.texts[paper].locate(&at, &q, "first coder's locator", diags));
            let mut m = Mention {
                coder: 0,
                paper,
                quote: Quote::default(),
                sentences: (0, 0),
                evidence: false,
                items: BTreeSet::new(),
                categories: BTreeSet::new(),
                excluded: String::new(),
                file: f.path.clone(),
                line,
            };
            let ok = match (&r.fields.coded, &r.fields.excluded) {
                (Some(_), None) => {
                    m.evidence = true;
                    let mut ok = true;
                    for id in list(&at, "coded", &r.fields.coded, true, diags) {
                        let Some((ev, cat)) = id.get_ref().split_once('~') else {
                            diags.push(
                                at.path(),
                                at.line_of(id.span()),
                                format!("`{}` is not a coding id", id.get_ref()),
                                "`<evidence>~<category>`",
                            );
                            ok = false;
                            continue;
                        };
                        let cat = Spanned::new(id.span(), cat.to_string());
                        match category_of(&at, &cat, paper, refs, diags) {
                            Some(c) => {
                                m.categories.insert(c);
                                m.items.insert(ev.to_string());
                            }
                            None => ok = false,
                        }
                    }
                    ok && !m.items.is_empty()
                }
                (None, Some(reason)) => match exclusion(&at, reason, &r.fields.why, diags) {
                    Some(e) => {
                        m.excluded = e;
                        true
                    }
                    None => false,
                },
                _ => {
                    diags.push(at.path(), line, "mention needs exactly one of `coded` and `excluded`", "`coded = [\"<evidence>~<category>\", …]` or `excluded = \"<reason>\"` with `why`");
                    false
                }
            };
            if let (Some(q), true) = (quote, ok) {
                out.push(located(m, q, refs, paper));
            }
        }
    }
    one_per_paper(&mut sides[paper].first, (source, out), f, "first", diags);
}

fn second_file(f: &SeedFile, refs: &AgreementRefs, sides: &mut [PaperSides], diags: &mut Diags) {
    let Some(top) = parse_file(
        f,
        "valid TOML (see README, Agreement between coders)",
        diags,
    ) else {
        return;
    };
    let at = At {
        file: f,
        line: 1,
        kind: "second coding",
    };
    let keys = ["paper", "coder", "made", "procedure", "unit"];
    let rec: Record<SecondFileRec> = read_record(at, &top, &keys, diags);
    let header = SecondHeader {
        coder: owned(required(&at, "coder", &rec.fields.coder, diags)),
        made: owned(required(&at, "made", &rec.fields.made, diags)),
        procedure: owned(required(&at, "procedure", &rec.fields.procedure, diags)),
    };
    let Some(paper) = paper_of(&at, &rec.fields.paper, refs, diags) else {
        return;
    };
    let mut out = Vec::new();
    if let Some(v) = get(&top, "unit") {
        for (line, t) in tables(f, "unit", v, diags) {
            let at = At {
                file: f,
                line,
                kind: "unit",
            };
            let keys = [
                "locator",
                "item",
                "decision",
                "categories",
                "excluded",
                "why",
            ];
            let r: Record<UnitRec> = read_record(at, t, &keys, diags);
            let text = &refs.texts[paper];
            let raw = refs.raw.get(paper).map_or("", String::as_str);
            let excluded = r
                .fields
                .decision
                .as_ref()
                .is_some_and(|d| d.get_ref() == "excluded");
            let loc = required(&at, "locator", &r.fields.locator, diags);
            // An excluded mention in what the cleaning leaves out (a masthead, a title page)
            // cannot be a unit: it is left out of the comparison.
            if loc.as_ref().is_some_and(|q| {
                excluded && !text.contains(q.get_ref()) && text.raw_contains(raw, q.get_ref())
            }) {
                continue;
            }
            let quote =
                loc.and_then(|q| text.locate_once(&at, &q, "second coder's locator", diags));
            let mut m = Mention {
                coder: 1,
                paper,
                quote: Quote::default(),
                sentences: (0, 0),
                evidence: false,
                items: BTreeSet::new(),
                categories: BTreeSet::new(),
                excluded: String::new(),
                file: f.path.clone(),
                line,
            };
            let ok = unit_decision(&at, &r, paper, refs, &mut m, diags);
            if let (Some(q), true) = (quote, ok) {
                out.push(located(m, q, refs, paper));
            }
        }
    }
    one_per_paper(&mut sides[paper].second, (header, out), f, "second", diags);
}

/// A mention at its located quote, with the sentences the quote spans.
fn located(mut m: Mention, q: Quote, refs: &AgreementRefs, paper: usize) -> Mention {
    m.sentences = sentence_span(refs, paper, &q);
    m.quote = q;
    m
}

/// Keeps one coder's file of a paper; a second file of that coder for the paper is a problem.
fn one_per_paper<T>(slot: &mut Option<T>, side: T, f: &SeedFile, coder: &str, diags: &mut Diags) {
    if slot.is_some() {
        diags.push(
            &f.path,
            1,
            format!("second {coder}-coder file for one paper"),
            "one file per paper",
        );
    }
    *slot = Some(side);
}

/// Reads a second-coder unit's decision into `m` (evidence: its item and categories; excluded:
/// its reason); false when the unit cannot be compared.
fn unit_decision(
    at: &At,
    r: &Record<UnitRec>,
    paper: usize,
    refs: &AgreementRefs,
    m: &mut Mention,
    diags: &mut Diags,
) -> bool {
    let line = at.line;
    let decision = required(at, "decision", &r.fields.decision, diags);
    match decision.as_ref().map(|d| d.get_ref().as_str()) {
        Some("evidence") => {
            m.evidence = true;
            let mut ok = true;
            if let Some(x) = &r.fields.excluded {
                diags.push(
                    at.path(),
                    at.line_of(x.span()),
                    "`excluded` on a unit decided as evidence",
                    "`excluded` only with decision = \"excluded\"",
                );
                ok = false;
            }
            if let Some(item) = required(at, "item", &r.fields.item, diags) {
                m.items.insert(item_key(item.get_ref()));
            } else {
                ok = false;
            }
            let cats = list(at, "categories", &r.fields.categories, true, diags);
            ok &= !cats.is_empty();
            for c in &cats {
                match category_of(at, c, paper, refs, diags) {
                    Some(c) => {
                        m.categories.insert(c);
                    }
                    None => ok = false,
                }
            }
            ok
        }
        Some("excluded") => {
            let cats = r.fields.categories.as_ref();
            if let Some(c) = cats.filter(|c| !c.get_ref().is_empty()) {
                diags.push(
                    at.path(),
                    at.line_of(c.span()),
                    "categories on a unit decided as excluded",
                    "no categories (or decision = \"evidence\")",
                );
            }
            match &r.fields.excluded {
                Some(reason) => match exclusion(at, reason, &r.fields.why, diags) {
                    Some(e) => {
                        m.excluded = e;
                        cats.is_none_or(|c| c.get_ref().is_empty())
                    }
                    None => false,
                },
                None => {
                    diags.push(
                        at.path(),
                        line,
                        "missing field `excluded` in unit",
                        format!(
                            "`excluded = \"…\"`, one of: {}",
                            EXCLUSION_REASONS.join(", ")
                        ),
                    );
                    false
                }
            }
        }
        Some(other) => {
            let d = decision.as_ref().expect("decision is some");
            diags.push(
                at.path(),
                at.line_of(d.span()),
                format!(
                    "unknown decision `{other}`{}",
                    did_you_mean(other, ["evidence", "excluded"])
                ),
                "`evidence` or `excluded`",
            );
            false
        }
        None => false,
    }
}

/// An item name as the second coder wrote it, folded so that case, spacing and a final full
/// stop do not make two names of one event.
fn item_key(s: &str) -> String {
    let folded = crate::text::quote_fold(s).text.to_lowercase();
    folded.trim().trim_end_matches('.').trim().to_string()
}

/// Union-find over `n` elements.
struct Groups(Vec<usize>);

impl Groups {
    fn new(n: usize) -> Self {
        Groups((0..n).collect())
    }
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
    /// The groups, each a sorted list, in order of their smallest member.
    fn lists(&mut self) -> Vec<Vec<usize>> {
        let mut by: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..self.0.len() {
            let r = self.root(i);
            by.entry(r).or_default().push(i);
        }
        by.into_values().collect()
    }
}

/// Sort key of a located quote: blocks before notes, then index and start.
fn place_key(q: &Quote) -> (u8, usize, usize) {
    (u8::from(q.place == QuotePlace::Note), q.index, q.range.0)
}

/// The units of one paper from its mentions `mentions[offset..]`.
fn units_of(paper: usize, mentions: &[Mention], offset: usize) -> Vec<Unit> {
    let ev: Vec<usize> = (offset..mentions.len())
        .filter(|&i| mentions[i].evidence)
        .collect();
    let mut g = Groups::new(ev.len());
    for a in 0..ev.len() {
        for b in a + 1..ev.len() {
            if mentions[ev[a]].overlaps(&mentions[ev[b]]) {
                g.join(a, b);
            }
        }
    }
    let mut units: Vec<Unit> = g
        .lists()
        .into_iter()
        .map(|group| {
            let members: Vec<usize> = group.iter().map(|&i| ev[i]).collect();
            let mut u = Unit {
                paper,
                first: false,
                second: false,
                first_categories: BTreeSet::new(),
                second_categories: BTreeSet::new(),
                first_items: BTreeSet::new(),
                second_items: BTreeSet::new(),
                quote: Quote::default(),
                members: Vec::new(),
            };
            for &m in &members {
                let x = &mentions[m];
                if x.coder == 0 {
                    u.first = true;
                    u.first_categories.extend(&x.categories);
                    u.first_items.extend(x.items.iter().cloned());
                } else {
                    u.second = true;
                    u.second_categories.extend(&x.categories);
                    u.second_items.extend(x.items.iter().cloned());
                }
            }
            let rep = members
                .iter()
                .min_by_key(|&&m| (place_key(&mentions[m].quote), mentions[m].coder))
                .copied()
                .unwrap_or(0);
            u.quote = mentions[rep].quote.clone();
            u.members = members;
            u
        })
        .collect();
    units.sort_by_key(|u| place_key(&u.quote));
    units
}

/// The cluster of every unit: units linked by a shared item of either coder.
fn unit_clusters(units: &[Unit]) -> Vec<usize> {
    let mut g = Groups::new(units.len());
    let mut seen: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let keys = u
            .first_items
            .iter()
            .map(|k| (0, k.as_str()))
            .chain(u.second_items.iter().map(|k| (1, k.as_str())));
        for k in keys {
            match seen.get(&k) {
                Some(&j) => g.join(i, j),
                None => {
                    seen.insert(k, i);
                }
            }
        }
    }
    (0..units.len()).map(|i| g.root(i)).collect()
}

/// Groups `idx` by cluster, mapping each unit to a value.
fn clustered<T>(idx: &[usize], clusters: &[usize], f: impl Fn(usize) -> Option<T>) -> Vec<Vec<T>> {
    let mut by: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    for &i in idx {
        if let Some(v) = f(i) {
            by.entry(clusters[i]).or_default().push(v);
        }
    }
    by.into_values().collect()
}

fn estimate<T: Clone>(clusters: &[Vec<T>], stat: impl Fn(&[T]) -> Option<f64>) -> Estimate {
    let all: Vec<T> = clusters.iter().flatten().cloned().collect();
    let value = stat(&all);
    Estimate {
        value,
        ci: value.and_then(|_| bootstrap_ci(clusters, &stat, RESAMPLES, SEED)),
    }
}

fn tally_sum(t: &[Tally]) -> Tally {
    t.iter().fold(Tally::default(), |a, b| Tally {
        both: a.both + b.both,
        only_first: a.only_first + b.only_first,
        only_second: a.only_second + b.only_second,
    })
}

fn pa_of(t: &[Tally]) -> Option<f64> {
    let s = tally_sum(t);
    positive_agreement(s.both, s.only_first, s.only_second)
}

/// The figures over the units `idx`.
fn figures(idx: &[usize], units: &[Unit], clusters: &[usize]) -> AgreementFigures {
    let unit_tally = |i: usize| {
        let u = &units[i];
        Tally {
            both: usize::from(u.first && u.second),
            only_first: usize::from(u.first && !u.second),
            only_second: usize::from(!u.first && u.second),
        }
    };
    let c1 = clustered(idx, clusters, |i| Some(unit_tally(i)));
    let both: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| units[i].first && units[i].second)
        .collect();
    let key = |s: &BTreeSet<usize>| s.iter().copied().collect::<Vec<usize>>();
    let pairs = clustered(&both, clusters, |i| {
        Some((
            key(&units[i].first_categories),
            key(&units[i].second_categories),
        ))
    });
    let decisions = clustered(&both, clusters, |i| {
        let (a, b) = (&units[i].first_categories, &units[i].second_categories);
        Some(Tally {
            both: a.intersection(b).count(),
            only_first: a.difference(b).count(),
            only_second: b.difference(a).count(),
        })
    });
    let (items, item_clusters) = whole_items(idx, units);
    let all_pairs: Vec<&(Vec<usize>, Vec<usize>)> = pairs.iter().flatten().collect();
    AgreementFigures {
        first_mentions: 0,
        second_mentions: 0,
        units: tally_sum(&c1.concat()),
        units_pa: estimate(&c1, pa_of),
        agreed: all_pairs.iter().filter(|(a, b)| a == b).count(),
        kappa: estimate(&pairs, cohens_kappa),
        alpha: estimate(&pairs, |p| {
            let units: Vec<Vec<&Vec<usize>>> = p.iter().map(|(a, b)| vec![a, b]).collect();
            krippendorff_alpha_nominal(&units)
        }),
        decisions: tally_sum(&decisions.concat()),
        decisions_pa: estimate(&decisions, pa_of),
        items,
        items_pa: estimate(&item_clusters, pa_of),
        clusters: c1.len(),
    }
}

/// Whole items over the units `idx`: the first coder's evidence ids and the second coder's
/// item names (per paper), linked through the units both found and paired by a maximum
/// matching. Returns the tally and, for the bootstrap, one tally per connected group of items.
fn whole_items(idx: &[usize], units: &[Unit]) -> (Tally, Vec<Vec<Tally>>) {
    // Items as (paper, name); first coder's on the left, second's on the right.
    let mut left: Vec<(usize, String)> = Vec::new();
    let mut right: Vec<(usize, String)> = Vec::new();
    let index =
        |v: &mut Vec<(usize, String)>, k: (usize, String)| match v.iter().position(|x| *x == k) {
            Some(i) => i,
            None => {
                v.push(k);
                v.len() - 1
            }
        };
    let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &i in idx {
        let u = &units[i];
        let ls: Vec<usize> = u
            .first_items
            .iter()
            .map(|k| index(&mut left, (u.paper, k.clone())))
            .collect();
        let rs: Vec<usize> = u
            .second_items
            .iter()
            .map(|k| index(&mut right, (u.paper, k.clone())))
            .collect();
        if u.first && u.second {
            for &l in &ls {
                for &r in &rs {
                    edges.insert((l, r));
                }
            }
        }
    }
    let adj: Vec<Vec<usize>> = (0..left.len())
        .map(|l| edges.iter().filter(|e| e.0 == l).map(|e| e.1).collect())
        .collect();
    let matched = max_matching(&adj, right.len());
    // Connected groups of items: left l is node l, right r is node left.len() + r.
    let mut g = Groups::new(left.len() + right.len());
    for &(l, r) in &edges {
        g.join(l, left.len() + r);
    }
    let groups: Vec<Vec<Tally>> = g
        .lists()
        .into_iter()
        .map(|nodes| {
            let n1 = nodes.iter().filter(|&&n| n < left.len()).count();
            let n2 = nodes.len() - n1;
            let m = nodes
                .iter()
                .filter(|&&n| n < left.len() && matched[n].is_some())
                .count();
            vec![Tally {
                both: m,
                only_first: n1 - m,
                only_second: n2 - m,
            }]
        })
        .collect();
    (tally_sum(&groups.concat()), groups)
}

/// A maximum matching of a bipartite graph (augmenting paths, Kuhn): for each left node, its
/// right partner.
fn max_matching(adj: &[Vec<usize>], n_right: usize) -> Vec<Option<usize>> {
    fn augment(
        l: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &r in &adj[l] {
            if !seen[r] {
                seen[r] = true;
                if owner[r].is_none_or(|o| augment(o, adj, seen, owner)) {
                    owner[r] = Some(l);
                    return true;
                }
            }
        }
        false
    }
    let mut owner: Vec<Option<usize>> = vec![None; n_right];
    for l in 0..adj.len() {
        let mut seen = vec![false; n_right];
        augment(l, adj, &mut seen, &mut owner);
    }
    let mut out = vec![None; adj.len()];
    for (r, o) in owner.iter().enumerate() {
        if let Some(l) = o {
            out[*l] = Some(r);
        }
    }
    out
}

/// Per category of `paper`: yes/no decisions on the units both found.
fn per_category(
    paper: usize,
    idx: &[usize],
    units: &[Unit],
    clusters: &[usize],
    refs: &AgreementRefs,
) -> Vec<CategoryAgreement> {
    let both: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&i| units[i].first && units[i].second)
        .collect();
    (0..refs.categories.len())
        .filter(|&c| refs.categories[c].paper == paper)
        .map(|c| {
            let cl = clustered(&both, clusters, |i| {
                let (a, b) = (
                    units[i].first_categories.contains(&c),
                    units[i].second_categories.contains(&c),
                );
                Some(Tally {
                    both: usize::from(a && b),
                    only_first: usize::from(a && !b),
                    only_second: usize::from(!a && b),
                })
            });
            CategoryAgreement {
                category: c,
                tally: tally_sum(&cl.concat()),
                pa: estimate(&cl, pa_of),
            }
        })
        .collect()
}

/// A coder's side of a unit, in words.
fn side_words(items: &BTreeSet<String>, cats: &BTreeSet<usize>, refs: &AgreementRefs) -> String {
    let cats: Vec<String> = cats
        .iter()
        .map(|&c| format!("“{}”", refs.categories[c].label))
        .collect();
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    format!("evidence ({}) under {}", items.join("; "), cats.join(", "))
}

/// What the other coder decided where a unit stands: an excluded mention there, or nothing.
fn other_words(u: &Unit, coder: usize, mentions: &[Mention]) -> String {
    let ex: Vec<String> = mentions
        .iter()
        .filter(|m| m.coder == coder && !m.evidence)
        .filter(|m| u.members.iter().any(|&x| mentions[x].overlaps(m)))
        .map(|m| format!("excluded ({})", m.excluded))
        .collect();
    if ex.is_empty() {
        "not listed".into()
    } else {
        ex.join("; ")
    }
}

/// A disagreement with where to report it unresolved (file, line) and, for a unit, its index.
type Open = (Disagreement, (String, u32), Option<usize>);

fn unit_disagreements(units: &[Unit], mentions: &[Mention], refs: &AgreementRefs) -> Vec<Open> {
    let mut out = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let kind = match (u.first, u.second) {
            (true, true) if u.first_categories == u.second_categories => continue,
            (true, true) => DisagreementKind::Categories,
            _ => DisagreementKind::Unitizing,
        };
        let first = if u.first {
            side_words(&u.first_items, &u.first_categories, refs)
        } else {
            other_words(u, 0, mentions)
        };
        let second = if u.second {
            side_words(&u.second_items, &u.second_categories, refs)
        } else {
            other_words(u, 1, mentions)
        };
        // Report at the second coder's unit when there is one, else the first coder's mention.
        let at = u
            .members
            .iter()
            .map(|&m| &mentions[m])
            .max_by_key(|m| m.coder)
            .map(|m| (m.file.clone(), m.line))
            .unwrap_or_default();
        out.push((
            Disagreement {
                kind,
                paper: u.paper,
                locator: Some(u.quote.clone()),
                category: None,
                first,
                second,
                outcome: Outcome::FirstCoder,
                reason: String::new(),
            },
            at,
            Some(i),
        ));
    }
    out
}

/// The second coder's crosswalk links by category: (dimension, secondary dimensions, stance,
/// why, line); a link whose category or dimension is unknown, or a second link of a category,
/// is a problem and left out.
type CrosswalkLinks = BTreeMap<usize, (usize, BTreeSet<usize>, String, String, u32)>;

/// Reads the `[[link]]` tables of the second coder's crosswalk file.
fn crosswalk_links(
    f: &SeedFile,
    top: &toml::de::DeTable,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> CrosswalkLinks {
    let cat_ids: Vec<String> = refs.categories.iter().map(|c| c.id.clone()).collect();
    let dim_ids: Vec<String> = refs.dimensions.iter().map(|d| d.id.clone()).collect();
    let mut links = CrosswalkLinks::new();
    if let Some(v) = get(top, "link") {
        for (line, t) in tables(f, "link", v, diags) {
            let at = At {
                file: f,
                line,
                kind: "link",
            };
            let keys = ["category", "dimension", "secondary", "stance", "why"];
            let r: Record<LinkRec> = read_record(at, t, &keys, diags);
            let cat = required(&at, "category", &r.fields.category, diags).and_then(|c| {
                lookup(
                    &at,
                    "category",
                    &c,
                    &cat_ids,
                    false,
                    "the id of a [[category]]",
                    diags,
                )
            });
            let dim = required(&at, "dimension", &r.fields.dimension, diags).and_then(|d| {
                lookup(
                    &at,
                    "dimension",
                    &d,
                    &dim_ids,
                    false,
                    "the id of a [[dimension]]",
                    diags,
                )
            });
            let mut secondary = BTreeSet::new();
            for d in list(&at, "secondary", &r.fields.secondary, false, diags) {
                if let Some(i) = lookup(
                    &at,
                    "dimension",
                    &d,
                    &dim_ids,
                    false,
                    "the id of a [[dimension]]",
                    diags,
                ) {
                    secondary.insert(i);
                }
            }
            let stance = owned(required(&at, "stance", &r.fields.stance, diags));
            if !stance.is_empty() && !STANCES.contains(&stance.as_str()) {
                diags.push(
                    at.path(),
                    at.line_or_record(&r.fields.stance),
                    format!(
                        "unknown stance `{stance}`{}",
                        did_you_mean(&stance, STANCES.iter().copied())
                    ),
                    format!("one of: {}", STANCES.join(", ")),
                );
            }
            let why = owned(required(&at, "why", &r.fields.why, diags));
            let (Some(c), Some(d)) = (cat, dim) else {
                continue;
            };
            if let Some(prev) = links.get(&c) {
                diags.push(
                    at.path(),
                    line,
                    format!(
                        "second [[link]] of category `{}` (first at line {})",
                        cat_ids[c], prev.4
                    ),
                    "one link per category",
                );
                continue;
            }
            links.insert(c, (d, secondary, stance, why, line));
        }
    }
    links
}

/// The second coder's crosswalk against the codebook's, and its disagreements.
fn crosswalk(
    f: &SeedFile,
    refs: &AgreementRefs,
    diags: &mut Diags,
) -> (Option<CrosswalkAgreement>, Vec<Open>) {
    let Some(top) = parse_file(
        f,
        "valid TOML (see README, Agreement between coders)",
        diags,
    ) else {
        return (None, Vec::new());
    };
    let at = At {
        file: f,
        line: 1,
        kind: "crosswalk",
    };
    let rec: Record<CrosswalkFileRec> =
        read_record(at, &top, &["coder", "made", "procedure", "link"], diags);
    let mut cw = CrosswalkAgreement {
        coder: owned(required(&at, "coder", &rec.fields.coder, diags)),
        made: owned(required(&at, "made", &rec.fields.made, diags)),
        procedure: text(&rec.fields.procedure),
        ..CrosswalkAgreement::default()
    };
    let links = crosswalk_links(f, &top, refs, diags);
    let mut open = Vec::new();
    let mut first_secondary: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut second_secondary: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (c, cat) in refs.categories.iter().enumerate() {
        let link = links.get(&c);
        if cat.dimension.is_none() && link.is_none() {
            continue;
        }
        first_secondary.extend(cat.secondary.iter().map(|l| (c, l.dimension)));
        if let Some(l) = link {
            second_secondary.extend(l.1.iter().map(|&d| (c, d)));
        }
        let row = CrosswalkRow {
            category: c,
            first: cat.dimension,
            second: link.map(|l| l.0),
            first_stance: refs.stances.get(c).cloned().unwrap_or_default(),
            second_stance: link.map(|l| l.2.clone()).unwrap_or_default(),
            why: link.map(|l| l.3.clone()).unwrap_or_default(),
        };
        let stance_compared = !row.first_stance.is_empty() && !row.second_stance.is_empty();
        if stance_compared {
            cw.stances.0 += 1;
            cw.stances.1 += usize::from(row.first_stance == row.second_stance);
        }
        let dims_differ = row.first != row.second;
        let stances_differ = stance_compared && row.first_stance != row.second_stance;
        if dims_differ || stances_differ {
            let words = |d: Option<usize>, s: &str| {
                let dim = d.map_or("no dimension".to_string(), |d| {
                    format!("“{}”", refs.dimensions[d].label)
                });
                if s.is_empty() {
                    dim
                } else {
                    format!("{dim} ({s})")
                }
            };
            open.push((
                Disagreement {
                    kind: DisagreementKind::Crosswalk,
                    paper: cat.paper,
                    locator: None,
                    category: Some(c),
                    first: words(row.first, &row.first_stance),
                    second: words(row.second, &row.second_stance),
                    outcome: Outcome::FirstCoder,
                    reason: String::new(),
                },
                (f.path.clone(), link.map_or(1, |l| l.4)),
                None,
            ));
        }
        cw.rows.push(row);
    }
    cw.links = cw.rows.len();
    cw.agreed = cw.rows.iter().filter(|r| r.first == r.second).count();
    let clusters: Vec<Vec<(Option<usize>, Option<usize>)>> =
        cw.rows.iter().map(|r| vec![(r.first, r.second)]).collect();
    cw.kappa = estimate(&clusters, cohens_kappa);
    cw.alpha = estimate(&clusters, |p| {
        let u: Vec<Vec<Option<usize>>> = p.iter().map(|(a, b)| vec![*a, *b]).collect();
        krippendorff_alpha_nominal(&u)
    });
    cw.secondary = Tally {
        both: first_secondary.intersection(&second_secondary).count(),
        only_first: first_secondary.difference(&second_secondary).count(),
        only_second: second_secondary.difference(&first_secondary).count(),
    };
    (Some(cw), open)
}

/// A resolution as read: what it names, its outcome and reason, and its line.
struct Resolution {
    target: Target,
    outcome: Outcome,
    reason: String,
    line: u32,
    file: String,
    used: bool,
}

enum Target {
    Unit(usize, Mention),
    Crosswalk(usize),
}

fn read_resolutions(f: &SeedFile, refs: &AgreementRefs, diags: &mut Diags) -> Vec<Resolution> {
    let mut out = Vec::new();
    let Some(top) = parse_file(
        f,
        "valid TOML (see README, Agreement between coders)",
        diags,
    ) else {
        return out;
    };
    let at = At {
        file: f,
        line: 1,
        kind: "resolutions",
    };
    let _: Record<CrosswalkFileRec> = read_record(
        at,
        &top,
        &["coder", "made", "procedure", "resolution"],
        diags,
    );
    let Some(v) = get(&top, "resolution") else {
        return out;
    };
    let cat_ids: Vec<String> = refs.categories.iter().map(|c| c.id.clone()).collect();
    for (line, t) in tables(f, "resolution", v, diags) {
        let at = At {
            file: f,
            line,
            kind: "resolution",
        };
        let keys = ["paper", "locator", "crosswalk", "outcome", "reason"];
        let r: Record<ResolutionRec> = read_record(at, t, &keys, diags);
        let outcome = required(&at, "outcome", &r.fields.outcome, diags).and_then(|o| {
            match o.get_ref().as_str() {
                "first-coder" => Some(Outcome::FirstCoder),
                "second-coder" => Some(Outcome::SecondCoder),
                "neither" => Some(Outcome::Neither),
                x => {
                    diags.push(
                        at.path(),
                        at.line_of(o.span()),
                        format!(
                            "unknown outcome `{x}`{}",
                            did_you_mean(x, OUTCOMES.iter().copied())
                        ),
                        format!(
                            "one of: {} (for neither, the reason states the new decision)",
                            OUTCOMES.join(", ")
                        ),
                    );
                    None
                }
            }
        });
        let reason = owned(required(&at, "reason", &r.fields.reason, diags));
        let target = match (&r.fields.crosswalk, &r.fields.paper, &r.fields.locator) {
            (Some(c), None, None) => lookup(
                &at,
                "category",
                c,
                &cat_ids,
                false,
                "the id of a [[category]]",
                diags,
            )
            .map(Target::Crosswalk),
            (None, Some(_), Some(loc)) => {
                paper_id(&at, &r.fields.paper, refs, diags).and_then(|p| {
                    let q = refs.texts[p].locate_once(&at, loc, "resolution's locator", diags)?;
                    let sentences = sentence_span(refs, p, &q);
                    Some(Target::Unit(
                        p,
                        Mention {
                            coder: 2,
                            paper: p,
                            quote: q,
                            sentences,
                            evidence: false,
                            items: BTreeSet::new(),
                            categories: BTreeSet::new(),
                            excluded: String::new(),
                            file: f.path.clone(),
                            line,
                        },
                    ))
                })
            }
            _ => {
                diags.push(
                    at.path(),
                    line,
                    "a resolution names either a unit (`paper` and `locator`) or a crosswalk link (`crosswalk`)",
                    "`paper = \"…\"` and `locator = \"…\"`, or `crosswalk = \"<category id>\"`",
                );
                None
            }
        };
        if let (Some(target), Some(outcome), false) = (target, outcome, reason.is_empty()) {
            out.push(Resolution {
                target,
                outcome,
                reason,
                line,
                file: f.path.clone(),
                used: false,
            });
        }
    }
    out
}

fn paper_id(at: &At, v: &Str, refs: &AgreementRefs, diags: &mut Diags) -> Option<usize> {
    let v = required(at, "paper", v, diags)?;
    let ids = refs.papers.ids();
    lookup(
        at,
        "paper",
        &v,
        &ids,
        false,
        &format!("one of: {}", ids.join(", ")),
        diags,
    )
}

/// Attaches each resolution to its disagreement; reports every disagreement without one and
/// every resolution that names no disagreement (or one already resolved).
fn resolve(
    open: &mut [Open],
    units: &[Unit],
    mentions: &[Mention],
    resolutions: &mut [Resolution],
    refs: &AgreementRefs,
    diags: &mut Diags,
) {
    let mut done: BTreeMap<usize, u32> = BTreeMap::new();
    for r in resolutions.iter_mut() {
        let hits: Vec<usize> = (0..open.len())
            .filter(|&d| match (&r.target, &open[d]) {
                (Target::Crosswalk(c), (x, _, None)) => x.category == Some(*c),
                (Target::Unit(p, m), (_, _, Some(u))) => {
                    let u = &units[*u];
                    u.paper == *p && u.members.iter().any(|&x| mentions[x].overlaps(m))
                }
                _ => false,
            })
            .collect();
        let what = match &r.target {
            Target::Crosswalk(c) => format!("the crosswalk of `{}`", refs.categories[*c].id),
            Target::Unit(..) => "the unit at this locator".to_string(),
        };
        match hits.as_slice() {
            [] => diags.push(
                &r.file,
                r.line,
                format!("resolution for {what}, on which the coders do not disagree"),
                "resolutions only for disagreements (the build lists those without one)",
            ),
            [d] => {
                if let Some(first) = done.get(d) {
                    diags.push(
                        &r.file,
                        r.line,
                        format!("second resolution for {what} (first at line {first})"),
                        "one resolution per disagreement",
                    );
                } else {
                    done.insert(*d, r.line);
                    open[*d].0.outcome = r.outcome;
                    open[*d].0.reason = r.reason.clone();
                    r.used = true;
                }
            }
            _ => diags.push(
                &r.file,
                r.line,
                format!("resolution locator touches {} disagreements", hits.len()),
                "a locator inside one unit (a sentence of it that no other unit touches)",
            ),
        }
    }
    for (i, (d, (file, line), _)) in open.iter().enumerate() {
        if done.contains_key(&i) {
            continue;
        }
        let kind = match d.kind {
            DisagreementKind::Unitizing => "unitizing",
            DisagreementKind::Categories => "categories",
            DisagreementKind::Crosswalk => "crosswalk",
        };
        let place = match (&d.locator, d.category) {
            (Some(q), _) => format!("«{}»", q.text),
            (None, Some(c)) => format!("category `{}`", refs.categories[c].id),
            _ => String::new(),
        };
        diags.push(
            file,
            *line,
            format!(
                "unresolved disagreement ({kind}) in `{}` at {place}: first coder: {}; second coder: {}",
                refs.papers.list[d.paper].id, d.first, d.second
            ),
            format!("a [[resolution]] in {}/resolutions.toml naming it (paper + locator, or crosswalk), with outcome and reason", refs.dir),
        );
    }
}

#[cfg(test)]
mod tests;
