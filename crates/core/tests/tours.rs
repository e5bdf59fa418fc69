//! The named tours (`tours/<name>.toml`) of the tiny corpus and of the real one: they load,
//! links name them, and broken tours (the tiny tour edited, and the fixtures in
//! `tests/fixtures/tours/`) fail with exact `file:line` messages.

use std::path::Path;

use evidence_core::link::tour;
use evidence_core::link::url;
use evidence_core::seeds::{build_corpus, read_seed_dir, SeedFile};
use evidence_core::state::{Route, Selection};

#[path = "common/seedset.rs"]
mod seedset;
use seedset::{build_errors, tiny};

/// The tiny corpus with `from` replaced by `to` in its tour; the problems of the build.
fn broken(from: &str, to: &str) -> Vec<String> {
    let mut s = tiny();
    let t = s.tours.first_mut().expect("tiny has a tour");
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
    let d = c.default_tour().expect("a default tour");
    assert_eq!(d.title, "The lifeboat exercise, twice");
    assert_eq!((d.name.as_str(), d.steps, d.minutes), ("default", 3, 6));
    assert_eq!(d.hash.len(), 8);
    let (t, notes) = tour::decode(&d.payload, &c);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(t.steps.len(), 3);
    assert_eq!(t.steps[1].title, "A signal to the publics");
    let p = &t.steps[0].parts;
    assert_eq!(
        t.steps[0].note,
        "Both papers cite the 2003 lifeboat exercise."
    );
    assert_eq!(p.question, "Is a drill practice or a message?");
    assert_eq!(
        p.judgement,
        "The coder filed Beta's sentence as a signal, not as practice."
    );
    assert_eq!(p.minutes, Some(2));
    assert_eq!(t.steps[1].parts.judgement, "", "judgement is optional");
    // The start link names the tour and writes `/tour` for the view.
    let f = url::default_tour_fragment(&c).unwrap();
    assert_eq!(
        f,
        format!("/tour?v=1&present=1&tour=@default.{}", d.hash),
        "short: the tour travels by name"
    );
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
fn a_named_tour_link_opens_at_its_step_and_steps_keep_the_name() {
    let c = build_corpus(&tiny()).unwrap();
    let d = c.default_tour().unwrap();
    let link = format!("/tour?v=1&present=1&tour=@default.{}&step=2", d.hash);
    let (s, notes) = url::decode(&link, &c);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(s.step, 2);
    assert_eq!(
        s.selection,
        Some(Selection::Cell {
            row: evidence_core::state::RowKey::Category("a-teacher".into()),
            evidence: "pilot-course".into()
        })
    );
    assert_eq!(url::encode(&s), link);
    // Moving to another step keeps the link short: the tour is still named.
    let (t, _) = tour::decode(s.tour.as_deref().unwrap(), &c);
    let back = tour::step_state(&t, 0, &s).unwrap();
    assert_eq!(
        back.tour.as_deref(),
        Some(format!("@default.{}", d.hash).as_str())
    );
    assert_eq!(
        url::encode(&back),
        format!("/tour?v=1&present=1&tour=@default.{}", d.hash)
    );
    // Without a hash (typed by hand) it opens too, and the link gets the hash.
    let (s, notes) = url::decode("/tour?v=1&present=1&tour=@default&step=1", &c);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(
        s.tour.as_deref(),
        Some(format!("@default.{}", d.hash).as_str())
    );
    // An edited copy is a whole tour again.
    let edited = evidence_core::workshop::tour_edit::apply(
        &s,
        &c,
        &evidence_core::workshop::tour_edit::Edit::Title(0, "Mine".into()),
    )
    .unwrap();
    assert!(!edited.tour.as_deref().unwrap().starts_with('@'));
    assert_eq!(
        tour::source(edited.tour.as_deref().unwrap(), &c),
        tour::Source::Link
    );
    assert_eq!(
        tour::source(s.tour.as_deref().unwrap(), &c),
        tour::Source::Named(d.title.clone())
    );
}

#[test]
fn a_changed_or_missing_named_tour_opens_with_a_notice() {
    let c = build_corpus(&tiny()).unwrap();
    let d = c.default_tour().unwrap();
    // Changed since the link was made: opens at the step with a notice.
    let (s, notes) = url::decode("/tour?v=1&present=1&tour=@default.00000000&step=1", &c);
    let text: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        text,
        vec![format!(
            "tour \"@default\": \"{}\" has changed since the link was made: its current version is shown",
            d.title
        )]
    );
    assert_eq!(s.step, 1);
    assert_eq!(
        s.quote.as_ref().map(|q| q.coding.as_str()),
        Some("lifeboat-exercise-2003~b-signal")
    );
    assert_eq!(
        s.tour.as_deref(),
        Some(format!("@default.{}", d.hash).as_str())
    );
    // A step the changed tour no longer has: the last one, with a notice.
    let (s, notes) = url::decode("/tour?v=1&present=1&tour=@default.00000000&step=9", &c);
    assert_eq!(s.step, 2);
    assert_eq!(notes.len(), 2, "{notes:?}");
    // Gone: the start page, saying why.
    let (s, notes) = url::decode("/tour?v=1&present=1&tour=@gone.12345678&step=1", &c);
    let text: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        text,
        vec![
            "ignored tour \"@gone\": no tour of this name in this corpus (this corpus's tours are default)".to_string(),
            "ignored tour \"@gone.12345678\": no usable step".to_string(),
            "ignored route \"/tour\": no tour step to show, the start page is shown".to_string(),
        ]
    );
    assert_eq!((s.route, s.tour), (Route::Home, None));
}

