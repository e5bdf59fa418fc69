//! Workshops: building and saving tours, the presenter window and printed handouts.

pub mod handout;
pub mod presenter;
pub mod tour_edit;
pub mod tour_file;
