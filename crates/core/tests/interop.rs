//! REFI-QDA and Web Annotation export, the `.qdpx` / `.qdc` import, and the round trip
//! (export → import → build gives the same corpus).

use std::io::Write;
use std::path::Path;

use evidence_core::interop::annotations::annotations_jsonld;
use evidence_core::interop::import::{import_qdc, import_qdpx, seed_set, Options};
use evidence_core::interop::refi::{codebook_qdc, project_qdpx, Scope};
use evidence_core::seeds::{build_corpus, load};
use evidence_core::text::search_key;
use evidence_core::{Corpus, Quote, QuotePlace};

fn corpus(dir: &str) -> Corpus {
    load(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path()).expect("fixture builds")
}

fn located(c: &Corpus, paper: usize, q: &Quote) -> String {
    let doc = &c.papers[paper].doc;
    let t = match q.place {
        QuotePlace::Block => &doc.blocks[q.index].text,
        QuotePlace::Note => &doc.footnotes[q.index].text,
    };
    search_key(&t[q.range.0..q.range.1])
}

/// What the round trip keeps: papers, categories, evidence, codings and their quotes.
fn essence(c: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for p in &c.papers {
        out.push(format!(
            "paper {} | {} | {} | {} | {} | {} | {}",
            p.id, p.title, p.mark, p.author, p.affiliation, p.venue, p.date
        ));
    }
    for d in &c.dimensions {
        out.push(format!(
            "dimension {} | {} | {}",
            d.id, d.label, d.definition
        ));
    }
    for k in &c.categories {
        out.push(format!(
            "category {} | {} | {} | {:?} | {:?} | {:?} | {} | {} | {:?} | {} | {}",
            k.id,
            c.papers[k.paper].id,
            k.label,
            k.kind,
            k.dimension.map(|d| &c.dimensions[d].id),
            k.partner.map(|p| &c.partners[p]),
            search_key(&k.definition.text),
            k.crosswalk_note,
            k.no_evidence.as_ref().map(|q| search_key(&q.text)),
            k.secondary.len(),
            k.section
                .map(|s| c.papers[k.paper].doc.sections[s].title.clone())
                .unwrap_or_default(),
        ));
    }
    for e in &c.evidence {
        out.push(format!(
            "evidence {} | {} | {} | {} | {:?} | {} | {} | {:?} | {:?} | {}",
            e.id,
            e.title,
            e.date_text,
            e.place,
            e.actors,
            c.kinds[e.kind],
            c.domains[e.domain],
            e.sources,
            e.series.map(|s| &c.series[s].id),
            e.note
        ));
    }
    for k in &c.codings {
        let quotes: Vec<String> = k.quotes.iter().map(|q| located(c, k.paper, q)).collect();
        out.push(format!(
            "coding {} | {:?} | {} | {}",
            k.id, quotes, k.rationale, k.note
        ));
    }
    out
}

fn same(a: &[String], b: &[String]) {
    let diff: Vec<String> = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| format!("got  {x}\nwant {y}"))
        .take(4)
        .collect();
    assert!(
        diff.is_empty() && a.len() == b.len(),
        "{} vs {} lines\n{}",
        a.len(),
        b.len(),
        diff.join("\n")
    );
}

fn round_trip(c: &Corpus) -> Corpus {
    let bytes = project_qdpx(c, &Scope::all(c));
    let imported = import_qdpx("in.qdpx", &bytes, &Options::default()).expect("imports");
    build_corpus(&seed_set("seeds", &imported.files)).expect("builds")
}

#[test]
fn round_trip_of_the_tiny_corpus_is_identical() {
    let c = corpus("tests/fixtures/tiny");
    same(&essence(&round_trip(&c)), &essence(&c));
}

#[test]
fn round_trip_of_the_real_corpus_is_identical() {
    let c = corpus("../../seeds");
    same(&essence(&round_trip(&c)), &essence(&c));
}

#[test]
fn exports_are_byte_identical_build_to_build() {
    let c = corpus("tests/fixtures/tiny");
    let s = Scope::all(&c);
    assert_eq!(project_qdpx(&c, &s), project_qdpx(&c, &s));
    assert_eq!(codebook_qdc(&c, &s), codebook_qdc(&c, &s));
    assert_eq!(annotations_jsonld(&c, &s), annotations_jsonld(&c, &s));
}