#[test]
fn a_corpus_without_a_tour_has_none() {
    let mut s = tiny();
    s.tours.clear();
    let c = build_corpus(&s).unwrap();
    assert!(c.tours.is_empty());
    assert_eq!(c.default_tour(), None);
}

/// The tiny corpus with one more tour file, `seeds/tours/<name>`, read from
/// `tests/fixtures/tours/<name>`; the problems of the build.
fn with_fixture_tour(name: &str) -> Vec<String> {
    let mut s = tiny();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tours")
        .join(name);
    s.tours.push(SeedFile {
        text: std::fs::read_to_string(path).unwrap(),
        path: format!("seeds/tours/{name}"),
    });
    build_errors(&s)
}

#[test]
fn a_tour_that_leaves_a_category_out_fails() {
    assert_eq!(
        with_fixture_tour("leaves-out.toml"),
        vec![
            "seeds/tours/leaves-out.toml:4: analytic category `a-teacher` (The Northern Council as a teacher) is neither shown nor named by a step; every analytic category shown by a step (a quote of its codings, or its row selected) or listed in a step's `names`, since `covers_all = true`",
            "seeds/tours/leaves-out.toml:4: analytic category `b-partnership` (Training as partnership) is neither shown nor named by a step; every analytic category shown by a step (a quote of its codings, or its row selected) or listed in a step's `names`, since `covers_all = true`",
            "seeds/tours/leaves-out.toml:5: the steps' minutes add up to 5; 10 to 20 minutes, as the tour's `minutes` says",
        ]
    );
}

#[test]
fn a_tour_that_names_an_unknown_category_fails() {
    assert_eq!(
        with_fixture_tour("names-unknown.toml"),
        vec![
            "seeds/tours/names-unknown.toml:13: missing field `minutes` in step; `minutes = N`: the minutes planned for the step",
            "seeds/tours/names-unknown.toml:13: missing field `question` in step; `question = \"…\"`",
            "seeds/tours/names-unknown.toml:25: unknown category `b-partnershp` in `names` (did you mean `b-partnership`?); the id of a category of the codebook",
        ]
    );
}

#[test]
fn tour_names_must_fit_a_link() {
    let mut s = tiny();
    let mut t = s.tours[0].clone();
    t.path = "seeds/tours/My Tour.toml".into();
    s.tours.push(t);
    assert_eq!(
        build_errors(&s),
        vec!["seeds/tours/My Tour.toml:1: tour file name `My Tour` cannot be a tour's name in a link; a name of lowercase letters, digits and `-`, such as `default.toml`"]
    );
}

