//! Pure core of the evidence explorer: the corpus model, seed parsing and validation (behind
//! the `seeds` feature, used at build time), text normalisation, filtering, aggregation,
//! view state and the URL codec. No I/O, no web dependencies: everything here is tested on
//! the host with `cargo test`.

pub mod agreement;
pub mod compare;
pub mod diag;
pub mod embed;
pub mod export;
pub mod filter;
pub mod handout;
#[cfg(feature = "interop")]
pub mod interop;
pub mod keys;
pub mod matrix;
pub mod methods;
pub mod model;
pub mod order;
pub mod overview;
pub mod presenter;
pub mod qr;
pub mod render;
pub mod search;
pub mod selection;
pub mod suggest;
pub mod summary;
pub mod text;
pub mod timeline;
pub mod timeline_layout;
pub mod tour;
pub mod tour_edit;
pub mod tour_file;
pub mod trail;
pub mod url;
pub mod view;
pub mod viewmodel;

/// A synthetic corpus for tests: compiled for the unit tests and, with the `testkit` feature,
/// for the integration tests; never in a shipped build.
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;

#[cfg(feature = "seeds")]
pub mod document;
#[cfg(feature = "seeds")]
pub mod seeds;
#[cfg(feature = "seeds")]
pub mod synthetic;

pub use diag::Diagnostic;
pub use model::*;
