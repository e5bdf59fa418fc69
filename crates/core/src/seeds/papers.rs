//! Phase 1: papers. Each paper's metadata `.toml` becomes a `Paper` with its cleaned text
//! (through `document`), and the text folded for quote lookup.

use std::collections::HashMap;

use serde::de::IntoDeserializer;
use serde::Deserialize;
use toml::Spanned;

use super::dates::{parse_date, DATE_EXPECTED};
use super::diags::Diags;
use super::ids::is_slug;
use super::quotes::PaperText;
use super::records::{get, parse_file, read_record, required, text, At, Str};
use super::SeedFile;
use crate::document::{parse_document, DocOptions};
use crate::model::diag::line_of;
use crate::model::Paper;

/// The papers read so far: the model records, their folded texts and where each id stands.
#[derive(Default)]
pub(super) struct Papers {
    pub(super) list: Vec<Paper>,
    pub(super) texts: Vec<PaperText>,
}

impl Papers {
    /// Paper ids in order.
    pub(super) fn ids(&self) -> Vec<String> {
        self.list.iter().map(|p| p.id.clone()).collect()
    }
}

/// A paper metadata file (its `[document]` table is read apart, into `DocOptions`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct PaperRec {
    id: Str,
    title: Str,
    short_title: Str,
    mark: Str,
    author: Str,
    affiliation: Str,
    venue: Str,
    date: Str,
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

/// Reads every paper (metadata and text) and checks that ids and marks are unique.
pub(super) fn read_papers(files: &[(SeedFile, SeedFile)], diags: &mut Diags) -> Papers {
    let mut papers = Papers::default();
    let mut seen: Vec<(String, u32)> = Vec::new();
    for (meta, txt) in files {
        if let Some((paper, id_line)) = read_paper(meta, txt, diags) {
            papers.texts.push(PaperText::new(&paper.file, &paper.doc));
            papers.list.push(paper);
            seen.push((meta.path.clone(), id_line));
        }
    }
    check_unique(&papers.list, &seen, diags);
    papers
}

/// One paper, and the line of its id.
fn read_paper(meta: &SeedFile, txt: &SeedFile, diags: &mut Diags) -> Option<(Paper, u32)> {
    let table = parse_file(meta, "valid TOML", diags)?;
    let at = At {
        file: meta,
        line: 1,
        kind: "paper",
    };
    let rec = read_record::<PaperRec>(at, &table, PAPER_KEYS, diags).fields;
    let id = required(&at, "id", &rec.id, diags);
    let title = required(&at, "title", &rec.title, diags);
    let author = required(&at, "author", &rec.author, diags);
    let date = required(&at, "date", &rec.date, diags);
    let mark = required(&at, "mark", &rec.mark, diags);
    check_values(&at, &id, &date, &mark, diags);
    let opts = document_options(meta, &table, diags);
    let (doc, doc_diags) = parse_document(&opts, &txt.text, &txt.path);
    // Problems in repair data are reported by the document parser against the paper's text
    // or metadata file, as it sees fit.
    diags.extend(doc_diags);
    let title = title.map(Spanned::into_inner).unwrap_or_default();
    let paper = Paper {
        id: id.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default(),
        file: txt.path.rsplit('/').next().unwrap_or(&txt.path).to_string(),
        short_title: rec
            .short_title
            .map_or_else(|| title.clone(), Spanned::into_inner),
        title,
        mark: mark.map(Spanned::into_inner).unwrap_or_default(),
        author: author.map(Spanned::into_inner).unwrap_or_default(),
        affiliation: text(&rec.affiliation),
        venue: text(&rec.venue),
        date: date.map(Spanned::into_inner).unwrap_or_default(),
        doc,
    };
    Some((paper, at.line_or_record(&id)))
}

/// The id is a slug, the date parses, the mark has one or two characters.
fn check_values(
    at: &At,
    id: &Option<Spanned<String>>,
    date: &Option<Spanned<String>>,
    mark: &Option<Spanned<String>>,
    diags: &mut Diags,
) {
    if let Some(id) = id.as_ref().filter(|s| !is_slug(s.get_ref())) {
        diags.push(
            at.path(),
            at.line_of(id.span()),
            format!("paper id `{}` is not a slug", id.get_ref()),
            "lowercase letters, digits and `-` only",
        );
    }
    if let Some(date) = date.as_ref().filter(|s| parse_date(s.get_ref()).is_err()) {
        diags.push(
            at.path(),
            at.line_of(date.span()),
            format!("bad date `{}`", date.get_ref()),
            DATE_EXPECTED,
        );
    }
    if let Some(mark) = mark {
        let n = mark.get_ref().chars().count();
        if !(1..=2).contains(&n) {
            diags.push(
                at.path(),
                at.line_of(mark.span()),
                format!("mark `{}` has {n} characters", mark.get_ref()),
                "one or two characters",
            );
        }
    }
}

