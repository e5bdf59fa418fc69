//! The validated corpus: papers as structured documents, and the codebook that links their
//! analytic categories to the evidence they cite. Built once at compile time (see `seeds`),
//! shipped to the browser as bytes, never mutated at run time.
//!
//! Cross references are indices into the corpus vectors (`usize`), so filtering and
//! aggregation never compare strings. Every record also keeps its stable string `id`, the
//! form used in URLs and exports.

pub mod diag;
pub mod embed;
pub mod order;

pub use diag::Diagnostic;

use serde::{Deserialize, Serialize};

/// Everything the explorer shows: papers, crosswalk dimensions, categories, evidence, codings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Corpus {
    /// Papers in seed order (sorted by file name).
    pub papers: Vec<Paper>,
    /// Shared analytic dimensions of the crosswalk.
    pub dimensions: Vec<Dimension>,
    /// Each paper's own analytic categories.
    pub categories: Vec<Category>,
    /// Concrete evidence items, sorted by start date then id.
    pub evidence: Vec<Evidence>,
    /// Links (evidence, category) made by a paper, each with verbatim quotes.
    pub codings: Vec<Coding>,
    /// Controlled vocabulary of evidence kinds, in codebook order.
    pub kinds: Vec<String>,
    /// Controlled vocabulary of domains, in codebook order.
    pub domains: Vec<String>,
    /// Partners a category can be about (for example "NATO", "EU"), in codebook order.
    pub partners: Vec<String>,
    /// Free-text description of the corpus and coding method (codebook `[corpus]` table).
    pub about: CorpusInfo,
    /// Groups of evidence items that belong to one larger thing (an operation and its phases).
    pub series: Vec<Series>,
    /// Per paper, every dated mention in its text with the coder's decision (completeness audit).
    pub sweeps: Vec<Sweep>,
    /// The inter-coder agreement study, when the seeds hold one.
    pub agreement: Option<AgreementStudy>,
    /// The corpus's tours (`seeds/tours/<name>.toml`), sorted by name.
    #[serde(default)]
    pub tours: Vec<NamedTour>,
}

/// A tour kept with the corpus, linked by name (`tour=@name.hash`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct NamedTour {
    /// The file stem: `default`, `short`, …
    pub name: String,
    /// Shown on "Start the tour".
    pub title: String,
    /// The tour's uncompressed payload (`tour::encode_plain`).
    pub payload: String,
    /// Number of steps.
    pub steps: usize,
    /// Planned minutes, the sum of the steps' minutes.
    pub minutes: u32,
    /// 8 hex digits of the SHA-256 of `payload`: a link carries it, so a changed tour is noticed.
    pub hash: String,
}

impl Corpus {
    /// The corpus tour called `name`.
    pub fn tour_named(&self, name: &str) -> Option<&NamedTour> {
        self.tours.iter().find(|t| t.name == name)
    }

    /// The tour called `default`, when the corpus has one.
    pub fn default_tour(&self) -> Option<&NamedTour> {
        self.tour_named("default")
    }
}

/// Corpus-level metadata from the codebook's `[corpus]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CorpusInfo {
    /// Name shown in the header.
    pub title: String,
    /// A few sentences on what the corpus is and how it was coded.
    pub description: String,
    /// Version string of the codebook (shown in the methods panel and exports).
    pub version: String,
    /// Corpus version: a short hash of every file in `seeds/`, computed at build time. Links,
    /// exports and printouts carry it.
    pub hash: String,
    /// The methods report (`[[corpus.method]]`): the question, approach, texts, coders,
    /// reflexivity, dimensions and limitations, in codebook order.
    pub methods: Vec<MethodNote>,
    /// The coding rules (`[[corpus.rule]]`), written once and shown as written.
    pub rules: Vec<MethodNote>,
    /// The codebook's changelog (`[[corpus.changelog]]`), newest first; the first entry's
    /// version is `version`.
    pub changelog: Vec<ChangelogEntry>,
}

