//! Build script: reads `seeds/`, validates the corpus through the core, and embeds it as
//! postcard bytes in `$OUT_DIR/corpus.bin`. Any problem in the seeds fails the build with
//! every diagnostic listed as `file:line: problem; expected`.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    let dir = Path::new("seeds");
    let seeds = match evidence_core::seeds::read_seed_dir(dir, "seeds") {
        Ok(s) => s,
        Err(e) => fail(&[format!("seeds: cannot read the seeds directory: {e}")]),
    };
    for (meta, text) in &seeds.papers {
        println!("cargo:rerun-if-changed={}", meta.path);
        println!("cargo:rerun-if-changed={}", text.path);
    }
    for f in &seeds.codebook {
        println!("cargo:rerun-if-changed={}", f.path);
    }
    let corpus = match evidence_core::seeds::build_corpus(&seeds) {
        Ok(c) => c,
        Err(diags) => fail(&diags.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
    };
    // Benchmark builds only (scripts/bench.sh): the corpus repeated EVIDENCE_SCALE times.
    println!("cargo:rerun-if-env-changed=EVIDENCE_SCALE");
    let corpus = match std::env::var("EVIDENCE_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        Some(k) if k > 1 => evidence_core::synthetic::scaled(&corpus, k),
        _ => corpus,
    };
    let bytes = match postcard::to_allocvec(&corpus) {
        Ok(b) => b,
        Err(e) => fail(&[format!("seeds: cannot serialise the corpus: {e}")]),
    };
    let out =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("corpus.bin");
    if let Err(e) = std::fs::write(&out, bytes) {
        fail(&[format!("{}: cannot write: {e}", out.display())]);
    }
}

fn fail(lines: &[String]) -> ! {
    eprintln!(
        "error: the seeds do not build into a valid corpus ({} problems):",
        lines.len()
    );
    for l in lines {
        eprintln!("{l}");
        println!("cargo::error={l}");
    }
    std::process::exit(1);
}
