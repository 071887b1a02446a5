//! The `dossier` binary.
fn main() {}
