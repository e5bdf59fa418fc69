//! The real seeds build into a valid corpus, and no part of the program names anything in it
//! (the corpus is data: a new set of papers builds into the same explorer).

use std::path::{Path, PathBuf};

use evidence_core::export::evidence_csv;
use evidence_core::seeds::{build_corpus, read_seed_dir};
use evidence_core::Corpus;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> Corpus {
    let seeds = read_seed_dir(&root().join("seeds"), "seeds").expect("seeds readable");
    match build_corpus(&seeds) {
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
    assert_eq!(c.papers.len(), 3);
    let per_paper: Vec<usize> = (0..3)
        .map(|p| c.categories.iter().filter(|k| k.paper == p).count())
        .collect();
    assert_eq!(per_paper, vec![7, 7, 3]);
    for (i, k) in c.categories.iter().enumerate() {
        assert!(
            c.codings.iter().any(|x| x.category == i),
            "{} uncoded",
            k.id
        );
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
    // Cross-paper comparison is possible: some evidence is cited by more than one paper.
    let shared = (0..c.evidence.len())
        .filter(|&e| {
            let mut p: Vec<usize> = c
                .codings
                .iter()
                .filter(|k| k.evidence == e)
                .map(|k| k.paper)
                .collect();
            p.sort_unstable();
            p.dedup();
            p.len() > 1
        })
        .count();
    assert!(shared >= 10, "only {shared} shared evidence items");
}

#[test]
fn corpus_survives_the_byte_format_the_app_decodes() {
    let c = corpus();
    let bytes = postcard::to_allocvec(&c).expect("encodes");
    let back: Corpus = postcard::from_bytes(&bytes).expect("decodes");
    assert_eq!(back, c);
}

#[test]
fn csv_rows_match_quotes() {
    let c = corpus();
    let csv = evidence_csv(&c);
    let rows = csv.split("\r\n").filter(|l| !l.is_empty()).count() - 1;
    let quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
    // Quotes with line breaks would add lines; there are none in the codebook.
    assert_eq!(rows, quotes);
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