/// One titled part of the methods record (a report section or a coding rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MethodNote {
    /// Stable slug.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The text, as written.
    pub text: String,
}

/// One version of the codebook: when it was made and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChangelogEntry {
    /// The codebook version (as in `[corpus] version`).
    pub version: String,
    /// The day it was made (`YYYY-MM-DD`).
    pub date: String,
    /// What changed, one sentence each.
    pub changes: Vec<String>,
}

/// One paper: bibliographic metadata and its cleaned, structured text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Paper {
    /// Short stable slug used in URLs, for example `my-paper`.
    pub id: String,
    /// Seed file name of the text, for example `000_7df98e07b0a4af79.txt`.
    pub file: String,
    /// Full title.
    pub title: String,
    /// Short title for tight places (matrix marks legend, chips).
    pub short_title: String,
    /// One or two letters that mark this paper in matrix cells (unique in the corpus).
    pub mark: String,
    /// Author(s) as printed.
    pub author: String,
    /// Author affiliation.
    pub affiliation: String,
    /// Where it was published or presented.
    pub venue: String,
    /// Publication date as given (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: String,
    /// The cleaned document.
    pub doc: Document,
}

/// A paper's text as headings, paragraphs and footnotes, with stable ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Headings in document order. `Block::section` points here.
    pub sections: Vec<Section>,
    /// Body blocks in reading order (headings and paragraphs).
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference (unreferenced ones last, in source order).
    pub footnotes: Vec<Footnote>,
    /// Honest notes on repairs the parser made or could not make (shown in the reader).
    pub repairs: Vec<String>,
}

/// A heading of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Section {
    /// Stable id, `s1`, `s2`, ... in document order.
    pub id: String,
    /// 1 = top-level section under the title, 2 = subsection, ...
    pub level: u8,
    /// Heading text, clean (no markup, no footnote markers).
    pub title: String,
    /// Index of the enclosing section, if any.
    pub parent: Option<usize>,
    /// Index of the heading's block in `Document::blocks`.
    pub block: usize,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum BlockKind {
    /// A heading; `Block::section` is its own section.
    Heading,
    /// A body paragraph.
    #[default]
    Paragraph,
}

/// A heading or paragraph: clean text plus inline annotations as byte ranges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Block {
    /// Stable id: `p1`, `p2`, ... for paragraphs in document order; the section id for headings.
    pub id: String,
    /// Heading or paragraph.
    pub kind: BlockKind,
    /// Clean text: no markup, no footnote markers, no page-break debris.
    pub text: String,
    /// Emphasised (italic) byte ranges of `text`, sorted, non-overlapping.
    pub emphasis: Vec<(usize, usize)>,
    /// Footnote references, sorted by offset.
    pub notes: Vec<NoteRef>,
    /// Index of the innermost section this block belongs to (none before the first heading).
    pub section: Option<usize>,
    /// 1-based line in the seed text where the block starts.
    pub line: u32,
}

/// A footnote marker inside a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct NoteRef {
    /// Byte offset in `Block::text` where the marker stands (after the word it follows).
    pub offset: usize,
    /// Index into `Document::footnotes`.
    pub note: usize,
}

/// A footnote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Footnote {
    /// Stable id: `n<label>` for numbered notes (`n12`), `n-star`, `n-star2` for `*`, `**`,
    /// `nu<k>` for the k-th note whose number the source lost.
    pub id: String,
    /// Label as shown: `12`, `*`, or `?` when the number was lost.
    pub label: String,
    /// False when the source lost this note's number (shown visibly marked).
    pub numbered: bool,
    /// Clean text of the note.
    pub text: String,
    /// Emphasised byte ranges of `text`.
    pub emphasis: Vec<(usize, usize)>,
    /// Index of the block holding the marker, or where an unnumbered note stood.
    pub block: Option<usize>,
    /// 1-based line in the seed text where the note starts.
    pub line: u32,
}

/// A shared analytic dimension of the crosswalk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Dimension {
    /// Stable slug.
    pub id: String,
    /// Label.
    pub label: String,
    /// One-sentence definition.
    pub definition: String,
}

