//! The presenter window: the messages it exchanges with the audience window, and its clock.
//!
//! The two windows talk through `postMessage` (the audience window opened the presenter
//! window, so each holds the other's `Window`). That works over http and from a single file
//! opened from disk, where the two windows' origin is `"null"` and a `BroadcastChannel` may not
//! be shared. Every message is one short string:
//!
//! ```text
//! message = "evidence-presenter/1 " body
//! body    = "hello"                    ; presenter -> audience: I am here, send your view
//!         | "state " FRAGMENT          ; audience -> presenter: the view it shows now
//!         | "go " command              ; presenter -> audience: move the tour
//!         | "key " KEY                 ; presenter -> audience: a key pressed in the presenter
//!                                      ; window, replayed there (KEY in `FORWARDED_KEYS`,
//!                                      ; the space bar written "Space")
//!         | "screen " ( "black" | "shown" )  ; audience -> presenter: whether the audience
//!                                      ; screen is blacked out (B or `.`), sent with each change
//!         | "bye"                      ; either: this window is closing
//! command = "next" | "prev" | "first" | "last" | "black" | "step " N   ; N is 0-based
//!         | "theme " ( "light" | "dark" | "projector" | "system" )
//! ```
//!
//! `FRAGMENT` is the audience window's URL fragment (`url::encode`), which the presenter decodes
//! like any link, so the presenter shows exactly what the audience sees. Anything else — another
//! prefix, a longer message, control characters, a malformed command — parses to `None` and is
//! ignored: a page can receive messages from any window that holds a reference to it.

use std::fmt;

use crate::state::Theme;

/// The prefix (with protocol version) of every message.
pub const PREFIX: &str = "evidence-presenter/1 ";
/// Longest message accepted, in bytes (a fragment is at most `url::MAX_FRAGMENT_BYTES`).
pub const MAX_MESSAGE_BYTES: usize = crate::link::fragment::MAX_FRAGMENT_BYTES + 64;
/// Highest step number a `step` command may carry.
pub const MAX_STEP: usize = 9_999;

/// The keys the presenter window passes on to the audience window, which handles them as its
/// own (so "keys in either window move both", whatever the audience window does with them):
/// the clicker and reveal.js keys, digits and Enter (jump to a step), Escape, `B` and `.`, `P`.
pub const FORWARDED_KEYS: [&str; 26] = [
    "ArrowRight",
    "ArrowLeft",
    "ArrowUp",
    "ArrowDown",
    " ",
    "PageDown",
    "PageUp",
    "Home",
    "End",
    "Enter",
    "Escape",
    "b",
    "B",
    ".",
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "p",
    "P",
];

/// True for a key the presenter window passes on (`FORWARDED_KEYS`).
pub fn is_forwarded_key(key: &str) -> bool {
    FORWARDED_KEYS.contains(&key)
}

/// A move of the tour, asked for by the presenter window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// The next step.
    Next,
    /// The previous step.
    Prev,
    /// The first step.
    First,
    /// The last step.
    Last,
    /// Black the audience screen, or show it again.
    Black,
    /// Jump to a step (0-based).
    Step(usize),
    /// Switch the audience window's theme (`None`: follow the system).
    Theme(Option<Theme>),
}

/// One message between the presenter and the audience window.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Message {
    /// Presenter to audience: the presenter window has started; send the current view.
    Hello,
    /// Audience to presenter: the fragment (without `#`) of the view shown now.
    State(String),
    /// Presenter to audience: move the tour.
    Go(Command),
    /// Presenter to audience: this key was pressed here (one of `FORWARDED_KEYS`).
    Key(String),
    /// Audience to presenter: the audience screen is blacked out (`true`) or shows the view.
    Screen(bool),
    /// Either way: this window is closing.
    Bye,
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::Next => f.write_str("next"),
            Command::Prev => f.write_str("prev"),
            Command::First => f.write_str("first"),
            Command::Last => f.write_str("last"),
            Command::Black => f.write_str("black"),
            Command::Step(n) => write!(f, "step {n}"),
            Command::Theme(t) => write!(f, "theme {}", t.map_or("system", |t| t.key())),
        }
    }
}

