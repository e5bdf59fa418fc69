//! REFI-QDA (QDA-XML 1.0): `codebook.qdc` (urn:QDA-XML:codebook:1.0) and `project.qdpx`, a zip
//! of `project.qde` (urn:QDA-XML:project:1.0) and `sources/<guid>.txt`.
//!
//! What goes where:
//! - Codes: one parent code per paper (not codable) holding its categories (name: the label;
//!   description: the definition, then `key: value` lines with the kind — context categories
//!   say `kind: context` —, partner, section, dimension and crosswalk); a parent code
//!   `Evidence` (not codable) holding one code per evidence item (description: the note or
//!   title, then its id, date, place, kind, domain, actors, sources, series).
//! - Sets: one per crosswalk dimension (its categories, primary or secondary) and one per
//!   series (its evidence items).
//! - Sources: each paper as a text source whose plain text is `plain::plain_text`, in
//!   `sources/<guid>.txt`; its description holds the paper's metadata as `key: value` lines.
//! - Selections: every quote of every coding as a `PlainTextSelection` (code points, end
//!   exclusive) coded with its category and with its evidence item, with `NoteRef`s to the
//!   coding's rationale and note (project `Notes`); created by the one `User`, the coder.
//!
//! The `key: value` lines are what `import` reads back, so the round trip is exact; any other
//! QDA package shows them as the code's description.

use std::io::{Cursor, Write};

use super::guid::guid;
use super::plain::{plain_text, PlainText};
use super::xml::{attr, text};
use crate::model::{CategoryKind, Corpus};

/// The name of the parent code that holds the evidence items (also what `import` looks for).
pub const EVIDENCE_CODE: &str = "Evidence";
/// Prefix of the names of the dimension sets.
pub const DIMENSION_SET: &str = "Dimension: ";
/// Prefix of the names of the series sets.
pub const SERIES_SET: &str = "Series: ";
/// The `origin` written into both files.
pub const ORIGIN: &str = "evidence-explorer (REFI-QDA export)";

/// What an export holds: the papers, categories and evidence items of its codings (all of
/// them, each with every category and item, for the whole corpus).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Codings, in corpus order.
    pub codings: Vec<usize>,
    /// Per paper: included.
    pub papers: Vec<bool>,
    /// Per category: included.
    pub categories: Vec<bool>,
    /// Per evidence item: included.
    pub evidence: Vec<bool>,
}

impl Scope {
    /// Everything in the corpus.
    pub fn all(c: &Corpus) -> Scope {
        Scope {
            codings: (0..c.codings.len()).collect(),
            papers: vec![true; c.papers.len()],
            categories: vec![true; c.categories.len()],
            evidence: vec![true; c.evidence.len()],
        }
    }
    /// These codings (a selection or a filtered view) and what they refer to.
    pub fn of_codings(c: &Corpus, codings: &[usize]) -> Scope {
        let mut s = Scope {
            codings: Vec::new(),
            papers: vec![false; c.papers.len()],
            categories: vec![false; c.categories.len()],
            evidence: vec![false; c.evidence.len()],
        };
        let mut ks: Vec<usize> = codings
            .iter()
            .copied()
            .filter(|&k| k < c.codings.len())
            .collect();
        ks.sort_unstable();
        ks.dedup();
        for &k in &ks {
            let coding = &c.codings[k];
            s.papers[coding.paper] = true;
            s.categories[coding.category] = true;
            s.evidence[coding.evidence] = true;
        }
        s.codings = ks;
        s
    }
}

/// The GUID of the coder (the one user of the export).
pub fn user_guid(c: &Corpus) -> String {
    guid("user", &c.about.title)
}

/// `key: value` lines (values on one line: line breaks become spaces), after a blank line.
pub(crate) fn with_fields(lead: &str, fields: &[(&str, String)]) -> String {
    let mut out = lead.trim().to_string();
    let lines: Vec<String> = fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}: {}", v.replace(['\r', '\n'], " ")))
        .collect();
    if !lines.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&lines.join("\n"));
    }
    out
}

fn kind_name(k: CategoryKind) -> &'static str {
    match k {
        CategoryKind::Analytic => "analytic",
        CategoryKind::Descriptive => "descriptive",
        CategoryKind::Context => "context",
    }
}

/// `positive`, `negative` or `mixed`; none for a context category.
fn stance_name(cat: &crate::model::Category) -> String {
    if cat.kind == CategoryKind::Context {
        String::new()
    } else {
        format!("{:?}", cat.stance).to_lowercase()
    }
}

