//! The `seminar-lab` command line: the lab's subcommands and the content flags they share with
//! `seminar`; this module only parses and dispatches.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use seminar::cli::{Setup, with_engine};

use crate::library_gen::GenOptions;

/// Seminar's lab: benchmarks, a synthetic-library generator, and answer quality next to baselines.
#[derive(Debug, Parser)]
#[command(name = "seminar-lab", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub setup: Setup,
    #[command(subcommand)]
    pub command: Command,
}

/// What `seminar-lab` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Time every command kind against a raw tantivy query on the same index; with --library,
    /// measure a whole library (build, start-up, memory, latency next to raw tantivy and SQLite FTS5).
    Bench {
        /// Runs per command kind.
        #[arg(long, default_value_t = 2000)]
        runs: usize,
        /// A library to measure at scale (e.g. one written by `seminar-lab gen-library`).
        #[arg(long, value_name = "DIR")]
        library: Option<PathBuf>,
    },
    /// Write a synthetic library of realistic texts for benchmarks (seeded: the same seed writes
    /// the same files).
    GenLibrary {
        /// How many texts.
        #[arg(long, default_value_t = 1000)]
        texts: usize,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write it (absent or empty).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Load-test the HTTP interactions endpoint in-process with signed requests, next to a floor
    /// server that only verifies the signature and answers PONG.
    BenchHttp {
        /// Requests per scenario.
        #[arg(long, default_value_t = 2000)]
        requests: usize,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 16)]
        concurrency: usize,
        /// Requests started per second at most; 0 for no limit.
        #[arg(long, default_value_t = 0, value_name = "PER_SECOND")]
        rate: u32,
    },
    /// Score /search and /actor on judged queries (hit@1, hit@3, MRR, misses) next to SQLite FTS5
    /// and plain substring baselines on the same queries.
    Eval {
        /// A TOML file of judged queries ([[search]] query + sections; [[actor]] query + actor + sections).
        file: PathBuf,
    },
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let (_, source) = match cli.setup.load("seminar-lab") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match cli.command {
        Command::GenLibrary { texts, seed, out } => {
            crate::library_gen::run(&out, &GenOptions { texts, seed })
        }
        Command::Bench {
            runs,
            library: Some(library),
        } => crate::bench::library::run(&library, source.index_dir.as_deref(), runs),
        Command::BenchHttp {
            requests,
            concurrency,
            rate,
        } => crate::bench_http::run(&source, requests, concurrency, rate),
        Command::Bench {
            runs,
            library: None,
        } => with_engine("seminar-lab", &source, |engine| {
            crate::bench::run(engine, runs)
        }),
        Command::Eval { file } => with_engine("seminar-lab", &source, |engine| {
            crate::eval::run(engine, &file)
        }),
    }
}