#[test]
fn a_subset_export_holds_only_its_codings_and_what_they_refer_to() {
    let c = corpus("tests/fixtures/tiny");
    let s = Scope::of_codings(&c, &[0]);
    let k = &c.codings[0];
    let qdc = codebook_qdc(&c, &s);
    assert!(qdc.contains(&c.categories[k.category].label));
    assert!(qdc.contains(&c.evidence[k.evidence].title));
    let other = c
        .evidence
        .iter()
        .enumerate()
        .find(|(i, _)| {
            c.codings
                .iter()
                .all(|x| x.evidence != *i || x.category != k.category)
                && *i != k.evidence
        })
        .unwrap()
        .1;
    assert!(!qdc.contains(&other.title));
    let json = annotations_jsonld(&c, &s);
    let v: serde_json_count::Count = serde_json_count::count(&json);
    assert_eq!(v.0, k.quotes.len());
}

/// A tiny stand-in for reading the annotation count without a JSON dev-dependency.
mod serde_json_count {
    pub struct Count(pub usize);
    pub fn count(json: &str) -> Count {
        Count(json.matches("\"type\": \"Annotation\"").count())
    }
}

// ------------------------------------------------------------------------------------------
// Bad input: each is refused with `file: problem; expected`, and nothing is returned.

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const G1: &str = "11111111-1111-4111-8111-111111111111";
const G2: &str = "22222222-2222-4222-8222-222222222222";
const G3: &str = "33333333-3333-4333-8333-333333333333";
const G4: &str = "44444444-4444-4444-8444-444444444444";
const G5: &str = "55555555-5555-4555-8555-555555555555";

fn project(code_name: &str, start: usize, end: usize, dup: bool) -> String {
    let sel_guid = if dup { G2 } else { G5 };
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="P">
  <CodeBook><Codes>
    <Code guid="{G1}" name="Evidence" isCodable="false"><Code guid="{G2}" name="Exercise" isCodable="true"><Description>date: 2003-06
place: Port Alder</Description></Code></Code>
    <Code guid="{G3}" name="{code_name}" isCodable="true"/>
  </Codes></CodeBook>
  <Sources><TextSource guid="{G4}" name="Paper" plainTextPath="internal://{G4}.txt">
    <PlainTextSelection guid="{sel_guid}" startPosition="{start}" endPosition="{end}">
      <Coding guid="66666666-6666-4666-8666-666666666666"><CodeRef targetGUID="{G2}"/></Coding>
      <Coding guid="77777777-7777-4777-8777-777777777777"><CodeRef targetGUID="{G3}"/></Coding>
    </PlainTextSelection>
  </TextSource></Sources>
</Project>
"#
    )
}

const TEXT: &str = "The harbour crews trained together at Port Alder in June 2003.\n";

fn problems(bytes: &[u8]) -> Vec<String> {
    match import_qdpx("in.qdpx", bytes, &Options::default()) {
        Ok(_) => vec![],
        Err(d) => d.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn a_small_foreign_style_project_imports_and_builds() {
    let src = format!("sources/{G4}.txt");
    let bytes = zip_of(&[
        (
            "project.qde",
            project("Practical partner", 4, 38, false).as_bytes(),
        ),
        (&src, TEXT.as_bytes()),
    ]);
    let imp =
        import_qdpx("in.qdpx", &bytes, &Options::default()).unwrap_or_else(|d| panic!("{d:#?}"));
    let c = build_corpus(&seed_set("seeds", &imp.files)).expect("builds");
    assert_eq!(c.codings.len(), 1);
    assert_eq!(
        c.codings[0].quotes[0].text,
        "harbour crews trained together at"
    );
    assert_eq!(c.evidence[0].place, "Port Alder");
    assert!(
        imp.report.iter().any(|r| r.contains("no rationale")),
        "{:?}",
        imp.report
    );
    assert!(
        imp.report
            .iter()
            .any(|r| r.contains("no dimension set") || r.contains("in no dimension")),
        "{:?}",
        imp.report
    );
}

#[test]
fn bad_input_is_refused_with_file_problem_expected() {
    let src = format!("sources/{G4}.txt");
    let ok_qde = project("Practical partner", 4, 38, false);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not a zip",
            b"plain text".to_vec(),
            "in.qdpx:1: not a zip archive",
        ),
        (
            "no project.qde",
            zip_of(&[(&src, TEXT.as_bytes())]),
            "in.qdpx:1: the archive has no project.qde; ",
        ),
        (
            "truncated",
            zip_of(&[
                ("project.qde", &ok_qde.as_bytes()[..ok_qde.len() / 2]),
                (&src, TEXT.as_bytes()),
            ]),
            "not well-formed XML",
        ),
        (
            "schema",
            zip_of(&[
                (
                    "project.qde",
                    ok_qde.replace(" isCodable=\"true\"/>", "/>").as_bytes(),
                ),
                (&src, TEXT.as_bytes()),
            ]),
            "has no `isCodable`; the attribute `isCodable` the REFI-QDA schema requires",
        ),
        (
            "out of range",
            zip_of(&[
                ("project.qde", project("P", 4, 999, false).as_bytes()),
                (&src, TEXT.as_bytes()),
            ]),
            "selection 4–999 is out of its source",
        ),
        (
            "not UTF-8",
            zip_of(&[("project.qde", ok_qde.as_bytes()), (&src, b"caf\xe9\n")]),
            "not UTF-8; a UTF-8 plain text",
        ),
        (
            "duplicate GUIDs",
            zip_of(&[
                ("project.qde", project("P", 4, 38, true).as_bytes()),
                (&src, TEXT.as_bytes()),
            ]),
            "duplicate GUID",
        ),
        (
            "markup in a name",
            zip_of(&[
                (
                    "project.qde",
                    project("a &lt;b&gt;bold&lt;/b&gt; code", 4, 38, false).as_bytes(),
                ),
                (&src, TEXT.as_bytes()),
            ]),
            "holds markup; a plain-text name",
        ),
    ];
    for (what, bytes, expect) in cases {
        let p = problems(&bytes);
        assert!(p.iter().any(|l| l.contains(expect)), "{what}: {p:?}");
        assert!(
            p.iter().all(|l| l.contains(": ") && l.contains("; ")),
            "{what}: {p:?}"
        );
    }
}

