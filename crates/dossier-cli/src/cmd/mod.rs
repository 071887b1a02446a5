//! One module per subcommand (or family of subcommands); each exposes clap
//! `Args` and a `run` function.

pub mod bench;
pub mod bench_conll;
pub mod bench_dates;
pub mod bench_extract;
pub mod bench_html;
pub mod bench_link;
pub mod bench_mbox;
pub mod bench_pdf;
pub mod bench_quotes;
pub mod bench_store;
pub mod bench_throughput;
pub mod build;
pub mod corpus;
pub mod decide;
pub mod demo;
pub mod entities;
pub mod eval;
pub mod eval_dates;
pub mod eval_html;
pub mod eval_link;
pub mod eval_pdf;
pub mod eval_places;
pub mod eval_quotes;
pub mod eval_statement_dates;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod parquet;
pub mod query;
pub mod serve;
pub mod stats;
pub mod train;
pub mod train_quote_cues;
pub mod zyte;
