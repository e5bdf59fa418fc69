//! Property tests of the seeds pipeline under strange input: mutated and garbage TOML (the
//! codebook with its sweep files, the agreement files, the papers' metadata, now and then the
//! texts) fed to `seeds::build_corpus`,
//! through the public API only (`read_seed_dir` of the tiny fixture, then `build_corpus`).
//!
//! What must hold for any input: no panic; a failed build returns at least one diagnostic, each
//! with a file, a message and an expectation, and a line inside the file it names.
//!
//! The default run is small (a few hundred cases, part of `cargo test`). The long run is
//! `scripts/fuzz.sh`: `CODEBOOK_CASES` cases or `CODEBOOK_SECONDS` seconds, whichever comes
//! first, in rounds of fresh random seeds, for example
//! `CODEBOOK_CASES=1000000 CODEBOOK_SECONDS=600 cargo test --release -p evidence-core --test codebook_props -- --nocapture`.

mod common;
use common::mutation::{mutate, Mutation};
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use evidence_core::seeds::{build_corpus, read_seed_dir, SeedSet};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

fn tiny() -> &'static SeedSet {
    static S: OnceLock<SeedSet> = OnceLock::new();
    S.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        read_seed_dir(&dir, "seeds").expect("fixture readable")
    })
}

const TOKENS: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "[[category]]",
    "[[evidence]]",
    "[[coding]]",
    "[[dimension]]",
    "[[category.secondary]]",
    "[[series]]",
    "[[mention]]",
    "[corpus]",
    "[vocabulary]",
    "[document]",
    "[[document.note]]",
    "=",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "#",
    ",",
    "{",
    "}",
    ".",
    "id",
    "paper",
    "category",
    "evidence",
    "quotes",
    "quote",
    "date",
    "dimension",
    "kind",
    "place",
    "theatre",
    "series",
    "rationale",
    "no_evidence",
    "skip",
    "line",
    "format",
    "markdown",
    "plain",
    " = \"\"",
    " = []",
    " = [[]]",
    " = 1",
    " = -1",
    " = 0",
    " = 1.5",
    " = true",
    " = inf",
    " = nan",
    " = 1979-05-27T07:32:00Z",
    " = { a = 1 }",
    " = [1, \"a\"]",
    " = [[1, 99999999]]",
    " = [[5, 2]]",
    "\"2020-13-45\"",
    "\"2001/2000\"",
    "\"0000\"",
    "\"99999-01\"",
    "\"a-practical\"",
    "\"alpha\"",
    "\"beta\"",
    "\"context\"",
    "\"analytic\"",
    "\u{0}",
    "\u{FEFF}",
    "é",
    "ō",
    "\u{202E}",
    "\u{301}",
    "𝒳",
    "\\u0000",
    "\\",
    "\\n",
    "99999999999999999999999",
    "-",
    "—",
    "“",
    "”",
    "<sup>1</sup>",
    "¹",
    " ",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<usize>(), 1..12usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        3 => (any::<usize>(), select(TOKENS)).prop_map(|(a, t)| Mutation::Insert(a, t)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), 1..40usize).prop_map(|(a, n)| Mutation::Repeat(a, n)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DropLine),
        3 => (any::<usize>(), select(TOKENS)).prop_map(|(a, t)| Mutation::Value(a, t)),
    ]
}

/// Which file of the seed set a case changes.
#[derive(Debug, Clone, Copy)]
enum Target {
    Codebook(usize),
    Meta(usize),
    Text(usize),
    Agreement(usize),
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        6 => any::<usize>().prop_map(Target::Codebook),
        3 => any::<usize>().prop_map(Target::Meta),
        1 => any::<usize>().prop_map(Target::Text),
        2 => any::<usize>().prop_map(Target::Agreement),
    ]
}

fn file_mut(s: &mut SeedSet, t: Target) -> Option<&mut String> {
    match t {
        Target::Codebook(i) if !s.codebook.is_empty() => {
            let n = s.codebook.len();
            Some(&mut s.codebook[i % n].text)
        }
        Target::Meta(i) if !s.papers.is_empty() => {
            let n = s.papers.len();
            Some(&mut s.papers[i % n].0.text)
        }
        Target::Text(i) if !s.papers.is_empty() => {
            let n = s.papers.len();
            Some(&mut s.papers[i % n].1.text)
        }
        Target::Agreement(i) if !s.agreement.is_empty() => {
            let n = s.agreement.len();
            Some(&mut s.agreement[i % n].text)
        }
        _ => None,
    }
}

