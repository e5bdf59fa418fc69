//! Pure core of the evidence explorer, laid out by layer: each folder may use the folders
//! listed before it, never one after (`scripts/check_layers.py` keeps it so). No I/O, no web
//! dependencies: everything here is tested on the host with `cargo test`.
//!
//! `text` < `model` < `document` < `state` < `query` < `link` < `share` < `workshop` <
//! `viewmodel` < `seeds` < `interop`.

pub mod text;

pub mod model;

#[cfg(feature = "seeds")]
pub mod document;

pub mod state;

pub mod query;

pub mod link;

pub mod share;

pub mod workshop;

pub mod viewmodel;

#[cfg(feature = "seeds")]
pub mod seeds;

#[cfg(feature = "interop")]
pub mod interop;

/// A synthetic corpus for tests: compiled for the unit tests and, with the `testkit` feature,
/// for the integration tests; never in a shipped build.
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;

pub use model::*;
