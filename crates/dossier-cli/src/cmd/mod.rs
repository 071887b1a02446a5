//! One module per subcommand.

pub mod bench;
pub mod build;
pub mod entities;
pub mod eval;
pub mod eval_link;
pub mod extract;
pub mod pipeline;