impl Command {
    fn parse(s: &str) -> Option<Command> {
        Some(match s {
            "next" => Command::Next,
            "prev" => Command::Prev,
            "first" => Command::First,
            "last" => Command::Last,
            "black" => Command::Black,
            "theme system" => Command::Theme(None),
            _ => {
                if let Some(t) = s.strip_prefix("theme ") {
                    // Exactly the keys `Display` writes (lower case).
                    let t = Theme::ALL.into_iter().find(|x| x.key() == t)?;
                    return Some(Command::Theme(Some(t)));
                }
                let n = s.strip_prefix("step ")?;
                if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let n: usize = n.parse().ok()?;
                if n > MAX_STEP {
                    return None;
                }
                Command::Step(n)
            }
        })
    }
}

impl Message {
    /// The wire form (`evidence-presenter/1 state /matrix?v=1`).
    pub fn encode(&self) -> String {
        let body = match self {
            Message::Hello => "hello".to_string(),
            Message::State(frag) => format!("state {frag}"),
            Message::Go(c) => format!("go {c}"),
            Message::Key(k) if k == " " => "key Space".to_string(),
            Message::Key(k) => format!("key {k}"),
            Message::Screen(black) => format!("screen {}", if *black { "black" } else { "shown" }),
            Message::Bye => "bye".to_string(),
        };
        format!("{PREFIX}{body}")
    }

    /// Reads a message; `None` for anything that is not exactly a message of this protocol.
    pub fn parse(s: &str) -> Option<Message> {
        if s.len() > MAX_MESSAGE_BYTES {
            return None;
        }
        let body = s.strip_prefix(PREFIX)?;
        if body.chars().any(|c| c.is_control()) {
            return None;
        }
        match body {
            "hello" => Some(Message::Hello),
            "bye" => Some(Message::Bye),
            "screen black" => Some(Message::Screen(true)),
            "screen shown" => Some(Message::Screen(false)),
            _ => {
                if let Some(frag) = body.strip_prefix("state ") {
                    // A fragment as `url::encode` writes it: printable ASCII, no spaces.
                    let ok = frag.starts_with('/')
                        && frag.len() <= crate::link::fragment::MAX_FRAGMENT_BYTES
                        && frag.bytes().all(|b| b.is_ascii_graphic() && b != b'#');
                    return ok.then(|| Message::State(frag.to_string()));
                }
                if let Some(k) = body.strip_prefix("key ") {
                    let k = if k == "Space" { " " } else { k };
                    return (k != " " || body == "key Space")
                        .then_some(k)
                        .filter(|k| is_forwarded_key(k))
                        .map(|k| Message::Key(k.to_string()));
                }
                body.strip_prefix("go ")
                    .and_then(Command::parse)
                    .map(Message::Go)
            }
        }
    }
}

/// The presenter's clock: elapsed time that can be paused (during questions) and reset.
/// Times are milliseconds from any monotonic origin (`performance.now()` in the browser).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Clock {
    /// Time counted before the current run.
    banked: f64,
    /// When the current run started; `None` while paused.
    since: Option<f64>,
}

impl Clock {
    /// A clock that starts counting at `now`.
    pub fn started(now: f64) -> Clock {
        Clock {
            banked: 0.0,
            since: Some(now),
        }
    }

    /// True while counting.
    pub fn running(&self) -> bool {
        self.since.is_some()
    }

    /// Milliseconds counted up to `now` (never negative, even if `now` goes back).
    pub fn elapsed(&self, now: f64) -> f64 {
        let run = self.since.map_or(0.0, |t| (now - t).max(0.0));
        self.banked + run
    }

    /// Stops counting (keeps the time).
    pub fn pause(&self, now: f64) -> Clock {
        Clock {
            banked: self.elapsed(now),
            since: None,
        }
    }

    /// Counts on from where it was paused.
    pub fn resume(&self, now: f64) -> Clock {
        match self.since {
            Some(_) => *self,
            None => Clock {
                banked: self.banked,
                since: Some(now),
            },
        }
    }

    /// Pauses a running clock, resumes a paused one.
    pub fn toggle(&self, now: f64) -> Clock {
        if self.running() {
            self.pause(now)
        } else {
            self.resume(now)
        }
    }

