//! A REFI-QDA project (`.qdpx`) or codebook (`.qdc`) back in as seed files.
//!
//! [`import_qdpx`] checks the archive (a `project.qde` of urn:QDA-XML:project:1.0 whose
//! structure follows the schema where this reads it: required attributes, GUIDs of the
//! schema's pattern and unique, selections inside their UTF-8 sources, names without markup),
//! maps it, and builds the resulting seeds in memory with the same validator as the build,
//! so what it returns is a `seeds/` folder that builds. Every problem is a `Diagnostic`
//! (`file:line: problem; expected`), all of them at once; nothing is returned then.
//!
//! Mapping: text sources become papers (their plain text, every paragraph kept apart); the
//! evidence items are the codable codes under the parent code named by `evidence` (default:
//! the top-level code whose name contains "evidence", any case); the categories are the other
//! codable codes (or those under the parents named in `categories`); a selection coded with a
//! category and an item — or a category selection and an item selection that overlap, the
//! overlap being the quote — is a coding whose quote is the selected text. The `key: value`
//! lines of descriptions written by this project's export (`refi`) give the ids and every
//! field back; for other projects the report lists what stood in for what was not there.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;

use quick_xml::events::Event;

use super::refi::{DIMENSION_SET, EVIDENCE_CODE, SERIES_SET};
use crate::seeds::{build_corpus, is_slug, toml_string as q, SeedFile, SeedSet};
use crate::Diagnostic;

/// Which codes are what (from the command line).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Name of the parent code of the evidence items (default: a top-level code named like "Evidence").
    pub evidence: Option<String>,
    /// Names of the parent codes of the categories (default: every other codable code).
    pub categories: Vec<String>,
}

/// What an import gives: the files of the seeds folder (paths relative to it) and the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// (relative path, text), e.g. `codebook/evidence.toml`.
    pub files: Vec<(String, String)>,
    /// What could not be carried or filled, one line each.
    pub report: Vec<String>,
}

/// A parsed XML element.
#[derive(Debug, Clone, Default)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<El>,
    line: u32,
}

impl El {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
    fn kids<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn kid(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    fn desc(&self) -> String {
        self.kid("Description")
            .map(|d| d.text.clone())
            .unwrap_or_default()
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    s.rsplit(':').next().unwrap_or_default().to_string()
}

/// Parses XML into a tree; a malformed or truncated document is one diagnostic.
fn parse_xml(file: &str, xml: &str) -> Result<(El, String), Diagnostic> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let line_at = |pos: u64| {
        xml.as_bytes()[..(pos as usize).min(xml.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
            + 1
    };
    let mut stack: Vec<El> = vec![El::default()];
    let mut ns = String::new();
    let bad = |line: u32, what: String| {
        Diagnostic::new(file, line, what, "a well-formed, complete QDA-XML document")
    };
    loop {
        let pos = reader.buffer_position();
        match reader.read_event() {
            Err(e) => {
                return Err(bad(
                    line_at(reader.error_position()),
                    format!("not well-formed XML ({e})"),
                ))
            }
            Ok(Event::Start(e)) => {
                stack.push(element(&e, line_at(pos), &mut ns).map_err(|m| bad(line_at(pos), m))?)
            }
            Ok(Event::Empty(e)) => {
                let el = element(&e, line_at(pos), &mut ns).map_err(|m| bad(line_at(pos), m))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Ok(Event::End(_)) => {
                let el = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(top) => top.children.push(el),
                    None => return Err(bad(line_at(pos), "an end tag without its start".into())),
                }
            }
            Ok(Event::Text(t)) => {
                let s = t
                    .unescape()
                    .map_err(|e| bad(line_at(pos), format!("bad character reference ({e})")))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad(
            line_at(xml.len() as u64),
            format!(
                "the document ends inside <{}> (truncated?)",
                stack.last().map(|e| e.name.clone()).unwrap_or_default()
            ),
        ));
    }
    let root = stack.pop().unwrap_or_default().children.into_iter().next();
    root.map(|r| (r, ns))
        .ok_or_else(|| bad(1, "no root element".into()))
}

fn element(e: &quick_xml::events::BytesStart, line: u32, ns: &mut String) -> Result<El, String> {
    let mut el = El {
        name: local(e.name().as_ref()),
        line,
        ..El::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|e| format!("bad attribute ({e})"))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).to_string();
        let value = a
            .unescape_value()
            .map_err(|e| format!("bad attribute value ({e})"))?
            .to_string();
        if key == "xmlns" && ns.is_empty() {
            *ns = value.clone();
        }
        el.attrs.push((key, value));
    }
    Ok(el)
}

fn is_guid(s: &str) -> bool {
    let s = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn norm_guid(s: &str) -> String {
    s.trim_matches(|c| c == '{' || c == '}')
        .to_ascii_lowercase()
}

/// Structural checks of the schema's rules this import relies on, and GUID uniqueness.
fn check_tree(file: &str, el: &El, seen: &mut HashMap<String, u32>, d: &mut Vec<Diagnostic>) {
    let required: &[&str] = match el.name.as_str() {
        "Project" => &["name"],
        "Code" => &["guid", "name", "isCodable"],
        "PlainTextSelection" => &["guid", "startPosition", "endPosition"],
        "TextSource" | "PictureSource" | "PDFSource" | "AudioSource" | "VideoSource" | "Set"
        | "User" | "Coding" | "Note" | "Case" | "Variable" => &["guid"],
        "CodeRef" | "NoteRef" | "SourceRef" | "SelectionRef" | "VariableRef" => &["targetGUID"],
        _ => &[],
    };
    for k in required {
        if el.attr(k).is_none() {
            d.push(Diagnostic::new(
                file,
                el.line,
                format!("<{}> has no `{k}`", el.name),
                format!("the attribute `{k}` the REFI-QDA schema requires"),
            ));
        }
    }
    for (k, v) in &el.attrs {
        let guidish =
            k == "guid" || k.ends_with("GUID") || k == "creatingUser" || k == "modifyingUser";
        if guidish && !is_guid(v) {
            d.push(Diagnostic::new(
                file,
                el.line,
                format!("<{}> `{k}` is `{v}`, not a GUID", el.name),
                "a GUID (8-4-4-4-12 hex digits, optionally in braces)",
            ));
        }
        if k == "guid" && el.name != "MemberCode" {
            if let Some(first) = seen.insert(norm_guid(v), el.line) {
                d.push(Diagnostic::new(
                    file,
                    el.line,
                    format!("duplicate GUID {v} (also at line {first})"),
                    "every GUID unique in the project",
                ));
            }
        }
        if (k == "startPosition" || k == "endPosition" || k == "isCodable")
            && el.name == "PlainTextSelection"
            && v.parse::<usize>().is_err()
        {
            d.push(Diagnostic::new(
                file,
                el.line,
                format!("`{k}` is `{v}`"),
                "a position: a whole number from 0",
            ));
        }
        if k == "name" && (v.contains('<') || v.contains('>')) {
            d.push(Diagnostic::new(
                file,
                el.line,
                format!("the name `{v}` holds markup"),
                "a plain-text name (no `<` or `>`)",
            ));
        }
    }
    if el.name == "Code"
        && !matches!(
            el.attr("isCodable"),
            Some("true" | "false" | "1" | "0") | None
        )
    {
        d.push(Diagnostic::new(
            file,
            el.line,
            "`isCodable` is not a boolean",
            "`true` or `false`",
        ));
    }
    for c in &el.children {
        check_tree(file, c, seen, d);
    }
}

/// `key: value` lines of a description (those after its last blank line), and its lead text.
fn fields(desc: &str) -> (String, Vec<(String, String)>) {
    let desc = desc.replace("\r\n", "\n");
    let (lead, tail) = match desc.rsplit_once("\n\n") {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (String::new(), desc.clone()),
    };
    let mut out = Vec::new();
    for line in tail.lines() {
        match line.split_once(": ") {
            Some((k, v))
                if !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == ' ') =>
            {
                out.push((k.to_string(), v.to_string()))
            }
            _ => return (desc.trim().to_string(), Vec::new()),
        }
    }
    (lead.trim().to_string(), out)
}

fn get<'a>(f: &'a [(String, String)], k: &str) -> Option<&'a str> {
    f.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// A slug of a name (`Über den Hafen!` → `uber-den-hafen`), never empty.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in crate::text::search_key(name).chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let mut s = s
        .trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string();
    if s.is_empty() {
        s = "code".into();
    }
    s
}

