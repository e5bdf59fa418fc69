//! `text-fold quote|search`: reads texts separated by NUL bytes on stdin and writes each folded
//! as the explorer folds it (`text::quote_fold` for matching quotes, `text::search_fold` for
//! search), NUL-separated, to stdout. The end-to-end tests compare texts through it, so they
//! fold exactly as the core does.

use std::io::{Read, Write};

fn main() {
    let fold: fn(&str) -> String = match std::env::args().nth(1).as_deref() {
        Some("quote") => |t| evidence_core::text::quote_fold(t).text,
        Some("search") => evidence_core::text::search_key,
        _ => {
            eprintln!("text-fold: usage: text-fold quote|search (texts on stdin, NUL-separated)");
            std::process::exit(2);
        }
    };
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        eprintln!("text-fold: stdin is not UTF-8 text; NUL-separated UTF-8 texts");
        std::process::exit(1);
    }
    let folded: Vec<String> = input.split('\0').map(fold).collect();
    if std::io::stdout()
        .write_all(folded.join("\0").as_bytes())
        .is_err()
    {
        std::process::exit(1);
    }
}