    /// Back to zero, still running if it was.
    pub fn reset(&self, now: f64) -> Clock {
        Clock {
            banked: 0.0,
            since: self.since.map(|_| now),
        }
    }
}

/// Elapsed time as `m:ss`, or `h:mm:ss` from one hour on.
pub fn format_elapsed(ms: f64) -> String {
    let secs = if ms.is_finite() && ms > 0.0 {
        (ms / 1000.0).floor() as u64
    } else {
        0
    };
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Time spent on each step of a tour while the presenter's clock ran, for "planned against
/// spent". Times are the clock's elapsed milliseconds (`Clock::elapsed`), so a paused clock
/// pauses the steps too.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepTimes {
    /// Milliseconds banked per step (index = step), up to `since`.
    spent: Vec<f64>,
    /// The step being timed, and the clock time it was last banked at.
    at: Option<(usize, f64)>,
}

impl StepTimes {
    /// The times after the audience window showed `step` at clock time `clock_ms` (the same
    /// step again banks nothing new; another step banks the time since the last change).
    pub fn show(&self, step: usize, clock_ms: f64) -> StepTimes {
        let mut next = self.clone();
        if let Some((was, since)) = self.at {
            if was == step {
                return next;
            }
            next.bank(was, (clock_ms - since).max(0.0));
        }
        next.at = Some((step, clock_ms));
        next
    }

    fn bank(&mut self, step: usize, ms: f64) {
        if step >= self.spent.len() {
            self.spent.resize(step + 1, 0.0);
        }
        self.spent[step] += ms;
    }

    /// Milliseconds spent on `step` up to clock time `clock_ms` (a step shown several times adds up).
    pub fn spent(&self, step: usize, clock_ms: f64) -> f64 {
        let banked = self.spent.get(step).copied().unwrap_or(0.0);
        match self.at {
            Some((s, since)) if s == step => banked + (clock_ms - since).max(0.0),
            _ => banked,
        }
    }

    /// Back to nothing spent, timing `step` from clock time `clock_ms` (the clock was reset).
    pub fn reset(step: Option<usize>, clock_ms: f64) -> StepTimes {
        StepTimes {
            spent: Vec::new(),
            at: step.map(|s| (s, clock_ms)),
        }
    }
}

/// Planned against spent time, as the presenter window shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    /// "1:20 of 2:00 on this step" (or "1:20 on this step, none planned").
    pub step: String,
    /// The step has run past its planned minutes.
    pub step_over: bool,
    /// "12:05 of 30:00 in total" (or "12:05 in total" when no step is planned).
    pub total: String,
    /// "By the plan, this step ends at 14:00" (empty when no step is planned).
    pub plan: String,
    /// The whole talk has run past the plan up to the end of this step.
    pub behind: bool,
}

