//! One module per subcommand; each exposes clap `Args` and a `run` function.

pub mod bench_html;
pub mod eval_html;
pub mod zyte;