fn unique(base: String, used: &mut BTreeSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn qlist<S: AsRef<str>>(xs: &[S]) -> String {
    format!(
        "[{}]",
        xs.iter()
            .map(|x| q(x.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Code {
    guid: String,
    name: String,
    codable: bool,
    desc: String,
    /// Names of the ancestors, outermost first.
    path: Vec<String>,
}

fn walk_codes(el: &El, path: &mut Vec<String>, out: &mut Vec<Code>) {
    for c in el.kids("Code") {
        let name = c.attr("name").unwrap_or_default().to_string();
        out.push(Code {
            guid: norm_guid(c.attr("guid").unwrap_or_default()),
            name: name.clone(),
            codable: matches!(c.attr("isCodable"), Some("true" | "1")),
            desc: c.desc(),
            path: path.clone(),
        });
        path.push(name);
        walk_codes(c, path, out);
        path.pop();
    }
}

struct Paper {
    id: String,
    name: String,
    text: String,
    fields: Vec<(String, String)>,
}

/// One category in one paper, with its codings' quotes.
struct Cat {
    code: usize,
    paper: usize,
    id: String,
}

/// Imports a `.qdpx` (its bytes; `file` names it in messages): the archive and its
/// project.qde, the sources as papers, the codes as categories and evidence items, the
/// selections as codings, then the seed files, built as the build would build them.
pub fn import_qdpx(file: &str, bytes: &[u8], opts: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let mut archive = Archive::open(file, bytes)?;
    let (root, qde_file) = parse_project(&mut archive)?;
    let mut report = Vec::new();
    let Sources { papers, selections } = read_sources(&mut archive, &root, &qde_file, &mut report)?;
    report_parts_not_carried(&root, &mut report);
    let codes = classify_codes(&qde_file, &root, opts)?;
    let notes = read_notes(&root);
    let sels = read_selections(&qde_file, &selections, &codes, &notes, &mut report)?;
    let pairs = pair_selections(&sels);
    let ids = assign_ids(&pairs, &codes, &papers, &mut report);
    let (dims, series) = read_sets(&root, &codes.by_guid);
    let project_fields = fields(&root.desc());
    let mut vocab = Vocab::of_project(&project_fields.1);
    let m = Mapped {
        file,
        papers: &papers,
        codes: &codes,
        pairs: &pairs,
        ids: &ids,
    };
    let mut files = paper_files(&m, &mut report);
    let cats = categories_toml(&m, &dims, &mut vocab.partners, &mut report);
    let dim_toml = dimensions_toml(&dims, &cats.used_dims, cats.default_dim);
    let ev_toml = evidence_toml(&m, &series, &mut vocab, &mut report);
    let codings = collect_codings(&m, &mut report);
    let cod_toml = codings_toml(&codings, &mut report);
    files.extend(sweep_files(&m, &codings, &mut report));
    let corpus = corpus_toml(file, &root, &project_fields, &mut vocab, &mut report);
    files.push(("codebook/corpus.toml".into(), corpus));
    files.push(("codebook/dimensions.toml".into(), dim_toml));
    files.push(("codebook/categories.toml".into(), cats.toml));
    files.push(("codebook/evidence.toml".into(), ev_toml));
    files.push(("codebook/codings.toml".into(), cod_toml));
    check_seeds_build(file, &files)?;
    report.sort();
    report.dedup();
    Ok(Imported { files, report })
}

/// The opened `.qdpx`: its zip and the names of its entries.
struct Archive<'b> {
    file: String,
    zip: zip::ZipArchive<std::io::Cursor<&'b [u8]>>,
    names: Vec<String>,
}

impl<'b> Archive<'b> {
    fn open(file: &str, bytes: &'b [u8]) -> Result<Self, Vec<Diagnostic>> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
            vec![Diagnostic::new(
                file,
                1,
                format!("not a zip archive ({e})"),
                "a .qdpx: a zip holding project.qde and sources/",
            )]
        })?;
        let names = zip.file_names().map(String::from).collect();
        Ok(Archive {
            file: file.to_string(),
            zip,
            names,
        })
    }

    /// The bytes of one entry; a missing or truncated entry is an error of the archive.
    fn read(&mut self, name: &str) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let file = &self.file;
        let zerr = |what: String| vec![Diagnostic::new(file, 1, what, "an intact archive")];
        let mut buf = Vec::new();
        self.zip
            .by_name(name)
            .map_err(|e| zerr(format!("{name}: cannot read ({e})")))?
            .read_to_end(&mut buf)
            .map_err(|e| zerr(format!("{name}: cannot read ({e}; truncated?)")))?;
        Ok(buf)
    }
}

/// The project.qde at the archive's top, parsed and checked: its root `<Project>` and the
/// name it goes by in messages (`file/project.qde`).
fn parse_project(archive: &mut Archive) -> Result<(El, String), Vec<Diagnostic>> {
    let file = archive.file.clone();
    let Some(qde_name) = archive
        .names
        .iter()
        .find(|n| n.ends_with(".qde") && !n.contains('/'))
        .cloned()
    else {
        return Err(vec![Diagnostic::new(
            &file,
            1,
            "the archive has no project.qde",
            "a .qdpx: a zip holding project.qde (QDA-XML) at its top and sources/",
        )]);
    };
    let qde_file = format!("{file}/{qde_name}");
    let qde = String::from_utf8(archive.read(&qde_name)?).map_err(|_| {
        vec![Diagnostic::new(
            &qde_file,
            1,
            "not UTF-8",
            "a UTF-8 QDA-XML document",
        )]
    })?;
    let (root, ns) = parse_xml(&qde_file, &qde).map_err(|d| vec![d])?;
    if root.name != "Project" || ns != "urn:QDA-XML:project:1.0" {
        return Err(vec![Diagnostic::new(
            &qde_file,
            root.line,
            format!("the root is <{}> in namespace `{ns}`", root.name),
            "<Project xmlns=\"urn:QDA-XML:project:1.0\"> (REFI-QDA project)",
        )]);
    }
    let mut d = Vec::new();
    check_tree(&qde_file, &root, &mut HashMap::new(), &mut d);
    if !d.is_empty() {
        return Err(d);
    }
    Ok((root, qde_file))
}

/// A selection's `startPosition`–`endPosition` (checked by `check_tree`).
fn range(sel: &El) -> (usize, usize) {
    let at = |k: &str| sel.attr(k).and_then(|x| x.parse().ok()).unwrap_or(0);
    (at("startPosition"), at("endPosition"))
}

/// The text sources read: the papers and their selections.
struct Sources<'r> {
    papers: Vec<Paper>,
    /// (paper index, `<PlainTextSelection>`), in document order.
    selections: Vec<(usize, &'r El)>,
}

/// The text sources as papers, with their selections (paper index, element); other sources
/// and codes applied to whole sources go to the report. Every problem of every source at once.
fn read_sources<'r>(
    archive: &mut Archive,
    root: &'r El,
    qde_file: &str,
    report: &mut Vec<String>,
) -> Result<Sources<'r>, Vec<Diagnostic>> {
    let mut d = Vec::new();
    let mut papers: Vec<Paper> = Vec::new();
    let mut selections = Vec::new();
    let mut used_ids = BTreeSet::new();
    for s in root.kid("Sources").map_or(&[][..], |s| &s.children) {
        let name = s.attr("name").unwrap_or("(unnamed)");
        if s.name != "TextSource" {
            report.push(format!(
                "not carried: {} `{name}` (only text sources become papers)",
                s.name
            ));
            continue;
        }
        let text = match source_text(archive, qde_file, s, name)? {
            Ok(t) => t,
            Err(e) => {
                d.push(e);
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let (_, f) = fields(&s.desc());
        let id = get(&f, "id")
            .filter(|i| is_slug(i))
            .map(String::from)
            .unwrap_or_else(|| slug(name));
        let id = unique(id, &mut used_ids);
        let n = text.chars().count();
        for sel in s.kids("PlainTextSelection") {
            let (a, b) = range(sel);
            if a > b || b > n {
                d.push(Diagnostic::new(
                    qde_file,
                    sel.line,
                    format!("selection {a}–{b} is out of its source `{name}` ({n} characters)"),
                    "0 ≤ startPosition ≤ endPosition ≤ the source's length in code points",
                ));
                continue;
            }
            selections.push((papers.len(), sel));
        }
        if s.kids("Coding").next().is_some() {
            report.push(format!("not carried: codes applied to the whole source `{name}` (a coding needs a passage)"));
        }
        papers.push(Paper {
            id,
            name: name.to_string(),
            text: text.replace("\r\n", "\n").replace('\r', "\n"),
            fields: f,
        });
    }
    if !d.is_empty() {
        return Err(d);
    }
    Ok(Sources { papers, selections })
}

/// The text of a text source: its file in the archive or its inline content. The outer error
/// is an unreadable archive (the import stops); the inner one a problem of this source.
fn source_text(
    archive: &mut Archive,
    qde_file: &str,
    s: &El,
    name: &str,
) -> Result<Result<String, Diagnostic>, Vec<Diagnostic>> {
    let Some(path) = s.attr("plainTextPath") else {
        return Ok(s
            .kid("PlainTextContent")
            .map(|t| t.text.clone())
            .ok_or_else(|| {
                Diagnostic::new(
                    qde_file,
                    s.line,
                    format!("text source `{name}` has no text"),
                    "a plainTextPath or PlainTextContent",
                )
            }));
    };
    let inner = path
        .strip_prefix("internal://")
        .map(|p| format!("sources/{p}"));
    let Some(entry) = inner.and_then(|p| {
        archive
            .names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(&p))
            .cloned()
    }) else {
        return Ok(Err(Diagnostic::new(
            qde_file,
            s.line,
            format!("source `{name}`: its text {path} is not in the archive"),
            "sources/<file> in the .qdpx for every internal:// path",
        )));
    };
    let bytes = archive.read(&entry)?;
    Ok(String::from_utf8(bytes).map_err(|_| {
        Diagnostic::new(
            format!("{}/{entry}", archive.file),
            1,
            "not UTF-8",
            "a UTF-8 plain text (REFI-QDA sources are UTF-8)",
        )
    }))
}

