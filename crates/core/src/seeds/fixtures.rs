//! Small inline fixtures for the phases' unit tests.

use super::codebook::{read_codebook, Codebook};
use super::diags::Diags;
use super::papers::{read_papers, Papers};
use super::SeedFile;

/// A paper `p` (mark P) with two headings, a paragraph each and a footnote.
pub(super) const PAPER_TEXT: &str = "# Title\n\n## Introduction\n\nSince 1998 the councils have talked.<sup>1</sup>\n\n## (1) Practical partner\n\nThe lifeboat exercise of June 2003 was a first. Crews trained together.\n\n<sup>1</sup> Minutes, 12 March 1999.\n";

/// The metadata of paper `p`.
pub(super) const PAPER_META: &str = "id = \"p\"\ntitle = \"Paper\"\nmark = \"P\"\nauthor = \"A\"\ndate = \"2007\"\n\n[document]\nformat = \"markdown\"\n";

/// Paper `p` read.
pub(super) fn papers() -> Papers {
    let files = [(
        SeedFile {
            path: "seeds/p.toml".into(),
            text: PAPER_META.into(),
        },
        SeedFile {
            path: "seeds/p.txt".into(),
            text: PAPER_TEXT.into(),
        },
    )];
    let mut d = Diags::default();
    let p = read_papers(&files, &mut d);
    assert!(d.is_empty(), "{d:?}");
    p
}

/// Reads `text` as the codebook file `cb.toml`, runs `f` on it, and returns its result with
/// every problem found (reading and `f`) as text.
pub(super) fn book_diags<T>(
    text: &str,
    f: impl FnOnce(&Codebook, &mut Diags) -> T,
) -> (T, Vec<String>) {
    let files = [SeedFile {
        path: "cb.toml".into(),
        text: text.into(),
    }];
    let mut d = Diags::default();
    let book = read_codebook(&files, "cb", &mut d);
    let mut d = Diags::from_vec(
        d.into_sorted()
            .into_iter()
            .filter(|x| {
                !x.message.starts_with("no [corpus]") && !x.message.starts_with("no [vocabulary]")
            })
            .collect(),
    );
    let out = f(&book, &mut d);
    (out, d.into_sorted().iter().map(|x| x.to_string()).collect())
}
