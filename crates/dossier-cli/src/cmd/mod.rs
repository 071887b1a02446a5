//! One module per subcommand; each exposes clap `Args` and a `run` function.

pub mod bench_dates;
pub mod corpus;
pub mod eval_dates;
