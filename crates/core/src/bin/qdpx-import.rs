//! `qdpx-import IN OUT_DIR [--evidence CODE] [--categories CODE...]`: reads a REFI-QDA project
//! (`.qdpx`) into a seeds folder OUT_DIR that builds (papers `.txt` + `.toml`, `codebook/`), or
//! a codebook alone (`.qdc`) into `OUT_DIR/categories.toml`; see `interop::import`. Prints
//! what it could not carry or fill. On any problem it prints every one as
//! `file:line: problem; expected`, exits 1 and writes nothing (the folder is written under a
//! temporary name beside OUT_DIR and renamed at the end). OUT_DIR must not exist. A wrong
//! command line exits 2.

use std::io::Write;
use std::path::{Path, PathBuf};

use evidence_core::interop::import::{import_qdc, import_qdpx, Options};
use evidence_core::seeds::exit_with_problems;
use evidence_core::Diagnostic;

const USAGE: &str =
    "usage: qdpx-import IN.qdpx|IN.qdc OUT_DIR [--evidence CODE] [--categories CODE...]";

fn fail(path: &Path, what: String, expected: &str) -> ! {
    exit_with_problems(&[Diagnostic::new(
        path.display().to_string(),
        1,
        what,
        expected,
    )])
}

fn main() {
    let mut pos = Vec::new();
    let mut opts = Options::default();
    let mut args = std::env::args().skip(1).peekable();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--evidence" => opts.evidence = args.next(),
            "--categories" => {
                while let Some(c) = args.next_if(|x| !x.starts_with("--")) {
                    opts.categories.push(c);
                }
            }
            _ if !a.starts_with("--") => pos.push(a),
            _ => {
                eprintln!("{USAGE}");
                std::process::exit(2);
            }
        }
    }
    let [input, out] = <[String; 2]>::try_from(pos).unwrap_or_else(|_| {
        eprintln!("{USAGE}");
        std::process::exit(2)
    });
    let (input, out) = (PathBuf::from(input), PathBuf::from(out));
    if out.exists() {
        fail(
            &out,
            "already exists".into(),
            "a new folder (the import never writes into an existing one)",
        );
    }
    let bytes = std::fs::read(&input).unwrap_or_else(|e| {
        fail(
            &input,
            format!("cannot read: {e}"),
            "a readable .qdpx or .qdc file",
        )
    });
    let name = input.display().to_string();
    let qdc = input
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdc"));
    let imported = if qdc {
        import_qdc(&name, &bytes)
    } else {
        import_qdpx(&name, &bytes, &opts)
    }
    .unwrap_or_else(|d| exit_with_problems(&d));
    let tmp = out.with_file_name(format!(
        ".{}.importing",
        out.file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()
    ));
    let _ = std::fs::remove_dir_all(&tmp);
    let written = imported.files.iter().try_for_each(|(rel, text)| {
        let path = tmp.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(&tmp))?;
        std::fs::write(path, text)
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, &out)) {
        let _ = std::fs::remove_dir_all(&tmp);
        fail(
            &out,
            format!("cannot write: {e}"),
            "a writable place for the new folder",
        );
    }
    // A closed pipe (`| head`) ends the report quietly.
    let mut stdout = std::io::stdout().lock();
    let mut lines = vec![format!(
        "wrote {} ({} files)",
        out.display(),
        imported.files.len()
    )];
    if imported.report.is_empty() {
        lines.push("everything was carried".into());
    }
    lines.extend(imported.report.iter().cloned());
    for line in lines {
        if writeln!(stdout, "qdpx-import: {line}").is_err() {
            break;
        }
    }
}