fn category_description(c: &Corpus, k: usize) -> String {
    let cat = &c.categories[k];
    let doc = &c.papers[cat.paper].doc;
    let mut f = vec![
        ("id", cat.id.clone()),
        ("kind", kind_name(cat.kind).to_string()),
        (
            "partner",
            cat.partner
                .and_then(|p| c.partners.get(p))
                .cloned()
                .unwrap_or_default(),
        ),
        (
            "section",
            cat.section
                .and_then(|s| doc.sections.get(s))
                .map(|s| s.title.clone())
                .unwrap_or_default(),
        ),
        (
            "dimension",
            cat.dimension
                .and_then(|d| c.dimensions.get(d))
                .map(|d| d.id.clone())
                .unwrap_or_default(),
        ),
        ("crosswalk note", cat.crosswalk_note.clone()),
        ("crosswalk quote", cat.crosswalk_quote.text.clone()),
        (
            "no evidence",
            cat.no_evidence
                .as_ref()
                .map(|q| q.text.clone())
                .unwrap_or_default(),
        ),
        ("stance", stance_name(cat)),
    ];
    for s in &cat.secondary {
        let dim = c
            .dimensions
            .get(s.dimension)
            .map(|d| d.id.clone())
            .unwrap_or_default();
        f.push((
            "secondary",
            format!(
                "{dim} | {} | {} | {}",
                s.note,
                s.quote.text,
                format!("{:?}", s.stance).to_lowercase()
            ),
        ));
    }
    let lead = if cat.kind == CategoryKind::Context {
        format!(
            "[context: framing and background, not evidence for an analytic category] {}",
            cat.definition.text
        )
    } else {
        cat.definition.text.clone()
    };
    with_fields(&lead, &f)
}

fn evidence_description(c: &Corpus, e: usize) -> String {
    let ev = &c.evidence[e];
    let mut f = vec![
        ("id", ev.id.clone()),
        ("date", ev.date_text.clone()),
        ("place", ev.place.clone()),
        ("kind", c.kinds.get(ev.kind).cloned().unwrap_or_default()),
        (
            "domain",
            c.domains.get(ev.domain).cloned().unwrap_or_default(),
        ),
        ("actors", ev.actors.join("; ")),
        (
            "series",
            ev.series
                .and_then(|s| c.series.get(s))
                .map(|s| s.id.clone())
                .unwrap_or_default(),
        ),
    ];
    for s in &ev.sources {
        f.push(("source", s.clone()));
    }
    with_fields(&ev.note, &f)
}

fn paper_description(c: &Corpus, p: usize) -> String {
    let paper = &c.papers[p];
    with_fields(
        "",
        &[
            ("id", paper.id.clone()),
            ("title", paper.title.clone()),
            ("short title", paper.short_title.clone()),
            ("mark", paper.mark.clone()),
            ("author", paper.author.clone()),
            ("affiliation", paper.affiliation.clone()),
            ("venue", paper.venue.clone()),
            ("date", paper.date.clone()),
            ("headings", headings(&paper.doc)),
            (
                "notes",
                if paper.doc.footnotes.is_empty() {
                    String::new()
                } else {
                    (paper.doc.blocks.len() + 1).to_string()
                },
            ),
        ],
    )
}

/// The 1-based paragraph numbers (of the plain text) of the headings, space-separated; `notes`
/// (in `paper_description`) is the number of the `Notes` paragraph that the notes follow.
fn headings(doc: &crate::model::Document) -> String {
    let nums: Vec<String> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == crate::model::BlockKind::Heading)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    nums.join(" ")
}

fn project_description(c: &Corpus) -> String {
    with_fields(
        &c.about.description,
        &[
            ("title", c.about.title.clone()),
            ("codebook version", c.about.version.clone()),
            ("corpus version", c.about.hash.clone()),
            ("partners", c.partners.join("; ")),
            ("kinds", c.kinds.join("; ")),
            ("domains", c.domains.join("; ")),
        ],
    )
}

fn desc(out: &mut String, pad: &str, d: &str) {
    if !d.is_empty() {
        out.push_str(&format!("{pad}<Description>{}</Description>\n", text(d)));
    }
}

