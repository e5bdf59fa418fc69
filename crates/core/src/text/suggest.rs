//! "Did you mean" suggestions: the one edit distance of the core, used by the seeds reader
//! (unknown ids, fields and tables) and by the URL codec (unknown keys).

/// Levenshtein distance in characters (at most the first 80 characters of `a` are compared,
/// so a hostile input cannot make it slow).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(80).collect();
    let b: Vec<char> = b.chars().take(80).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known value nearest to `got`, when it is close enough to be a slip: at most
/// `max(2, len/4)` edits, and fewer edits than the known value has characters.
pub fn nearest<'a>(got: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = 2.max(got.chars().count() / 4);
    known
        .into_iter()
        .map(|k| (edit_distance(got, k), k))
        .filter(|&(d, k)| d <= limit && d < k.chars().count())
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn nearest_suggests_slips_only() {
        assert_eq!(nearest("teachr", ["teacher", "practical"]), Some("teacher"));
        assert_eq!(nearest("codings", ["coding", "category"]), Some("coding"));
        // Too far: no suggestion.
        assert_eq!(nearest("zzzzzz", ["teacher"]), None);
        // A one-letter known value is never suggested for an unrelated one-letter input.
        assert_eq!(nearest("x", ["q"]), None);
        // Long ids allow more edits.
        assert_eq!(
            nearest("isaf-takeover-2004x", ["isaf-takeover-2003"]),
            Some("isaf-takeover-2003")
        );
    }
}
