//! Seeds to corpus: parses the papers' metadata, cleans their texts (through `document`),
//! reads the codebook and validates everything, collecting every problem as a `Diagnostic`
//! (`file:line: problem; expected`) instead of stopping at the first.
//!
//! `load(dir)` is the entry point of build.rs and the host tools: it reads the directory
//! (`files.rs`, the core's only I/O) and builds the corpus (`build_corpus`, pure). The build is
//! a pipeline of phases, each in its own file with explicit input and output types:
//!
//! | file | input | output |
//! |---|---|---|
//! | `papers.rs` | metadata + text files | `Papers` (model papers, folded texts) |
//! | `codebook.rs` | codebook files | `Codebook` (typed records with lines) |
//! | `methods_record.rs` | `[[corpus.method]]`, `[[corpus.rule]]`, `[[corpus.changelog]]` | `CorpusInfo`'s methods record |
//! | `dimensions.rs` | dimension records | `Dimensions` |
//! | `categories.rs` | category records, papers, partners, dimensions | `Categories` |
//! | `evidence.rs` | evidence records, vocabulary | `EvidenceItems` |
//! | `codings.rs` | coding records, papers, categories, evidence | `Codings` |
//! | `coverage.rs` | all of the above | problems only |
//! | `series.rs` | series records | `SeriesList` |
//! | `ordering.rs` | evidence, codings | both in canonical order |
//! | `sweeps.rs` | `codebook/sweep-*.toml`, papers, codings | `Vec<Sweep>` |
//! | `agreement.rs` | `agreement/` (coder1/, coder2/, resolutions.toml, frozen.toml), papers, categories, dimensions | `Option<AgreementStudy>` |
//! | `tours.rs` | `tours/<name>.toml`, the built corpus | `Vec<NamedTour>` |
//!
//! Helpers: `records.rs` (TOML into typed records, lines from the parser's spans),
//! `ids.rs` (slugs, id tables, lookups with suggestions), `quotes.rs` (locating verbatim
//! quotes), `stats.rs` (kappa, alpha, positive agreement, clustered bootstrap), `dates.rs`, `diags.rs` (the problem list), `files.rs` (reading the directory),
//! `hash.rs` (the corpus version: a short hash of every file of the directory).

use std::path::Path;

use crate::model::Corpus;
use crate::Diagnostic;

mod agreement;
mod categories;
mod codebook;
mod codings;
mod coverage;
mod dates;
mod diags;
mod dimensions;
mod draft;
mod evidence;
mod files;
#[cfg(test)]
mod fixtures;
mod hash;
mod ids;
mod methods_record;
mod ordering;
mod papers;
mod quotes;
mod records;
mod series;
mod stats;
mod sweeps;
pub mod synthetic;
mod tours;
mod vocabulary;

pub use agreement::{OUTCOMES, RESAMPLES, SEED, STANCES};
pub use dates::parse_date;
pub use draft::{draft_sweep, mentions_a_date, sentences, toml_string};
pub use files::read_seed_dir;
pub use ids::is_slug;
pub use stats::{bootstrap_ci, cohens_kappa, krippendorff_alpha_nominal, positive_agreement};
pub use sweeps::EXCLUSION_REASONS;

use diags::Diags;

/// One seed file: its display path (as the user should see it in messages) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    /// Display path, for example `seeds/codebook/evidence.toml`.
    pub path: String,
    /// Full text.
    pub text: String,
}

/// All inputs of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedSet {
    /// Display path of the seeds directory (for example `seeds`).
    pub root: String,
    /// Each paper: its metadata `.toml` and its text `.txt`, sorted by file name.
    pub papers: Vec<(SeedFile, SeedFile)>,
    /// Codebook files (`codebook/*.toml`), sorted by file name.
    pub codebook: Vec<SeedFile>,
    /// The agreement study's files (`agreement/*.toml`, `agreement/<coder>/*.toml`), sorted
    /// by path.
    pub agreement: Vec<SeedFile>,
    /// The named tours (`tours/*.toml`, `default.toml` among them), sorted by file name.
    pub tours: Vec<SeedFile>,
    /// Problems found while pairing files (a `.txt` without `.toml`, or the reverse).
    pub problems: Vec<Diagnostic>,
    /// Short hash of every file under the directory (`hash::tree_hash`): the corpus version.
    pub hash: String,
}

/// Reads and builds the corpus in `dir`. Messages name files by `dir` as given (build.rs
/// passes `seeds`, so `seeds/codebook/evidence.toml:12: …`). Line numbers are 1-based; a
/// problem about a whole file or directory is at line 1.
pub fn load(dir: &Path) -> Result<Corpus, Vec<Diagnostic>> {
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let seeds = read_seed_dir(dir, &prefix).map_err(|e| {
        vec![Diagnostic::new(
            &prefix,
            1,
            format!("cannot read the seeds directory: {e}"),
            "a readable directory of papers and a codebook/ directory",
        )]
    })?;
    build_corpus(&seeds)
}

/// Reads only the papers of `dir` (metadata and cleaned texts), for tools that work before
/// the codebook is complete (`draft-sweep`).
pub fn load_papers(dir: &Path) -> Result<Vec<crate::model::Paper>, Vec<Diagnostic>> {
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let seeds = read_seed_dir(dir, &prefix).map_err(|e| {
        vec![Diagnostic::new(
            &prefix,
            1,
            format!("cannot read the seeds directory: {e}"),
            "a readable directory",
        )]
    })?;
    let mut diags = Diags::from_vec(seeds.problems.clone());
    let papers = papers::read_papers(&seeds.papers, &mut diags);
    if diags.is_empty() {
        Ok(papers.list)
    } else {
        Err(diags.into_sorted())
    }
}