/// The `<Codes>` tree (papers' categories, then the evidence), indented by `pad`.
fn codes(c: &Corpus, s: &Scope, pad: &str) -> String {
    let mut out = format!("{pad}<Codes>\n");
    for (p, paper) in c.papers.iter().enumerate() {
        if !s.papers[p] {
            continue;
        }
        out.push_str(&format!(
            "{pad}  <Code guid=\"{}\" name=\"{}\" isCodable=\"false\">\n",
            guid("paper-code", &paper.id),
            attr(&paper.title)
        ));
        desc(
            &mut out,
            &format!("{pad}    "),
            &with_fields(
                "The paper's own analytic categories.",
                &[("paper", paper.id.clone())],
            ),
        );
        for k in c.categories_of(p).filter(|&k| s.categories[k]) {
            let cat = &c.categories[k];
            out.push_str(&format!(
                "{pad}    <Code guid=\"{}\" name=\"{}\" isCodable=\"true\">\n",
                guid("category", &cat.id),
                attr(&cat.label)
            ));
            desc(
                &mut out,
                &format!("{pad}      "),
                &category_description(c, k),
            );
            out.push_str(&format!("{pad}    </Code>\n"));
        }
        out.push_str(&format!("{pad}  </Code>\n"));
    }
    if s.evidence.iter().any(|&b| b) {
        out.push_str(&format!(
            "{pad}  <Code guid=\"{}\" name=\"{EVIDENCE_CODE}\" isCodable=\"false\">\n",
            guid("evidence-code", EVIDENCE_CODE)
        ));
        desc(&mut out, &format!("{pad}    "), "The evidence items the papers cite: one code each, with its date, place, kind, domain, actors and sources.");
        for (e, ev) in c.evidence.iter().enumerate() {
            if !s.evidence[e] {
                continue;
            }
            out.push_str(&format!(
                "{pad}    <Code guid=\"{}\" name=\"{}\" isCodable=\"true\">\n",
                guid("evidence", &ev.id),
                attr(&ev.title)
            ));
            desc(
                &mut out,
                &format!("{pad}      "),
                &evidence_description(c, e),
            );
            out.push_str(&format!("{pad}    </Code>\n"));
        }
        out.push_str(&format!("{pad}  </Code>\n"));
    }
    out.push_str(&format!("{pad}</Codes>\n"));
    out
}

/// The `<Sets>`: one per dimension with categories in scope, one per series with items in scope.
/// `member` is the attribute of a `MemberCode`: `guid` in a codebook, `targetGUID` in a project
/// (the two schemas differ there).
fn sets(c: &Corpus, s: &Scope, pad: &str, member: &str) -> String {
    let mut body = String::new();
    for (d, dim) in c.dimensions.iter().enumerate() {
        let members: Vec<usize> = (0..c.categories.len())
            .filter(|&k| s.categories[k])
            .filter(|&k| {
                let cat = &c.categories[k];
                cat.dimension == Some(d) || cat.secondary.iter().any(|l| l.dimension == d)
            })
            .collect();
        if members.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "{pad}  <Set guid=\"{}\" name=\"{}\">\n",
            guid("dimension", &dim.id),
            attr(&format!("{DIMENSION_SET}{}", dim.label))
        ));
        desc(
            &mut body,
            &format!("{pad}    "),
            &with_fields(&dim.definition, &[("id", dim.id.clone())]),
        );
        for k in members {
            body.push_str(&format!(
                "{pad}    <MemberCode {member}=\"{}\"/>\n",
                guid("category", &c.categories[k].id)
            ));
        }
        body.push_str(&format!("{pad}  </Set>\n"));
    }
    for (i, series) in c.series.iter().enumerate() {
        let members: Vec<usize> = (0..c.evidence.len())
            .filter(|&e| s.evidence[e] && c.evidence[e].series == Some(i))
            .collect();
        if members.is_empty() {
            continue;
        }
        body.push_str(&format!(
            "{pad}  <Set guid=\"{}\" name=\"{}\">\n",
            guid("series", &series.id),
            attr(&format!("{SERIES_SET}{}", series.title))
        ));
        desc(
            &mut body,
            &format!("{pad}    "),
            &with_fields(&series.note, &[("id", series.id.clone())]),
        );
        for e in members {
            body.push_str(&format!(
                "{pad}    <MemberCode {member}=\"{}\"/>\n",
                guid("evidence", &c.evidence[e].id)
            ));
        }
        body.push_str(&format!("{pad}  </Set>\n"));
    }
    if body.is_empty() {
        return String::new();
    }
    format!("{pad}<Sets>\n{body}{pad}</Sets>\n")
}

/// `codebook.qdc`: the codes and sets alone.
pub fn codebook_qdc(c: &Corpus, s: &Scope) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{}\">\n{}{}</CodeBook>\n",
        attr(ORIGIN),
        codes(c, s, "  "),
        sets(c, s, "  ", "guid")
    )
}

/// GUIDs of a selection (coding `k`'s quote `q`) and of its two codings.
pub fn selection_guid(c: &Corpus, k: usize, q: usize) -> String {
    guid("selection", &format!("{}#{q}", c.codings[k].id))
}

/// The source GUID of paper `p`.
pub fn source_guid(c: &Corpus, p: usize) -> String {
    guid("source", &c.papers[p].id)
}

