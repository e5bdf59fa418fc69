//! The tiny fixture corpus as a seed set, and the messages of a build that must fail: shared by
//! the codebook and tour tests (`#[path]`-included, so each crate takes only this file).
#![allow(dead_code)] // Each test crate uses the helpers it needs.

use std::path::Path;

use evidence_core::seeds::{build_corpus, read_seed_dir, SeedSet};

/// The tiny fixture corpus (`tests/fixtures/tiny`), read as the build reads `seeds/`.
pub fn tiny() -> SeedSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    read_seed_dir(&dir, "seeds").expect("fixture readable")
}

/// The `file:line: problem; expected` messages of a seed set that must not build.
pub fn build_errors(s: &SeedSet) -> Vec<String> {
    match build_corpus(s) {
        Ok(_) => panic!("expected the build to fail"),
        Err(d) => d.iter().map(|x| x.to_string()).collect(),
    }
}
