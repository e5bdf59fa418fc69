//! `export-csv [DIR] [--summary FILE]`: validates the seeds (default `seeds`) and writes
//! `evidence.csv` (see `export`) to stdout; with `--summary FILE`, also the corpus summary
//! JSON (see `summary`) to FILE. Problems go to stderr as
//! `file:line: problem; expected` with exit status 1; a wrong command line exits with 2.

use std::io::Write;
use std::path::PathBuf;

use evidence_core::seeds::{exit_with_problems, load};
use evidence_core::share::export::evidence_csv;
use evidence_core::share::summary::corpus_summary_json;

fn main() {
    let mut dir = None;
    let mut summary = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--summary" => summary = args.next(),
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(a),
            _ => {
                eprintln!("usage: export-csv [DIR] [--summary FILE]");
                std::process::exit(2);
            }
        }
    }
    let dir = PathBuf::from(dir.unwrap_or_else(|| "seeds".into()));
    let corpus = load(&dir).unwrap_or_else(|d| exit_with_problems(&d));
    if let Some(path) = summary {
        if let Err(e) = std::fs::write(&path, corpus_summary_json(&corpus)) {
            eprintln!("{path}:1: cannot write: {e}; a writable path");
            std::process::exit(1);
        }
    }
    if std::io::stdout()
        .write_all(evidence_csv(&corpus).as_bytes())
        .is_err()
    {
        std::process::exit(1);
    }
}
