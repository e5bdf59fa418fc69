//! The tour editor's decisions: where the open tour comes from (and the title a saved file
//! gets), what opening a tour file shows and says, how a tour link's length reads, and how many
//! of a step's further notes are given.

use crate::link::tour::{self, Parts};
use crate::model::Corpus;
use crate::state::{Mode, ViewState};
use crate::workshop::tour_file::TourFile;

/// Where the open tour comes from, and the title a saved file gets. `opened` is the tour file
/// opened last: (file name, its title, the tour value it gave).
pub fn tour_source(
    corpus: &Corpus,
    tour: Option<&str>,
    opened: Option<&(String, String, String)>,
) -> (String, String) {
    let Some(raw) = tour else {
        return (String::new(), String::new());
    };
    if let tour::Source::Named(title) = tour::source(raw, corpus) {
        return (
            format!("Corpus tour “{title}”: its link names it, so the link stays short however long its notes."),
            title,
        );
    }
    let file_title = |file: &String, title: &String| {
        if title.is_empty() {
            file.clone()
        } else {
            title.clone()
        }
    };
    match opened {
        Some((file, title, value)) if value == raw => (
            format!("Tour from the file “{file}”."),
            file_title(file, title),
        ),
        Some((file, title, _)) => (
            format!(
                "Tour from the file “{file}”, changed here: save it again to keep the changes."
            ),
            file_title(file, title),
        ),
        None => (
            "Tour from a link (or made here): it travels whole in its link.".to_string(),
            "Tour".to_string(),
        ),
    }
}

/// What opening the tour file `name` shows: the state at its first step (not presenting; `None`
/// when nothing in it could be used) and the notices, each naming the file. `read` is the file
/// as `tour_file::read` understood it, or why it could not be read.
pub fn opened_file(
    name: &str,
    read: Result<TourFile, String>,
    base: &ViewState,
) -> (TourFile, Option<Box<ViewState>>, Vec<String>) {
    let read = match read {
        Ok(t) => t,
        Err(why) => TourFile {
            notices: vec![format!("{why} Nothing was opened.")],
            ..Default::default()
        },
    };
    let mut notices: Vec<String> = read
        .notices
        .iter()
        .map(|n| format!("Tour file “{name}”: {n}"))
        .collect();
    let next = match tour::step_state(
        &read.tour,
        0,
        &ViewState {
            tour: None,
            ..base.clone()
        },
    ) {
        Some(mut next) => {
            next.mode = Mode::Explore;
            Some(Box::new(next))
        }
        None => {
            if read.notices.is_empty() {
                notices.push(format!(
                    "Tour file “{name}”: it holds no steps. Nothing was opened."
                ));
            }
            None
        }
    };
    (read, next, notices)
}

/// How a tour link's length reads: its length in characters and, when it is too long to open
/// again or for chat tools, what to do instead.
pub fn link_length(link: &str) -> String {
    let chars = link.chars().count();
    format!(
        "Link: {} characters{}",
        chars,
        if link.len() > crate::link::fragment::MAX_FRAGMENT_BYTES {
            " (too long to open again from a link: save the tour as a file)"
        } else if chars > 2000 {
            " (chat tools may cut links over 2,000: save the tour as a file, or shorten the notes)"
        } else {
            ""
        }
    )
}

/// How many of a step's further notes (show, contrast, judgement, question, minutes) are given.
pub fn parts_given(p: &Parts) -> usize {
    [&p.show, &p.contrast, &p.judgement, &p.question]
        .iter()
        .filter(|t| !t.is_empty())
        .count()
        + usize::from(p.minutes.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Route;
    use crate::testkit;
    use crate::workshop::tour_edit::{apply, Edit};

    fn with_tour(c: &Corpus) -> ViewState {
        let s = ViewState {
            route: Route::Matrix,
            ..ViewState::default()
        };
        apply(&s, c, &Edit::AddView("Rows".into())).unwrap()
    }

    #[test]
    fn the_source_names_a_file_a_changed_file_or_a_link() {
        let c = testkit::sample();
        assert_eq!(tour_source(&c, None, None), (String::new(), String::new()));
        let s = with_tour(&c);
        let raw = s.tour.clone().unwrap();
        let (says, title) = tour_source(&c, Some(&raw), None);
        assert!(says.starts_with("Tour from a link"), "{says}");
        assert_eq!(title, "Tour");
        let same = ("a.json".to_string(), "Workshop".to_string(), raw.clone());
        assert_eq!(
            tour_source(&c, Some(&raw), Some(&same)),
            (
                "Tour from the file “a.json”.".to_string(),
                "Workshop".to_string()
            )
        );
        let changed = ("a.json".to_string(), String::new(), "other".to_string());
        let (says, title) = tour_source(&c, Some(&raw), Some(&changed));
        assert!(says.contains("changed here"), "{says}");
        assert_eq!(
            title, "a.json",
            "a file without a title is saved under its name"
        );
    }

    #[test]
    fn opening_a_file_shows_its_first_step_or_says_why_not() {
        let c = testkit::sample();
        let s = with_tour(&c);
        let t = crate::workshop::tour_edit::tour_of(&s, &c);
        let good = TourFile {
            title: "T".into(),
            tour: t,
            notices: vec!["one step was dropped".into()],
        };
        let (read, next, notices) = opened_file("t.json", Ok(good), &ViewState::default());
        assert_eq!(read.title, "T");
        let next = next.expect("the first step");
        assert_eq!(next.mode, Mode::Explore, "opened, not presented");
        assert_eq!(next.step, 0);
        assert_eq!(notices, ["Tour file “t.json”: one step was dropped"]);

        let (_, next, notices) = opened_file("x.json", Err("Too big.".into()), &s);
        assert!(next.is_none());
        assert_eq!(
            notices,
            ["Tour file “x.json”: Too big. Nothing was opened."]
        );

        let (_, next, notices) = opened_file("e.json", Ok(TourFile::default()), &s);
        assert!(next.is_none());
        assert_eq!(
            notices,
            ["Tour file “e.json”: it holds no steps. Nothing was opened."]
        );
    }

    #[test]
    fn a_long_link_says_what_to_do_instead() {
        assert_eq!(link_length("abc"), "Link: 3 characters");
        assert!(link_length(&"a".repeat(2001)).contains("chat tools may cut"));
        let huge = "a".repeat(crate::link::fragment::MAX_FRAGMENT_BYTES + 1);
        assert!(link_length(&huge).contains("too long to open again"));
    }

    #[test]
    fn given_parts_are_counted_with_the_minutes() {
        let mut p = Parts::default();
        assert_eq!(parts_given(&p), 0);
        p.show = "the map".into();
        p.minutes = Some(3);
        assert_eq!(parts_given(&p), 2);
    }
}
