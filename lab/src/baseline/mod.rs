//! Baselines Seminar's answers are measured against: SQLite FTS5 with BM25, and plain substring matching.

pub mod fts5;
pub mod substring;

pub use fts5::Fts5;
pub use substring::Substring;

/// Why a baseline could not be built or searched.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("SQLite FTS5 baseline failure: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The words of a query or a text as both baselines see them: runs of letters and digits.
///
/// SQLite's `unicode61` tokenizer splits text much the same way, and FTS5 re-tokenizes each quoted
/// word anyway, so where the two differ a word becomes a short phrase, never a syntax error.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The bundled essay alone, for the baselines' tests.
#[cfg(test)]
pub(crate) fn bundled_essay() -> seminar_core::content::model::Library {
    seminar_core::content::load_library(crate::bundled_content().join("us-iran-talks"))
        .expect("the bundled essay loads")
}
