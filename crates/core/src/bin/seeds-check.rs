//! `seeds-check [DIR]`: validates a seeds directory (default `seeds`). Problems go to stderr
//! as `file:line: problem; expected` with exit status 1; a valid corpus prints its counts on
//! stdout.

use std::path::PathBuf;

use evidence_core::seeds::{exit_with_problems, load};
use evidence_core::BlockKind;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "seeds".into()));
    let c = load(&dir).unwrap_or_else(|d| exit_with_problems(&d));
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
    for (i, p) in c.papers.iter().enumerate() {
        let n = c.categories.iter().filter(|k| k.paper == i).count();
        let paras = p
            .doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
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