/// Builds and validates the corpus. Returns the corpus only when there are no problems;
/// otherwise every problem, sorted by file and line.
pub fn build_corpus(seeds: &SeedSet) -> Result<Corpus, Vec<Diagnostic>> {
    let mut diags = Diags::from_vec(seeds.problems.clone());
    let root = if seeds.root.is_empty() {
        "seeds"
    } else {
        &seeds.root
    };
    let cb_dir = format!("{root}/codebook");
    let (sweep_files, book_files): (Vec<&SeedFile>, Vec<&SeedFile>) = seeds
        .codebook
        .iter()
        .partition(|f| sweeps::is_sweep_file(f));
    let book_files: Vec<SeedFile> = book_files.into_iter().cloned().collect();
    let papers = papers::read_papers(&seeds.papers, &mut diags);
    let book = codebook::read_codebook(&book_files, &cb_dir, &mut diags);
    let built = build_codebook(&book, &papers, &mut diags);
    let (mut about, _) = book.info.clone().unwrap_or_default();
    about.hash = seeds.hash.clone();
    let (evidence, codings) = ordering::canonical(built.evidence.list, built.codings.list.clone());
    let sweep_refs = sweeps::SweepRefs {
        papers: &papers,
        codings: &codings,
        named: &built.codings,
        dir: &cb_dir,
    };
    let sweeps = sweeps::build(&sweep_files, &sweep_refs, &mut diags);
    // The stance of each category's primary crosswalk link (none for a context category): the
    // study compares it with the second coder's.
    let stances: Vec<String> = built
        .categories
        .list
        .iter()
        .map(|c| {
            if c.dimension.is_some() {
                c.stance.id().into()
            } else {
                String::new()
            }
        })
        .collect();
    let agreement_dir = format!("{root}/agreement");
    let locator_texts: Vec<quotes::PaperText> = papers
        .texts
        .iter()
        .map(quotes::PaperText::locators)
        .collect();
    let raw: Vec<String> = papers
        .texts
        .iter()
        .map(|t| {
            let name = format!("/{}", t.file);
            let found = seeds
                .papers
                .iter()
                .find(|(_, txt)| txt.path.ends_with(&name));
            found.map(|(_, txt)| txt.text.clone()).unwrap_or_default()
        })
        .collect();
    let agreement_refs = agreement::AgreementRefs {
        papers: &papers,
        texts: &locator_texts,
        raw: &raw,
        categories: &built.categories.list,
        dimensions: &built.dimensions.list,
        stances: &stances,
        dir: &agreement_dir,
    };
    let agreement = agreement::build(&seeds.agreement, &agreement_refs, &mut diags);
    let sweeps = sweeps.list;
    if !diags.is_empty() {
        return Err(diags.into_sorted());
    }
    let mut corpus = Corpus {
        papers: papers.list,
        dimensions: built.dimensions.list,
        categories: built.categories.list,
        evidence,
        codings,
        kinds: built.vocab.kinds,
        domains: built.vocab.domains,
        partners: built.vocab.partners,
        about,
        series: built.series.list,
        sweeps,
        agreement,
        tours: Vec::new(),
    };
    for file in &seeds.tours {
        if let Some(t) = tours::build(file, &corpus, &mut diags) {
            corpus.tours.push(t);
        }
    }
    if !diags.is_empty() {
        return Err(diags.into_sorted());
    }
    Ok(corpus)
}

/// The codebook's records, checked, in codebook order.
struct BuiltCodebook {
    vocab: vocabulary::Vocabulary,
    dimensions: dimensions::Dimensions,
    categories: categories::Categories,
    series: series::SeriesList,
    evidence: evidence::EvidenceItems,
    codings: codings::Codings,
}

/// Phases 2 to 6: dimensions, categories, series, evidence, codings, coverage.
fn build_codebook(
    book: &codebook::Codebook,
    papers: &papers::Papers,
    diags: &mut Diags,
) -> BuiltCodebook {
    let (vocab, _) = book.vocab.clone().unwrap_or_default();
    let dims = dimensions::build(&book.dimensions, diags);
    let cat_refs = categories::CategoryRefs {
        papers,
        partners: &vocab.partners,
        dimensions: &dims,
    };
    let cats = categories::build(&book.categories, &cat_refs, diags);
    let series = series::build(&book.series, diags);
    let ev_refs = evidence::EvidenceRefs {
        vocab: &vocab,
        series: &series,
    };
    let ev = evidence::build(&book.evidence, &ev_refs, diags);
    let coding_refs = codings::CodingRefs {
        papers,
        categories: &cats,
        evidence: &ev,
    };
    let codings = codings::build(&book.codings, &coding_refs, diags);
    let built = coverage::Built {
        dimensions: &dims,
        categories: &cats,
        evidence: &ev,
        codings: &codings,
        series: &series,
    };
    coverage::check(&built, diags);
    BuiltCodebook {
        vocab,
        dimensions: dims,
        categories: cats,
        series,
        evidence: ev,
        codings,
    }
}

/// The host tools' one convention: every problem on stderr as `file:line: problem; expected`,
/// then a count, and exit status 1. (Status 2 is for a wrong command line.)
pub fn exit_with_problems(diags: &[Diagnostic]) -> ! {
    for d in diags {
        eprintln!("{d}");
    }
    eprintln!(
        "{} problem{} in the seeds",
        diags.len(),
        if diags.len() == 1 { "" } else { "s" }
    );
    std::process::exit(1)
}
