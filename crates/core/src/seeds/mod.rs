//! Seeds to corpus: parses the papers' metadata, cleans their texts (through `document`),
//! reads the codebook and validates everything, collecting every problem as a `Diagnostic`
//! (`file:line: problem; expected`) instead of stopping at the first.
//!
//! `build_corpus` is pure: it takes the file contents. `read_seed_dir` is the one function
//! of the core that touches the file system; build.rs and the host tools call it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use toml::{Spanned, Table, Value};

use crate::diag::line_of;
use crate::document::{parse_document, DocOptions};
use crate::model::*;
use crate::text::{quote_fold, search_key, Folded};
use crate::Diagnostic;

mod record;
mod values;

use record::Rec;
use values::{find_line, record_extent, strip_enumeration, suggest, DATE_EXPECTED};
pub use values::{is_slug, parse_date};

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
    /// Each paper: its metadata `.toml` and its text `.txt`, sorted by file name.
    pub papers: Vec<(SeedFile, SeedFile)>,
    /// Codebook files (`codebook/*.toml`), sorted by file name.
    pub codebook: Vec<SeedFile>,
    /// Problems found while pairing files (a `.txt` without `.toml`, or the reverse).
    pub problems: Vec<Diagnostic>,
}

/// Reads a seeds directory: `<dir>/*.txt` papers with a `.toml` beside each, and
/// `<dir>/codebook/*.toml`. Display paths start with `display_prefix` (for example `seeds`).
pub fn read_seed_dir(dir: &std::path::Path, display_prefix: &str) -> std::io::Result<SeedSet> {
    let mut set = SeedSet::default();
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let display = |name: &str| format!("{display_prefix}/{name}");
    for name in &names {
        if let Some(stem) = name.strip_suffix(".txt") {
            let meta_name = format!("{stem}.toml");
            if names.contains(&meta_name) {
                let meta = std::fs::read_to_string(dir.join(&meta_name))?;
                let text = std::fs::read_to_string(dir.join(name))?;
                set.papers.push((
                    SeedFile {
                        path: display(&meta_name),
                        text: meta,
                    },
                    SeedFile {
                        path: display(name),
                        text,
                    },
                ));
            } else {
                set.problems.push(Diagnostic::new(
                    display(name),
                    0,
                    "paper text has no metadata file",
                    format!(
                        "a file {} beside it (see README, Adding a corpus)",
                        display(&meta_name)
                    ),
                ));
            }
        } else if let Some(stem) = name.strip_suffix(".toml") {
            if !names.contains(&format!("{stem}.txt")) {
                set.problems.push(Diagnostic::new(
                    display(name),
                    0,
                    "paper metadata has no text file",
                    format!("a file {}/{stem}.txt beside it", display_prefix),
                ));
            }
        }
    }
    let cb_dir = dir.join("codebook");
    if cb_dir.is_dir() {
        let mut cb: Vec<String> = std::fs::read_dir(&cb_dir)?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        cb.sort();
        for name in cb {
            let text = std::fs::read_to_string(cb_dir.join(&name))?;
            set.codebook.push(SeedFile {
                path: format!("{display_prefix}/codebook/{name}"),
                text,
            });
        }
    } else {
        set.problems.push(Diagnostic::new(
            format!("{display_prefix}/codebook"),
            0,
            "no codebook directory",
            "a directory codebook/ with one or more .toml files",
        ));
    }
    Ok(set)
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

/// Builds and validates the corpus. Returns the corpus only when there are no problems.
pub fn build_corpus(seeds: &SeedSet) -> Result<Corpus, Vec<Diagnostic>> {
    let mut b = Builder {
        diags: seeds.problems.clone(),
        ..Builder::default()
    };
    for (meta, text) in &seeds.papers {
        b.paper(meta, text);
    }
    b.check_papers_unique();
    for file in &seeds.codebook {
        b.codebook_file(file);
    }
    b.finish()
}

/// Text of one paper, folded for quote lookup.
struct PaperText {
    blocks: Vec<Folded>,
    notes: Vec<Folded>,
}

#[derive(Default)]
struct Builder {
    diags: Vec<Diagnostic>,
    papers: Vec<Paper>,
    paper_lines: Vec<(String, u32)>,
    texts: Vec<PaperText>,
    corpus_info: Option<(CorpusInfo, String)>,
    vocab_seen: Option<String>,
    kinds: Vec<String>,
    domains: Vec<String>,
    partners: Vec<String>,
    recs: Vec<RawRecs>,
    files: Vec<SeedFile>,
}

/// Records of one codebook file, kept until all files are read (ids may refer across files).
#[derive(Default)]
struct RawRecs {
    dimensions: Vec<(Table, Range<usize>)>,
    categories: Vec<(Table, Range<usize>)>,
    evidence: Vec<(Table, Range<usize>)>,
    codings: Vec<(Table, Range<usize>)>,
    file: usize,
}

const PAPER_KEYS: &[&str] = &[
    "id",
    "title",
    "short_title",
    "mark",
    "author",
    "affiliation",
    "venue",
    "date",
    "document",
];

impl Builder {
    fn diag(&mut self, file: &str, line: u32, msg: impl Into<String>, exp: impl Into<String>) {
        self.diags.push(Diagnostic::new(file, line, msg, exp));
    }

    fn paper(&mut self, meta: &SeedFile, text: &SeedFile) {
        let table: Table = match toml::from_str(&meta.text) {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().map(|s| line_of(&meta.text, s.start)).unwrap_or(0);
                self.diag(
                    &meta.path,
                    line,
                    format!("invalid TOML: {}", e.message()),
                    "valid TOML",
                );
                return;
            }
        };
        let rec = Rec {
            file: meta,
            table,
            span: 0..meta.text.len(),
            kind: "paper",
        };
        self.unknown_keys(&rec, PAPER_KEYS);
        let get = |b: &mut Builder, key: &str| b.req_str(&rec, key).unwrap_or_default();
        let id = get(self, "id");
        let title = get(self, "title");
        let author = get(self, "author");
        let date = get(self, "date");
        let mark = get(self, "mark");
        let short_title = self
            .opt_str(&rec, "short_title")
            .unwrap_or_else(|| title.clone());
        let affiliation = self.opt_str(&rec, "affiliation").unwrap_or_default();
        let venue = self.opt_str(&rec, "venue").unwrap_or_default();
        if !id.is_empty() && !is_slug(&id) {
            self.diag(
                &meta.path,
                rec.key_line("id"),
                format!("paper id `{id}` is not a slug"),
                "lowercase letters, digits and `-` only",
            );
        }
        if !date.is_empty() && parse_date(&date).is_err() {
            self.diag(
                &meta.path,
                rec.key_line("date"),
                format!("bad date `{date}`"),
                DATE_EXPECTED,
            );
        }
        let mark_len = mark.chars().count();
        if !mark.is_empty() && !(1..=2).contains(&mark_len) {
            self.diag(
                &meta.path,
                rec.key_line("mark"),
                format!("mark `{mark}` has {mark_len} characters"),
                "one or two characters",
            );
        }
        let opts: DocOptions = match rec.table.get("document") {
            Some(v) => match v.clone().try_into() {
                Ok(o) => o,
                Err(e) => {
                    self.diag(
                        &meta.path,
                        find_line(&meta.text, "document"),
                        format!("bad [document] table: {}", e.message()),
                        "the document options described in the README",
                    );
                    DocOptions::default()
                }
            },
            None => {
                self.diag(
                    &meta.path,
                    0,
                    "missing [document] table",
                    "a [document] table with at least `format = \"markdown\"` or `\"plain\"`",
                );
                DocOptions::default()
            }
        };
        let (doc, doc_diags) = parse_document(&opts, &text.text, &text.path);
        // Problems in repair data are reported by the document parser against the paper's
        // text or metadata file, as it sees fit.
        self.diags.extend(doc_diags);
        let file = text
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&text.path)
            .to_string();
        self.texts.push(PaperText {
            blocks: doc.blocks.iter().map(|b| quote_fold(&b.text)).collect(),
            notes: doc.footnotes.iter().map(|n| quote_fold(&n.text)).collect(),
        });
        self.paper_lines
            .push((meta.path.clone(), rec.key_line("id")));
        self.papers.push(Paper {
            id,
            file,
            title,
            short_title,
            mark,
            author,
            affiliation,
            venue,
            date,
            doc,
        });
    }

    fn check_papers_unique(&mut self) {
        let mut seen_ids: HashMap<String, usize> = HashMap::new();
        let mut seen_marks: HashMap<String, usize> = HashMap::new();
        for i in 0..self.papers.len() {
            let (path, line) = self.paper_lines[i].clone();
            let p = &self.papers[i];
            let (id, mark) = (p.id.clone(), p.mark.clone());
            if let Some(&j) = seen_ids.get(&id) {
                let other = self.paper_lines[j].0.clone();
                self.diag(
                    &path,
                    line,
                    format!("duplicate paper id `{id}` (also in {other})"),
                    "paper ids unique",
                );
            } else {
                seen_ids.insert(id, i);
            }
            if let Some(&j) = seen_marks.get(&mark) {
                let other = self.paper_lines[j].0.clone();
                self.diag(
                    &path,
                    line,
                    format!("duplicate paper mark `{mark}` (also in {other})"),
                    "paper marks unique",
                );
            } else {
                seen_marks.insert(mark, i);
            }
        }
    }

    fn codebook_file(&mut self, file: &SeedFile) {
        #[derive(serde::Deserialize)]
        struct RawFile {
            corpus: Option<Spanned<Table>>,
            vocabulary: Option<Spanned<Table>>,
            #[serde(default)]
            dimension: Vec<Spanned<Table>>,
            #[serde(default)]
            category: Vec<Spanned<Table>>,
            #[serde(default)]
            evidence: Vec<Spanned<Table>>,
            #[serde(default)]
            coding: Vec<Spanned<Table>>,
        }
        let top: Table = match toml::from_str(&file.text) {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().map(|s| line_of(&file.text, s.start)).unwrap_or(0);
                self.diag(
                    &file.path,
                    line,
                    format!("invalid TOML: {}", e.message()),
                    "valid TOML (see README, Adding a corpus)",
                );
                return;
            }
        };
        const TOP: &[&str] = &[
            "corpus",
            "vocabulary",
            "dimension",
            "category",
            "evidence",
            "coding",
        ];
        for key in top.keys() {
            if !TOP.contains(&key.as_str()) {
                let line = find_line(&file.text, key);
                self.diag(&file.path, line, format!("unknown table `{key}`{}", suggest(key, TOP)), "one of [corpus], [vocabulary], [[dimension]], [[category]], [[evidence]], [[coding]]");
            }
        }
        let raw: RawFile = match toml::from_str(&file.text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map(|s| line_of(&file.text, s.start)).unwrap_or(0);
                self.diag(&file.path, line, format!("wrong shape: {}", e.message()), "[corpus] and [vocabulary] as tables; dimension, category, evidence and coding as arrays of tables ([[...]])");
                return;
            }
        };
        if let Some(c) = raw.corpus {
            let span = record_extent(&file.text, c.span());
            let rec = Rec {
                file,
                table: c.into_inner(),
                span,
                kind: "corpus",
            };
            if let Some((_, prev)) = &self.corpus_info {
                let prev = prev.clone();
                self.diag(
                    &file.path,
                    rec.line(),
                    format!("second [corpus] table (first in {prev})"),
                    "exactly one [corpus] table in the codebook",
                );
            } else {
                self.unknown_keys(&rec, &["title", "description", "version"]);
                let info = CorpusInfo {
                    title: self.req_str(&rec, "title").unwrap_or_default(),
                    description: self.opt_str(&rec, "description").unwrap_or_default(),
                    version: self.req_str(&rec, "version").unwrap_or_default(),
                    hash: String::new(),
                };
                self.corpus_info = Some((info, file.path.clone()));
            }
        }
        if let Some(v) = raw.vocabulary {
            let span = record_extent(&file.text, v.span());
            let rec = Rec {
                file,
                table: v.into_inner(),
                span,
                kind: "vocabulary",
            };
            if let Some(prev) = &self.vocab_seen {
                let prev = prev.clone();
                self.diag(
                    &file.path,
                    rec.line(),
                    format!("second [vocabulary] table (first in {prev})"),
                    "exactly one [vocabulary] table in the codebook",
                );
            } else {
                self.unknown_keys(&rec, &["partners", "kinds", "domains"]);
                self.partners = self.str_list(&rec, "partners", true);
                self.kinds = self.str_list(&rec, "kinds", true);
                self.domains = self.str_list(&rec, "domains", true);
                for (key, list) in [
                    ("partners", self.partners.clone()),
                    ("kinds", self.kinds.clone()),
                    ("domains", self.domains.clone()),
                ] {
                    let mut seen = BTreeSet::new();
                    for v in list {
                        if !seen.insert(v.clone()) {
                            self.diag(
                                &file.path,
                                rec.key_line(key),
                                format!("`{v}` listed twice in {key}"),
                                "each vocabulary value once",
                            );
                        }
                    }
                }
                self.vocab_seen = Some(file.path.clone());
            }
        }
        let file_idx = self.files.len();
        // Spans of array-of-tables items cover only their `[[header]]`: extend each to the next
        // header so field lines can be found.
        let text = &file.text;
        let take = |v: Vec<Spanned<Table>>| {
            v.into_iter()
                .map(|s| {
                    let span = record_extent(text, s.span());
                    (s.into_inner(), span)
                })
                .collect()
        };
        self.recs.push(RawRecs {
            dimensions: take(raw.dimension),
            categories: take(raw.category),
            evidence: take(raw.evidence),
            codings: take(raw.coding),
            file: file_idx,
        });
        self.files.push(file.clone());
    }

    fn unknown_keys(&mut self, rec: &Rec, known: &[&str]) {
        for key in rec.table.keys() {
            if !known.contains(&key.as_str()) {
                self.diag(
                    &rec.file.path,
                    rec.key_line(key),
                    format!(
                        "unknown field `{key}` in {}{}",
                        rec.kind,
                        suggest(key, known)
                    ),
                    format!("only: {}", known.join(", ")),
                );
            }
        }
    }

    fn req_str(&mut self, rec: &Rec, key: &str) -> Option<String> {
        match rec.table.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::String(_)) => {
                self.diag(
                    &rec.file.path,
                    rec.key_line(key),
                    format!("empty `{key}` in {}", rec.kind),
                    format!("a non-empty `{key}`"),
                );
                None
            }
            Some(other) => {
                self.diag(
                    &rec.file.path,
                    rec.key_line(key),
                    format!("`{key}` is a {}", other.type_str()),
                    format!("`{key}` as a string"),
                );
                None
            }
            None => {
                self.diag(
                    &rec.file.path,
                    rec.line(),
                    format!("missing field `{key}` in {}", rec.kind),
                    format!("`{key} = \"…\"`"),
                );
                None
            }
        }
    }

    fn opt_str(&mut self, rec: &Rec, key: &str) -> Option<String> {
        match rec.table.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.diag(
                    &rec.file.path,
                    rec.key_line(key),
                    format!("`{key}` is a {}", other.type_str()),
                    format!("`{key}` as a string"),
                );
                None
            }
            None => None,
        }
    }

    fn str_list(&mut self, rec: &Rec, key: &str, required: bool) -> Vec<String> {
        match rec.table.get(key) {
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => out.push(s.clone()),
                        _ => self.diag(
                            &rec.file.path,
                            rec.key_line(key),
                            format!("`{key}` has an item that is not a non-empty string"),
                            format!("`{key} = [\"…\", \"…\"]`"),
                        ),
                    }
                }
                if required && out.is_empty() {
                    self.diag(
                        &rec.file.path,
                        rec.key_line(key),
                        format!("empty `{key}` in {}", rec.kind),
                        format!("at least one item in `{key}`"),
                    );
                }
                out
            }
            Some(other) => {
                self.diag(
                    &rec.file.path,
                    rec.key_line(key),
                    format!("`{key}` is a {}", other.type_str()),
                    format!("`{key}` as a list of strings"),
                );
                Vec::new()
            }
            None if required => {
                self.diag(
                    &rec.file.path,
                    rec.line(),
                    format!("missing field `{key}` in {}", rec.kind),
                    format!("`{key} = [\"…\"]`"),
                );
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// Locates `quote` in paper `paper`, reporting drift at `line`.
    fn locate(
        &mut self,
        paper: usize,
        quote: &str,
        file: &str,
        line: u32,
        what: &str,
    ) -> Option<Quote> {
        let folded = quote_fold(quote).text;
        if folded.is_empty() {
            self.diag(
                file,
                line,
                format!("empty {what}"),
                "a verbatim sentence or clause of the paper",
            );
            return None;
        }
        let text = &self.texts[paper];
        for (place, list) in [
            (QuotePlace::Block, &text.blocks),
            (QuotePlace::Note, &text.notes),
        ] {
            for (index, f) in list.iter().enumerate() {
                if let Some(pos) = f.text.find(&folded) {
                    return Some(Quote {
                        text: quote.to_string(),
                        place,
                        index,
                        range: f.original_range(pos, pos + folded.len()),
                    });
                }
            }
        }
        // Report how far the quote matches, to show where it drifts.
        let mut best = (0usize, String::new());
        let chars: Vec<(usize, char)> = folded.char_indices().collect();
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            let end = chars.get(mid).map(|c| c.0).unwrap_or(folded.len());
            let prefix = &folded[..end];
            let hit = text
                .blocks
                .iter()
                .chain(text.notes.iter())
                .find_map(|f| f.text.find(prefix).map(|p| (f, p)));
            match hit {
                Some((f, p)) => {
                    let after: String = f.text[p + prefix.len()..].chars().take(40).collect();
                    best = (end, after);
                    lo = mid;
                }
                None => hi = mid - 1,
            }
        }
        let paper_file = self.papers[paper].file.clone();
        let msg = if best.0 >= 12 {
            let matched: String = folded[..best.0]
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let quoted: String = folded[best.0..].chars().take(40).collect();
            format!("{what} not found in {paper_file}: it matches up to «…{matched}», then the quote has «{quoted}» where the paper has «{}»", best.1)
        } else {
            let q: String = folded.chars().take(60).collect();
            format!("{what} not found in {paper_file}: «{q}»")
        };
        self.diag(file, line, msg, "the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)");
        None
    }

    fn finish(mut self) -> Result<Corpus, Vec<Diagnostic>> {
        let files = std::mem::take(&mut self.files);
        let recs = std::mem::take(&mut self.recs);
        let (about, _) = self.corpus_info.clone().unwrap_or_default();
        if self.corpus_info.is_none() {
            self.diag(
                "seeds/codebook",
                0,
                "no [corpus] table in the codebook",
                "one [corpus] table with title and version",
            );
        }
        if self.vocab_seen.is_none() {
            self.diag(
                "seeds/codebook",
                0,
                "no [vocabulary] table in the codebook",
                "one [vocabulary] table with partners, kinds and domains",
            );
        }

        // Dimensions.
        let mut dimensions = Vec::new();
        let mut dim_ids: HashMap<String, (usize, String, u32)> = HashMap::new();
        for r in &recs {
            for (table, span) in &r.dimensions {
                let rec = Rec {
                    file: &files[r.file],
                    table: table.clone(),
                    span: span.clone(),
                    kind: "dimension",
                };
                self.unknown_keys(&rec, &["id", "label", "definition"]);
                let id = self.id_field(&rec, &mut dim_ids, dimensions.len());
                let label = self.req_str(&rec, "label").unwrap_or_default();
                let definition = self.req_str(&rec, "definition").unwrap_or_default();
                if let Some(id) = id {
                    dimensions.push(Dimension {
                        id,
                        label,
                        definition,
                    });
                }
            }
        }

        // Categories.
        let mut categories = Vec::new();
        let mut cat_ids: HashMap<String, (usize, String, u32)> = HashMap::new();
        let mut cat_lines = Vec::new();
        const CAT_KEYS: &[&str] = &[
            "id",
            "paper",
            "label",
            "partner",
            "section",
            "definition",
            "dimension",
            "crosswalk_note",
            "crosswalk_quote",
        ];
        for r in &recs {
            for (table, span) in &r.categories {
                let rec = Rec {
                    file: &files[r.file],
                    table: table.clone(),
                    span: span.clone(),
                    kind: "category",
                };
                self.unknown_keys(&rec, CAT_KEYS);
                let id = self.id_field(&rec, &mut cat_ids, categories.len());
                let label = self.req_str(&rec, "label").unwrap_or_default();
                let paper_ids: Vec<String> = self.papers.iter().map(|x| x.id.clone()).collect();
                let paper = self.req_str(&rec, "paper").and_then(|p| {
                    let expected = format!("one of: {}", paper_ids.join(", "));
                    self.lookup(&rec, "paper", &p, &paper_ids, false, &expected)
                });
                let partner = match self.opt_str(&rec, "partner") {
                    None => {
                        self.diag(
                            &rec.file.path,
                            rec.line(),
                            "missing field `partner` in category",
                            "`partner = \"…\"` (a vocabulary partner, or \"\" for none)",
                        );
                        None
                    }
                    Some(p) if p.is_empty() => None,
                    Some(p) => {
                        let found = self.partners.iter().position(|x| *x == p);
                        if found.is_none() {
                            let list = self.partners.join(", ");
                            self.diag(
                                &rec.file.path,
                                rec.key_line("partner"),
                                format!("unknown partner `{p}`"),
                                format!("one of the vocabulary partners ({list}) or \"\""),
                            );
                        }
                        found
                    }
                };
                let dim_ids: Vec<String> = dimensions
                    .iter()
                    .map(|x: &Dimension| x.id.clone())
                    .collect();
                let dimension = self.req_str(&rec, "dimension").and_then(|d| {
                    self.lookup(
                        &rec,
                        "dimension",
                        &d,
                        &dim_ids,
                        false,
                        "the id of a [[dimension]]",
                    )
                });
                let crosswalk_note = self.req_str(&rec, "crosswalk_note").unwrap_or_default();
                let section_text = self.opt_str(&rec, "section");
                let def_text = self.req_str(&rec, "definition");
                let cw_text = self.req_str(&rec, "crosswalk_quote");
                let Some(paper) = paper else { continue };
                let section = match section_text {
                    None => {
                        self.diag(
                            &rec.file.path,
                            rec.line(),
                            "missing field `section` in category",
                            "`section = \"…\"` (a heading of the paper, or \"\" if it has none)",
                        );
                        None
                    }
                    Some(s) if s.trim().is_empty() => {
                        if !self.papers[paper].doc.sections.is_empty() {
                            self.diag(
                                &rec.file.path,
                                rec.key_line("section"),
                                "empty `section` but the paper has headings",
                                "the heading under which the category is discussed",
                            );
                        }
                        None
                    }
                    Some(s) => {
                        let want = search_key(&s);
                        let secs = &self.papers[paper].doc.sections;
                        let found = secs.iter().position(|x| {
                            search_key(&x.title) == want
                                || search_key(strip_enumeration(&x.title)) == want
                        });
                        if found.is_none() {
                            let titles: Vec<String> = secs
                                .iter()
                                .map(|x| format!("\"{}\"", strip_enumeration(&x.title)))
                                .collect();
                            let titles = if titles.is_empty() {
                                "none: use \"\"".to_string()
                            } else {
                                titles.join(", ")
                            };
                            self.diag(
                                &rec.file.path,
                                rec.key_line("section"),
                                format!("no heading `{s}` in paper `{}`", self.papers[paper].id),
                                format!("one of its headings: {titles}"),
                            );
                        }
                        found
                    }
                };
                let definition = def_text.and_then(|q| {
                    let line = rec.key_line("definition");
                    self.locate(paper, &q, &rec.file.path, line, "definition quote")
                });
                let crosswalk_quote = cw_text.and_then(|q| {
                    let line = rec.key_line("crosswalk_quote");
                    self.locate(paper, &q, &rec.file.path, line, "crosswalk quote")
                });
                if let (Some(id), Some(dimension)) = (id, dimension) {
                    cat_lines.push((rec.file.path.clone(), rec.line()));
                    categories.push(Category {
                        id,
                        paper,
                        label,
                        partner,
                        section,
                        definition: definition.unwrap_or_default(),
                        dimension: Some(dimension),
                        crosswalk_note,
                        crosswalk_quote: crosswalk_quote.unwrap_or_default(),
                        kind: Default::default(),
                        secondary: Vec::new(),
                        no_evidence: None,
                    });
                }
            }
        }

        // Evidence.
        let mut evidence = Vec::new();
        let mut ev_ids: HashMap<String, (usize, String, u32)> = HashMap::new();
        let mut ev_lines = Vec::new();
        const EV_KEYS: &[&str] = &[
            "id", "title", "date", "place", "actors", "kind", "domain", "sources", "note",
        ];
        for r in &recs {
            for (table, span) in &r.evidence {
                let rec = Rec {
                    file: &files[r.file],
                    table: table.clone(),
                    span: span.clone(),
                    kind: "evidence",
                };
                self.unknown_keys(&rec, EV_KEYS);
                let id = self.id_field(&rec, &mut ev_ids, evidence.len());
                let title = self.req_str(&rec, "title").unwrap_or_default();
                let date_text = self.req_str(&rec, "date").unwrap_or_default();
                let date = if date_text.is_empty() {
                    None
                } else {
                    match parse_date(&date_text) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            self.diag(
                                &rec.file.path,
                                rec.key_line("date"),
                                format!("bad date: {e}"),
                                DATE_EXPECTED,
                            );
                            None
                        }
                    }
                };
                let place = self.req_str(&rec, "place").unwrap_or_default();
                let actors = self.str_list(&rec, "actors", true);
                let kind = self.vocab_field(&rec, "kind", "kinds");
                let domain = self.vocab_field(&rec, "domain", "domains");
                let sources = self.str_list(&rec, "sources", false);
                let note = self.opt_str(&rec, "note").unwrap_or_default();
                if let (Some(id), Some(date), Some(kind), Some(domain)) = (id, date, kind, domain) {
                    ev_lines.push((rec.file.path.clone(), rec.line()));
                    evidence.push(Evidence {
                        id,
                        title,
                        date_text,
                        date,
                        place,
                        actors,
                        kind,
                        domain,
                        sources,
                        note,
                        series: None,
                    });
                }
            }
        }

        // Codings.
        let mut codings: Vec<Coding> = Vec::new();
        let mut pairs: HashMap<(usize, usize), (String, u32)> = HashMap::new();
        // Ids named by any coding record, valid or not: coverage checks use these so one
        // broken record does not cascade into "never coded" reports.
        let mut named: BTreeSet<String> = BTreeSet::new();
        for r in &recs {
            for (table, span) in &r.codings {
                let rec = Rec {
                    file: &files[r.file],
                    table: table.clone(),
                    span: span.clone(),
                    kind: "coding",
                };
                self.unknown_keys(&rec, &["evidence", "category", "quotes", "note"]);
                for key in ["evidence", "category"] {
                    if let Some(Value::String(v)) = rec.table.get(key) {
                        named.insert(format!("{key}:{v}"));
                    }
                }
                // An id that was declared but whose record is invalid is not reported again.
                let ev_list: Vec<String> =
                    evidence.iter().map(|x: &Evidence| x.id.clone()).collect();
                let ev = self.req_str(&rec, "evidence").and_then(|e| {
                    let declared = ev_ids.contains_key(&e);
                    self.lookup(
                        &rec,
                        "evidence",
                        &e,
                        &ev_list,
                        declared,
                        "the id of an [[evidence]] item",
                    )
                });
                let cat_list: Vec<String> =
                    categories.iter().map(|x: &Category| x.id.clone()).collect();
                let cat = self.req_str(&rec, "category").and_then(|c| {
                    let declared = cat_ids.contains_key(&c);
                    self.lookup(
                        &rec,
                        "category",
                        &c,
                        &cat_list,
                        declared,
                        "the id of a [[category]]",
                    )
                });
                let quote_texts = self.str_list(&rec, "quotes", true);
                let note = self.opt_str(&rec, "note").unwrap_or_default();
                let (Some(ev), Some(cat)) = (ev, cat) else {
                    continue;
                };
                if let Some((file, line)) = pairs.get(&(ev, cat)) {
                    let (file, line) = (file.clone(), *line);
                    self.diag(&rec.file.path, rec.line(), format!("second coding of evidence `{}` under category `{}` (first at {file}:{line})", evidence[ev].id, categories[cat].id), "one [[coding]] per evidence and category; put all its quotes in one `quotes` list");
                    continue;
                }
                pairs.insert((ev, cat), (rec.file.path.clone(), rec.line()));
                let paper = categories[cat].paper;
                let mut quotes = Vec::new();
                for q in &quote_texts {
                    let line = rec.text_line("quotes", q);
                    if let Some(found) = self.locate(paper, q, &rec.file.path, line, "quote") {
                        quotes.push(found);
                    }
                }
                if quotes.len() == quote_texts.len() && !quotes.is_empty() {
                    codings.push(Coding {
                        id: format!("{}~{}", evidence[ev].id, categories[cat].id),
                        paper,
                        category: cat,
                        evidence: ev,
                        quotes,
                        note,
                        rationale: String::new(),
                    });
                }
            }
        }

        // Coverage: every category, evidence item and dimension is used.
        let uncoded = [
            (
                "category",
                categories.iter().map(|c| &c.id).collect::<Vec<_>>(),
                &cat_lines,
                "has no coding",
            ),
            (
                "evidence",
                evidence.iter().map(|e| &e.id).collect(),
                &ev_lines,
                "is never coded",
            ),
        ];
        for (kind, ids, lines, problem) in uncoded {
            for (id, (file, line)) in ids.into_iter().zip(lines) {
                if !named.contains(&format!("{kind}:{id}")) {
                    self.diags.push(Diagnostic::new(
                        file,
                        *line,
                        format!("{kind} `{id}` {problem}"),
                        format!("at least one [[coding]] with `{kind}` = this id"),
                    ));
                }
            }
        }
        for (i, d) in dimensions.iter().enumerate() {
            if !categories.iter().any(|c| c.dimension == Some(i)) {
                let (_, file, line) = dim_ids.get(&d.id).cloned().unwrap_or_default();
                self.diags.push(Diagnostic::new(
                    file,
                    line,
                    format!("dimension `{}` has no category", d.id),
                    "at least one [[category]] with `dimension` = this id",
                ));
            }
        }

        if !self.diags.is_empty() {
            let mut d = self.diags;
            d.sort();
            d.dedup();
            return Err(d);
        }

        // Canonical order: evidence by date then id; codings by paper, category, evidence.
        let mut order: Vec<usize> = (0..evidence.len()).collect();
        order.sort_by(|&a, &b| {
            (evidence[a].date, &evidence[a].id).cmp(&(evidence[b].date, &evidence[b].id))
        });
        let mut new_pos = vec![0; evidence.len()];
        for (new, &old) in order.iter().enumerate() {
            new_pos[old] = new;
        }
        let evidence: Vec<Evidence> = order.iter().map(|&i| evidence[i].clone()).collect();
        for c in &mut codings {
            c.evidence = new_pos[c.evidence];
        }
        let mut cat_order: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, c) in categories.iter().enumerate() {
            cat_order.insert(i, c.paper * 100_000 + i);
        }
        codings.sort_by_key(|c| (c.paper, cat_order[&c.category], c.evidence));

        Ok(Corpus {
            papers: self.papers,
            dimensions,
            categories,
            evidence,
            codings,
            kinds: self.kinds,
            domains: self.domains,
            partners: self.partners,
            about,
            series: Vec::new(),
            sweeps: Vec::new(),
            agreement: Vec::new(),
        })
    }

    /// Position of `value` among `ids`; otherwise a diagnostic at the line of `key` naming the
    /// nearest id (unless `quiet`: the id exists but its record was invalid and reported).
    fn lookup(
        &mut self,
        rec: &Rec,
        key: &str,
        value: &str,
        ids: &[String],
        quiet: bool,
        expected: &str,
    ) -> Option<usize> {
        let found = ids.iter().position(|x| x == value);
        if found.is_none() && !quiet {
            let known: Vec<&str> = ids.iter().map(String::as_str).collect();
            let sugg = suggest(value, &known);
            self.diag(
                &rec.file.path,
                rec.key_line(key),
                format!("unknown {key} `{value}`{sugg}"),
                expected,
            );
        }
        found
    }

    fn id_field(
        &mut self,
        rec: &Rec,
        seen: &mut HashMap<String, (usize, String, u32)>,
        next: usize,
    ) -> Option<String> {
        let id = self.req_str(rec, "id")?;
        if !is_slug(&id) {
            self.diag(
                &rec.file.path,
                rec.key_line("id"),
                format!("{} id `{id}` is not a slug", rec.kind),
                "lowercase letters, digits and `-` only (it appears in links)",
            );
            return None;
        }
        if let Some((_, file, line)) = seen.get(&id) {
            let (file, line) = (file.clone(), *line);
            self.diag(
                &rec.file.path,
                rec.key_line("id"),
                format!("duplicate {} id `{id}` (first at {file}:{line})", rec.kind),
                format!("{} ids unique", rec.kind),
            );
            return None;
        }
        seen.insert(
            id.clone(),
            (next, rec.file.path.clone(), rec.key_line("id")),
        );
        Some(id)
    }

    fn vocab_field(&mut self, rec: &Rec, key: &str, vocab: &str) -> Option<usize> {
        let v = self.req_str(rec, key)?;
        let list = if vocab == "kinds" {
            self.kinds.clone()
        } else {
            self.domains.clone()
        };
        let expected = format!("one of the vocabulary {vocab}: {}", list.join(", "));
        self.lookup(rec, key, &v, &list, false, &expected)
    }
}
