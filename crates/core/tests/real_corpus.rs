//! The seeds in `seeds/` build into a valid corpus, and no part of the program names anything
//! in it (the corpus is data: a new set of papers builds into the same explorer). Nothing here
//! names these papers or their counts: the checks hold for any valid corpus.

use std::path::{Path, PathBuf};

use evidence_core::seeds::load;
use evidence_core::share::export::evidence_csv;
use evidence_core::Corpus;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Corpus {
    match load(&root().join("seeds")) {
        Ok(c) => c,
        Err(d) => panic!(
            "{}",
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn seeds_build_with_every_category_and_evidence_item_coded() {
    let c = corpus();
    assert!(!c.papers.is_empty());
    for (p, paper) in c.papers.iter().enumerate() {
        assert!(
            c.categories.iter().any(|k| k.paper == p),
            "{} has no category",
            paper.id
        );
    }
    for (i, k) in c.categories.iter().enumerate() {
        let coded = c.codings.iter().any(|x| x.category == i);
        // A category is coded, or is an honest gap (the author's words, no codings).
        assert!(coded != k.no_evidence.is_some(), "{} coded: {coded}", k.id);
    }
    for (i, e) in c.evidence.iter().enumerate() {
        assert!(
            c.codings.iter().any(|x| x.evidence == i),
            "{} uncoded",
            e.id
        );
    }
    for d in 0..c.dimensions.len() {
        assert!(c.categories.iter().any(|k| k.dimension == Some(d)));
    }
    // Every coding's quotes stand in its category's paper.
    for k in &c.codings {
        assert_eq!(k.paper, c.categories[k.category].paper, "{}", k.id);
        assert!(!k.quotes.is_empty(), "{}", k.id);
    }
}

#[test]
fn corpus_survives_the_byte_format_the_app_decodes() {
    let c = corpus();
    let bytes = postcard::to_allocvec(&c).expect("encodes");
    let back: Corpus = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, c);
}

#[test]
fn corpus_survives_the_embedded_form() {
    let c = corpus();
    let mut e = c.clone();
    evidence_core::model::embed::elide_quote_texts(&mut e);
    let full = postcard::to_allocvec(&c).expect("encodes").len();
    let bytes = postcard::to_allocvec(&e).expect("encodes");
    // Most quote texts are the papers' own text, so the embedded form is much smaller.
    assert!(
        bytes.len() * 10 < full * 9,
        "{} of {full} bytes",
        bytes.len()
    );
    let mut back: Corpus = postcard::from_bytes(&bytes).expect("decodes");
    evidence_core::model::embed::restore_quote_texts(&mut back);
    assert_eq!(back, c);
}

#[test]
fn csv_rows_match_quotes() {
    let c = corpus();
    let csv = evidence_csv(&c);
    let mut rdr = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("a CSV row")).collect();
    let quotes: Vec<&str> = c
        .codings
        .iter()
        .flat_map(|k| k.quotes.iter().map(|q| q.text.as_str()))
        .collect();
    assert_eq!(rows.len(), quotes.len());
    for (row, quote) in rows.iter().zip(&quotes) {
        assert_eq!(&row[13], *quote);
    }
}

/// Every id of the corpus that could only come from the seeds (paper ids, and category and
/// evidence ids with a hyphen) is absent from the program's source.
#[test]
fn no_corpus_id_is_hard_coded_in_the_program() {
    let c = corpus();
    let mut ids: Vec<String> = c.papers.iter().map(|p| p.id.clone()).collect();
    ids.extend(c.categories.iter().map(|k| k.id.clone()));
    ids.extend(
        c.evidence
            .iter()
            .map(|e| e.id.clone())
            .filter(|i| i.contains('-')),
    );
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src"] {
        collect_rs(&root().join(dir), &mut files);
    }
    assert!(files.len() > 10);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for id in &ids {
            let quoted = format!("\"{id}\"");
            assert!(
                !text.contains(&quoted),
                "{} names corpus id {id}",
                f.display()
            );
        }
    }
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}
