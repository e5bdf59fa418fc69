//! The seeds pipeline on a tiny invented corpus (two papers, a codebook): it builds through
//! the same code as the real one, and broken codebooks fail with exact `file:line` messages.

use std::path::Path;

use evidence_core::export::{evidence_csv, COLUMNS};
use evidence_core::seeds::{build_corpus, read_seed_dir, SeedSet};
use evidence_core::text::quote_fold;
use evidence_core::QuotePlace;

fn tiny() -> SeedSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    read_seed_dir(&dir, "seeds").expect("fixture readable")
}

/// The tiny corpus with `from` replaced by `to` in its codebook (which must contain `from`).
fn broken(from: &str, to: &str) -> Vec<String> {
    let mut s = tiny();
    let cb = &mut s.codebook[0];
    assert!(cb.text.contains(from), "fixture lacks {from:?}");
    cb.text = cb.text.replacen(from, to, 1);
    match build_corpus(&s) {
        Ok(_) => panic!("expected the build to fail after replacing {from:?}"),
        Err(d) => d.iter().map(|x| x.to_string()).collect(),
    }
}

/// 1-based line of the first occurrence of `needle` in the tiny codebook after a replacement.
fn line_in_codebook(from: &str, to: &str, needle: &str) -> usize {
    let text = tiny().codebook[0].text.replacen(from, to, 1);
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn tiny_corpus_builds_through_the_same_code() {
    let c = build_corpus(&tiny()).expect("tiny corpus is valid");
    assert_eq!(c.papers.len(), 2);
    assert_eq!(c.papers[0].id, "alpha");
    assert_eq!(c.dimensions.len(), 2);
    assert_eq!(c.categories.len(), 3);
    assert_eq!(c.evidence.len(), 2);
    assert_eq!(c.codings.len(), 3);
    // Evidence sorted by date: the 2003 exercise before the 2005/2006 course.
    assert_eq!(c.evidence[0].id, "lifeboat-exercise-2003");
    assert_eq!(c.evidence[1].date.start, (2005, 1, 1));
    assert_eq!(c.evidence[1].date.end, (2006, 12, 31));
    // A paper without headings has categories without a section.
    let b = c.categories.iter().find(|k| k.id == "b-signal").unwrap();
    assert_eq!(b.section, None);
    // The same event is one evidence item coded by both papers.
    let shared: Vec<_> = c
        .codings
        .iter()
        .filter(|k| k.evidence == 0)
        .map(|k| k.paper)
        .collect();
    assert_eq!(shared, vec![0, 1]);
    // Every quote is located and its range holds the quoted words.
    for k in &c.codings {
        for q in &k.quotes {
            let doc = &c.papers[k.paper].doc;
            let text = match q.place {
                QuotePlace::Block => &doc.blocks[q.index].text,
                QuotePlace::Note => &doc.footnotes[q.index].text,
            };
            assert_eq!(
                quote_fold(&text[q.range.0..q.range.1]).text,
                quote_fold(&q.text).text
            );
        }
    }
}

#[test]
fn csv_has_the_documented_header_and_every_quote_is_in_its_paper() {
    let c = build_corpus(&tiny()).unwrap();
    let csv = evidence_csv(&c);
    assert!(csv.ends_with("\r\n"), "CRLF line ends");
    assert_eq!(
        COLUMNS.join(","),
        "paper_id,paper_title,section,category_id,category_label,partner,dimension,evidence_id,evidence_title,date,theatre,kind,domain,quote,link"
    );
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, COLUMNS[..header.len()]);
    assert_eq!(header.len(), COLUMNS.len());
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        rows += 1;
        let paper = c.papers.iter().find(|p| p.id == rec[0]).unwrap();
        let folded = quote_fold(&rec[13]).text;
        let found = paper
            .doc
            .blocks
            .iter()
            .map(|b| &b.text)
            .chain(paper.doc.footnotes.iter().map(|n| &n.text))
            .any(|t| quote_fold(t).text.contains(&folded));
        assert!(found, "quote {:?} not in {}", &rec[13], paper.id);
        assert!(
            rec[14].starts_with("index.html#/read/"),
            "link {:?}",
            &rec[14]
        );
        assert!(rec[14].contains("quote="), "link {:?}", &rec[14]);
    }
    assert_eq!(rows, 3);
}