#[test]
fn minutes_and_the_range_are_checked() {
    assert_eq!(
        broken("minutes = [5, 8]", "minutes = [8, 5]"),
        vec!["seeds/tours/default.toml:4: tour `minutes` is [8, 5]; `minutes = [least, most]`, two whole minutes, least at most most"]
    );
    assert_eq!(
        broken("minutes = [5, 8]", "minutes = [7, 8]"),
        vec!["seeds/tours/default.toml:4: the steps' minutes add up to 6; 7 to 8 minutes, as the tour's `minutes` says"]
    );
    assert_eq!(
        broken("minutes = 2\npoint = \"Beta", "minutes = 0\npoint = \"Beta"),
        vec!["seeds/tours/default.toml:23: step `minutes` is 0; whole minutes from 1 to 60"]
    );
    assert_eq!(
        broken("names = [\"b-partnership\"]\n", ""),
        vec!["seeds/tours/default.toml:3: analytic category `b-partnership` (Training as partnership) is neither shown nor named by a step; every analytic category shown by a step (a quote of its codings, or its row selected) or listed in a step's `names`, since `covers_all = true`"]
    );
}

#[test]
fn unknown_coding_id() {
    assert_eq!(
        broken(
            "quote = { coding = \"lifeboat-exercise-2003~b-signal\"",
            "quote = { coding = \"lifeboat-exercise-2003~b-signl\""
        ),
        vec!["seeds/tours/default.toml:22: unknown coding `lifeboat-exercise-2003~b-signl` (did you mean `lifeboat-exercise-2003~b-signal`?); a coding id, `<evidence id>~<category id>`"]
    );
}

#[test]
fn quote_not_found() {
    assert_eq!(
        broken("text = \"the pilot course in Eastport\"", "text = \"the pilot course in Westport\""),
        vec!["seeds/tours/default.toml:39: quote not found among the quotes of `pilot-course~a-teacher`; one of the coding's quotes, verbatim, or its beginning"]
    );
}

#[test]
fn backing_quote_not_shown_by_the_step() {
    assert_eq!(
        broken(
            "backing = [{ coding = \"pilot-course~a-teacher\"",
            "backing = [{ coding = \"lifeboat-exercise-2003~a-practical\", text = \"the joint\" }, { coding = \"pilot-course~a-teacher\""
        ),
        vec!["seeds/tours/default.toml:39: backing quote 1 of `lifeboat-exercise-2003~a-practical` is not shown by this step; a quote of the step's quote slide, open quote or selection (what the drill-down lists)"]
    );
}

#[test]
fn a_page_without_quotes_needs_no_backing_and_a_selection_does() {
    // The methods page and the overview show no quote: a step there speaks of the page.
    let mut s = tiny();
    let t = s.tours.first_mut().unwrap();
    let from = "view = \"#/matrix?v=1&sel=cell:a-teacher~pilot-course\"";
    assert!(t.text.contains(from));
    t.text = t.text.replacen(from, "view = \"#/about\"", 1).replacen(
        "backing = [{ coding = \"pilot-course~a-teacher\", text = \"the pilot course in Eastport\" }]\n",
        "",
        1,
    );
    t.text = t.text.replacen(
        "names = [\"b-partnership\"]",
        "names = [\"b-partnership\", \"a-teacher\"]",
        1,
    );
    build_corpus(&s).unwrap_or_else(|d| panic!("{d:?}"));
    // A view with a selection shows quotes, so it must cite them.
    assert_eq!(
        broken(
            "backing = [{ coding = \"pilot-course~a-teacher\", text = \"the pilot course in Eastport\" }]\n",
            ""
        ),
        vec!["seeds/tours/default.toml:30: missing field `backing` in step; `backing = [{ coding = \"…\", text = \"…\" }]`: the quotes behind the note (only a view that shows no quote, such as `#/about` or `#/overview`, goes without)"]
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
            "seeds/tours/default.toml:32: bad view: ignored sel \"pilot-curse\": no such evidence item; a fragment of the app's own links, such as \"#/matrix?v=1&paper=…\"",
            "seeds/tours/default.toml:32: view has `present=`, which belongs to the presentation; a view without mode, tour, step, theme or cv",
        ]
    );
}

