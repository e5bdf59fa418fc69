//! Which corpus a link was made with: the version line, the `cv=` a shared link carries, and
//! the notice when a link comes from another version.

use crate::link::fragment::{Notice, NoticeKind};
use crate::model::Corpus;
use crate::state::ViewState;

/// The corpus version in words: "corpus version <hash> (codebook 1.0.0)", or only the codebook
/// version while the build records no hash.
pub fn version_line(corpus: &Corpus) -> String {
    let v = &corpus.about;
    match (v.hash.is_empty(), v.version.is_empty()) {
        (false, false) => format!("corpus version {} (codebook {})", v.hash, v.version),
        (false, true) => format!("corpus version {}", v.hash),
        (true, false) => format!("codebook {}", v.version),
        (true, true) => "no version recorded".into(),
    }
}

/// The value links carry as `cv=`: the corpus hash, or none while the build records none.
pub fn link_version(corpus: &Corpus) -> Option<String> {
    (!corpus.about.hash.is_empty()).then(|| corpus.about.hash.clone())
}

/// The fragment of `state` as the app shares it (the address bar, "Copy link", printouts,
/// exports, handouts): its `url::encode` form carrying this corpus's version as `cv=`, so a
/// link opened with another version of the data says what changed.
pub fn shared_fragment(state: &ViewState, corpus: &Corpus) -> String {
    let mut view = state.clone();
    view.cv = link_version(corpus);
    crate::link::url::encode(&view)
}

/// Compares the corpus version a link was made with (`cv=`) with this corpus. None when they
/// agree or the link names none. Otherwise a sentence naming both versions and what the link
/// refers to that no longer exists here (the ids the URL decoder had to drop, from `notices`).
pub fn version_notice(
    link_cv: Option<&str>,
    corpus: &Corpus,
    notices: &[Notice],
) -> Option<String> {
    let cv = link_cv?;
    let here = &corpus.about.hash;
    if cv == here {
        return None;
    }
    let gone: Vec<String> = notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Missing)
        .map(|n| {
            let what = match n.key.as_str() {
                "sel" | "route" => "item".to_string(),
                "quote" => "quote".to_string(),
                k => k.to_string(),
            };
            format!("{what} “{}”", n.value)
        })
        .collect();
    let head = if here.is_empty() {
        format!(
            "This link was made with corpus version {cv}; this copy records no corpus version, so what changed cannot be told."
        )
    } else {
        format!("This link was made with corpus version {cv}; this is version {here}.")
    };
    let tail = if gone.is_empty() {
        if here.is_empty() {
            String::new()
        } else {
            " Everything the link refers to still exists; the counts may differ.".to_string()
        }
    } else {
        format!(" No longer in this version: {}.", gone.join(", "))
    };
    Some(format!("{head}{tail}"))
}

/// Reads a link's fragment as the app opens it: its state and its notices as sentences, a link
/// made with another corpus version first (`version_notice`). The state never holds a
/// version: every link the app writes (the address bar, "Copy link", printouts, exports) gets
/// this corpus's from `shared_fragment`.
pub fn open_fragment(fragment: &str, corpus: &Corpus) -> (ViewState, Vec<String>) {
    let (mut state, notices) = crate::link::url::decode(fragment, corpus);
    let mut out: Vec<String> = Vec::new();
    if let Some(v) = version_notice(state.cv.as_deref(), corpus, &notices) {
        out.push(v);
    }
    out.extend(notices.iter().map(|n| n.to_string()));
    state.cv = None;
    (state, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::url;
    use crate::state::Route;
    use crate::testkit;

    #[test]
    fn version_lines() {
        assert_eq!(
            version_line(&testkit::with_hash("ab12")),
            "corpus version ab12 (codebook 1.2.0)"
        );
        assert_eq!(version_line(&testkit::with_hash("")), "codebook 1.2.0");
        assert_eq!(link_version(&testkit::with_hash("")), None);
        assert_eq!(
            link_version(&testkit::with_hash("ab12")),
            Some("ab12".into())
        );
    }

    #[test]
    fn a_link_from_another_version_names_what_is_gone() {
        let c = testkit::with_hash("new1");
        let (s, notices) = url::decode(
            "/matrix?v=1&category=a-gone,b-eu-crisis&sel=col:old-item&cv=old9",
            &c,
        );
        assert_eq!(s.cv.as_deref(), Some("old9"));
        assert_eq!(
            version_notice(s.cv.as_deref(), &c, &notices).unwrap(),
            "This link was made with corpus version old9; this is version new1. No longer in this version: category “a-gone”, item “old-item”."
        );
        let (s, notices) = url::decode("/matrix?v=1&category=b-eu-crisis&cv=old9", &c);
        assert_eq!(
            version_notice(s.cv.as_deref(), &c, &notices).unwrap(),
            "This link was made with corpus version old9; this is version new1. Everything the link refers to still exists; the counts may differ."
        );
        assert_eq!(version_notice(Some("new1"), &c, &[]), None);
        assert_eq!(version_notice(None, &c, &[]), None);
        let unversioned = testkit::with_hash("");
        assert_eq!(
            version_notice(Some("old9"), &unversioned, &[]).unwrap(),
            "This link was made with corpus version old9; this copy records no corpus version, so what changed cannot be told."
        );
    }

    #[test]
    fn a_link_opens_without_its_version_and_says_which_it_was() {
        let c = testkit::with_hash("new1");
        let (s, notices) = open_fragment("/matrix?v=1&category=a-gone&cv=old9", &c);
        assert_eq!(s.cv, None);
        assert_eq!(s.route, Route::Matrix);
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(notices[0].starts_with("This link was made with corpus version old9"));
        assert!(notices[1].contains("a-gone"), "{notices:?}");
        let (s, notices) = open_fragment("/matrix?v=1&cv=new1", &c);
        assert_eq!(
            (s.cv, notices),
            (None, vec![]),
            "this version: nothing to say"
        );
    }
}
