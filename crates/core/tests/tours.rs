//! The default tour (`tours/default.toml`) of the tiny corpus and of the real one: it loads,
//! and broken tours fail with exact `file:line` messages.

use std::path::Path;

use evidence_core::seeds::{build_corpus, read_seed_dir};
use evidence_core::tour;
use evidence_core::url;
use evidence_core::view::{Route, Selection};

#[path = "common/seedset.rs"]
mod seedset;
use seedset::{build_errors, tiny};

/// The tiny corpus with `from` replaced by `to` in its tour; the problems of the build.
fn broken(from: &str, to: &str) -> Vec<String> {
    let mut s = tiny();
    let t = s.tour.as_mut().expect("tiny has a tour");
    assert!(t.text.contains(from), "fixture lacks {from:?}");
    t.text = t.text.replacen(from, to, 1);
    match build_corpus(&s) {
        Ok(_) => panic!("expected the build to fail after replacing {from:?}"),
        Err(d) => d.iter().map(|x| x.to_string()).collect(),
    }
}

#[test]
fn the_tiny_tour_loads_and_starts_at_its_first_step() {
    let c = build_corpus(&tiny()).expect("tiny corpus is valid");
    let d = c.default_tour.as_ref().expect("a default tour");
    assert_eq!(d.title, "The lifeboat exercise, twice");
    assert_eq!(d.steps, 3);
    let (t, notes) = tour::decode(&d.payload, &c);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(t.steps.len(), 3);
    assert_eq!(t.steps[1].title, "A signal to the publics");
    // The start link writes `/tour` for the view: the tour holds it already.
    let f = tour::default_tour_fragment(&c).unwrap();
    assert!(f.starts_with("/tour?v=1&present=1&tour=1!v*"), "{f}");
    assert!(!f.contains("&sel="), "the view is written once: {f}");
    let (s, notes) = url::decode(&f, &c);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.route, Route::Matrix);
    assert_eq!(
        s.selection,
        Some(Selection::Column("lifeboat-exercise-2003".into()))
    );
    assert_eq!(url::encode(&s), f, "canonical");
}

#[test]
fn a_corpus_without_a_tour_has_none() {
    let mut s = tiny();
    s.tour = None;
    assert_eq!(build_corpus(&s).unwrap().default_tour, None);
}

#[test]
fn unknown_coding_id() {
    assert_eq!(
        broken(
            "quote = { coding = \"lifeboat-exercise-2003~b-signal\"",
            "quote = { coding = \"lifeboat-exercise-2003~b-signl\""
        ),
        vec!["seeds/tours/default.toml:16: unknown coding `lifeboat-exercise-2003~b-signl` (did you mean `lifeboat-exercise-2003~b-signal`?); a coding id, `<evidence id>~<category id>`"]
    );
}

#[test]
fn quote_not_found() {
    assert_eq!(
        broken("text = \"the pilot course in Eastport\"", "text = \"the pilot course in Westport\""),
        vec!["seeds/tours/default.toml:23: quote not found among the quotes of `pilot-course~a-teacher`; one of the coding's quotes, verbatim, or its beginning"]
    );
}

#[test]
fn backing_quote_not_shown_by_the_step() {
    assert_eq!(
        broken(
            "backing = [{ coding = \"pilot-course~a-teacher\"",
            "backing = [{ coding = \"lifeboat-exercise-2003~a-practical\", text = \"the joint\" }, { coding = \"pilot-course~a-teacher\""
        ),
        vec!["seeds/tours/default.toml:23: backing quote 1 of `lifeboat-exercise-2003~a-practical` is not shown by this step; a quote of the step's quote slide, open quote or selection (what the drill-down lists)"]
    );
}

#[test]
fn bad_view_fragment() {
    let got = broken(
        "sel=cell:a-teacher~pilot-course",
        "sel=cell:a-teacher~pilot-curse&present=1",
    );
    assert_eq!(
        got,
        vec![
            "seeds/tours/default.toml:22: bad view: ignored sel \"pilot-curse\": no such evidence item; a fragment of the app's own links, such as \"#/matrix?v=1&paper=…\"",
            "seeds/tours/default.toml:22: view has `present=`, which belongs to the presentation; a view without mode, tour, step, theme or cv",
        ]
    );
}

#[test]
fn too_many_steps() {
    let mut s = tiny();
    let t = s.tour.as_mut().unwrap();
    let step = t.text[t.text.find("[[step]]").unwrap()..].to_string();
    t.text.push('\n');
    t.text.push_str(&step.repeat(5));
    let d = build_errors(&s);
    assert_eq!(
        d,
        vec!["seeds/tours/default.toml:4: the tour has 18 steps; 3 to 15 [[step]] tables"]
    );
}

#[test]
fn missing_fields_and_unknown_keys_are_all_reported() {
    let got = broken(
        "title = \"The pilot course\"\n",
        "titel = \"The pilot course\"\n",
    );
    assert_eq!(
        got,
        vec![
            "seeds/tours/default.toml:19: missing field `title` in step; `title = \"…\"`",
            "seeds/tours/default.toml:20: unknown field `titel` in step (did you mean `title`?); only: title, note, view, quote, backing",
        ]
    );
}

#[test]
fn the_real_tour_loads_with_10_to_15_steps_and_a_short_link() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let s = read_seed_dir(&dir, "seeds").unwrap();
    if s.tour.is_none() {
        return;
    }
    let c = build_corpus(&s).unwrap_or_else(|d| {
        panic!(
            "{}",
            d.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let d = c.default_tour.as_ref().unwrap();
    assert!((10..=15).contains(&d.steps), "{} steps", d.steps);
    let f = tour::default_tour_fragment(&c).unwrap();
    assert!(f.chars().count() < 2000, "{} chars", f.chars().count());
}
