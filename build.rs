//! Build script: reads `seeds/` (or the directory `SEEDS_DIR` names), validates the corpus
//! through the core, and embeds it as postcard bytes in `$OUT_DIR/corpus.bin`. Any problem in the seeds fails the build with
//! every diagnostic listed as `file:line: problem; expected`.

use std::path::Path;

fn main() {
    // SEEDS_DIR builds another corpus (the e2e smoke suite runs on the tiny fixture corpus).
    println!("cargo:rerun-if-env-changed=SEEDS_DIR");
    let name = std::env::var("SEEDS_DIR").unwrap_or_else(|_| "seeds".into());
    println!("cargo:rerun-if-changed={name}");
    let dir = Path::new(&name);
    let seeds = match evidence_core::seeds::read_seed_dir(dir, &name) {
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
