//! Build script: reads `seeds/`, validates the corpus through the core (`seeds::load`), and
//! embeds it as postcard bytes in `$OUT_DIR/corpus.bin`, without the quote texts the app can
//! take from the papers (`evidence_core::model::embed`). Any problem in the seeds fails the build with
//! every diagnostic listed as `file:line: problem; expected`.

use std::path::Path;

fn main() {
    // The seeds directory: `seeds`, or another corpus named by EXPLORER_SEEDS (for example the
    // tiny test corpus, `crates/core/tests/fixtures/tiny`). A directory here makes cargo rerun
    // this script when any file under it changes.
    println!("cargo:rerun-if-env-changed=EXPLORER_SEEDS");
    let dir = std::env::var("EXPLORER_SEEDS").unwrap_or_else(|_| "seeds".into());
    println!("cargo:rerun-if-changed={dir}");
    let corpus = match evidence_core::seeds::load(Path::new(&dir)) {
        Ok(c) => c,
        Err(diags) => fail(&diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
    };
    // Benchmark builds only (scripts/bench.sh): the corpus repeated EVIDENCE_SCALE times.
    println!("cargo:rerun-if-env-changed=EVIDENCE_SCALE");
    let corpus = match std::env::var("EVIDENCE_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(k) if k > 1 => evidence_core::seeds::synthetic::scaled(&corpus, k),
        _ => corpus,
    };
    // Quote texts the app can take from the papers are left out (src/data.rs puts them back).
    let mut corpus = corpus;
    evidence_core::model::embed::elide_quote_texts(&mut corpus);
    let bytes = match postcard::to_allocvec(&corpus) {
        Ok(b) => b,
        Err(e) => fail(&[format!(
            "seeds:1: cannot serialise the corpus: {e}; a corpus postcard can encode"
        )]),
    };
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("corpus.bin");
    if let Err(e) = std::fs::write(&out, bytes) {
        fail(&[format!(
            "{}:1: cannot write: {e}; a writable OUT_DIR",
            out.display()
        )]);
    }
}

/// Lists every problem (stderr, and as cargo errors so cargo shows them) and stops the build.
fn fail(lines: &[String]) -> ! {
    let n = lines.len();
    let s = if n == 1 { "" } else { "s" };
    eprintln!("error: the seeds do not build into a valid corpus ({n} problem{s}):");
    for l in lines {
        eprintln!("{l}");
        println!("cargo::error={l}");
    }
    std::process::exit(1);
}
