//! How long decoding and indexing the corpus take at a scale (host, release build):
//! `cargo run --release -p evidence-core --example index-cost -- seeds 100`. A tool for
//! start-up work; the browser's figures come from `scripts/bench.sh`.
use std::path::Path;
use std::time::Instant;

use evidence_core::seeds::{exit_with_problems, load};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "seeds".into());
    let k: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
    let corpus = load(Path::new(&dir)).unwrap_or_else(|d| exit_with_problems(&d));
    let corpus = if k > 1 {
        evidence_core::seeds::synthetic::scaled(&corpus, k)
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

    // As the app receives it: quote texts left out, postcard bytes.
    let mut small = corpus.clone();
    evidence_core::model::embed::elide_quote_texts(&mut small);
    let fail = |what: &str, e: postcard::Error| -> ! {
        eprintln!("index-cost: cannot {what} the corpus: {e}");
        std::process::exit(1)
    };
    let bytes = postcard::to_allocvec(&small).unwrap_or_else(|e| fail("encode", e));
    let t = Instant::now();
    let mut back: evidence_core::Corpus =
        postcard::from_bytes(&bytes).unwrap_or_else(|e| fail("decode", e));
    println!("decode {} KiB: {:?}", bytes.len() / 1024, t.elapsed());
    let t = Instant::now();
    evidence_core::model::embed::restore_quote_texts(&mut back);
    println!("restore quote texts: {:?}", t.elapsed());

    let t = Instant::now();
    let index = evidence_core::query::filter::FilterIndex::new(&back);
    println!("filter index (search not folded yet): {:?}", t.elapsed());
    let t = Instant::now();
    index.search.warm(&back);
    println!("search index folded: {:?}", t.elapsed());
}
