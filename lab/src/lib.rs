//! Seminar's lab: what measures Seminar rather than serves it, kept out of the `seminar` binary.
//!
//! - [`bench`]: command latency next to raw tantivy; with a library, build, start-up and memory
//!   in fresh processes, and SQLite FTS5 on the same queries;
//! - [`bench_http`]: the HTTP interactions endpoint under signed load, next to a PONG floor;
//! - [`library_gen`]: seeded synthetic libraries for benchmarks;
//! - [`baseline`] and [`eval`]: SQLite FTS5 (`rusqlite`) and substring ranking, and answer quality
//!   on judged queries next to them.
//!
//! Product code is reached only through the `seminar` library crate.

pub mod baseline;
pub mod bench;
pub mod bench_http;
pub mod cli;
pub mod eval;
pub mod library_gen;

/// The bundled content directory of the repository, for tests.
#[cfg(test)]
pub(crate) fn bundled_content() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}
