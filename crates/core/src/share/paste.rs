//! Opening a pasted link: the fragment of a link copied from anywhere.

/// The fragment of a link pasted from anywhere (another folder, another host, a `file://`
/// path on another machine): only the part after the first `#` matters. A bare fragment
/// (`/matrix?v=1&…` or `#/matrix…`) is taken as is. None when the text holds no fragment.
pub fn pasted_fragment(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some((_, frag)) = t.split_once('#') {
        return Some(frag.trim().to_string());
    }
    t.starts_with('/').then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_links_keep_only_their_fragment() {
        let want = Some("/matrix?v=1&paper=beta".to_string());
        for text in [
            "https://example.org/some/where/index.html#/matrix?v=1&paper=beta",
            "  file:///C:/Users/x/Desktop/explorer.html#/matrix?v=1&paper=beta\n",
            "file:///media/usb/explorer%20copy.html#/matrix?v=1&paper=beta",
            "#/matrix?v=1&paper=beta",
            "/matrix?v=1&paper=beta",
        ] {
            assert_eq!(pasted_fragment(text), want, "{text:?}");
        }
        assert_eq!(pasted_fragment("https://example.org/index.html"), None);
        assert_eq!(pasted_fragment("hello"), None);
        assert_eq!(pasted_fragment("x#"), Some(String::new()));
    }
}
