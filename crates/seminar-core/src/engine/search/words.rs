//! A search's typos: which typed words are corrected, and the query as typed with them respelled.

use crate::engine::Book;

/// A corrected query: its words, and which typed word became which known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Correction {
    pub words: String,
    pub changes: Vec<(String, String)>,
}

impl Correction {
    /// `words` with each word `suggest` has a suggestion for replaced by it; `None` when it has
    /// none.
    pub fn of(words: &[String], suggest: impl Fn(&str) -> Option<String>) -> Option<Correction> {
        let changes: Vec<(String, String)> = words
            .iter()
            .filter_map(|w| suggest(w).map(|s| (w.clone(), s)))
            .collect();
        if changes.is_empty() {
            return None;
        }
        let words = words
            .iter()
            .map(|w| {
                changes
                    .iter()
                    .find(|(from, _)| from == w)
                    .map_or(w.as_str(), |(_, to)| to.as_str())
            })
            .collect::<Vec<_>>()
            .join(" ");
        Some(Correction { words, changes })
    }
}

/// The words unknown to `book`'s text that are close to words it uses, corrected.
pub(super) fn correct_in_text(book: &Book<'_>, words: &[String]) -> Option<Correction> {
    let vocabulary = book.index().vocabulary(book.position());
    vocabulary.correct(words).map(|c| Correction {
        words: c.words,
        changes: c
            .changes
            .into_iter()
            .map(|(from, to)| (from.to_string(), to.to_string()))
            .collect(),
    })
}

/// `input` with each corrected word replaced, keeping everything else as typed.
pub(super) fn respell(input: &str, corrections: &[(String, String)]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let replacement = corrections
            .iter()
            .find(|(from, _)| from.eq_ignore_ascii_case(word) || *from == word.to_lowercase())
            .map(|(_, to)| to.as_str());
        out.push_str(replacement.unwrap_or(word));
        word.clear();
    };
    for c in input.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}
