//! The controlled vocabularies of the codebook (`[vocabulary]`: partners, kinds, domains), as
//! the evidence records are checked against them.

/// The controlled vocabularies of the `[vocabulary]` table.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Vocabulary {
    pub(super) partners: Vec<String>,
    pub(super) kinds: Vec<String>,
    pub(super) domains: Vec<String>,
}