#[test]
fn codebooks_written_by_other_software_import_into_a_categories_file() {
    for (name, codable) in [("atlasti-9.qdc", 4), ("refi-1-5-example.qdc", 4)] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/refi")
            .join(name);
        let imp = import_qdc(name, &std::fs::read(path).unwrap())
            .unwrap_or_else(|d| panic!("{name}: {d:?}"));
        assert_eq!(imp.files.len(), 1);
        assert_eq!(
            imp.files[0].1.matches("[[category]]").count(),
            codable,
            "{name}"
        );
        assert!(
            imp.report.iter().any(|r| r.contains("to fill in")),
            "{name}"
        );
        println!("{name}: {:?}", imp.report);
    }
}

// ------------------------------------------------------------------------------------------
// Round trip over generated corpora: non-ASCII and astral text, CRLF line ends.

mod generated {
    use super::*;
    use evidence_core::seeds::{SeedFile, SeedSet};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "hafen",
        "überfahrt",
        "naïve",
        "𝔸lpha",
        "😀",
        "東京",
        "straße",
        "café",
        "ωmega",
        "crew",
        "𝄞",
        "niño",
    ];

    fn file(path: &str, text: String) -> SeedFile {
        SeedFile {
            path: format!("seeds/{path}"),
            text,
        }
    }

    /// A corpus of `papers.len()` papers; paper `p` has `papers[p]` paragraphs of word indices;
    /// paper p's paragraph i starts with the unique word `Kapitel<p><i>` (letters).
    fn seeds(papers: &[Vec<Vec<usize>>], crlf: bool) -> SeedSet {
        let nl = if crlf { "\r\n" } else { "\n" };
        let tag = |p: usize, i: usize| {
            format!(
                "Kapitel{}{}",
                (b'a' + p as u8) as char,
                (b'a' + i as u8) as char
            )
        };
        let para = |p: usize, i: usize, ws: &[usize]| {
            let mut s = tag(p, i);
            for &w in ws {
                s.push(' ');
                s.push_str(WORDS[w % WORDS.len()]);
            }
            s + "."
        };
        let mut set = SeedSet {
            root: "seeds".into(),
            ..SeedSet::default()
        };
        let mut cats = String::new();
        let mut evs = String::new();
        let mut cods = String::new();
        for (p, paras) in papers.iter().enumerate() {
            let id = format!("paper-{}", (b'a' + p as u8) as char);
            let text: Vec<String> = paras
                .iter()
                .enumerate()
                .map(|(i, ws)| para(p, i, ws))
                .collect();
            let meta = format!("id = \"{id}\"\ntitle = \"Über {id} 😀\"\nmark = \"{}\"\nauthor = \"Zoë Ørsted\"\ndate = \"2010\"\n\n[document]\nformat = \"plain\"\n", (b'A' + p as u8) as char);
            set.papers.push((
                file(&format!("{id}.toml"), meta),
                file(&format!("{id}.txt"), text.join(&format!("{nl}{nl}")) + nl),
            ));
            let first = para(p, 0, &paras[0]);
            cats.push_str(&format!("\n[[category]]\nid = \"cat-{id}\"\npaper = \"{id}\"\nlabel = \"Kategorie {id} 𝔸\"\npartner = \"\"\nsection = \"\"\ndefinition = \"{first}\"\ndimension = \"dim\"\ncrosswalk_note = \"Note ß.\"\ncrosswalk_quote = \"{first}\"\nstance = \"positive\"\n"));
            let mut sweep = format!("paper = \"{id}\"\n");
            for (i, ws) in paras.iter().enumerate() {
                let ev = format!("ev-{id}-{i}");
                evs.push_str(&format!("\n[[evidence]]\nid = \"{ev}\"\ntitle = \"Ereignis {i} 東京\"\ndate = \"2003-0{}\"\nplace = \"Port Ålder\"\nactors = [\"Crew 😀\"]\nkind = \"übung\"\ndomain = \"zivil\"\n", 1 + i % 9));
                let q = para(p, i, ws);
                cods.push_str(&format!("\n[[coding]]\nevidence = \"{ev}\"\ncategory = \"cat-{id}\"\nquotes = [\"{q}\"]\nrationale = \"Weil 𝄞.\"\n"));
                sweep.push_str(&format!(
                    "\n[[mention]]\nlocator = \"{}\"\ncoded = [\"{ev}~cat-{id}\"]\n",
                    tag(p, i)
                ));
            }
            set.codebook
                .push(file(&format!("codebook/sweep-{id}.toml"), sweep));
        }
        let book = format!("[corpus]\ntitle = \"Generiert 😀\"\ndescription = \"Property test.\"\nversion = \"1\"\n\n[vocabulary]\npartners = [\"Nørd\"]\nkinds = [\"übung\"]\ndomains = [\"zivil\"]\n\n[[dimension]]\nid = \"dim\"\nlabel = \"Dimension Ω\"\ndefinition = \"Eine.\"\n{cats}{evs}{cods}");
        set.codebook.push(file("codebook/book.toml", book));
        set.codebook.sort_by(|a, b| a.path.cmp(&b.path));
        set
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn export_import_build_is_identical(
            papers in prop::collection::vec(prop::collection::vec(prop::collection::vec(0usize..12, 1..8), 1..4), 1..3),
            crlf in any::<bool>(),
        ) {
            let c = build_corpus(&seeds(&papers, crlf)).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
            let back = round_trip(&c);
            prop_assert_eq!(essence(&back), essence(&c));
        }
    }
}

