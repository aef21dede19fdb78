//! Answer quality: judged queries (query → acceptable sections) scored as hit@1, hit@3 and MRR
//! for `/search` and `/actor` (`seminar eval`; `seminar-lab eval` adds the baselines).

use std::path::Path;

use serde::Deserialize;

use crate::engine::actor;
use crate::engine::resolve::Resolution;
use crate::engine::search::best_per_section;
use crate::engine::{Book, Engine, EngineError};

/// A judged query file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedSet {
    /// The id of the text the queries are about [default: the library's default text].
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub search: Vec<JudgedSearch>,
    #[serde(default)]
    pub actor: Vec<JudgedActor>,
}

/// A `/search` query and the sections that answer it, best first.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedSearch {
    pub query: String,
    pub sections: Vec<u32>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An `/actor` lookup: the actor it should find and the sections where they matter most.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JudgedActor {
    pub query: String,
    pub actor: String,
    pub sections: Vec<u32>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Scores over a set of queries.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub queries: usize,
    pub hit_at_1: f64,
    pub hit_at_3: f64,
    pub mrr: f64,
}

/// A query whose first answer was not acceptable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub query: String,
    pub expected: Vec<u32>,
    pub got: Vec<u32>,
}

/// Reads a judged set.
pub fn load(path: &Path) -> Result<JudgedSet, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {}", path.display(), e.message()))
}

/// The text a judged set names is not in the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("text = {id:?} is not loaded; the texts are: {}", texts.join(", "))]
pub struct UnknownText {
    pub id: String,
    /// The ids of the texts there are.
    pub texts: Vec<String>,
}

/// The judged set at `path` and the text it is about, or a message naming what went wrong.
pub fn open<'e>(engine: &'e Engine, path: &Path) -> Result<(JudgedSet, Book<'e>), String> {
    let set = load(path)?;
    let book = book(engine, &set).map_err(|unknown| format!("{}: {unknown}", path.display()))?;
    Ok((set, book))
}

/// The text a judged set is about: the one it names, else the library's default.
pub fn book<'e>(engine: &'e Engine, set: &JudgedSet) -> Result<Book<'e>, UnknownText> {
    match set.text.as_deref() {
        None => Ok(engine.book()),
        Some(id) => engine.book_of(id).ok_or_else(|| UnknownText {
            id: id.to_string(),
            texts: engine
                .library()
                .texts
                .iter()
                .map(|t| t.id.clone())
                .collect(),
        }),
    }
}

/// Scores ranked answers against acceptable ones.
pub fn score<'a>(results: impl IntoIterator<Item = (&'a [u32], &'a [u32])>) -> Scores {
    let mut scores = Scores::default();
    for (expected, got) in results {
        scores.queries += 1;
        if let Some(rank) = got.iter().position(|s| expected.contains(s)) {
            scores.mrr += 1.0 / (rank + 1) as f64;
            scores.hit_at_1 += f64::from(u8::from(rank == 0));
            scores.hit_at_3 += f64::from(u8::from(rank < 3));
        }
    }
    if scores.queries > 0 {
        let n = scores.queries as f64;
        scores.hit_at_1 /= n;
        scores.hit_at_3 /= n;
        scores.mrr /= n;
    }
    scores
}

/// `/search` quality: the ranked sections of each query against the judged ones.
pub fn search(book: &Book<'_>, set: &[JudgedSearch]) -> Result<(Scores, Vec<Miss>), EngineError> {
    let mut ranked = Vec::new();
    for judged in set {
        let sections = search_ranking(book, &judged.query)?;
        ranked.push((judged.query.clone(), judged.sections.clone(), sections));
    }
    Ok(summarize(ranked))
}

/// `/actor` quality: the sections ranked for the resolved actor (nothing when it resolves wrong).
pub fn actors(book: &Book<'_>, set: &[JudgedActor]) -> (Scores, Vec<Miss>) {
    let ranked = set
        .iter()
        .map(|judged| {
            let sections = match book.resolver().actor(book.text(), &judged.query) {
                Resolution::Found(found, _) if found.id == judged.actor => actor::rank(book, found)
                    .iter()
                    .map(|r| r.section.number)
                    .collect(),
                _ => Vec::new(),
            };
            (judged.query.clone(), judged.sections.clone(), sections)
        })
        .collect();
    summarize(ranked)
}

/// The sections `/search` ranks for `query`, best first.
pub fn search_ranking(book: &Book<'_>, query: &str) -> Result<Vec<u32>, EngineError> {
    let query = book.parse(query);
    Ok(best_per_section(book, &query)?
        .iter()
        .map(|h| book.index().passages()[h.passage].section)
        .collect())
}

/// Scores and misses of ranked answers, each given as (query, acceptable sections, sections
/// ranked best first); a miss keeps the first five sections ranked.
pub fn summarize(ranked: Vec<(String, Vec<u32>, Vec<u32>)>) -> (Scores, Vec<Miss>) {
    let scores = score(ranked.iter().map(|(_, e, g)| (e.as_slice(), g.as_slice())));
    let misses = ranked
        .into_iter()
        .filter(|(_, expected, got)| got.first().is_none_or(|s| !expected.contains(s)))
        .map(|(query, expected, got)| Miss {
            query,
            expected,
            got: got.into_iter().take(5).collect(),
        })
        .collect();
    (scores, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_the_first_acceptable_rank() {
        let s = score([
            (&[2u32][..], &[2u32, 5][..]),
            (&[7][..], &[1, 7][..]),
            (&[9][..], &[1, 2, 3, 9][..]),
            (&[4][..], &[][..]),
        ]);
        assert_eq!(s.queries, 4);
        assert_eq!(s.hit_at_1, 0.25);
        assert_eq!(s.hit_at_3, 0.5);
        assert!((s.mrr - (1.0 + 0.5 + 0.25) / 4.0).abs() < 1e-9);
    }
}