/// One of a paper's own analytic categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Category {
    /// Stable slug.
    pub id: String,
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// Label in the author's terms.
    pub label: String,
    /// Index into `Corpus::partners`, or none.
    pub partner: Option<usize>,
    /// Index into the paper's `Document::sections` where the category is discussed (none when
    /// the paper has no headings).
    pub section: Option<usize>,
    /// The author's own words introducing it (a located quote).
    pub definition: Quote,
    /// Index into `Corpus::dimensions` (the crosswalk's primary mapping); none for a context
    /// category, which frames the argument and maps onto no dimension.
    pub dimension: Option<usize>,
    /// Why the category maps onto its dimension (analyst's sentence).
    pub crosswalk_note: String,
    /// A quote from the paper that supports the crosswalk mapping.
    pub crosswalk_quote: Quote,
    /// Analytic, descriptive or context (framing and background, counted apart).
    pub kind: CategoryKind,
    /// How the paper weighs the primary dimension (none for a context category).
    pub stance: Stance,
    /// Further dimensions the category maps onto, each justified by its own quote.
    pub secondary: Vec<CrosswalkLink>,
    /// When the paper argues the category without citing concrete evidence: the author's own
    /// words for the argument. Such a category has no codings and is shown as an honest gap.
    pub no_evidence: Option<Quote>,
}

/// What a category is for in its paper's argument.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum CategoryKind {
    /// One of the author's analytic categories (the default).
    #[default]
    Analytic,
    /// A descriptive part of the paper (a state of play), counted apart from the analytic ones
    /// so that one paper is not counted twice on one dimension.
    Descriptive,
    /// Framing and background (introduction, conclusion): not evidence for an analytic category;
    /// shown apart in every view and counted apart.
    Context,
}

/// A secondary mapping of a category onto a crosswalk dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CrosswalkLink {
    /// Index into `Corpus::dimensions`.
    pub dimension: usize,
    /// Why (analyst's sentence).
    pub note: String,
    /// A quote from the category's paper that supports it.
    pub quote: Quote,
    /// How the paper weighs this dimension.
    pub stance: Stance,
}

/// How a paper weighs a crosswalk dimension in one category: as something in Japan's favour,
/// as a liability, or both. Where two papers' stances on a dimension differ, they pull in
/// opposite directions, and the compare and overview views say so.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Stance {
    /// The paper argues the dimension as a benefit (the default).
    #[default]
    Positive,
    /// The paper treats the dimension as a liability or an obstacle.
    Negative,
    /// The paper weighs benefit and cost on the dimension.
    Mixed,
}

impl Stance {
    /// Every stance, in display order.
    pub const ALL: [Stance; 3] = [Stance::Positive, Stance::Negative, Stance::Mixed];

    /// The id written in the codebook (`stance = "…"`).
    pub fn id(self) -> &'static str {
        match self {
            Stance::Positive => "positive",
            Stance::Negative => "negative",
            Stance::Mixed => "mixed",
        }
    }

    /// The stance of an id, if it is one.
    pub fn from_id(id: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|s| s.id() == id)
    }

    /// A sign that reads without colour: `+`, `−`, `±`.
    pub fn sign(self) -> &'static str {
        match self {
            Stance::Positive => "+",
            Stance::Negative => "−",
            Stance::Mixed => "±",
        }
    }

    /// What the stance means, for tooltips and screen readers.
    pub fn meaning(self) -> &'static str {
        match self {
            Stance::Positive => "argued as a benefit to Japan",
            Stance::Negative => "treated as a liability",
            Stance::Mixed => "weighed as benefit and cost",
        }
    }
}

/// A group of evidence items that belong to one larger thing (ISAF: its launch, the NATO
/// takeover, the expansion). Views can group columns by series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Series {
    /// Stable slug.
    pub id: String,
    /// Title.
    pub title: String,
    /// Optional analyst's note.
    pub note: String,
}