#[test]
fn drifted_quote_is_reported_with_its_line_and_where_it_drifts() {
    let (from, to) = ("crews trained together", "crews trained jointly");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "crews trained jointly");
    assert_eq!(
        d,
        vec![format!(
            "seeds/codebook/codebook.toml:{line}: quote not found in alpha.txt: it matches up to «…June 2003, when crews trained », then the quote has «jointly for the first time» where the paper has «together for the first time. The exercis»; the exact words of one paragraph or footnote (only whitespace, quote marks and dashes may differ)"
        )]
    );
}

#[test]
fn duplicate_id_is_reported_with_both_places() {
    let (from, to) = ("id = \"pilot-course\"", "id = \"lifeboat-exercise-2003\"");
    let d = broken(from, to);
    let text = tiny().codebook[0].text.replacen(from, to, 1);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id = \"lifeboat-exercise-2003\"") && !l.contains("evidence"))
        .map(|(i, _)| i + 1)
        .collect();
    let (first, second) = (lines[0], lines[1]);
    assert!(
        d.contains(&format!(
            "seeds/codebook/codebook.toml:{second}: duplicate evidence id `lifeboat-exercise-2003` (first at seeds/codebook/codebook.toml:{first}); evidence ids unique"
        )),
        "{d:#?}"
    );
}

#[test]
fn unknown_category_suggests_the_nearest_and_leaves_a_category_uncoded() {
    let (from, to) = ("category = \"a-teacher\"", "category = \"a-teachr\"");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "a-teachr");
    let cat_line = line_in_codebook(from, to, "id = \"a-teacher\"") - 1;
    assert_eq!(
        d,
        vec![
            format!("seeds/codebook/codebook.toml:{cat_line}: category `a-teacher` has no coding; at least one [[coding]] with `category` = this id"),
            format!("seeds/codebook/codebook.toml:{line}: unknown category `a-teachr` (did you mean `a-teacher`?); the id of a [[category]]"),
        ]
    );
}

#[test]
fn bad_date_is_reported_with_the_expected_forms() {
    let (from, to) = ("date = \"2003-06\"", "date = \"2003-13\"");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "2003-13");
    assert!(
        d.contains(&format!(
            "seeds/codebook/codebook.toml:{line}: bad date: month 13 out of range in `2003-13`; a date as YYYY, YYYY-MM or YYYY-MM-DD, or a range START/END"
        )),
        "{d:#?}"
    );
}

#[test]
fn missing_field_is_reported_at_its_record() {
    let (from, to) = ("place = \"Eastport\"\n", "");
    let d = broken(from, to);
    let line = line_in_codebook(from, to, "id = \"pilot-course\"") - 1;
    assert_eq!(
        d,
        vec![format!(
            "seeds/codebook/codebook.toml:{line}: missing field `place` in evidence; `place = \"…\"`"
        )]
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut s = tiny();
    let cb = &mut s.codebook[0];
    cb.text = cb
        .text
        .replacen("date = \"2003-06\"", "date = \"June 2003\"", 1)
        .replacen("kind = \"course\"", "kind = \"lecture\"", 1)
        .replacen("category = \"b-signal\"", "category = \"nope\"", 1)
        .replacen("dimension = \"learning\"", "dimension = \"learnin\"", 1);
    let d = build_corpus(&s).unwrap_err();
    let text: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    let has = |needle: &str| text.iter().any(|t| t.contains(needle));
    assert!(has("bad date: bad year `June 2003`"), "{text:#?}");
    assert!(has("unknown kind `lecture`"), "{text:#?}");
    assert!(has("unknown category `nope`"), "{text:#?}");
    assert!(
        has("unknown dimension `learnin` (did you mean `learning`?)"),
        "{text:#?}"
    );
    assert!(text.len() >= 4);
}

#[test]
fn unknown_field_and_table_are_reported() {
    let d = broken("place = \"Eastport\"", "plac = \"Eastport\"");
    assert!(
        d.iter()
            .any(|x| x.contains("unknown field `plac` in evidence (did you mean `place`?)")),
        "{d:#?}"
    );
    let d = broken("[[coding]]", "[[codings]]");
    assert!(
        d.iter()
            .any(|x| x.contains("unknown table `codings` (did you mean `coding`?)")),
        "{d:#?}"
    );
}