/// What must hold for any seed set: no panic (implicit), and a failed build explains itself.
fn check(seeds: &SeedSet) -> Result<(), TestCaseError> {
    let Err(diags) = build_corpus(seeds) else {
        return Ok(());
    };
    prop_assert!(!diags.is_empty(), "a failed build has diagnostics");
    let files: Vec<(&str, usize)> = seeds
        .codebook
        .iter()
        .chain(&seeds.agreement)
        .chain(seeds.papers.iter().flat_map(|(m, t)| [m, t]))
        .map(|f| (f.path.as_str(), f.text.split('\n').count()))
        .collect();
    for d in &diags {
        prop_assert!(!d.file.is_empty(), "{d}");
        prop_assert!(!d.message.trim().is_empty(), "{d}");
        prop_assert!(!d.expected.trim().is_empty(), "{d}");
        if let Some((_, lines)) = files.iter().find(|(p, _)| *p == d.file) {
            prop_assert!(
                (d.line as usize) <= lines + 1,
                "line beyond the file ({lines} lines): {d}"
            );
        }
        prop_assert!(!d.to_string().is_empty());
    }
    Ok(())
}

fn mutated_case() -> impl Strategy<Value = SeedSet> {
    proptest::collection::vec(
        (target(), proptest::collection::vec(mutation(), 1..8)),
        1..4,
    )
    .prop_map(|edits| {
        let mut s = tiny().clone();
        for (t, muts) in edits {
            if let Some(text) = file_mut(&mut s, t) {
                *text = mutate(text, &muts);
            }
        }
        s
    })
}

fn garbage_case() -> impl Strategy<Value = SeedSet> {
    let soup = proptest::collection::vec(select(TOKENS), 0..80).prop_map(|t| t.concat());
    (
        target(),
        prop_oneof![any::<String>(), soup],
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(t, text, drop_codebook, duplicate)| {
            let mut s = tiny().clone();
            if let Some(f) = file_mut(&mut s, t) {
                *f = text;
            }
            if duplicate && !s.codebook.is_empty() {
                let mut copy = s.codebook[0].clone();
                copy.path = format!("{}.copy.toml", copy.path.trim_end_matches(".toml"));
                s.codebook.push(copy);
            }
            if drop_codebook && s.codebook.len() > 1 {
                s.codebook.remove(0);
            }
            s
        })
}

/// Runs `strategy` through `check`: `PROPTEST_CASES` / `default` cases, or in long runs
/// (`CODEBOOK_CASES` or `CODEBOOK_SECONDS` set) rounds of fresh random runners until either limit.
fn run(name: &str, default: u32, strategy: impl Strategy<Value = SeedSet>) {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let long_cases = env("CODEBOOK_CASES");
    let long_secs = env("CODEBOOK_SECONDS");
    let (target_cases, budget) = if long_cases.is_some() || long_secs.is_some() {
        (
            long_cases.unwrap_or(u64::MAX),
            Duration::from_secs(long_secs.unwrap_or(u64::MAX / 4)),
        )
    } else {
        (
            env("PROPTEST_CASES").unwrap_or(default as u64),
            Duration::MAX,
        )
    };
    let start = Instant::now();
    let mut done = 0u64;
    while done < target_cases && start.elapsed() < budget {
        let round = (target_cases - done).min(10_000) as u32;
        let mut runner = TestRunner::new(Config {
            cases: round,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, |s| check(&s)) {
            panic!("{name}: {e}");
        }
        done += round as u64;
    }
    eprintln!(
        "{name}: {done} cases in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}

#[test]
fn mutated_seeds_never_panic_and_explain_failures() {
    run("mutated seeds", 300, mutated_case());
}

#[test]
fn garbage_seed_files_never_panic_and_explain_failures() {
    run("garbage seed files", 200, garbage_case());
}