/// Every dated or datable mention of a real-world event in one paper, with its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Sweep {
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// Mentions in reading order (body, then notes, as listed in the sweep file).
    pub mentions: Vec<Mention>,
}

/// One mention found by the sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Mention {
    /// The mention located in its paper (verbatim words).
    pub locator: Quote,
    /// What the coder decided.
    pub decision: MentionDecision,
}

/// The coder's decision on a mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum MentionDecision {
    /// Coded: the codings `(evidence, category)` it belongs to (indices into `Corpus::codings`).
    Coded(Vec<usize>),
    /// Not coded, with the reason class and the coder's words.
    Excluded {
        /// `background`, `literature`, `not-an-event`, `duplicate` … (the sweep file's vocabulary).
        reason: String,
        /// Why, in a sentence.
        note: String,
    },
}

impl Default for MentionDecision {
    fn default() -> Self {
        MentionDecision::Excluded {
            reason: String::new(),
            note: String::new(),
        }
    }
}

/// The agreement study: a second coder's independent sweep and coding of the papers (and
/// crosswalk) compared with the first coder's, in two stages (unitizing, then categorization
/// of the units both found), with every disagreement resolved by a third reading. Computed by
/// the build from `seeds/agreement/` (`seeds::agreement`); the units are defined there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AgreementStudy {
    /// Bootstrap resamples behind every confidence interval.
    pub resamples: usize,
    /// Seed of the bootstrap's generator (the same every build).
    pub seed: u64,
    /// The double-coded papers, in paper order.
    pub papers: Vec<PaperAgreement>,
    /// All double-coded papers pooled.
    pub overall: AgreementFigures,
    /// The second coder's crosswalk against the codebook's, when there is one.
    pub crosswalk: Option<CrosswalkAgreement>,
    /// Every disagreement with its resolution: units, then crosswalk links.
    pub disagreements: Vec<Disagreement>,
}

/// One double-coded paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PaperAgreement {
    /// Index into `Corpus::papers`.
    pub paper: usize,
    /// Who made the second coding, when, and how (from its file).
    pub coder: String,
    /// When the second coding was made.
    pub made: String,
    /// How the second coding was made.
    pub procedure: String,
    /// Which first coding it was compared with (from the first coder's file).
    pub first_source: String,
    /// The figures.
    pub figures: AgreementFigures,
    /// Per category of the paper (on the units both coders found): positive agreement.
    pub categories: Vec<CategoryAgreement>,
}

/// Counts of a yes/no decision by two coders, leaving out what neither marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Tally {
    /// Marked by both.
    pub both: usize,
    /// Marked by the first coder only.
    pub only_first: usize,
    /// Marked by the second coder only.
    pub only_second: usize,
}

/// A statistic and its 95% bootstrap interval; `None` where it is not defined.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Estimate {
    /// The value on the data.
    pub value: Option<f64>,
    /// The 95% percentile bootstrap interval (clusters resampled).
    pub ci: Option<(f64, f64)>,
}

/// The figures of both stages for one paper or for all pooled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AgreementFigures {
    /// Mentions each coder treats as evidence, as listed (before matching).
    pub first_mentions: usize,
    /// Units (mentions) the second coder treats as evidence, as listed.
    pub second_mentions: usize,
    /// Stage 1, unitizing: matched units both treat as evidence, and those only one does.
    pub units: Tally,
    /// Positive agreement on units.
    pub units_pa: Estimate,
    /// Stage 2, on the units both found: units whose category sets are equal.
    pub agreed: usize,
    /// Cohen's kappa, the category set of a unit as one nominal value.
    pub kappa: Estimate,
    /// Krippendorff's alpha (nominal), same values.
    pub alpha: Estimate,
    /// Unit × category decisions on the units both found.
    pub decisions: Tally,
    /// Positive agreement on those decisions.
    pub decisions_pa: Estimate,
    /// Whole items: real events found by both (matched through matched units), by one only.
    pub items: Tally,
    /// Positive agreement on items.
    pub items_pa: Estimate,
    /// Number of clusters (of units linked by a shared item) the intervals resample.
    pub clusters: usize,
}

