//! Synthetic corpora for tests (unit, property and benchmark-like tests). Not part of the
//! app's API: hidden from the docs, small, and never names anything of the real corpus.
//!
//! `Builder` assembles a corpus in a few chained calls; `sample()` is the fixed corpus the
//! filter, search, matrix and URL tests share; `scaled()` makes a larger one for timing.

use crate::model::*;

/// An overview's main grid, row by row: (the row key as `name` gives it, cells, total).
pub fn overview_grid(
    o: &crate::query::overview::Overview,
    name: impl Fn(&crate::state::RowKey) -> String,
) -> Vec<(String, Vec<Option<usize>>, usize)> {
    o.main
        .groups
        .iter()
        .flat_map(|g| &g.rows)
        .map(|r| (name(&r.key), r.cells.clone(), r.total))
        .collect()
}

/// Assembles a `Corpus`. References are by id and resolved in `build`.
#[derive(Debug, Default)]
pub struct Builder {
    corpus: Corpus,
    codings: Vec<(String, String, Vec<String>)>,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the vocabularies.
    pub fn vocab(mut self, partners: &[&str], kinds: &[&str], domains: &[&str]) -> Self {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        self.corpus.partners = own(partners);
        self.corpus.kinds = own(kinds);
        self.corpus.domains = own(domains);
        self
    }

    /// Adds a dimension.
    pub fn dimension(mut self, id: &str, label: &str) -> Self {
        self.corpus.dimensions.push(Dimension {
            id: id.into(),
            label: label.into(),
            definition: String::new(),
        });
        self
    }

    /// Adds a paper. A block starting with `# ` is a heading (ids `s1`, `s2`, ...); the others
    /// are paragraphs (`p1`, `p2`, ...).
    pub fn paper(mut self, id: &str, mark: &str, blocks: &[&str]) -> Self {
        let mut doc = Document::default();
        let mut current = None;
        let mut n_par = 0;
        for (i, text) in blocks.iter().enumerate() {
            if let Some(title) = text.strip_prefix("# ") {
                let s = doc.sections.len();
                doc.sections.push(Section {
                    id: format!("s{}", s + 1),
                    level: 1,
                    title: title.into(),
                    parent: None,
                    block: i,
                });
                current = Some(s);
                doc.blocks.push(Block {
                    id: format!("s{}", s + 1),
                    kind: BlockKind::Heading,
                    text: title.into(),
                    section: current,
                    line: i as u32 + 1,
                    ..Block::default()
                });
            } else {
                n_par += 1;
                doc.blocks.push(Block {
                    id: format!("p{n_par}"),
                    kind: BlockKind::Paragraph,
                    text: text.to_string(),
                    section: current,
                    line: i as u32 + 1,
                    ..Block::default()
                });
            }
        }
        self.corpus.papers.push(Paper {
            id: id.into(),
            file: format!("{id}.txt"),
            title: format!("Paper {id}"),
            short_title: format!("{id} (short)"),
            mark: mark.into(),
            date: "2012".into(),
            doc,
            ..Paper::default()
        });
        self
    }

    /// Adds a footnote to the last paper, referenced from its block `block`.
    pub fn note(mut self, label: &str, text: &str, block: usize) -> Self {
        if let Some(p) = self.corpus.papers.last_mut() {
            let note = p.doc.footnotes.len();
            p.doc.footnotes.push(Footnote {
                id: format!("n{label}"),
                label: label.into(),
                numbered: true,
                text: text.into(),
                block: Some(block),
                ..Footnote::default()
            });
            if let Some(b) = p.doc.blocks.get_mut(block) {
                let offset = b.text.len();
                b.notes.push(NoteRef { offset, note });
            }
        }
        self
    }

    /// Adds a category of paper `paper`; `partner` "" for none.
    pub fn category(
        mut self,
        id: &str,
        paper: &str,
        label: &str,
        partner: &str,
        dimension: &str,
    ) -> Self {
        let category = Category {
            id: id.into(),
            paper: self.corpus.paper_idx(paper).unwrap_or(0),
            label: label.into(),
            partner: self.corpus.partners.iter().position(|p| p == partner),
            dimension: self.corpus.dimension_idx(dimension),
            ..Category::default()
        };
        self.corpus.categories.push(category);
        self
    }

