//! The only I/O of the core: reading a seeds directory into a `SeedSet`.

use super::SeedFile;
use super::SeedSet;
use crate::Diagnostic;

/// Reads a seeds directory: `<dir>/*.txt` papers with a `.toml` beside each,
/// `<dir>/codebook/*.toml` (with the sweep files), `<dir>/agreement/**.toml` (one level down), and the hash of
/// every file under `<dir>`. Display paths start with `display_prefix` (for example `seeds`).
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
    set.codebook = toml_files(&cb_dir, &format!("{display_prefix}/codebook"))?;
    set.agreement = agreement_files(
        &dir.join("agreement"),
        &format!("{display_prefix}/agreement"),
    )?;
    set.tours = toml_files(&dir.join("tours"), &format!("{display_prefix}/tours"))?;
    set.hash = super::hash::tree_hash(&all_files(dir)?);
    if !cb_dir.is_dir() {
        set.problems.push(Diagnostic::new(
            format!("{display_prefix}/codebook"),
            1,
            "no codebook directory",
            "a directory codebook/ with one or more .toml files",
        ));
    }
    Ok(set)
}

/// The `.toml` files of `dir` (none when it does not exist), sorted by name, with display
/// paths under `display`.
pub(super) fn toml_files(dir: &std::path::Path, display: &str) -> std::io::Result<Vec<SeedFile>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            Ok(SeedFile {
                text: std::fs::read_to_string(dir.join(&name))?,
                path: format!("{display}/{name}"),
            })
        })
        .collect()
}

/// The agreement study's `.toml` files: those of `dir` and of its subdirectories (`coder1/`,
/// `coder2/`), sorted by path.
fn agreement_files(dir: &std::path::Path, display: &str) -> std::io::Result<Vec<SeedFile>> {
    let mut out = toml_files(dir, display)?;
    if dir.is_dir() {
        let mut subs: Vec<String> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.'))
            .collect();
        subs.sort();
        for sub in subs {
            out.extend(toml_files(&dir.join(&sub), &format!("{display}/{sub}"))?);
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Every file under `dir` (hidden ones excepted) as (relative path with `/`, bytes), sorted
/// by path.
pub(super) fn all_files(dir: &std::path::Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, rel)) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if e.file_type()?.is_dir() {
                stack.push((e.path(), path));
            } else {
                out.push((path, std::fs::read(e.path())?));
            }
        }
    }
    out.sort();
    Ok(out)
}
