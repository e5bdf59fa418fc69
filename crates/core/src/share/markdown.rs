//! The Markdown of a set of codings (quotes grouped by category and evidence), and where a
//! quote stands (its locator).

use crate::model::Corpus;
use crate::share::export::quote_link_at;
use crate::share::labels::{filter_labels, selection_label};
use crate::share::versions::{shared_fragment, version_line};
use crate::state::ViewState;

/// Where a quote stands in its paper, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteLocator {
    /// The paper's short title.
    pub paper: String,
    /// The section title ("" before the first heading or when the paper has none).
    pub section: String,
    /// "paragraph 12", or "note 5" for a footnote.
    pub place: String,
}

/// Where quote `quote` of coding `coding` stands: paper, section, paragraph (or note).
pub fn quote_locator(corpus: &Corpus, coding: usize, quote: usize) -> Option<QuoteLocator> {
    let k = corpus.codings.get(coding)?;
    let q = k.quotes.get(quote)?;
    let paper = corpus.papers.get(k.paper)?;
    let doc = &paper.doc;
    let (block, place) = match q.place {
        crate::model::QuotePlace::Block => {
            let b = doc.blocks.get(q.index)?;
            let n = b.id.trim_start_matches('p');
            (Some(q.index), format!("paragraph {n}"))
        }
        crate::model::QuotePlace::Note => {
            let n = doc.footnotes.get(q.index)?;
            (n.block, format!("note {}", n.label))
        }
    };
    let section = block
        .and_then(|b| doc.blocks.get(b))
        .and_then(|b| b.section)
        .and_then(|s| doc.sections.get(s))
        .map(|s| s.title.clone())
        .unwrap_or_default();
    Some(QuoteLocator {
        paper: paper.short_title.clone(),
        section,
        place,
    })
}

/// Escapes the characters Markdown would read as markup.
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' || ch == '\r' { ' ' } else { ch });
    }
    out
}

/// The Markdown of some codings: a title, the filters and corpus version, a link to the view,
/// then the quotes grouped by category (in the order given) and evidence, each with its
/// citation (author, paper, section, paragraph) and a link that opens it in context on page
/// `link_page`.
pub fn codings_markdown(
    corpus: &Corpus,
    codings: &[usize],
    state: &ViewState,
    link_page: &str,
) -> String {
    let mut out = String::new();
    let title = crate::state::route_label(&state.route);
    out.push_str(&format!(
        "# {}: {title}\n\n",
        md_escape(&corpus.about.title)
    ));
    let labels = filter_labels(corpus, state);
    let filters = if labels.is_empty() {
        "all evidence (no filter)".to_string()
    } else {
        labels.join(" · ")
    };
    let n_quotes: usize = codings
        .iter()
        .filter_map(|&c| corpus.codings.get(c))
        .map(|k| k.quotes.len())
        .sum();
    out.push_str(&format!("- Showing: {}\n", md_escape(&filters)));
    if let Some(sel) = &state.selection {
        out.push_str(&format!(
            "- Selection: {}\n",
            md_escape(&selection_label(corpus, sel))
        ));
    }
    out.push_str(&format!(
        "- {} codings, {} quotes\n- Version: {}\n",
        codings.len(),
        n_quotes,
        version_line(corpus)
    ));
    out.push_str(&format!(
        "- View: <{link_page}#{}>\n",
        shared_fragment(state, corpus)
    ));
    let mut last_cat = None;
    for &ki in codings {
        let Some(k) = corpus.codings.get(ki) else {
            continue;
        };
        let (Some(cat), Some(ev), Some(paper)) = (
            corpus.categories.get(k.category),
            corpus.evidence.get(k.evidence),
            corpus.papers.get(k.paper),
        ) else {
            continue;
        };
        if last_cat != Some(k.category) {
            last_cat = Some(k.category);
            out.push_str(&format!(
                "\n## {} ({})\n",
                md_escape(&cat.label),
                md_escape(&paper.short_title)
            ));
        }
        let place = if ev.place.is_empty() {
            String::new()
        } else {
            format!(", {}", ev.place)
        };
        out.push_str(&format!(
            "\n### {} ({}{})\n",
            md_escape(&ev.title),
            md_escape(&ev.date_text),
            md_escape(&place)
        ));
        for qi in 0..k.quotes.len() {
            let q = &k.quotes[qi];
            let loc = quote_locator(corpus, ki, qi);
            let cite = match loc {
                Some(l) if !l.section.is_empty() => {
                    format!("{}, {}", md_escape(&l.section), l.place)
                }
                Some(l) => l.place,
                None => String::new(),
            };
            let parts: Vec<String> = [
                md_escape(&paper.author),
                format!("*{}*", md_escape(&paper.title)),
                cite,
            ]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
            out.push_str(&format!(
                "\n> “{}”\n>\n> — {} · [read in context]({})\n",
                md_escape(&q.text),
                parts.join(", "),
                quote_link_at(corpus, link_page, ki, qi)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::FilterIndex;
    use crate::share::export::view_codings;
    use crate::state::{reduce, Action, Facet, Route};
    use crate::testkit;

    #[test]
    fn quote_locators() {
        let c = testkit::sample();
        let i = c.coding_idx("visit-2011~a-general").unwrap();
        assert_eq!(
            quote_locator(&c, i, 0),
            Some(QuoteLocator {
                paper: "alpha (short)".into(),
                section: "Partners".into(),
                place: "paragraph 1".into(),
            })
        );
        // The second quote stands in note 1, whose marker is in the first paragraph.
        assert_eq!(quote_locator(&c, i, 1).unwrap().place, "note 1");
        assert_eq!(quote_locator(&c, i, 1).unwrap().section, "Partners");
        assert_eq!(quote_locator(&c, i, 9), None);
    }

    #[test]
    fn markdown_groups_quotes_by_category_and_evidence() {
        let c = testkit::with_hash("h1");
        let i = FilterIndex::new(&c);
        let s = reduce(
            &ViewState {
                route: Route::Matrix,
                ..ViewState::default()
            },
            Action::ToggleFacet(Facet::Paper, "beta".into()),
        );
        let md = codings_markdown(&c, &view_codings(&c, &i, &s), &s, "explorer.html");
        let want = "# Synthetic corpus: Matrix

- Showing: Paper: beta (short)
- 3 codings, 3 quotes
- Version: corpus version h1 (codebook 1.2.0)
- View: <explorer.html#/matrix?v=1&paper=beta&cv=h1>

## EU crisis management (beta (short))

### Escorts in the Gulf of Aden (2009/2010, Gulf of Aden)

> “crisis management”
>
> — *Paper beta*, paragraph 1 · [read in context](explorer.html#/read/beta/p1?v=1&quote=aden-escort-2009~b-eu-crisis.0&cv=h1)
";
        assert!(md.starts_with(want), "{md}");
        assert!(md.contains("### Joint exercise at sea (2010-10, Gulf of Aden)"));
        assert!(md.contains("## Political dialogue with NATO (beta (short))"));
        assert_eq!(md.matches("> “").count(), 3);
        assert_eq!(md_escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }
}