/// The parts of a project this import does not carry, counted in the report.
fn report_parts_not_carried(root: &El, report: &mut Vec<String>) {
    for (what, el) in [
        ("Cases", "cases"),
        ("Variables", "variables"),
        ("Graphs", "graphs"),
        ("Links", "links"),
    ] {
        if let Some(x) = root.kid(what) {
            report.push(format!("not carried: {} {el}", x.children.len()));
        }
    }
}

/// The codebook's codes and which of them are evidence items and categories.
struct Codes {
    list: Vec<Code>,
    /// Name of the parent code of the evidence items.
    ev_parent: String,
    /// Names of the parent codes of the categories (empty: every other codable code).
    categories: Vec<String>,
    by_guid: HashMap<String, usize>,
}

impl Codes {
    fn is_ev(&self, c: &Code) -> bool {
        c.codable && c.path.contains(&self.ev_parent)
    }
    fn is_cat(&self, c: &Code) -> bool {
        c.codable
            && !c.path.contains(&self.ev_parent)
            && c.name != self.ev_parent
            && (self.categories.is_empty() || c.path.iter().any(|p| self.categories.contains(p)))
    }
}

/// The codes, with the parent of the evidence items found (or named by `opts`).
fn classify_codes(qde_file: &str, root: &El, opts: &Options) -> Result<Codes, Vec<Diagnostic>> {
    let mut codes = Vec::new();
    if let Some(cb) = root.kid("CodeBook").and_then(|c| c.kid("Codes")) {
        walk_codes(cb, &mut Vec::new(), &mut codes);
    }
    let ev_parent = match &opts.evidence {
        Some(n) => Some(n.clone()),
        None => codes
            .iter()
            .find(|c| {
                c.path.is_empty()
                    && c.name
                        .to_lowercase()
                        .contains(&EVIDENCE_CODE.to_lowercase())
            })
            .map(|c| c.name.clone()),
    };
    let Some(ev_parent) = ev_parent else {
        return Err(vec![Diagnostic::new(
            qde_file,
            1,
            "no parent code of the evidence items",
            "a top-level code named like \"Evidence\", or --evidence NAME",
        )]);
    };
    if !codes.iter().any(|c| c.name == ev_parent) {
        return Err(vec![Diagnostic::new(
            qde_file,
            1,
            format!("no code named `{ev_parent}`"),
            format!(
                "one of: {}",
                codes
                    .iter()
                    .filter(|c| !c.codable || c.path.is_empty())
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )]);
    }
    let by_guid = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.guid.clone(), i))
        .collect();
    Ok(Codes {
        list: codes,
        ev_parent,
        categories: opts.categories.clone(),
        by_guid,
    })
}