/// The `[document]` table as `DocOptions` (serde), its problems at their lines.
fn document_options(meta: &SeedFile, table: &toml::de::DeTable, diags: &mut Diags) -> DocOptions {
    let Some(value) = get(table, "document") else {
        diags.push(
            &meta.path,
            1,
            "missing [document] table",
            "a [document] table with at least `format = \"markdown\"` or `\"plain\"`",
        );
        return DocOptions::default();
    };
    let line = line_of(&meta.text, value.span().start);
    let result = match value.get_ref().as_table() {
        Some(t) => {
            DocOptions::deserialize(Spanned::new(value.span(), t.clone()).into_deserializer())
                .map_err(|e| {
                    let line = e.span().map_or(line, |s| line_of(&meta.text, s.start));
                    (line, e.message().trim_end().to_string())
                })
        }
        None => Err((
            line,
            format!("`document` is a {}", value.get_ref().type_str()),
        )),
    };
    result.unwrap_or_else(|(line, msg)| {
        diags.push(
            &meta.path,
            line,
            format!("bad [document] table: {msg}"),
            "the document options described in the README",
        );
        DocOptions::default()
    })
}

/// Paper ids and marks are unique; a repeat is reported at its id line.
fn check_unique(papers: &[Paper], lines: &[(String, u32)], diags: &mut Diags) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut marks: HashMap<&str, usize> = HashMap::new();
    for (i, p) in papers.iter().enumerate() {
        let (path, line) = &lines[i];
        for (what, value, seen) in [("id", &p.id, &mut ids), ("mark", &p.mark, &mut marks)] {
            match seen.get(value.as_str()) {
                Some(&j) => diags.push(
                    path,
                    *line,
                    format!("duplicate paper {what} `{value}` (also in {})", lines[j].0),
                    format!("paper {what}s unique"),
                ),
                None => {
                    seen.insert(value, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, meta: &str, text: &str) -> (SeedFile, SeedFile) {
        (
            SeedFile {
                path: format!("seeds/{name}.toml"),
                text: meta.into(),
            },
            SeedFile {
                path: format!("seeds/{name}.txt"),
                text: text.into(),
            },
        )
    }

    const META: &str = "id = \"p\"\ntitle = \"T\"\nmark = \"P\"\nauthor = \"A\"\ndate = \"2007\"\n\n[document]\nformat = \"markdown\"\n";

    #[test]
    fn reads_metadata_and_text() {
        let mut d = Diags::default();
        let p = read_papers(&[pair("p", META, "# T\n\nOne paragraph.\n")], &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(p.list[0].id, "p");
        assert_eq!(p.list[0].short_title, "T");
        assert_eq!(p.list[0].file, "p.txt");
        assert_eq!(p.texts[0].file, "p.txt");
    }

    #[test]
    fn reports_every_problem_at_its_line() {
        let meta = META
            .replace("id = \"p\"", "id = \"P q\"")
            .replace("2007", "2007-13")
            .replace("mark = \"P\"", "mark = \"PQR\"")
            .replace("format", "formt");
        let mut d = Diags::default();
        let dup = pair("q", META, "x\n");
        read_papers(
            &[pair("p", &meta, "x\n"), dup.clone(), pair("r", META, "x\n")],
            &mut d,
        );
        let text: Vec<String> = d.into_sorted().iter().map(|x| x.to_string()).collect();
        assert_eq!(text.len(), 7, "{text:#?}");
        assert!(text[0].starts_with("seeds/p.toml:1: paper id `P q` is not a slug"));
        assert!(text[1].starts_with("seeds/p.toml:3: mark `PQR` has 3 characters"));
        assert!(text[2].starts_with("seeds/p.toml:5: bad date `2007-13`"));
        assert!(
            text[3].starts_with("seeds/p.toml:8: bad [document] table: unknown field `formt`"),
            "{}",
            text[3]
        );
        assert!(text[4].starts_with("seeds/p.txt:1: [document] format \"\" is not supported"));
        assert_eq!(
            text[5],
            "seeds/r.toml:1: duplicate paper id `p` (also in seeds/q.toml); paper ids unique"
        );
        assert_eq!(
            text[6],
            "seeds/r.toml:1: duplicate paper mark `P` (also in seeds/q.toml); paper marks unique"
        );
    }
}