/// One category's yes/no decisions on the units both coders found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CategoryAgreement {
    /// Index into `Corpus::categories`.
    pub category: usize,
    /// The decisions.
    pub tally: Tally,
    /// Positive agreement.
    pub pa: Estimate,
}

/// The second coder's crosswalk against the codebook's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CrosswalkAgreement {
    /// Who made it, when, how.
    pub coder: String,
    /// When.
    pub made: String,
    /// How.
    pub procedure: String,
    /// Categories compared (every category the codebook maps onto a dimension).
    pub links: usize,
    /// Same primary dimension.
    pub agreed: usize,
    /// Cohen's kappa on the primary dimension.
    pub kappa: Estimate,
    /// Krippendorff's alpha (nominal) on the primary dimension.
    pub alpha: Estimate,
    /// Secondary links (category, dimension) of both, of one only.
    pub secondary: Tally,
    /// Stances compared (both coders give one) and equal; (0, 0) when the codebook gives none.
    pub stances: (usize, usize),
    /// One row per category compared.
    pub rows: Vec<CrosswalkRow>,
}

/// One category's crosswalk by each coder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CrosswalkRow {
    /// Index into `Corpus::categories`.
    pub category: usize,
    /// The codebook's primary dimension (index into `Corpus::dimensions`).
    pub first: Option<usize>,
    /// The second coder's.
    pub second: Option<usize>,
    /// Stances ("" when not given).
    pub first_stance: String,
    /// The second coder's stance.
    pub second_stance: String,
    /// The second coder's reason.
    pub why: String,
}

/// Where a disagreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DisagreementKind {
    /// One coder treats the unit as evidence, the other does not.
    #[default]
    Unitizing,
    /// Both found the unit; their category sets differ.
    Categories,
    /// The crosswalk: primary dimension or stance differs.
    Crosswalk,
}

/// Which way a third reading decided a disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Outcome {
    /// The first coding stands.
    #[default]
    FirstCoder,
    /// The second coder's decision is taken.
    SecondCoder,
    /// Neither: a new decision, stated in the reason.
    Neither,
}

/// One disagreement and its resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Disagreement {
    /// What kind.
    pub kind: DisagreementKind,
    /// Index into `Corpus::papers` (the category's paper for a crosswalk link).
    pub paper: usize,
    /// The unit's place in the paper (a locator of one coder); none for a crosswalk link.
    pub locator: Option<Quote>,
    /// The crosswalk link's category (index into `Corpus::categories`).
    pub category: Option<usize>,
    /// The first coder's decision, in words.
    pub first: String,
    /// The second coder's decision, in words.
    pub second: String,
    /// Which way it went.
    pub outcome: Outcome,
    /// Why (the third reading's reason).
    pub reason: String,
}

/// A date or date range as precise as the paper gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct DateSpan {
    /// First day covered, as (year, month 1-12, day 1-31).
    pub start: (i32, u8, u8),
    /// Last day covered.
    pub end: (i32, u8, u8),
}

/// A concrete piece of evidence the papers cite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Stable slug.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Date as written in the codebook (`2007-01-12`, `2006-05`, `2001/2010`).
    pub date_text: String,
    /// Parsed date range.
    pub date: DateSpan,
    /// Where it happened, as the sources support it ("" when they support none; `note` says so).
    pub place: String,
    /// Actors involved.
    pub actors: Vec<String>,
    /// Index into `Corpus::kinds`.
    pub kind: usize,
    /// Index into `Corpus::domains`.
    pub domain: usize,
    /// Primary sources as cited in the footnotes.
    pub sources: Vec<String>,
    /// Optional analyst's note.
    pub note: String,
    /// Index into `Corpus::series` when the item is one part of a larger thing.
    pub series: Option<usize>,
}

