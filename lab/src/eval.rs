//! `seminar-lab eval`: Seminar's answer quality on judged queries next to the SQLite FTS5 and plain
//! substring baselines on the same queries.

use std::path::Path;
use std::process::ExitCode;

use seminar_core::engine::{Book, Engine, EngineError};
use seminar_core::eval::{self, JudgedSet, Miss, Scores};

use crate::baseline::{BaselineError, Fts5, Substring};

/// Which ranking a row of the quality table measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    /// Seminar's own `/search` or `/actor`.
    Seminar,
    /// SQLite FTS5 with BM25 over whole sections (the query's words, OR-ed).
    Fts5,
    /// Sections containing the most query words as plain substrings.
    Substring,
}

impl System {
    /// The name the table shows.
    pub fn name(self) -> &'static str {
        match self {
            System::Seminar => "Seminar",
            System::Fts5 => "SQLite FTS5 (bm25)",
            System::Substring => "substring",
        }
    }
}

/// One row of the quality table.
#[derive(Debug, Clone)]
pub struct Row {
    /// `/search` or `/actor`.
    pub command: &'static str,
    pub system: System,
    pub scores: Scores,
    /// Queries whose first answer was not acceptable.
    pub misses: Vec<Miss>,
}

/// Why a comparison could not be made.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error(transparent)]
    Baseline(#[from] BaselineError),
}

/// Scores Seminar and both baselines on a judged set, for the text `book`. The baselines rank the
/// query's own words (for `/actor`, the name as typed): they know no aliases or keywords.
pub fn compare(book: &Book<'_>, fts5: &Fts5, set: &JudgedSet) -> Result<Vec<Row>, EvalError> {
    let substring = Substring::new(book.text());
    let limit = book.text().sections.len().max(1);
    let mut rows = Vec::new();
    let (scores, misses) = eval::search(book, &set.search)?;
    rows.push(Row {
        command: "/search",
        system: System::Seminar,
        scores,
        misses,
    });
    let (scores, misses) = eval::actors(book, &set.actor);
    rows.push(Row {
        command: "/actor",
        system: System::Seminar,
        scores,
        misses,
    });
    let judged: Vec<(&str, &str, &[u32])> = set
        .search
        .iter()
        .map(|j| ("/search", j.query.as_str(), j.sections.as_slice()))
        .chain(
            set.actor
                .iter()
                .map(|j| ("/actor", j.query.as_str(), j.sections.as_slice())),
        )
        .collect();
    for system in [System::Fts5, System::Substring] {
        for command in ["/search", "/actor"] {
            let mut ranked = Vec::new();
            for (_, query, expected) in judged.iter().filter(|(c, _, _)| *c == command) {
                let got = match system {
                    System::Fts5 => fts5.search(book.position(), query, limit)?,
                    _ => substring.rank(query, limit),
                };
                ranked.push((query.to_string(), expected.to_vec(), got));
            }
            let (scores, misses) = eval::summarize(ranked);
            rows.push(Row {
                command,
                system,
                scores,
                misses,
            });
        }
    }
    Ok(rows)
}

/// `seminar-lab eval FILE`: quality of /search and /actor on judged queries, next to SQLite FTS5
/// and a plain substring baseline on the same queries.
pub fn run(engine: &Engine, file: &Path) -> ExitCode {
    let (set, book) = match eval::open(engine, file) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("seminar-lab: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = Fts5::build(engine.library(), None)
        .map_err(EvalError::from)
        .and_then(|fts5| compare(&book, &fts5, &set));
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("seminar-lab: the evaluation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Answer quality on “{}”: {} judged /search and {} /actor queries from {}.\n",
        book.text().title,
        set.search.len(),
        set.actor.len(),
        file.display()
    );
    println!(
        "| command | ranking | queries | hit@1 | hit@3 | MRR |\n|---|---|---:|---:|---:|---:|"
    );
    for command in ["/search", "/actor"] {
        for row in rows.iter().filter(|r| r.command == command) {
            let s = row.scores;
            println!(
                "| {command} | {} | {} | {:.2} | {:.2} | {:.3} |",
                row.system.name(),
                s.queries,
                s.hit_at_1,
                s.hit_at_3,
                s.mrr
            );
        }
    }
    let seminar = rows.iter().filter(|r| r.system == System::Seminar);
    for row in seminar {
        for miss in &row.misses {
            println!(
                "miss {} {:?}: expected {:?}, got {:?}",
                row.command, miss.query, miss.expected, miss.got
            );
        }
    }
    ExitCode::SUCCESS
}
