//! Printed handouts: which pages a handout has (the current view, or one per step of the tour)
//! and which quotes a page lists.

use crate::link::tour;
use crate::model::Corpus;
use crate::query::filter::FilterIndex;
use crate::query::matrix::selection_codings;
use crate::share::labels::page_title;
use crate::state::{quote_route, Route, ViewState};

/// One page of a handout.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's title: the step's, or the view's.
    pub title: String,
    /// The speaker note's point ("" for none).
    pub note: String,
    /// The other parts of the speaker notes.
    pub parts: tour::Parts,
    /// The view the page prints, and whose link it carries.
    pub state: ViewState,
}

/// The pages of a handout and the heading over them. With `whole` and a tour in `state`: one
/// page per step, under the tour's title (the default tour's, else the corpus's). Each page
/// holds its step's view on its own (`tour::normalise_view`, every mark revealed), so its
/// printed link and QR code open that view, short enough to scan from paper; a step's link
/// inside the tour would carry the whole tour (up to 2,000 characters, too dense for a QR
/// code on a page). Otherwise one page: the current view as it is, its link the address bar's.
/// `tour` is the state's tour, decoded (`tour::Memo`).
pub fn pages(
    corpus: &Corpus,
    state: &ViewState,
    tour: Option<&tour::Tour>,
    whole: bool,
) -> (String, Vec<Page>) {
    let heading = corpus.about.title.clone();
    if let (Some(payload), Some(t)) = (state.tour.as_deref().filter(|_| whole), tour) {
        let pages: Vec<Page> = (0..t.steps.len())
            .filter_map(|i| {
                Some(Page {
                    title: t.steps[i].title.clone(),
                    note: t.steps[i].note.clone(),
                    parts: t.steps[i].parts.clone(),
                    state: printable(corpus, t, i, state)?,
                })
            })
            .collect();
        if !pages.is_empty() {
            let heading = match tour::source(payload, corpus) {
                tour::Source::Named(title) => title,
                tour::Source::Link => corpus
                    .tours
                    .iter()
                    .find(|d| tour::encode_plain(t) == d.payload)
                    .map_or(heading, |d| d.title.clone()),
            };
            return (heading, pages);
        }
    }
    let page = Page {
        title: page_title(corpus, state),
        note: String::new(),
        parts: tour::Parts::default(),
        state: state.clone(),
    };
    (heading, vec![page])
}

/// A step as printed: its view on its own (no tour, not presenting), every mark revealed; a
/// quote slide as the reader at its quote (the link opens the quote highlighted in its paper).
fn printable(corpus: &Corpus, t: &tour::Tour, i: usize, base: &ViewState) -> Option<ViewState> {
    let view = tour::step_state(t, i, base)?;
    let route = match &t.steps[i].kind {
        tour::StepKind::Quote(q) => quote_route(corpus, q).unwrap_or(view.route.clone()),
        tour::StepKind::View(_) => view.route.clone(),
    };
    Some(ViewState {
        route,
        reveal: None,
        ..tour::normalise_view(&view)
    })
}

/// Whether a page address (`location.href` without its fragment) opens only on the computer
/// it was made on: a file (`file://`) or a loopback host (`localhost`, `127.x.x.x`, `[::1]`).
/// A handout printed from there needs the participants' address.
pub fn is_local_page(base: &str) -> bool {
    let lower = base.trim().to_ascii_lowercase();
    if lower.starts_with("file:") {
        return true;
    }
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host.strip_prefix("127.").is_some_and(|r| {
            let parts: Vec<&str> = r.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok())
        })
}

/// What printed links start with: the participants' address when one is given, else this
/// page's own address.
pub fn link_base<'a>(page_base: &'a str, open_at: Option<&'a str>) -> &'a str {
    open_at.unwrap_or(page_base)
}

/// The warning of a handout whose links would open nowhere but here (`is_local_page` and no
/// participants' address), with what to do; `None` when its links can reach participants.
pub fn address_warning(page_base: &str, open_at: Option<&str>) -> Option<String> {
    if open_at.is_some() || !is_local_page(page_base) {
        return None;
    }
    let here = if page_base.trim().to_ascii_lowercase().starts_with("file:") {
        "a file on this computer"
    } else {
        "this computer only (a local address)"
    };
    Some(format!(
        "The links and QR codes would open {here}, so they will not work on participants' \
         phones. Put a copy of explorer.html where they can open it (a web server or shared \
         site), and give its address in \"Participants open the explorer at\" before printing."
    ))
}

/// Most quotes one handout page lists (the rest are counted), so a step fits one page.
pub const MAX_QUOTES: usize = 6;

