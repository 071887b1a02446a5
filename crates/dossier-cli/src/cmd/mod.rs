//! One module per subcommand.

pub mod bench_quotes;
pub mod eval_quotes;
pub mod train_quote_cues;
