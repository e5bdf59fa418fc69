//! Sharing what is on screen: its labels and file names, the corpus version a link carries,
//! pasted links, CSV and Markdown exports, the corpus summary the build writes, QR codes.

pub mod export;
pub mod files;
pub mod labels;
pub mod markdown;
pub mod paste;
pub mod qr;
pub mod summary;
pub mod versions;