#[test]
fn too_many_steps() {
    let mut s = tiny();
    let t = s.tours.first_mut().unwrap();
    let step = t.text[t.text.find("[[step]]").unwrap()..].to_string();
    t.text.push('\n');
    t.text.push_str(&step.repeat(5));
    let d = build_errors(&s);
    assert_eq!(
        d,
        vec![
            "seeds/tours/default.toml:4: the steps' minutes add up to 36; 5 to 8 minutes, as the tour's `minutes` says",
            "seeds/tours/default.toml:6: the tour has 18 steps; 3 to 15 [[step]] tables",
        ]
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
            "seeds/tours/default.toml:30: missing field `title` in step; `title = \"…\"`",
            "seeds/tours/default.toml:31: unknown field `titel` in step (did you mean `title`?); only: title, view, quote, minutes, point, show, contrast, judgement, question, names, backing",
        ]
    );
}

#[test]
fn the_real_tours_load_and_travel_by_name() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let s = read_seed_dir(&dir, "seeds").unwrap();
    if s.tours.is_empty() {
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
    assert_eq!(c.tours.len(), s.tours.len());
    for d in &c.tours {
        let f = url::named_tour_fragment(d, &c).unwrap();
        assert!(f.chars().count() < 100, "{} chars: {f}", f.chars().count());
        let (t, notes) = tour::decode(&tour::named_ref(d), &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(t.steps.len(), d.steps);
        assert!(t
            .steps
            .iter()
            .all(|s| s.parts.minutes.is_some() && !s.parts.question.is_empty()));
    }
    assert!(c.default_tour().is_some());
}

/// The lengths the README reports (`cargo test -p evidence-core --test tours link_lengths --
/// --nocapture`): the link to the named default tour, and a 15-step editor tour with
/// 300-character notes (its views the real tour's, its notes distinct passages of the papers'
/// text, so they compress as prose does), compressed and not.
#[test]
fn link_lengths() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let s = read_seed_dir(&dir, "seeds").unwrap();
    let Ok(c) = build_corpus(&s) else { return };
    let Some(d) = c.default_tour() else { return };
    let named = url::default_tour_fragment(&c).unwrap();
    println!(
        "named default tour: {} characters: #{named}",
        named.chars().count()
    );
    let (t, _) = tour::decode(&d.payload, &c);
    let prose: Vec<char> = s
        .papers
        .iter()
        .flat_map(|(_, txt)| {
            txt.text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .collect::<Vec<_>>()
        })
        .collect();
    let note = |i: usize| -> String { prose.iter().skip(2000 + i * 997).take(300).collect() };
    let steps: Vec<tour::Step> = (0..15)
        .map(|i| {
            let s = &t.steps[i % t.steps.len()];
            tour::Step {
                title: format!("{} ({})", s.title, i + 1),
                note: note(i),
                parts: tour::Parts::default(),
                kind: s.kind.clone(),
            }
        })
        .collect();
    let editor = tour::Tour { steps };
    let with_parts = tour::Tour {
        steps: editor
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| tour::Step {
                parts: tour::Parts {
                    show: note(i + 20).chars().take(120).collect(),
                    contrast: note(i + 40),
                    judgement: String::new(),
                    question: note(i + 60).chars().take(100).collect(),
                    minutes: Some(2),
                },
                ..s.clone()
            })
            .collect(),
    };
    for (what, t) in [
        ("notes of 300 characters", &editor),
        ("and show, contrast, question", &with_parts),
    ] {
        let link = |payload: String| {
            let base = evidence_core::state::ViewState::default();
            let st = tour::step_state(t, 0, &base).unwrap();
            url::encode(&evidence_core::state::ViewState {
                tour: Some(payload),
                ..st
            })
            .chars()
            .count()
        };
        let plain = tour::encode_plain(t);
        let packed = tour::compress(&plain);
        println!(
            "15-step editor tour, {what}: link {} characters plain, {} compressed",
            link(plain.clone()),
            link(packed.clone())
        );
        assert!(packed.len() < plain.len(), "compression pays for prose");
        let (back, notes) = tour::decode(&packed, &c);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(&back, t);
    }
}