/// `Timing` of step `current` of a tour whose steps plan `minutes`, with `step_ms` spent on
/// the step and `total_ms` on the clock.
pub fn timing(minutes: &[Option<u32>], current: usize, step_ms: f64, total_ms: f64) -> Timing {
    let ms = |m: u32| f64::from(m) * 60_000.0;
    let planned_total: u32 = minutes.iter().flatten().sum();
    let until_end: u32 = minutes.iter().take(current + 1).flatten().sum();
    let (step, step_over) = match minutes.get(current).copied().flatten() {
        Some(m) => {
            let over = step_ms > ms(m);
            let text = if over {
                format!(
                    "{} on this step: over its {} by {}",
                    format_elapsed(step_ms),
                    format_elapsed(ms(m)),
                    format_elapsed(step_ms - ms(m))
                )
            } else {
                format!(
                    "{} of {} on this step",
                    format_elapsed(step_ms),
                    format_elapsed(ms(m))
                )
            };
            (text, over)
        }
        None => (
            format!(
                "{} on this step, no minutes planned",
                format_elapsed(step_ms)
            ),
            false,
        ),
    };
    if planned_total == 0 {
        return Timing {
            step,
            step_over,
            total: format!("{} in total", format_elapsed(total_ms)),
            plan: String::new(),
            behind: false,
        };
    }
    Timing {
        step,
        step_over,
        total: format!(
            "{} of {} in total",
            format_elapsed(total_ms),
            format_elapsed(ms(planned_total))
        ),
        plan: format!(
            "By the plan, this step ends at {}",
            format_elapsed(ms(until_end))
        ),
        behind: total_ms > ms(until_end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let all = [
            Message::Hello,
            Message::Bye,
            Message::State("/".into()),
            Message::State("/matrix?v=1&paper=a%2Cb&sel=cell:x~y&step=3".into()),
            Message::Go(Command::Next),
            Message::Go(Command::Prev),
            Message::Go(Command::First),
            Message::Go(Command::Last),
            Message::Go(Command::Black),
            Message::Go(Command::Step(0)),
            Message::Go(Command::Step(MAX_STEP)),
            Message::Go(Command::Theme(None)),
            Message::Go(Command::Theme(Some(Theme::Light))),
            Message::Go(Command::Theme(Some(Theme::Dark))),
            Message::Go(Command::Theme(Some(Theme::Projector))),
            Message::Screen(true),
            Message::Screen(false),
        ];
        for m in all {
            let wire = m.encode();
            assert!(wire.starts_with(PREFIX), "{wire}");
            assert_eq!(Message::parse(&wire), Some(m), "{wire}");
        }
        assert_eq!(
            Message::Go(Command::Step(4)).encode(),
            "evidence-presenter/1 go step 4"
        );
    }

    #[test]
    fn forwarded_keys_round_trip_and_others_are_refused() {
        for k in FORWARDED_KEYS {
            let m = Message::Key(k.to_string());
            assert_eq!(Message::parse(&m.encode()), Some(m), "{k:?}");
        }
        assert_eq!(
            Message::Key(" ".into()).encode(),
            "evidence-presenter/1 key Space"
        );
        for bad in [
            "key s",
            "key F5",
            "key Tab",
            "key  ",
            "key ",
            "key Space ",
            "key a",
            "key Backspace",
        ] {
            assert_eq!(Message::parse(&format!("{PREFIX}{bad}")), None, "{bad:?}");
        }
    }

    #[test]
    fn the_wire_form_of_a_real_fragment_stays_small() {
        let frag = "/matrix?v=1&paper=some-paper&rows=dim&present=1&tour=default&step=7";
        let wire = Message::State(frag.into()).encode();
        assert_eq!(wire.len(), PREFIX.len() + "state ".len() + frag.len());
    }

    #[test]
    fn hostile_or_foreign_messages_are_ignored() {
        let long_state = format!("{PREFIX}state /{}", "a".repeat(MAX_MESSAGE_BYTES));
        let bad = [
            "",
            "hello",
            "evidence-presenter/2 hello",
            "evidence-presenter/1 ",
            "evidence-presenter/1 hello ",
            "evidence-presenter/1 HELLO",
            " evidence-presenter/1 hello",
            "evidence-presenter/1 go",
            "evidence-presenter/1 go jump",
            "evidence-presenter/1 go step",
            "evidence-presenter/1 go step -1",
            "evidence-presenter/1 go step +1",
            "evidence-presenter/1 go step 10000",
            "evidence-presenter/1 go step 99999999999999999999999",
            "evidence-presenter/1 go step 1.5",
            "evidence-presenter/1 go next\n",
            "evidence-presenter/1 go theme",
            "evidence-presenter/1 go theme sepia",
            "evidence-presenter/1 go theme DARK",
            "evidence-presenter/1 state",
            "evidence-presenter/1 state ",
            "evidence-presenter/1 state matrix",
            "evidence-presenter/1 state /matrix?q=a b",
            "evidence-presenter/1 state /matrix#x",
            "evidence-presenter/1 state /<script>alert(1)</script>\u{0}",
            "evidence-presenter/1 state /é",
            "evidence-presenter/1 state /a\u{202E}",
            "{\"type\":\"hello\"}",
            &long_state,
        ];
        for b in bad {
            assert_eq!(Message::parse(b), None, "{b:?}");
        }
    }

    #[test]
    fn clock_counts_pauses_resumes_and_resets() {
        let c = Clock::started(1_000.0);
        assert!(c.running());
        assert_eq!(c.elapsed(61_000.0), 60_000.0);
        let p = c.pause(61_000.0);
        assert!(!p.running());
        assert_eq!(
            p.elapsed(500_000.0),
            60_000.0,
            "a paused clock stands still"
        );
        let r = p.resume(100_000.0);
        assert_eq!(r.elapsed(105_000.0), 65_000.0);
        assert_eq!(
            r.resume(200_000.0),
            r,
            "resuming a running clock changes nothing"
        );
        assert_eq!(r.toggle(110_000.0).elapsed(900_000.0), 70_000.0);
        let z = r.reset(120_000.0);
        assert!(z.running());
        assert_eq!(z.elapsed(121_000.0), 1_000.0);
        let zp = p.reset(130_000.0);
        assert!(!zp.running());
        assert_eq!(zp.elapsed(999_999.0), 0.0);
        assert_eq!(
            c.elapsed(0.0),
            0.0,
            "time going back never makes it negative"
        );
        assert_eq!(Clock::default().elapsed(5.0), 0.0);
    }

    #[test]
    fn elapsed_time_reads_like_a_clock() {
        assert_eq!(format_elapsed(0.0), "0:00");
        assert_eq!(format_elapsed(999.0), "0:00");
        assert_eq!(format_elapsed(61_500.0), "1:01");
        assert_eq!(format_elapsed(30.0 * 60_000.0), "30:00");
        assert_eq!(format_elapsed(3_600_000.0 + 5_000.0), "1:00:05");
        assert_eq!(format_elapsed(-5.0), "0:00");
        assert_eq!(format_elapsed(f64::NAN), "0:00");
        assert_eq!(format_elapsed(f64::INFINITY), "0:00");
    }

    #[test]
    fn step_times_bank_per_step_and_follow_the_clock() {
        let t = StepTimes::default().show(0, 0.0);
        assert_eq!(t.spent(0, 90_000.0), 90_000.0);
        // The same step again (a reveal, a theme change) banks nothing new.
        let t = t.show(0, 60_000.0);
        assert_eq!(t.spent(0, 90_000.0), 90_000.0);
        let t = t.show(1, 100_000.0);
        assert_eq!(t.spent(0, 500_000.0), 100_000.0);
        assert_eq!(t.spent(1, 130_000.0), 30_000.0);
        // Back to step 0: it adds up.
        let t = t.show(0, 160_000.0);
        assert_eq!(t.spent(1, 999_999.0), 60_000.0);
        assert_eq!(t.spent(0, 170_000.0), 110_000.0);
        assert_eq!(t.spent(7, 170_000.0), 0.0);
        // A clock that went back (reset elsewhere) never gives negative time.
        assert_eq!(t.spent(0, 0.0), 100_000.0);
        let r = StepTimes::reset(Some(3), 5_000.0);
        assert_eq!((r.spent(3, 6_000.0), r.spent(0, 6_000.0)), (1_000.0, 0.0));
    }

    #[test]
    fn timing_reads_planned_against_spent() {
        let plan = [Some(2), Some(3), None, Some(5)];
        let t = timing(&plan, 1, 65_000.0, 200_000.0);
        assert_eq!(t.step, "1:05 of 3:00 on this step");
        assert!(!t.step_over);
        assert_eq!(t.total, "3:20 of 10:00 in total");
        assert_eq!(t.plan, "By the plan, this step ends at 5:00");
        assert!(!t.behind);
        let t = timing(&plan, 0, 150_000.0, 150_000.0);
        assert_eq!(t.step, "2:30 on this step: over its 2:00 by 0:30");
        assert!(t.step_over && t.behind);
        let t = timing(&plan, 2, 10_000.0, 400_000.0);
        assert_eq!(t.step, "0:10 on this step, no minutes planned");
        assert!(!t.step_over && t.behind);
        let none = timing(&[None, None], 0, 1_000.0, 61_000.0);
        assert_eq!(
            (none.total.as_str(), none.plan.as_str()),
            ("1:01 in total", "")
        );
        // A step past the list (a stale step number) has no plan and does not panic.
        assert!(!timing(&plan, 9, 1.0, 1.0).step_over);
    }
}
