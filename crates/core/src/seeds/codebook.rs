//! Reading the codebook files into typed records: the `[corpus]` and `[vocabulary]` tables
//! and the `[[dimension]]`, `[[category]]`, `[[evidence]]` and `[[coding]]` records of every
//! file, kept with their file and line until all files are read (ids refer across files).

use serde::Deserialize;
use toml::Spanned;

use super::categories::{CategoryRec, CATEGORY_KEYS};
use super::codings::{CodingRec, CODING_KEYS};
use super::diags::Diags;
use super::dimensions::{DimensionRec, DIMENSION_KEYS};
use super::evidence::{EvidenceRec, EVIDENCE_KEYS};
use super::methods_record::{changelog, notes, ChangeRec, NoteRec};
use super::records::{
    did_you_mean, list, parse_file, read_record, required, tables, text, At, List, Record, Str,
};
use super::series::{SeriesRec, SERIES_KEYS};
use super::vocabulary::Vocabulary;
use super::SeedFile;
use crate::model::diag::line_of;
use crate::model::CorpusInfo;

/// Every record of every codebook file, typed, with where it stands.
#[derive(Default)]
pub(super) struct Codebook<'a> {
    /// The `[corpus]` table and the file it stands in.
    pub(super) info: Option<(CorpusInfo, String)>,
    /// The `[vocabulary]` table and the file it stands in.
    pub(super) vocab: Option<(Vocabulary, String)>,
    pub(super) dimensions: Vec<Record<'a, DimensionRec>>,
    pub(super) categories: Vec<Record<'a, CategoryRec>>,
    pub(super) evidence: Vec<Record<'a, EvidenceRec>>,
    pub(super) codings: Vec<Record<'a, CodingRec>>,
    pub(super) series: Vec<Record<'a, SeriesRec>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CorpusRec {
    title: Str,
    description: Str,
    version: Str,
    method: Option<Vec<Spanned<NoteRec>>>,
    rule: Option<Vec<Spanned<NoteRec>>>,
    changelog: Option<Vec<Spanned<ChangeRec>>>,
}

const CORPUS_KEYS: &[&str] = &[
    "title",
    "description",
    "version",
    "method",
    "rule",
    "changelog",
];

#[derive(Deserialize, Default)]
#[serde(default)]
struct VocabularyRec {
    partners: List,
    kinds: List,
    domains: List,
}

const TOP_KEYS: &[&str] = &[
    "corpus",
    "vocabulary",
    "dimension",
    "category",
    "evidence",
    "coding",
    "series",
];

/// Reads every codebook file; `dir` names the codebook directory in messages about what is
/// missing from all of them.
pub(super) fn read_codebook<'a>(
    files: &'a [SeedFile],
    dir: &str,
    diags: &mut Diags,
) -> Codebook<'a> {
    let mut book = Codebook::default();
    for file in files {
        read_file(file, &mut book, diags);
    }
    if book.info.is_none() {
        diags.push(
            dir,
            1,
            "no [corpus] table in the codebook",
            "one [corpus] table with title and version",
        );
    }
    if book.vocab.is_none() {
        diags.push(
            dir,
            1,
            "no [vocabulary] table in the codebook",
            "one [vocabulary] table with partners, kinds and domains",
        );
    }
    book
}

fn read_file<'a>(file: &'a SeedFile, book: &mut Codebook<'a>, diags: &mut Diags) {
    let Some(top) = parse_file(file, "valid TOML (see README, Adding a corpus)", diags) else {
        return;
    };
    for (key, value) in top.iter() {
        let name: &str = key.get_ref();
        let line = line_of(&file.text, key.span().start);
        let at = |kind| At { file, line, kind };
        match name {
            "corpus" | "vocabulary" => match value.get_ref().as_table() {
                Some(t) if name == "corpus" => read_corpus(at("corpus"), t, book, diags),
                Some(t) => read_vocabulary(at("vocabulary"), t, book, diags),
                None => diags.push(&file.path, line, format!("`{name}` is not a table"), format!("a [{name}] table")),
            },
            "dimension" | "category" | "evidence" | "coding" | "series" => {
                for (line, t) in tables(file, name, value, diags) {
                    let at = At { file, line, kind: kind_name(name) };
                    match name {
                        "dimension" => book.dimensions.push(read_record(at, t, DIMENSION_KEYS, diags)),
                        "category" => book.categories.push(read_record(at, t, CATEGORY_KEYS, diags)),
                        "evidence" => book.evidence.push(read_record(at, t, EVIDENCE_KEYS, diags)),
                        "series" => book.series.push(read_record(at, t, SERIES_KEYS, diags)),
                        _ => book.codings.push(read_record(at, t, CODING_KEYS, diags)),
                    }
                }
            }
            _ => diags.push(
                &file.path,
                line,
                format!("unknown table `{name}`{}", did_you_mean(name, TOP_KEYS.iter().copied())),
                "one of [corpus], [vocabulary], [[dimension]], [[category]], [[series]], [[evidence]], [[coding]]",
            ),
        }
    }
}

