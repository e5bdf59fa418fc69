//! `export-refi [DIR] --out OUT`: validates the seeds (default `seeds`) and writes the whole
//! corpus's coding as `OUT/codebook.qdc`, `OUT/project.qdpx` (REFI-QDA) and
//! `OUT/annotations.jsonld` (W3C Web Annotations); see `interop`. Each file is written beside
//! its place and renamed into it, so a failed run leaves no half-written file. Problems go to
//! stderr as `file:line: problem; expected` with exit status 1; a wrong command line exits 2.

use std::path::{Path, PathBuf};

use evidence_core::interop::annotations::annotations_jsonld;
use evidence_core::interop::refi::{codebook_qdc, project_qdpx, Scope};
use evidence_core::interop::FILES;
use evidence_core::seeds::{exit_with_problems, load};

fn write(out: &Path, name: &str, bytes: &[u8]) {
    let path = out.join(name);
    let tmp = out.join(format!("{name}.tmp"));
    if let Err(e) = std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, &path)) {
        let _ = std::fs::remove_file(&tmp);
        eprintln!(
            "{}:1: cannot write: {e}; a writable directory",
            path.display()
        );
        std::process::exit(1);
    }
}

fn main() {
    let mut dir = None;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next(),
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(a),
            _ => {
                out = None.or_else(|| {
                    eprintln!("usage: export-refi [DIR] --out OUT_DIR");
                    std::process::exit(2)
                })
            }
        }
    }
    let Some(out) = out.map(PathBuf::from) else {
        eprintln!("usage: export-refi [DIR] --out OUT_DIR");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir.unwrap_or_else(|| "seeds".into()));
    let corpus = load(&dir).unwrap_or_else(|d| exit_with_problems(&d));
    let scope = Scope::all(&corpus);
    write(&out, FILES[0], codebook_qdc(&corpus, &scope).as_bytes());
    write(&out, FILES[1], &project_qdpx(&corpus, &scope));
    write(
        &out,
        FILES[2],
        annotations_jsonld(&corpus, &scope).as_bytes(),
    );
}