    /// Adds an evidence item (kind and domain default to the first of their vocabularies).
    pub fn evidence(mut self, id: &str, title: &str, date: &str, place: &str) -> Self {
        self.corpus.evidence.push(Evidence {
            id: id.into(),
            title: title.into(),
            date_text: date.into(),
            date: parse_span(date),
            place: place.into(),
            ..Evidence::default()
        });
        self
    }

    /// Sets the actors of the last evidence item.
    pub fn actors(mut self, actors: &[&str]) -> Self {
        if let Some(e) = self.corpus.evidence.last_mut() {
            e.actors = actors.iter().map(|s| s.to_string()).collect();
        }
        self
    }

    /// Sets the sources of the last evidence item.
    pub fn sources(mut self, sources: &[&str]) -> Self {
        if let Some(e) = self.corpus.evidence.last_mut() {
            e.sources = sources.iter().map(|s| s.to_string()).collect();
        }
        self
    }

    /// Sets kind and domain of the last evidence item (vocabulary values).
    pub fn kind(mut self, kind: &str, domain: &str) -> Self {
        let k = self.corpus.kinds.iter().position(|x| x == kind);
        let d = self.corpus.domains.iter().position(|x| x == domain);
        if let Some(e) = self.corpus.evidence.last_mut() {
            e.kind = k.unwrap_or(0);
            e.domain = d.unwrap_or(0);
        }
        self
    }

    /// Adds a coding; each quote is located in the category's paper (blocks, then footnotes).
    pub fn coding(mut self, evidence: &str, category: &str, quotes: &[&str]) -> Self {
        self.codings.push((
            evidence.into(),
            category.into(),
            quotes.iter().map(|s| s.to_string()).collect(),
        ));
        self
    }

    /// Sorts the evidence by start date then id, resolves the codings and returns the corpus.
    pub fn build(mut self) -> Corpus {
        let mut c = self.corpus;
        c.evidence
            .sort_by(|a, b| (a.date.start, &a.id).cmp(&(b.date.start, &b.id)));
        for (ev, cat, quotes) in self.codings.drain(..) {
            let (Some(e), Some(k)) = (c.evidence_idx(&ev), c.category_idx(&cat)) else {
                continue;
            };
            let paper = c.categories[k].paper;
            let doc = &c.papers[paper].doc;
            let quotes = quotes.iter().map(|q| locate(doc, q)).collect();
            c.codings.push(Coding {
                id: format!("{ev}~{cat}"),
                paper,
                category: k,
                evidence: e,
                quotes,
                note: String::new(),
                rationale: String::new(),
            });
        }
        c.about.title = "Synthetic corpus".into();
        c
    }
}

fn locate(doc: &Document, q: &str) -> Quote {
    let blocks = doc.blocks.iter().map(|b| (QuotePlace::Block, &b.text));
    let notes = doc.footnotes.iter().map(|n| (QuotePlace::Note, &n.text));
    let mut counters = [0usize; 2];
    for (place, text) in blocks.chain(notes) {
        let slot = &mut counters[place as usize];
        let index = *slot;
        *slot += 1;
        if let Some(at) = text.find(q) {
            return Quote {
                text: q.into(),
                place,
                index,
                range: (at, at + q.len()),
            };
        }
    }
    Quote {
        text: q.into(),
        ..Quote::default()
    }
}

fn parse_day(s: &str, end: bool) -> (i32, u8, u8) {
    let mut it = s.split('-');
    let y = it.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    let m = it.next().and_then(|x| x.parse().ok());
    let d = it.next().and_then(|x| x.parse().ok());
    match (m, d, end) {
        (Some(m), Some(d), _) => (y, m, d),
        (Some(m), None, false) => (y, m, 1),
        (Some(m), None, true) => (y, m, 31),
        (None, _, false) => (y, 1, 1),
        (None, _, true) => (y, 12, 31),
    }
}

fn parse_span(s: &str) -> DateSpan {
    let (a, b) = s.split_once('/').unwrap_or((s, s));
    DateSpan {
        start: parse_day(a, false),
        end: parse_day(b, true),
    }
}

/// The state `actions` lead to from the default state.
pub fn state(actions: Vec<crate::state::Action>) -> crate::state::ViewState {
    actions
        .into_iter()
        .fold(crate::state::ViewState::default(), |s, a| {
            crate::state::reduce(&s, a)
        })
}

