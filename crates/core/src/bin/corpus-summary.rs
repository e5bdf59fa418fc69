//! `corpus-summary [DIR]`: validates the seeds and writes `corpus-summary.json` (see `summary`)
//! to stdout. Exit status and messages as `export-csv`.

use std::io::Write;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let corpus = evidence_core::seeds::read_seed_dir(&dir, &prefix)
        .map_err(|e| {
            vec![format!(
                "{prefix}:1: cannot read the seeds directory: {e}; a readable directory"
            )]
        })
        .and_then(|s| {
            evidence_core::seeds::build_corpus(&s)
                .map_err(|d| d.iter().map(|x| x.to_string()).collect())
        });
    match corpus {
        Ok(c) => {
            let json = evidence_core::summary::CorpusSummary::of(&c).to_json();
            if writeln!(std::io::stdout(), "{json}").is_err() {
                std::process::exit(1);
            }
        }
        Err(lines) => {
            for l in lines {
                eprintln!("{l}");
            }
            std::process::exit(1);
        }
    }
}
