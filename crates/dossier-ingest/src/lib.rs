//! Readers for every input format dossier accepts (text, HTML, WARC, RSS/Atom,
//! JSON Lines), turning raw bytes into clean text plus metadata.

pub mod html;