/// The shared synthetic corpus: three papers (one without headings), three dimensions,
/// eight categories (one never coded), six evidence items (one never coded), with curly
/// quotes, dashes, diacritics and spaces in the places tests need them.
pub fn sample() -> Corpus {
    let b = sample_papers(Builder::new());
    sample_codings(sample_evidence(sample_categories(b))).build()
}

/// The vocabulary, dimensions, papers and note of `sample`.
fn sample_papers(b: Builder) -> Builder {
    b.vocab(
        &["NATO", "EU"],
        &["speech", "visit", "operation", "exercise"],
        &["military", "civilian", "political"],
    )
    .dimension("political", "Political partnership")
    .dimension("operational", "Operational cooperation")
    .dimension("capacity", "Capacity building")
    .paper(
        "alpha",
        "A",
        &[
            "# Partners",
            "NATO is a “political partner” for Japan.",
            "Piracy off Somalia — the Gulf of Aden — drew naval escorts.",
            "# Operations",
            "Reconstruction in Bamyán was a civilian effort.",
        ],
    )
    .note("1", "Speech by Abe, Brussels, 2007.", 1)
    .paper(
        "beta",
        "B",
        &[
            "The EU matters for crisis management.",
            "Joint exercises at sea in 2010 mattered.",
            "Abe’s speech in Brussels set the tone.",
        ],
    )
    .paper(
        "gamma",
        "G",
        &[
            "Prospects for cooperation with NATO remain bright.",
            "Counter-piracy is the model case.",
        ],
    )
}

/// The categories of `sample` (`g-empty` is never coded).
fn sample_categories(b: Builder) -> Builder {
    b.category(
        "a-nato-political",
        "alpha",
        "NATO as a political partner",
        "NATO",
        "political",
    )
    .category(
        "a-nato-operational",
        "alpha",
        "NATO in operations",
        "NATO",
        "operational",
    )
    .category(
        "a-eu-civilian",
        "alpha",
        "EU civilian missions",
        "EU",
        "capacity",
    )
    .category("a-general", "alpha", "General outlook", "", "political")
    .category(
        "b-eu-crisis",
        "beta",
        "EU crisis management",
        "EU",
        "operational",
    )
    .category(
        "b-nato-political",
        "beta",
        "Political dialogue with NATO",
        "NATO",
        "political",
    )
    .category("g-nato", "gamma", "NATO prospects", "NATO", "political")
    .category("g-empty", "gamma", "Never coded", "", "capacity")
}

/// The evidence items of `sample` (`uncoded-2012` is never coded).
fn sample_evidence(b: Builder) -> Builder {
    b.evidence(
        "abe-speech-2007",
        "Abe addresses the North Atlantic Council",
        "2007-01-12",
        "Brussels",
    )
    .actors(&["Shinzo Abe", "North Atlantic Council"])
    .kind("speech", "political")
    .sources(&["Speech “Japan and NATO”, 12 January 2007"])
    .evidence(
        "bamyan-prt-2007",
        "Bamyán PRT support",
        "2007-03/2008-12",
        "Bamyán",
    )
    .actors(&["Japan", "ISAF"])
    .kind("operation", "civilian")
    .evidence(
        "aden-escort-2009",
        "Escorts in the Gulf of Aden",
        "2009/2010",
        "Gulf of Aden",
    )
    .actors(&["JMSDF", "EU NAVFOR"])
    .kind("operation", "military")
    .evidence(
        "exercise-2010",
        "Joint exercise at sea",
        "2010-10",
        "Gulf of Aden",
    )
    .actors(&["JMSDF", "EU NAVFOR"])
    .kind("exercise", "military")
    .evidence(
        "visit-2011",
        "Ministerial visit to Brussels",
        "2011-05-02",
        "Brussels",
    )
    .actors(&["Koichiro Gemba"])
    .kind("visit", "political")
    .evidence("uncoded-2012", "An item nobody codes", "2012", "Tokyo")
    .kind("visit", "political")
}