#[test]
fn a_project_written_by_other_software_imports_builds_and_reports_what_it_did_not_carry() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/refi/pyrefiqda-project.qdpx");
    let imp = import_qdpx(
        "pyrefiqda-project.qdpx",
        &std::fs::read(path).unwrap(),
        &Options::default(),
    )
    .unwrap_or_else(|d| panic!("{d:#?}"));
    let c = build_corpus(&seed_set("seeds", &imp.files)).expect("builds");
    assert_eq!(c.papers.len(), 2);
    // Overlapping selections (one coded with the category, one with the item) make a coding
    // whose quote is the overlap.
    let k = c
        .codings
        .iter()
        .find(|k| c.evidence[k.evidence].id == "lifeboat-exercise")
        .unwrap();
    assert_eq!(
        k.quotes[0].text,
        "In June 2003 the crews of both islands trained together at Port Alder."
    );
    assert_eq!(k.rationale, "The first exercise the papers date.");
    assert_eq!(
        c.evidence
            .iter()
            .find(|e| e.id == "lifeboat-exercise")
            .unwrap()
            .place,
        "Port Alder"
    );
    // A code used in two papers is one category per paper.
    assert_eq!(
        c.categories.iter().filter(|k| k.label == "Teacher").count(),
        2
    );
    for expected in [
        "PDFSource `Scanned minutes`",
        "1 cases",
        "1 variables",
        "`Unused code`",
        "no date",
    ] {
        assert!(
            imp.report.iter().any(|r| r.contains(expected)),
            "{expected}: {:?}",
            imp.report
        );
    }
}
