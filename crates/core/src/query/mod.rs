//! Queries: what the corpus says under the current view state (filtered codings, search hits,
//! the matrix, overview, timeline, comparison, evidence trail, and the study's figures).

pub mod agreement;
pub mod compare;
pub mod filter;
pub mod matrix;
pub mod methods;
pub mod overview;
pub mod search;
pub mod timeline;
pub mod timeline_layout;
pub mod trail;
