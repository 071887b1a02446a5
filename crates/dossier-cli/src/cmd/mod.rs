//! One module per subcommand.

pub mod eval;
pub mod extract;
pub mod ner;
