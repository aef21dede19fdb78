//! The command-line interface: subcommands, their flags, and exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::content::{Severity, check, load};

/// Seminar: a discussion partner for a long text, on Discord and in the terminal.
#[derive(Debug, Parser)]
#[command(name = "seminar", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// What `seminar` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a content directory and report every problem with file and line.
    Check {
        /// The content directory (a library of texts, or one text).
        #[arg(default_value = "content")]
        dir: PathBuf,
    },
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { dir } => run_check(&dir),
    }
}

fn run_check(dir: &std::path::Path) -> ExitCode {
    let (texts, problems) = load::parse_and_check(dir);
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        eprintln!("{}", check::report(&problems));
    }
    let sections: usize = texts.iter().map(|t| t.sections.len()).sum();
    if errors > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s) in {}", dir.display());
        ExitCode::FAILURE
    } else {
        println!(
            "ok: {} text(s), {sections} section(s), {warnings} warning(s) in {}",
            texts.len(),
            dir.display()
        );
        ExitCode::SUCCESS
    }
}
