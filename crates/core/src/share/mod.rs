//! Sharing what is on screen: labels, file names, versions, pasted links, CSV and Markdown
//! exports, the corpus summary the build writes, QR codes.

pub mod export;
pub mod qr;
pub mod selection;
pub mod summary;
