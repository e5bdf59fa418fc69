//! `seeds-check [DIR]`: validates a seeds directory and lists every problem as
//! `file:line: problem; expected`. Exits 1 when there are problems; prints counts otherwise.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    let seeds = match evidence_core::seeds::read_seed_dir(&dir, &prefix) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{prefix}:0: cannot read the seeds directory: {e}; a readable directory");
            std::process::exit(2);
        }
    };
    match evidence_core::seeds::build_corpus(&seeds) {
        Ok(c) => {
            let quotes: usize = c.codings.iter().map(|k| k.quotes.len()).sum();
            println!(
                "ok: {} papers, {} dimensions, {} categories, {} evidence items, {} codings, {} quotes",
                c.papers.len(),
                c.dimensions.len(),
                c.categories.len(),
                c.evidence.len(),
                c.codings.len(),
                quotes
            );
            for p in &c.papers {
                let n = c
                    .categories
                    .iter()
                    .filter(|k| c.papers[k.paper].id == p.id)
                    .count();
                let paras = p
                    .doc
                    .blocks
                    .iter()
                    .filter(|b| b.kind == evidence_core::BlockKind::Paragraph)
                    .count();
                println!(
                    "  {}: {} categories, {} sections, {} paragraphs, {} footnotes",
                    p.id,
                    n,
                    p.doc.sections.len(),
                    paras,
                    p.doc.footnotes.len()
                );
            }
        }
        Err(diags) => {
            for d in &diags {
                println!("{d}");
            }
            eprintln!("{} problems", diags.len());
            std::process::exit(1);
        }
    }
}