/// The static kind name of a record key.
fn kind_name(key: &str) -> &'static str {
    match key {
        "dimension" => "dimension",
        "category" => "category",
        "evidence" => "evidence",
        "series" => "series",
        _ => "coding",
    }
}

fn read_corpus(at: At, table: &toml::de::DeTable, book: &mut Codebook, diags: &mut Diags) {
    if let Some((_, prev)) = &book.info {
        diags.push(
            at.path(),
            at.line,
            format!("second [corpus] table (first in {prev})"),
            "exactly one [corpus] table in the codebook",
        );
        return;
    }
    let rec = read_record::<CorpusRec>(at, table, CORPUS_KEYS, diags);
    let value = |key, v: &Str, diags: &mut Diags| {
        required(&at, key, v, diags)
            .map(Spanned::into_inner)
            .unwrap_or_default()
    };
    let info = CorpusInfo {
        title: value("title", &rec.fields.title, diags),
        description: text(&rec.fields.description),
        version: value("version", &rec.fields.version, diags),
        hash: String::new(),
        methods: notes(&at, "method", &rec.fields.method, diags),
        rules: notes(&at, "rule", &rec.fields.rule, diags),
        changelog: changelog(
            &at,
            &rec.fields.changelog,
            rec.fields.version.as_ref(),
            diags,
        ),
    };
    book.info = Some((info, at.path().to_string()));
}

fn read_vocabulary(at: At, table: &toml::de::DeTable, book: &mut Codebook, diags: &mut Diags) {
    if let Some((_, prev)) = &book.vocab {
        diags.push(
            at.path(),
            at.line,
            format!("second [vocabulary] table (first in {prev})"),
            "exactly one [vocabulary] table in the codebook",
        );
        return;
    }
    let rec = read_record::<VocabularyRec>(at, table, &["partners", "kinds", "domains"], diags);
    let mut values = |key: &str, v: &List| {
        let items = list(&at, key, v, true, diags);
        let mut out: Vec<String> = Vec::new();
        for item in items {
            if out.contains(item.get_ref()) {
                diags.push(
                    at.path(),
                    at.line_of(item.span()),
                    format!("`{}` listed twice in {key}", item.get_ref()),
                    "each vocabulary value once",
                );
            } else {
                out.push(item.into_inner());
            }
        }
        out
    };
    let vocab = Vocabulary {
        partners: values("partners", &rec.fields.partners),
        kinds: values("kinds", &rec.fields.kinds),
        domains: values("domains", &rec.fields.domains),
    };
    book.vocab = Some((vocab, at.path().to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SeedFile {
        SeedFile {
            path: "cb.toml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn reads_tables_and_records_across_files() {
        let a = file("[corpus]\ntitle = \"T\"\nversion = \"1\"\n\n[[dimension]]\nid = \"d\"\n");
        let b = file("[vocabulary]\npartners = [\"P\"]\nkinds = [\"k\"]\ndomains = [\"x\"]\n[[dimension]]\nid = \"e\"\n");
        let files = [a, b];
        let mut d = Diags::default();
        let book = read_codebook(&files, "cb", &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(book.info.unwrap().0.title, "T");
        assert_eq!(book.vocab.unwrap().0.kinds, vec!["k"]);
        let lines: Vec<u32> = book.dimensions.iter().map(|r| r.at.line).collect();
        assert_eq!(lines, vec![5, 5]);
    }

    #[test]
    fn reports_unknown_tables_repeats_and_missing_tables() {
        let files = [
            file("[[codings]]\nevidence = \"x\"\n[vocabulary]\npartners = [\"P\", \"P\"]\nkinds = [\"k\"]\ndomains = [\"x\"]\n"),
            file("[vocabulary]\npartners = []\n"),
        ];
        let mut d = Diags::default();
        read_codebook(&files, "cb", &mut d);
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(
            text,
            vec![
                "cb:1: no [corpus] table in the codebook; one [corpus] table with title and version",
                "cb.toml:1: second [vocabulary] table (first in cb.toml); exactly one [vocabulary] table in the codebook",
                "cb.toml:1: unknown table `codings` (did you mean `coding`?); one of [corpus], [vocabulary], [[dimension]], [[category]], [[series]], [[evidence]], [[coding]]",
                "cb.toml:4: `P` listed twice in partners; each vocabulary value once",
            ]
        );
    }
}
