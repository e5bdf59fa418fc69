//! The only I/O of the core: reading a seeds directory into a `SeedSet`.

use super::SeedFile;
use super::SeedSet;
use crate::Diagnostic;

/// Reads a seeds directory: `<dir>/*.txt` papers with a `.toml` beside each, and
/// `<dir>/codebook/*.toml`. Display paths start with `display_prefix` (for example `seeds`).
pub fn read_seed_dir(dir: &std::path::Path, display_prefix: &str) -> std::io::Result<SeedSet> {
    let mut set = SeedSet {
        root: display_prefix.to_string(),
        ..SeedSet::default()
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let display = |name: &str| format!("{display_prefix}/{name}");
    for name in &names {
        if let Some(stem) = name.strip_suffix(".txt") {
            let meta_name = format!("{stem}.toml");
            if names.contains(&meta_name) {
                let meta = std::fs::read_to_string(dir.join(&meta_name))?;
                let text = std::fs::read_to_string(dir.join(name))?;
                set.papers.push((
                    SeedFile {
                        path: display(&meta_name),
                        text: meta,
                    },
                    SeedFile {
                        path: display(name),
                        text,
                    },
                ));
            } else {
                set.problems.push(Diagnostic::new(
                    display(name),
                    1,
                    "paper text has no metadata file",
                    format!(
                        "a file {} beside it (see README, Adding a corpus)",
                        display(&meta_name)
                    ),
                ));
            }
        } else if let Some(stem) = name.strip_suffix(".toml") {
            if !names.contains(&format!("{stem}.txt")) {
                set.problems.push(Diagnostic::new(
                    display(name),
                    1,
                    "paper metadata has no text file",
                    format!("a file {}/{stem}.txt beside it", display_prefix),
                ));
            }
        }
    }
    let cb_dir = dir.join("codebook");
    if cb_dir.is_dir() {
        let mut cb: Vec<String> = std::fs::read_dir(&cb_dir)?
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        cb.sort();
        for name in cb {
            let text = std::fs::read_to_string(cb_dir.join(&name))?;
            set.codebook.push(SeedFile {
                path: format!("{display_prefix}/codebook/{name}"),
                text,
            });
        }
    } else {
        set.problems.push(Diagnostic::new(
            format!("{display_prefix}/codebook"),
            1,
            "no codebook directory",
            "a directory codebook/ with one or more .toml files",
        ));
    }
    Ok(set)
}