/// How an evidence item's place reads where a label is needed (a facet value, a column group,
/// a fact list): "" (the sources support no place) reads "no place given".
pub fn place_label(place: &str) -> &str {
    if place.is_empty() {
        "no place given"
    } else {
        place
    }
}

impl Evidence {
    /// "date · place" for a one-line mention; the date alone when the sources give no place.
    pub fn when_where(&self) -> String {
        if self.place.is_empty() {
            self.date_text.clone()
        } else {
            format!("{} · {}", self.date_text, self.place)
        }
    }
}

/// Where a quote was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum QuotePlace {
    /// In `Document::blocks[i]`.
    #[default]
    Block,
    /// In `Document::footnotes[i]`.
    Note,
}

/// A verbatim quote located in its paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Quote {
    /// The quote as written in the codebook.
    pub text: String,
    /// Block or footnote.
    pub place: QuotePlace,
    /// Index of the block or footnote.
    pub index: usize,
    /// Byte range in that block's or footnote's clean text.
    pub range: (usize, usize),
}

/// A paper links an evidence item to one of its categories, with quotes that make the link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Coding {
    /// Stable id: `<evidence id>~<category id>`.
    pub id: String,
    /// Index into `Corpus::papers` (the category's paper).
    pub paper: usize,
    /// Index into `Corpus::categories`.
    pub category: usize,
    /// Index into `Corpus::evidence`.
    pub evidence: usize,
    /// One or more located quotes.
    pub quotes: Vec<Quote>,
    /// Optional analyst's note.
    pub note: String,
    /// Why this evidence supports this category in this paper (the coder's sentence).
    pub rationale: String,
}

impl Corpus {
    /// Index of the paper with this id.
    pub fn paper_idx(&self, id: &str) -> Option<usize> {
        self.papers.iter().position(|p| p.id == id)
    }
    /// Index of the category with this id.
    pub fn category_idx(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }
    /// Index of the evidence item with this id.
    pub fn evidence_idx(&self, id: &str) -> Option<usize> {
        self.evidence.iter().position(|e| e.id == id)
    }
    /// Index of the dimension with this id.
    pub fn dimension_idx(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }
    /// Index of the coding with this id.
    pub fn coding_idx(&self, id: &str) -> Option<usize> {
        self.codings.iter().position(|c| c.id == id)
    }
    /// Indices of the categories of paper `paper`, in corpus order.
    pub fn categories_of(&self, paper: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.categories.len()).filter(move |&k| self.categories[k].paper == paper)
    }
}

impl Document {
    /// Index of the block with this id (paragraph `p12` or heading `s3`).
    pub fn block_idx(&self, id: &str) -> Option<usize> {
        self.blocks.iter().position(|b| b.id == id)
    }
    /// Index of the footnote with this id.
    pub fn footnote_idx(&self, id: &str) -> Option<usize> {
        self.footnotes.iter().position(|n| n.id == id)
    }
    /// The block that holds a place of the text: the block itself, or for a footnote the
    /// block that references it (None for an unreferenced note or an index out of range).
    pub fn holding_block(&self, place: QuotePlace, index: usize) -> Option<usize> {
        let block = match place {
            QuotePlace::Block => Some(index),
            QuotePlace::Note => self.footnotes.get(index).and_then(|n| n.block),
        };
        block.filter(|&b| b < self.blocks.len())
    }
    /// The section a block stands in (None before the first heading).
    pub fn section_of(&self, block: usize) -> Option<&Section> {
        self.blocks
            .get(block)
            .and_then(|b| b.section)
            .and_then(|s| self.sections.get(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_place_reads_as_none_given_and_drops_out_of_one_line_mentions() {
        assert_eq!(place_label(""), "no place given");
        assert_eq!(place_label("Kabul"), "Kabul");
        let mut e = Evidence {
            date_text: "2007-01".into(),
            place: "Brussels".into(),
            ..Evidence::default()
        };
        assert_eq!(e.when_where(), "2007-01 · Brussels");
        e.place.clear();
        assert_eq!(e.when_where(), "2007-01");
    }
}
