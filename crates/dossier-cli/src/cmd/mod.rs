//! One module per subcommand.

pub mod build;
pub mod eval;
pub mod extract;
