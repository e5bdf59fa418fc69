//! `draft-sweep DIR PAPER_ID`: drafts the sweep file of one paper (see `seeds::draft`) on
//! stdout, from its cleaned text; the codebook need not be valid (a new paper has no sweep
//! yet). Problems with the papers go to stderr as `file:line: problem; expected` with exit
//! status 1; a wrong command line exits with 2.
//!
//! For example: `cargo run -p evidence-core --bin draft-sweep -- seeds my-paper >
//! seeds/codebook/sweep-my-paper.toml`

use std::path::PathBuf;

use evidence_core::seeds::{draft_sweep, exit_with_problems, load_papers};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, id] = args.as_slice() else {
        eprintln!("usage: draft-sweep DIR PAPER_ID   (for example: draft-sweep seeds my-paper)");
        std::process::exit(2);
    };
    let papers = load_papers(&PathBuf::from(dir)).unwrap_or_else(|d| exit_with_problems(&d));
    let Some(paper) = papers.iter().find(|p| &p.id == id) else {
        let ids: Vec<&str> = papers.iter().map(|p| p.id.as_str()).collect();
        eprintln!("{dir}:1: no paper `{id}`; one of: {}", ids.join(", "));
        std::process::exit(1);
    };
    print!("{}", draft_sweep(paper));
}