/// The codings of `sample`.
fn sample_codings(b: Builder) -> Builder {
    b.coding(
        "abe-speech-2007",
        "a-nato-political",
        &["“political partner”"],
    )
    .coding(
        "abe-speech-2007",
        "b-nato-political",
        &["Abe’s speech in Brussels"],
    )
    .coding("abe-speech-2007", "g-nato", &["cooperation with NATO"])
    .coding(
        "bamyan-prt-2007",
        "a-eu-civilian",
        &["Reconstruction in Bamyán"],
    )
    .coding(
        "aden-escort-2009",
        "a-nato-operational",
        &["Piracy off Somalia", "the Gulf of Aden"],
    )
    .coding("aden-escort-2009", "b-eu-crisis", &["crisis management"])
    .coding(
        "aden-escort-2009",
        "g-nato",
        &["Counter-piracy is the model case."],
    )
    .coding("exercise-2010", "b-eu-crisis", &["Joint exercises at sea"])
    .coding("visit-2011", "a-general", &["NATO is a", "Speech by Abe"])
}

/// A larger synthetic corpus: `papers` papers with `categories` categories each, `evidence`
/// items, each coded by `per_evidence` categories (round robin). For timing tests.
pub fn scaled(papers: usize, categories: usize, evidence: usize, per_evidence: usize) -> Corpus {
    let kinds = ["speech", "visit", "operation", "exercise"];
    let domains = ["military", "civilian", "political"];
    let places = [
        "Brussels",
        "Gulf of Aden",
        "Bamyán",
        "Tokyo",
        "Kabul",
        "Hanoi",
    ];
    let mut b = Builder::new()
        .vocab(&["NATO", "EU"], &kinds, &domains)
        .dimension("d0", "Dimension 0")
        .dimension("d1", "Dimension 1")
        .dimension("d2", "Dimension 2");
    let text = "Quoted words about cooperation, piracy and the Gulf of Aden in this paragraph.";
    for p in 0..papers {
        b = b.paper(
            &format!("paper-{p}"),
            &format!("P{p}"),
            &["# Intro", text, text],
        );
    }
    for p in 0..papers {
        for k in 0..categories {
            let partner = ["NATO", "EU", ""][k % 3];
            b = b.category(
                &format!("c{p}-{k}"),
                &format!("paper-{p}"),
                &format!("Category {p}.{k}"),
                partner,
                &format!("d{}", k % 3),
            );
        }
    }
    let n_cat = papers * categories;
    for e in 0..evidence {
        let year = 1995 + (e % 25);
        b = b
            .evidence(
                &format!("ev-{e:04}"),
                &format!("Evidence item {e}"),
                &format!("{year}-{:02}", e % 12 + 1),
                places[e % places.len()],
            )
            .actors(&[&format!("Actor {}", e % 7), &format!("Actor {}", e % 5)])
            .kind(kinds[e % kinds.len()], domains[e % domains.len()]);
        for j in 0..per_evidence.min(n_cat) {
            let c = (e * 7 + j * 3) % n_cat.max(1);
            let (p, k) = (c / categories.max(1), c % categories.max(1));
            b = b.coding(
                &format!("ev-{e:04}"),
                &format!("c{p}-{k}"),
                &["Quoted words"],
            );
        }
    }
    b.build()
}

/// The sample corpus at codebook version 1.2.0 with corpus hash `h`.
pub fn with_hash(h: &str) -> Corpus {
    let mut c = sample();
    c.about.hash = h.into();
    c.about.version = "1.2.0".into();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_is_consistent() {
        let c = sample();
        assert_eq!(c.papers.len(), 3);
        assert_eq!(c.codings.len(), 9);
        for coding in &c.codings {
            assert_eq!(coding.paper, c.categories[coding.category].paper);
            for q in &coding.quotes {
                let doc = &c.papers[coding.paper].doc;
                let text = match q.place {
                    QuotePlace::Block => &doc.blocks[q.index].text,
                    QuotePlace::Note => &doc.footnotes[q.index].text,
                };
                assert_eq!(&text[q.range.0..q.range.1], q.text);
            }
        }
        // Evidence is sorted by start date.
        assert!(c
            .evidence
            .windows(2)
            .all(|w| w[0].date.start <= w[1].date.start));
    }

    #[test]
    fn scaled_has_the_requested_size() {
        let c = scaled(3, 8, 100, 3);
        assert_eq!(c.categories.len(), 24);
        assert_eq!(c.codings.len(), 300);
    }
}