/// The quotes a view shows, as (coding index, quote index) pairs, at most `MAX_QUOTES`, and how
/// many there are in all: the open quote; else the quotes behind the matrix selection; else, on
/// an evidence page, every quote citing that evidence. Nothing for other views. A passage that
/// supports several codings of one paper is listed once.
pub fn view_quotes(
    corpus: &Corpus,
    index: &FilterIndex,
    state: &ViewState,
) -> (Vec<(usize, usize)>, usize) {
    let mut all: Vec<(usize, usize)> = Vec::new();
    if let Some(q) = &state.quote {
        if let Some(c) = corpus.coding_idx(&q.coding) {
            if q.quote < corpus.codings[c].quotes.len() {
                all.push((c, q.quote));
            }
        }
    }
    if all.is_empty() {
        let codings: Vec<usize> = match (&state.route, &state.selection) {
            (Route::Matrix, Some(sel)) => selection_codings(corpus, index, state, sel),
            (Route::Evidence { id }, _) => match corpus.evidence_idx(id) {
                Some(e) => (0..corpus.codings.len())
                    .filter(|&c| corpus.codings[c].evidence == e)
                    .collect(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        for c in codings {
            let k = &corpus.codings[c];
            for (q, quote) in k.quotes.iter().enumerate() {
                let note = quote.place == crate::model::QuotePlace::Note;
                if seen.insert((k.paper, note, quote.index, quote.range)) {
                    all.push((c, q));
                }
            }
        }
    }
    let total = all.len();
    all.truncate(MAX_QUOTES);
    (all, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{clean_address, MAX_ADDRESS_CHARS};
    use crate::state::{OpenQuote, RowKey, Selection};
    use crate::testkit;

    #[test]
    fn addresses_are_http_or_https_with_a_host() {
        assert_eq!(
            clean_address(" https://example.org/w/explorer.html#/matrix "),
            Ok("https://example.org/w/explorer.html".to_string())
        );
        assert_eq!(
            clean_address("HTTP://host:8080/"),
            Ok("HTTP://host:8080/".into())
        );
        for bad in [
            "",
            "   ",
            "#x",
            "javascript:alert(1)",
            "file:///tmp/explorer.html",
            "https://",
            "https:///path",
            "example.org/explorer.html",
            "https://exa mple.org",
            "https://example.org/\u{7}",
        ] {
            assert!(clean_address(bad).is_err(), "{bad:?}");
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_ADDRESS_CHARS));
        assert!(clean_address(&long).is_err());
    }

    #[test]
    fn local_pages_are_files_and_loopback_hosts() {
        for local in [
            "file:///home/me/explorer.html",
            "FILE:///C:/x/explorer.html",
            "http://127.0.0.1:8080/",
            "http://127.1.2.3/index.html",
            "http://localhost:8080/",
            "https://app.localhost/",
            "http://[::1]:8080/",
            "http://user@localhost/",
        ] {
            assert!(is_local_page(local), "{local}");
            assert!(address_warning(local, None).is_some(), "{local}");
            assert_eq!(address_warning(local, Some("https://example.org/")), None);
        }
        for remote in [
            "https://example.org/explorer.html",
            "http://192.168.1.20:8080/",
            "http://127.example.org/",
            "http://localhost.example.org/",
            "http://[2001:db8::1]/",
        ] {
            assert!(!is_local_page(remote), "{remote}");
            assert_eq!(address_warning(remote, None), None);
        }
        assert!(address_warning("file:///x.html", None)
            .unwrap()
            .contains("a file on this computer"));
        assert_eq!(link_base("file:///x.html", None), "file:///x.html");
        assert_eq!(
            link_base("file:///x.html", Some("https://e.org/")),
            "https://e.org/"
        );
    }

    #[test]
    fn open_quote_then_selection_then_evidence() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let coding = &c.codings[0];
        let mut s = ViewState {
            route: Route::Matrix,
            quote: Some(OpenQuote {
                coding: coding.id.clone(),
                quote: 0,
            }),
            ..ViewState::default()
        };
        assert_eq!(view_quotes(&c, &index, &s), (vec![(0, 0)], 1));

        s.quote = None;
        assert_eq!(
            view_quotes(&c, &index, &s).1,
            0,
            "a bare matrix lists no quotes"
        );
        let ev = c.evidence[coding.evidence].id.clone();
        s.selection = Some(Selection::Cell {
            row: RowKey::Category(c.categories[coding.category].id.clone()),
            evidence: ev.clone(),
        });
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!(total, coding.quotes.len());
        assert!(quotes.iter().all(|&(k, _)| k == 0));

        let s = ViewState {
            route: Route::Evidence { id: ev },
            ..ViewState::default()
        };
        let want: usize = c
            .codings
            .iter()
            .filter(|k| k.evidence == coding.evidence)
            .map(|k| k.quotes.len())
            .sum();
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!(total, want);
        assert_eq!(quotes.len(), want.min(MAX_QUOTES));
    }

    #[test]
    fn a_passage_shared_by_two_codings_is_listed_once() {
        let c = testkit::Builder::new()
            .vocab(&["NATO"], &["speech"], &["political"])
            .dimension("d", "D")
            .paper("a", "A", &["# One", "Japan and NATO met twice."])
            .category("c", "a", "Meetings", "NATO", "d")
            .evidence("e1", "First", "2001", "Brussels")
            .evidence("e2", "Second", "2002", "Brussels")
            .coding("e1", "c", &["Japan and NATO met twice."])
            .coding("e2", "c", &["Japan and NATO met twice."])
            .build();
        let index = FilterIndex::new(&c);
        let s = ViewState {
            route: Route::Matrix,
            selection: Some(Selection::Row(RowKey::Category("c".into()))),
            ..ViewState::default()
        };
        let (quotes, total) = view_quotes(&c, &index, &s);
        assert_eq!((quotes.len(), total), (1, 1), "{quotes:?}");
    }

    #[test]
    fn the_whole_tour_prints_one_page_per_step_each_view_on_its_own() {
        use crate::link::tour::{Step, Tour};
        use crate::state::{Mode, RevealBy};
        let c = testkit::sample();
        let matrix = ViewState {
            route: Route::Matrix,
            reveal: Some(crate::state::Reveal {
                by: RevealBy::Row,
                shown: 1,
            }),
            ..ViewState::default()
        };
        let q = OpenQuote {
            coding: c.codings[0].id.clone(),
            quote: 0,
        };
        let t = Tour {
            steps: vec![
                Step::view("First", "Say this", &matrix),
                Step {
                    title: "A quote".into(),
                    note: String::new(),
                    parts: tour::Parts::default(),
                    kind: tour::StepKind::Quote(q.clone()),
                },
            ],
        };
        let state = tour::step_state(&t, 1, &ViewState::default()).unwrap();
        assert_eq!(state.mode, Mode::Present);

        let (heading, pages) = super::pages(&c, &state, Some(&t), true);
        assert_eq!(heading, c.about.title);
        let titles: Vec<&str> = pages.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["First", "A quote"]);
        assert_eq!(pages[0].note, "Say this");
        for p in &pages {
            assert_eq!(p.state.tour, None, "a page's link is its view alone");
            assert_eq!(p.state.mode, Mode::Explore);
            assert_eq!(p.state.reveal, None, "every mark printed");
        }
        assert_eq!(pages[0].state.route, Route::Matrix);
        assert_eq!(pages[1].state.quote, Some(q.clone()));
        assert_eq!(
            Some(pages[1].state.route.clone()),
            quote_route(&c, &q),
            "a quote slide prints as the reader at its quote"
        );

        // Only the current view when asked, or when there is no tour.
        let (_, one) = super::pages(&c, &state, Some(&t), false);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].state, state);
        assert_eq!(super::pages(&c, &matrix, None, true).1.len(), 1);
    }

    #[cfg(feature = "seeds")]
    #[test]
    fn the_default_tour_prints_under_its_own_title() {
        let c = crate::seeds::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/tiny"
        )))
        .expect("tiny corpus");
        let d = c
            .default_tour()
            .cloned()
            .expect("the tiny corpus has a tour");
        // Linked by name, or carried whole.
        for raw in [tour::named_ref(&d), d.payload.clone()] {
            let (t, _) = tour::decode(&raw, &c);
            let base = ViewState {
                tour: Some(raw),
                ..ViewState::default()
            };
            let state = tour::step_state(&t, 0, &base).unwrap();
            let (heading, pages) = super::pages(&c, &state, Some(&t), true);
            assert_eq!(heading, d.title);
            assert_eq!(pages.len(), d.steps);
            assert_eq!(pages[0].parts, t.steps[0].parts);
            assert!(!pages[0].parts.question.is_empty());
        }
    }

    #[test]
    fn a_stale_quote_is_skipped() {
        let c = testkit::sample();
        let index = FilterIndex::new(&c);
        let s = ViewState {
            quote: Some(OpenQuote {
                coding: c.codings[0].id.clone(),
                quote: 999,
            }),
            ..ViewState::default()
        };
        assert_eq!(view_quotes(&c, &index, &s), (vec![], 0));
    }
}
