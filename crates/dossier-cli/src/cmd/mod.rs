//! One module per subcommand (or family of subcommands).

pub mod bench;
pub mod decide;
pub mod demo;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod stats;