/// `project.qde` for the given plain texts (one per paper, `plain_text` of its document).
pub fn project_qde(c: &Corpus, s: &Scope, texts: &[PlainText]) -> String {
    let user = user_guid(c);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"{}\" creatingUserGUID=\"{user}\">\n",
        attr(&c.about.title),
        attr(ORIGIN)
    );
    out.push_str(&format!(
        "  <Users>\n    <User guid=\"{user}\" name=\"{}\" id=\"coder\"/>\n  </Users>\n",
        attr(&format!("Coder of {}", c.about.title))
    ));
    out.push_str("  <CodeBook>\n");
    out.push_str(&codes(c, s, "    "));
    out.push_str("  </CodeBook>\n");
    let mut notes = String::new();
    out.push_str("  <Sources>\n");
    for (p, paper) in c.papers.iter().enumerate() {
        if !s.papers[p] {
            continue;
        }
        let sg = source_guid(c, p);
        out.push_str(&format!(
            "    <TextSource guid=\"{sg}\" name=\"{}\" plainTextPath=\"internal://{sg}.txt\" creatingUser=\"{user}\">\n",
            attr(&paper.title)
        ));
        desc(&mut out, "      ", &paper_description(c, p));
        for &k in s.codings.iter().filter(|&&k| c.codings[k].paper == p) {
            let coding = &c.codings[k];
            let cat = &c.categories[coding.category];
            let ev = &c.evidence[coding.evidence];
            let mut refs = Vec::new();
            for (field, body) in [("rationale", &coding.rationale), ("note", &coding.note)] {
                if body.is_empty() {
                    continue;
                }
                let ng = guid(field, &coding.id);
                let title = format!(
                    "{} of {} × {}",
                    if field == "rationale" {
                        "Rationale"
                    } else {
                        "Note"
                    },
                    cat.label,
                    ev.title
                );
                notes.push_str(&format!(
                    "    <Note guid=\"{ng}\" name=\"{}\" creatingUser=\"{user}\">\n      <PlainTextContent>{}</PlainTextContent>\n    </Note>\n",
                    attr(&title),
                    text(body)
                ));
                refs.push(ng);
            }
            for (q, quote) in coding.quotes.iter().enumerate() {
                let Some((a, b)) = texts[p].char_range(quote) else {
                    continue;
                };
                out.push_str(&format!(
                    "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{a}\" endPosition=\"{b}\" creatingUser=\"{user}\">\n",
                    selection_guid(c, k, q),
                    attr(&coding.id)
                ));
                for (what, code) in [("category", &cat.id), ("evidence", &ev.id)] {
                    out.push_str(&format!(
                        "        <Coding guid=\"{}\" creatingUser=\"{user}\">\n          <CodeRef targetGUID=\"{}\"/>\n        </Coding>\n",
                        guid(&format!("coding-{what}"), &format!("{}#{q}", coding.id)),
                        guid(what, code)
                    ));
                }
                for ng in &refs {
                    out.push_str(&format!("        <NoteRef targetGUID=\"{ng}\"/>\n"));
                }
                out.push_str("      </PlainTextSelection>\n");
            }
        }
        out.push_str("    </TextSource>\n");
    }
    out.push_str("  </Sources>\n");
    if !notes.is_empty() {
        out.push_str(&format!("  <Notes>\n{notes}  </Notes>\n"));
    }
    out.push_str(&sets(c, s, "  ", "targetGUID"));
    desc(&mut out, "  ", &project_description(c));
    out.push_str("</Project>\n");
    out
}

/// `project.qdpx`: a zip of `project.qde` and `sources/<guid>.txt` (UTF-8, no BOM), deflated,
/// with fixed times and modes, so the same corpus gives the same bytes.
pub fn project_qdpx(c: &Corpus, s: &Scope) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let texts: Vec<PlainText> = c.papers.iter().map(|p| plain_text(&p.doc)).collect();
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut put = |name: &str, bytes: &[u8]| -> zip::result::ZipResult<()> {
        zip.start_file(name, opts)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    // Writing into memory cannot fail; a failure would be a bug of the zip crate.
    let qde = project_qde(c, s, &texts);
    let mut ok = put("project.qde", qde.as_bytes()).is_ok();
    for (p, t) in texts.iter().enumerate() {
        if s.papers[p] {
            ok &= put(
                &format!("sources/{}.txt", source_guid(c, p)),
                t.text.as_bytes(),
            )
            .is_ok();
        }
    }
    debug_assert!(ok, "zip into memory failed");
    zip.finish().map(|cur| cur.into_inner()).unwrap_or_default()
}
