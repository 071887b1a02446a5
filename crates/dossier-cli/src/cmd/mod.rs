//! One module per subcommand.

pub mod eval_quotes;
pub mod train_quote_cues;