/// The project's notes by GUID: (name, text).
fn read_notes(root: &El) -> HashMap<String, (String, String)> {
    root.kid("Notes")
        .map(|n| {
            n.kids("Note")
                .map(|x| {
                    (
                        norm_guid(x.attr("guid").unwrap_or_default()),
                        (
                            x.attr("name").unwrap_or_default().to_string(),
                            x.kid("PlainTextContent")
                                .map(|t| t.text.clone())
                                .unwrap_or_default(),
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A selection: its paper and range, the category and evidence codes applied to it, and its
/// notes (a rationale; a note of the coding).
struct Sel {
    paper: usize,
    a: usize,
    b: usize,
    cats: Vec<usize>,
    evs: Vec<usize>,
    rationale: String,
    note: String,
}

/// The selections with their codes and notes; a coding of no code is an error (all at once).
fn read_selections(
    qde_file: &str,
    selections: &[(usize, &El)],
    codes: &Codes,
    notes: &HashMap<String, (String, String)>,
    report: &mut Vec<String>,
) -> Result<Vec<Sel>, Vec<Diagnostic>> {
    let mut d = Vec::new();
    let mut sels = Vec::new();
    for &(paper, el) in selections {
        let (a, b) = range(el);
        let mut s = Sel {
            paper,
            a,
            b,
            cats: vec![],
            evs: vec![],
            rationale: String::new(),
            note: String::new(),
        };
        for c in el.kids("Coding") {
            let Some(&k) = c
                .kid("CodeRef")
                .and_then(|r| r.attr("targetGUID"))
                .and_then(|g| codes.by_guid.get(&norm_guid(g)))
            else {
                d.push(Diagnostic::new(
                    qde_file,
                    c.line,
                    "a coding refers to no code of the codebook",
                    "a CodeRef targetGUID of a <Code>",
                ));
                continue;
            };
            if codes.is_ev(&codes.list[k]) {
                s.evs.push(k)
            } else if codes.is_cat(&codes.list[k]) {
                s.cats.push(k)
            } else {
                report.push(format!("not carried: a selection coded with `{}` (neither a category nor an evidence item)", codes.list[k].name));
            }
        }
        selection_notes(el, notes, &mut s, report);
        sels.push(s);
    }
    if !d.is_empty() {
        return Err(d);
    }
    Ok(sels)
}

/// A selection's notes: the first `Note of …` is the coding's note, the first other its
/// rationale; further ones go to the report.
fn selection_notes(
    el: &El,
    notes: &HashMap<String, (String, String)>,
    s: &mut Sel,
    report: &mut Vec<String>,
) {
    for r in el.kids("NoteRef") {
        if let Some((name, body)) = r.attr("targetGUID").and_then(|g| notes.get(&norm_guid(g))) {
            if name.starts_with("Note of") && s.note.is_empty() {
                s.note = body.clone()
            } else if s.rationale.is_empty() {
                s.rationale = body.clone()
            } else {
                report.push(format!(
                    "not carried: a further note on one selection (`{name}`)"
                ));
            }
        }
    }
}

/// One coded passage: a category code and an evidence code on a range of a paper.
struct Pair {
    paper: usize,
    a: usize,
    b: usize,
    cat: usize,
    ev: usize,
    rationale: String,
    note: String,
}

/// The coded passages: selections coded with both kinds, then category-only and item-only
/// selections that overlap (the overlap being the passage).
fn pair_selections(sels: &[Sel]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for s in sels {
        for &cat in &s.cats {
            for &ev in &s.evs {
                pairs.push(Pair {
                    paper: s.paper,
                    a: s.a,
                    b: s.b,
                    cat,
                    ev,
                    rationale: s.rationale.clone(),
                    note: s.note.clone(),
                });
            }
        }
    }
    for s in sels
        .iter()
        .filter(|s| s.evs.is_empty() && !s.cats.is_empty())
    {
        for t in sels.iter().filter(|t| {
            t.cats.is_empty() && !t.evs.is_empty() && t.paper == s.paper && t.a < s.b && s.a < t.b
        }) {
            for &cat in &s.cats {
                for &ev in &t.evs {
                    let r = if s.rationale.is_empty() {
                        t.rationale.clone()
                    } else {
                        s.rationale.clone()
                    };
                    pairs.push(Pair {
                        paper: s.paper,
                        a: s.a.max(t.a),
                        b: s.b.min(t.b),
                        cat,
                        ev,
                        rationale: r,
                        note: s.note.clone(),
                    });
                }
            }
        }
    }
    pairs
}

/// The ids given: one category per (code, paper) with a coding, one evidence item per code.
struct Ids {
    cats: Vec<Cat>,
    /// (category code, paper) → index in `cats`.
    cat_of: BTreeMap<(usize, usize), usize>,
    /// Evidence code → item id.
    ev_of: BTreeMap<usize, String>,
    /// Category ids taken (the uncoded categories take theirs later).
    cat_ids: BTreeSet<String>,
}

/// An id from a description's `id:` line if it is a slug, else one from the name.
fn id_or_slug(f: &[(String, String)], name: &str) -> String {
    get(f, "id")
        .filter(|i| is_slug(i))
        .map(String::from)
        .unwrap_or_else(|| slug(name))
}

/// Ids for the categories and items of the passages (a category coded in several papers gets
/// the paper's id appended); the codes that code no passage go to the report.
fn assign_ids(pairs: &[Pair], codes: &Codes, papers: &[Paper], report: &mut Vec<String>) -> Ids {
    let list = &codes.list;
    let mut ids = Ids {
        cats: Vec::new(),
        cat_of: BTreeMap::new(),
        ev_of: BTreeMap::new(),
        cat_ids: BTreeSet::new(),
    };
    let mut ev_ids = BTreeSet::new();
    let multi: BTreeSet<usize> = {
        let mut seen: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for p in pairs {
            seen.entry(p.cat).or_default().insert(p.paper);
        }
        seen.into_iter()
            .filter(|(_, ps)| ps.len() > 1)
            .map(|(c, _)| c)
            .collect()
    };
    for p in pairs {
        ids.cat_of.entry((p.cat, p.paper)).or_insert_with(|| {
            let (_, f) = fields(&list[p.cat].desc);
            let base = get(&f, "id")
                .filter(|i| is_slug(i))
                .map(String::from)
                .unwrap_or_else(|| {
                    if multi.contains(&p.cat) {
                        format!("{}-{}", slug(&list[p.cat].name), papers[p.paper].id)
                    } else {
                        slug(&list[p.cat].name)
                    }
                });
            ids.cats.push(Cat {
                code: p.cat,
                paper: p.paper,
                id: unique(base, &mut ids.cat_ids),
            });
            ids.cats.len() - 1
        });
        ids.ev_of.entry(p.ev).or_insert_with(|| {
            let (_, f) = fields(&list[p.ev].desc);
            unique(id_or_slug(&f, &list[p.ev].name), &mut ev_ids)
        });
    }
    for (i, c) in list.iter().enumerate() {
        let (_, f) = fields(&c.desc);
        if codes.is_cat(c)
            && !ids.cat_of.keys().any(|(k, _)| *k == i)
            && get(&f, "no evidence").is_none()
        {
            report.push(format!("not carried: category code `{}` (no selection codes it together with an evidence item)", c.name));
        }
        if codes.is_ev(c) && !ids.ev_of.contains_key(&i) {
            report.push(format!(
                "not carried: evidence code `{}` (no selection codes it together with a category)",
                c.name
            ));
        }
    }
    ids
}

/// A set of the project: a crosswalk dimension or a series of evidence items.
struct Group {
    id: String,
    label: String,
    /// The dimension's definition or the series' note.
    text: String,
    /// Member codes.
    members: Vec<usize>,
}

/// The project's sets: (dimensions, series); a set named with `SERIES_SET` is a series.
fn read_sets(root: &El, by_guid: &HashMap<String, usize>) -> (Vec<Group>, Vec<Group>) {
    let mut dims = Vec::new();
    let mut series = Vec::new();
    for s in root.kid("Sets").into_iter().flat_map(|s| s.kids("Set")) {
        let name = s.attr("name").unwrap_or_default();
        let (lead, f) = fields(&s.desc());
        let members: Vec<usize> = s
            .kids("MemberCode")
            .filter_map(|m| m.attr("targetGUID").or(m.attr("guid")))
            .filter_map(|g| by_guid.get(&norm_guid(g)).copied())
            .collect();
        let id = |label: &str| {
            get(&f, "id")
                .map(String::from)
                .unwrap_or_else(|| slug(label))
        };
        if let Some(label) = name.strip_prefix(SERIES_SET) {
            series.push(Group {
                id: id(label),
                label: label.to_string(),
                text: lead,
                members,
            });
        } else {
            let label = name.strip_prefix(DIMENSION_SET).unwrap_or(name);
            dims.push(Group {
                id: id(label),
                label: label.to_string(),
                text: if lead.is_empty() {
                    format!("Codes grouped as `{label}` in the project.")
                } else {
                    lead
                },
                members,
            });
        }
    }
    (dims, series)
}

/// The corpus vocabulary: the project's own lists, grown by what the import meets.
struct Vocab {
    partners: Vec<String>,
    kinds: Vec<String>,
    domains: Vec<String>,
}

impl Vocab {
    fn of_project(f: &[(String, String)]) -> Self {
        let list = |k: &str| -> Vec<String> {
            get(f, k)
                .map(|v| {
                    v.split("; ")
                        .filter(|x| !x.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        Vocab {
            partners: list("partners"),
            kinds: list("kinds"),
            domains: list("domains"),
        }
    }
}

/// What the seed writers read: the mapped project.
struct Mapped<'a> {
    file: &'a str,
    papers: &'a [Paper],
    codes: &'a Codes,
    pairs: &'a [Pair],
    ids: &'a Ids,
}

impl Mapped<'_> {
    /// A passage's text, whitespace folded: the quote.
    fn sel_text(&self, p: usize, a: usize, b: usize) -> String {
        fold_ws(
            &self.papers[p]
                .text
                .chars()
                .skip(a)
                .take(b - a)
                .collect::<String>(),
        )
    }
    /// Papers with at least one passage.
    fn used_papers(&self) -> BTreeSet<usize> {
        self.pairs.iter().map(|p| p.paper).collect()
    }
}

/// The papers' seed files (`NNN_id.toml` and `NNN_id.txt`); uncoded sources go to the report.
fn paper_files(m: &Mapped, report: &mut Vec<String>) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut marks = BTreeSet::new();
    let used_papers = m.used_papers();
    for (i, p) in m.papers.iter().enumerate() {
        if !used_papers.contains(&i) {
            report.push(format!(
                "not carried: source `{}` (no coding in it)",
                p.name
            ));
            continue;
        }
        let text = paper_text(p);
        let meta = paper_meta(m.file, p, &text, &mut marks, report);
        // Seed files are read in name order: a numeric prefix keeps the project's source order.
        files.push((format!("{i:03}_{}.toml", p.id), meta));
        files.push((
            format!("{i:03}_{}.txt", p.id),
            text.text.trim_end().to_string() + "\n",
        ));
    }
    files
}

/// A paper's text as the seeds hold it, with the lines its `[document]` table declares.
struct PaperText {
    text: String,
    /// Lines of paragraphs not to join to the one before.
    starts: Vec<u32>,
    head_lines: Vec<u32>,
    /// `[[document.note]]` tables.
    note_decls: String,
    labels: Vec<String>,
}

/// The text as paragraphs; this project's export says which are headings and from which one
/// on they are notes (`[label] text`), written as `label text` and declared.
fn paper_text(p: &Paper) -> PaperText {
    let field = |k: &str| get(&p.fields, k).map(String::from);
    let paras: Vec<String> = p
        .text
        .split("\n\n")
        .map(|x| x.trim_matches('\n').to_string())
        .filter(|x| !x.trim().is_empty())
        .collect();
    let heads: BTreeSet<usize> = field("headings")
        .map(|h| h.split(' ').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    let notes_from: usize = field("notes")
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let mut out = PaperText {
        text: String::new(),
        starts: Vec::new(),
        head_lines: Vec::new(),
        note_decls: String::new(),
        labels: Vec::new(),
    };
    let mut line = 1u32;
    for (i, para) in paras.iter().enumerate() {
        let n = i + 1;
        let mut para = para.clone();
        if n > notes_from {
            if let Some((label, rest)) = para.strip_prefix('[').and_then(|x| x.split_once("] ")) {
                if label != "?" && !label.is_empty() && !label.contains(char::is_whitespace) {
                    out.note_decls.push_str(&format!(
                        "\n[[document.note]]\nline = {line}\nlabel = {}\n",
                        q(label)
                    ));
                    out.labels.push(label.to_string());
                    para = format!("{label} {rest}");
                }
            }
        } else if heads.contains(&n) && !para.contains('\n') {
            out.head_lines.push(line);
        } else if n > 1 {
            out.starts.push(line);
        }
        out.text.push_str(&para);
        out.text.push_str("\n\n");
        line += para.matches('\n').count() as u32 + 2;
    }
    out
}

/// The first free mark: A … Z, then AA, AB, ….
fn free_mark(marks: &BTreeSet<String>) -> String {
    (0..)
        .map(|n: usize| {
            if n < 26 {
                ((b'A' + n as u8) as char).to_string()
            } else {
                format!(
                    "{}{}",
                    (b'A' + (n / 26 - 1) as u8) as char,
                    (b'A' + (n % 26) as u8) as char
                )
            }
        })
        .find(|m| !marks.contains(m))
        .unwrap_or_default()
}

/// A paper's `.toml`: its fields (what is missing stands in, and is reported) and `[document]`.
fn paper_meta(
    file: &str,
    p: &Paper,
    text: &PaperText,
    marks: &mut BTreeSet<String>,
    report: &mut Vec<String>,
) -> String {
    let field = |k: &str| get(&p.fields, k).map(String::from);
    let mut mark = field("mark").unwrap_or_default();
    if mark.is_empty() || mark.chars().count() > 2 || marks.contains(&mark) {
        mark = free_mark(marks);
    }
    marks.insert(mark.clone());
    let author = field("author").unwrap_or_else(|| {
        report.push(format!(
            "paper `{}`: no author given (\"unknown\" stands in)",
            p.id
        ));
        "unknown".into()
    });
    let date = field("date")
        .filter(|d| crate::seeds::parse_date(d).is_ok())
        .unwrap_or_else(|| {
            report.push(format!(
                "paper `{}`: no date given (1900 stands in: edit `date`)",
                p.id
            ));
            "1900".into()
        });
    let title = field("title").unwrap_or_else(|| p.name.clone());
    let mut meta = format!(
        "# Imported from {file} (source `{}`).\nid = {}\ntitle = {}\n",
        p.name,
        q(&p.id),
        q(&title)
    );
    if let Some(s) = field("short title") {
        meta.push_str(&format!("short_title = {}\n", q(&s)));
    }
    meta.push_str(&format!("mark = {}\nauthor = {}\n", q(&mark), q(&author)));
    for k in ["affiliation", "venue"] {
        if let Some(v) = field(k) {
            meta.push_str(&format!("{k} = {}\n", q(&v)));
        }
    }
    meta.push_str(&format!(
        "date = {}\n\n[document]\nformat = \"plain\"\n",
        q(&date)
    ));
    let nums = |xs: &[u32]| {
        xs.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !text.head_lines.is_empty() {
        meta.push_str(&format!("headings = [{}]\n", nums(&text.head_lines)));
    }
    if !text.starts.is_empty() {
        meta.push_str(&format!("no_join = [{}]\n", nums(&text.starts)));
    }
    if !text.labels.is_empty() {
        meta.push_str(&format!("unreferenced = {}\n", qlist(&text.labels)));
        report.push(format!("paper `{}`: its notes come back unreferenced (the footnote markers are not in the exchange text)", p.id));
    }
    meta.push_str(&text.note_decls);
    meta
}

/// `categories.toml` and what `dimensions.toml` must then declare.
struct CategoriesToml {
    toml: String,
    /// Some category is in no dimension set: the `unmapped` dimension is declared.
    default_dim: bool,
    used_dims: BTreeSet<String>,
}

/// The categories: the coded ones, then the uncoded ones this project's export marked
/// `no evidence`. New partners join `partners`.
fn categories_toml(
    m: &Mapped,
    dims: &[Group],
    partners: &mut Vec<String>,
    report: &mut Vec<String>,
) -> CategoriesToml {
    let mut out = CategoriesToml {
        toml: String::from("# Categories imported from a REFI-QDA project.\n"),
        default_dim: false,
        used_dims: BTreeSet::new(),
    };
    for c in &m.ids.cats {
        coded_category(m, c, dims, partners, &mut out, report);
    }
    let mut cat_ids = m.ids.cat_ids.clone();
    for (i, code) in m.codes.list.iter().enumerate() {
        uncoded_category(m, i, code, &mut cat_ids, &mut out);
    }
    out
}

/// One coded category; a definition not in the paper's words, a missing dimension, crosswalk
/// note or stance is filled in and reported.
fn coded_category(
    m: &Mapped,
    c: &Cat,
    dims: &[Group],
    partners: &mut Vec<String>,
    out: &mut CategoriesToml,
    report: &mut Vec<String>,
) {
    let code = &m.codes.list[c.code];
    let (lead, f) = fields(&code.desc);
    let first = m
        .pairs
        .iter()
        .find(|p| p.cat == c.code && p.paper == c.paper)
        .map(|p| m.sel_text(p.paper, p.a, p.b))
        .unwrap_or_default();
    let paper_text = fold_ws(&m.papers[c.paper].text);
    let in_text = |s: &str| !s.is_empty() && paper_text.contains(&fold_ws(s));
    let lead = lead
        .strip_prefix("[context: framing and background, not evidence for an analytic category] ")
        .unwrap_or(&lead)
        .to_string();
    let definition = if in_text(&lead) {
        lead.clone()
    } else {
        report.push(format!(
            "category `{}`: no definition in the paper's words (its first coded passage stands in)",
            c.id
        ));
        first.clone()
    };
    let kind = get(&f, "kind").unwrap_or("analytic");
    let partner = get(&f, "partner").unwrap_or("").to_string();
    if !partner.is_empty() && !partners.contains(&partner) {
        partners.push(partner.clone());
    }
    let t = &mut out.toml;
    t.push_str(&format!("\n[[category]]\nid = {}\npaper = {}\nlabel = {}\npartner = {}\nsection = {}\ndefinition = {}\n", q(&c.id), q(&m.papers[c.paper].id), q(&code.name), q(&partner), q(get(&f, "section").unwrap_or("")), q(&definition)));
    if kind != "analytic" {
        t.push_str(&format!("kind = {}\n", q(kind)));
    }
    if kind != "context" {
        primary_link(m, c, &f, &first, dims, out, report);
    }
    secondary_links(&f, out);
}

/// A coded category's primary crosswalk link: its dimension (set or `unmapped`), note,
/// quote (the first coded passage stands in for one not in the paper) and stance.
fn primary_link(
    m: &Mapped,
    c: &Cat,
    f: &[(String, String)],
    first: &str,
    dims: &[Group],
    out: &mut CategoriesToml,
    report: &mut Vec<String>,
) {
    let paper_text = fold_ws(&m.papers[c.paper].text);
    let in_text = |s: &str| !s.is_empty() && paper_text.contains(&fold_ws(s));
    let dim = get(f, "dimension")
        .map(String::from)
        .or_else(|| {
            dims.iter()
                .find(|d| d.members.contains(&c.code))
                .map(|d| d.id.clone())
        })
        .unwrap_or_else(|| {
            out.default_dim = true;
            report.push(format!(
                "category `{}`: in no dimension set (put under `unmapped`)",
                c.id
            ));
            "unmapped".into()
        });
    out.used_dims.insert(dim.clone());
    let note = get(f, "crosswalk note")
        .map(String::from)
        .unwrap_or_else(|| {
            report.push(format!("category `{}`: no crosswalk note", c.id));
            format!("Imported from {}; the mapping is not yet argued.", m.file)
        });
    let cq = get(f, "crosswalk quote")
        .filter(|s| in_text(s))
        .map(String::from)
        .unwrap_or_else(|| first.to_string());
    let stance = get(f, "stance").map(String::from).unwrap_or_else(|| {
        report.push(format!(
            "category `{}`: no stance (`positive` stands in)",
            c.id
        ));
        "positive".into()
    });
    out.toml.push_str(&format!(
        "dimension = {}\ncrosswalk_note = {}\ncrosswalk_quote = {}\nstance = {}\n",
        q(&dim),
        q(&note),
        q(&cq),
        q(&stance)
    ));
}

/// A category's `secondary: dimension | note | quote | stance` lines as secondary links.
fn secondary_links(f: &[(String, String)], out: &mut CategoriesToml) {
    for (k, v) in f {
        if k == "secondary" {
            let parts: Vec<&str> = v.splitn(4, " | ").collect();
            if parts.len() >= 3 {
                out.used_dims.insert(parts[0].to_string());
                out.toml.push_str(&format!(
                    "[[category.secondary]]\ndimension = {}\nnote = {}\nquote = {}\nstance = {}\n",
                    q(parts[0]),
                    q(parts[1]),
                    q(parts[2]),
                    q(parts.get(3).copied().unwrap_or("positive"))
                ));
            }
        }
    }
}

/// An uncoded category with `no evidence` (from this project's export), whose parent code
/// names its paper; other codes are skipped.
fn uncoded_category(
    m: &Mapped,
    i: usize,
    code: &Code,
    cat_ids: &mut BTreeSet<String>,
    out: &mut CategoriesToml,
) {
    let list = &m.codes.list;
    let (lead, f) = fields(&code.desc);
    let (Some(ne), Some(pid)) = (
        get(&f, "no evidence"),
        list.iter()
            .find(|p| Some(&p.name) == code.path.last())
            .and_then(|p| get(&fields(&p.desc).1, "paper").map(String::from)),
    ) else {
        return;
    };
    if !m.codes.is_cat(code) || m.ids.cat_of.keys().any(|(k, _)| *k == i) {
        return;
    }
    let Some(pi) = m.papers.iter().position(|p| p.id == pid) else {
        return;
    };
    let id = unique(
        get(&f, "id")
            .map(String::from)
            .unwrap_or_else(|| slug(&code.name)),
        cat_ids,
    );
    out.toml.push_str(&format!("\n[[category]]\nid = {}\npaper = {}\nlabel = {}\npartner = {}\nsection = {}\ndefinition = {}\nno_evidence = {}\n", q(&id), q(&m.papers[pi].id), q(&code.name), q(get(&f, "partner").unwrap_or("")), q(get(&f, "section").unwrap_or("")), q(&lead), q(ne)));
    let kind = get(&f, "kind").unwrap_or("analytic");
    if kind != "analytic" {
        out.toml.push_str(&format!("kind = {}\n", q(kind)));
    }
    if kind != "context" {
        let dim = get(&f, "dimension").unwrap_or("unmapped").to_string();
        out.used_dims.insert(dim.clone());
        out.toml.push_str(&format!(
            "dimension = {}\ncrosswalk_note = {}\ncrosswalk_quote = {}\nstance = {}\n",
            q(&dim),
            q(get(&f, "crosswalk note").unwrap_or("")),
            q(get(&f, "crosswalk quote").unwrap_or("")),
            q(get(&f, "stance").unwrap_or("positive"))
        ));
    }
}

/// `dimensions.toml`: the dimension sets some category uses, and `unmapped` if needed.
fn dimensions_toml(dims: &[Group], used_dims: &BTreeSet<String>, default_dim: bool) -> String {
    let mut t = String::from("# Crosswalk dimensions imported from the project's sets.\n");
    for d in dims.iter().filter(|d| used_dims.contains(&d.id)) {
        t.push_str(&format!(
            "\n[[dimension]]\nid = {}\nlabel = {}\ndefinition = {}\n",
            q(&d.id),
            q(&d.label),
            q(&d.text)
        ));
    }
    if default_dim {
        t.push_str("\n[[dimension]]\nid = \"unmapped\"\nlabel = \"Not yet mapped\"\ndefinition = \"Imported categories that no set of the project maps onto a shared dimension.\"\n");
    }
    t
}

/// `evidence.toml`: the series some item is in, then the items. New kinds and domains join
/// the vocabulary.
fn evidence_toml(
    m: &Mapped,
    series: &[Group],
    vocab: &mut Vocab,
    report: &mut Vec<String>,
) -> String {
    let mut t = String::from("# Evidence items imported from a REFI-QDA project.\n");
    let mut used_series = BTreeSet::new();
    let mut entries = String::new();
    for (&k, id) in &m.ids.ev_of {
        entries.push_str(&evidence_entry(
            m,
            k,
            id,
            series,
            vocab,
            &mut used_series,
            report,
        ));
    }
    for s in series.iter().filter(|s| used_series.contains(&s.id)) {
        t.push_str(&format!(
            "\n[[series]]\nid = {}\ntitle = {}\n",
            q(&s.id),
            q(&s.label)
        ));
        if !s.text.is_empty() {
            t.push_str(&format!("note = {}\n", q(&s.text)));
        }
    }
    t.push_str(&entries);
    t
}

/// One evidence item (code `k`, id `id`); a missing date, place, kind or actors stands in
/// and is reported.
fn evidence_entry(
    m: &Mapped,
    k: usize,
    id: &str,
    series: &[Group],
    vocab: &mut Vocab,
    used_series: &mut BTreeSet<String>,
    report: &mut Vec<String>,
) -> String {
    let code = &m.codes.list[k];
    let (lead, f) = fields(&code.desc);
    let date = get(&f, "date")
        .filter(|d| crate::seeds::parse_date(d).is_ok())
        .map(String::from)
        .unwrap_or_else(|| {
            let p = m.pairs.iter().find(|p| p.ev == k).map_or(0, |p| p.paper);
            let d = get(&m.papers[p].fields, "date")
                .map(String::from)
                .filter(|d| crate::seeds::parse_date(d).is_ok())
                .unwrap_or_else(|| "1900".into());
            report.push(format!(
                "evidence `{id}`: no date (the paper's date, {d}, stands in)"
            ));
            d
        });
    let place = get(&f, "place").unwrap_or("").to_string();
    let mut note = lead.clone();
    if place.is_empty() && note.is_empty() {
        report.push(format!("evidence `{id}`: no place"));
        note = "Imported: the project gives no place.".into();
    }
    let kind = get(&f, "kind").map(String::from).unwrap_or_else(|| {
        report.push(format!("evidence `{id}`: no kind (`unspecified`)"));
        "unspecified".into()
    });
    let domain = get(&f, "domain")
        .map(String::from)
        .unwrap_or_else(|| "unspecified".into());
    if !vocab.kinds.contains(&kind) {
        vocab.kinds.push(kind.clone());
    }
    if !vocab.domains.contains(&domain) {
        vocab.domains.push(domain.clone());
    }
    let actors: Vec<&str> = get(&f, "actors")
        .map(|a| a.split("; ").collect())
        .unwrap_or_else(|| {
            report.push(format!("evidence `{id}`: no actors (`unspecified`)"));
            vec!["unspecified"]
        });
    let sources: Vec<&str> = f
        .iter()
        .filter(|(n, _)| n == "source")
        .map(|(_, v)| v.as_str())
        .collect();
    let mut e = format!("\n[[evidence]]\nid = {}\ntitle = {}\ndate = {}\nplace = {}\nactors = {}\nkind = {}\ndomain = {}\n", q(id), q(&code.name), q(&date), q(&place), qlist(&actors), q(&kind), q(&domain));
    let ser = get(&f, "series").map(String::from).or_else(|| {
        series
            .iter()
            .find(|s| s.members.contains(&k))
            .map(|s| s.id.clone())
    });
    if let Some(s) = ser {
        used_series.insert(s.clone());
        e.push_str(&format!("series = {}\n", q(&s)));
    }
    if !sources.is_empty() {
        e.push_str(&format!("sources = {}\n", qlist(&sources)));
    }
    if !note.is_empty() {
        e.push_str(&format!("note = {}\n", q(&note)));
    }
    e
}

/// The codings: one per (item id, category id), in the order first met, each with its
/// distinct quotes, its rationale and note.
struct Codings {
    map: BTreeMap<(String, String), (Vec<String>, String, String)>,
    order: Vec<(String, String)>,
}

/// The passages gathered into codings; empty selections go to the report.
fn collect_codings(m: &Mapped, report: &mut Vec<String>) -> Codings {
    let mut c = Codings {
        map: BTreeMap::new(),
        order: Vec::new(),
    };
    for p in m.pairs {
        let cat = &m.ids.cats[m.ids.cat_of[&(p.cat, p.paper)]].id;
        let key = (m.ids.ev_of[&p.ev].clone(), cat.clone());
        let quote = m.sel_text(p.paper, p.a, p.b);
        let entry = c.map.entry(key.clone()).or_insert_with(|| {
            c.order.push(key.clone());
            (Vec::new(), p.rationale.clone(), p.note.clone())
        });
        if quote.is_empty() {
            report.push(format!(
                "coding {}~{}: an empty selection (skipped)",
                key.0, key.1
            ));
            continue;
        }
        if !entry.0.contains(&quote) {
            entry.0.push(quote);
        }
    }
    c
}

/// `codings.toml`; a coding without a rationale note gets one that says so (reported).
fn codings_toml(codings: &Codings, report: &mut Vec<String>) -> String {
    let mut t = String::from(
        "# Codings imported from a REFI-QDA project: one per (evidence item, category).\n",
    );
    for key in &codings.order {
        let (quotes, rationale, note) = &codings.map[key];
        let rationale = if rationale.is_empty() {
            report.push(format!("coding {}~{}: no rationale note", key.0, key.1));
            "Imported: the selection is coded with both codes.".to_string()
        } else {
            rationale.clone()
        };
        t.push_str(&format!(
            "\n[[coding]]\nevidence = {}\ncategory = {}\nquotes = {}\nrationale = {}\n",
            q(&key.0),
            q(&key.1),
            qlist(quotes),
            q(&rationale)
        ));
        if !note.is_empty() {
            t.push_str(&format!("note = {}\n", q(note)));
        }
    }
    t
}

/// A sweep per paper: each coding's first quote as a coded mention (the sweep of the dated
/// mentions left uncoded is the coder's: draft-sweep drafts it).
fn sweep_files(m: &Mapped, codings: &Codings, report: &mut Vec<String>) -> Vec<(String, String)> {
    let used_papers = m.used_papers();
    let mut files = Vec::new();
    for (pi, p) in m
        .papers
        .iter()
        .enumerate()
        .filter(|(i, _)| used_papers.contains(i))
    {
        let mut sweep = format!("# Imported: the codings of this paper as coded mentions. Complete the sweep of its\n# dated mentions with draft-sweep.\npaper = {}\n", q(&p.id));
        for key in &codings.order {
            let cat = m.ids.cats.iter().find(|c| c.id == key.1);
            if cat.map(|c| c.paper) != Some(pi) {
                continue;
            }
            if let Some(first) = codings.map[key].0.first() {
                sweep.push_str(&format!(
                    "\n[[mention]]\nlocator = {}\ncoded = [{}]\n",
                    q(first),
                    q(&format!("{}~{}", key.0, key.1))
                ));
            }
        }
        report.push(format!(
            "paper `{}`: the sweep lists only the coded mentions (run draft-sweep for the rest)",
            p.id
        ));
        files.push((format!("codebook/sweep-{}.toml", p.id), sweep));
    }
    files
}

/// `corpus.toml`: the project's title, description, version and the vocabulary.
fn corpus_toml(
    file: &str,
    root: &El,
    project_fields: &(String, Vec<(String, String)>),
    vocab: &mut Vocab,
    report: &mut Vec<String>,
) -> String {
    if vocab.partners.is_empty() {
        report.push("no partners: the vocabulary gets `unspecified`".into());
        vocab.partners.push("unspecified".into());
    }
    let (lead, f) = project_fields;
    let title = get(f, "title")
        .map(String::from)
        .unwrap_or_else(|| root.attr("name").unwrap_or("Imported project").to_string());
    let description = if lead.is_empty() {
        format!("Imported from the REFI-QDA project {file}.")
    } else {
        lead.clone()
    };
    let version = get(f, "codebook version").unwrap_or("imported");
    format!("# Imported from {file}.\n[corpus]\ntitle = {}\ndescription = {}\nversion = {}\n\n[vocabulary]\npartners = {}\nkinds = {}\ndomains = {}\n", q(&title), q(&description), q(version), qlist(&vocab.partners), qlist(&vocab.kinds), qlist(&vocab.domains))
}

/// Builds what was written, as the build would; its problems come after one that says so.
fn check_seeds_build(file: &str, files: &[(String, String)]) -> Result<(), Vec<Diagnostic>> {
    let set = seed_set("seeds", files);
    build_corpus(&set).map_err(|mut d| {
        d.insert(0, Diagnostic::new(file, 1, "the imported seeds do not build (problems below, in the files the import would write)", "a project whose codings map onto categories and evidence items"));
        d
    })?;
    Ok(())
}

/// The in-memory seed set of written files (for checking them before anything is written).
pub fn seed_set(root: &str, files: &[(String, String)]) -> SeedSet {
    let mut set = SeedSet {
        root: root.into(),
        ..SeedSet::default()
    };
    let f = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(n, t)| SeedFile {
                path: format!("{root}/{n}"),
                text: t.clone(),
            })
    };
    for (name, _) in files
        .iter()
        .filter(|(n, _)| n.ends_with(".toml") && !n.contains('/'))
    {
        let stem = name.trim_end_matches(".toml");
        if let (Some(m), Some(t)) = (f(name), f(&format!("{stem}.txt"))) {
            set.papers.push((m, t));
        }
    }
    set.papers.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut book: Vec<SeedFile> = files
        .iter()
        .filter(|(n, _)| n.starts_with("codebook/"))
        .filter_map(|(n, _)| f(n))
        .collect();
    book.sort_by(|a, b| a.path.cmp(&b.path));
    set.codebook = book;
    set
}

/// Imports a `.qdc` codebook alone into `categories.toml`: one `[[category]]` per codable
/// code (paper, section, definition and crosswalk to fill in, listed in the report).
pub fn import_qdc(file: &str, bytes: &[u8]) -> Result<Imported, Vec<Diagnostic>> {
    let xml = String::from_utf8(bytes.to_vec()).map_err(|_| {
        vec![Diagnostic::new(
            file,
            1,
            "not UTF-8",
            "a UTF-8 QDA-XML codebook",
        )]
    })?;
    let (root, ns) = parse_xml(file, &xml).map_err(|d| vec![d])?;
    if root.name != "CodeBook" || !ns.starts_with("urn:QDA-XML:codebook:") {
        return Err(vec![Diagnostic::new(
            file,
            root.line,
            format!("the root is <{}> in namespace `{ns}`", root.name),
            "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"> (REFI-QDA codebook)",
        )]);
    }
    let mut d = Vec::new();
    check_tree(file, &root, &mut HashMap::new(), &mut d);
    if !d.is_empty() {
        return Err(d);
    }
    let mut codes = Vec::new();
    if let Some(c) = root.kid("Codes") {
        walk_codes(c, &mut Vec::new(), &mut codes);
    }
    let mut report = Vec::new();
    let mut used = BTreeSet::new();
    let mut out = format!("# Categories imported from the REFI-QDA codebook {file}: fill in `paper`, `section`,\n# `definition` (the author's words), `dimension`, `crosswalk_note` and `crosswalk_quote`.\n");
    for c in codes.iter().filter(|c| c.codable) {
        let (lead, f) = fields(&c.desc);
        let id = unique(
            get(&f, "id")
                .filter(|i| is_slug(i))
                .map(String::from)
                .unwrap_or_else(|| slug(&c.name)),
            &mut used,
        );
        let group = c.path.join(" / ");
        out.push_str(&format!("\n[[category]]\nid = {}\npaper = \"\"\nlabel = {}\npartner = \"\"\nsection = \"\"\ndefinition = {}\ndimension = \"\"\ncrosswalk_note = {}\ncrosswalk_quote = \"\"\n", q(&id), q(&c.name), q(&lead), q(&if group.is_empty() { String::new() } else { format!("Under `{group}` in the codebook.") })));
        report.push(format!(
            "category `{id}`: paper, section, dimension and crosswalk quote to fill in"
        ));
    }
    for c in codes.iter().filter(|c| !c.codable) {
        report.push(format!(
            "not carried as a category: `{}` (not codable: a grouping code)",
            c.name
        ));
    }
    if let Some(s) = root.kid("Sets") {
        for set in s.kids("Set") {
            report.push(format!(
                "set `{}`: a dimension to declare in dimensions.toml if it is one",
                set.attr("name").unwrap_or_default()
            ));
        }
    }
    Ok(Imported {
        files: vec![("categories.toml".into(), out)],
        report,
    })
}
