//! How long indexing the corpus takes at a scale (host, release): `cargo run --release -p
//! evidence-core --example index-cost -- seeds 100`. A tool for start-up work; the browser's
//! figures come from `scripts/bench.sh`.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "seeds".into());
    let k: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
    let corpus = match evidence_core::seeds::load(std::path::Path::new(&dir)) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{} problems in the seeds", d.len());
            std::process::exit(1);
        }
    };
    let corpus = if k > 1 {
        evidence_core::synthetic::scaled(&corpus, k)
    } else {
        corpus
    };
    println!(
        "{k}x: {} papers, {} categories, {} evidence, {} codings",
        corpus.papers.len(),
        corpus.categories.len(),
        corpus.evidence.len(),
        corpus.codings.len()
    );
    let mut small = corpus.clone();
    evidence_core::embed::elide_quote_texts(&mut small);
    let bytes = postcard::to_allocvec(&small).unwrap_or_default();
    let t = Instant::now();
    let mut back: evidence_core::Corpus = match postcard::from_bytes(&bytes) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    println!("decode {} KiB: {:?}", bytes.len() / 1024, t.elapsed());
    let t = Instant::now();
    evidence_core::embed::restore_quote_texts(&mut back);
    println!("restore quote texts: {:?}", t.elapsed());
    let t = Instant::now();
    let s = evidence_core::search::SearchIndex::default();
    s.warm(&corpus);
    println!("search index: {:?}", t.elapsed());
    drop(s);
    let t = Instant::now();
    let f = evidence_core::filter::FilterIndex::new(&corpus);
    println!("filter index (search not built): {:?}", t.elapsed());
    f.search.warm(&corpus);
    println!("filter index (with search): {:?}", t.elapsed());
}
