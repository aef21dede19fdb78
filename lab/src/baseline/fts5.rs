//! The SQLite FTS5 baseline: one full-text row per section, ranked with BM25.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{BaselineError, words};
use seminar_core::content::model::Library;

/// The table: one row per section. `text` (the text's position in the library) and `number` are
/// stored but not indexed; `title` and `body` are searched. The Porter stemmer over `unicode61`
/// lets `factions` match `faction` and folds case and diacritics.
const SCHEMA: &str = "
    DROP TABLE IF EXISTS sections;
    CREATE VIRTUAL TABLE sections USING fts5(
        text UNINDEXED,
        number UNINDEXED,
        title,
        body,
        tokenize = 'porter unicode61'
    );
";

/// The sections of one text matching a query, best first.
///
/// Both searches rank with `bm25(sections, 0.0, 0.0, 5.0, 1.0)`: one weight per column, in schema
/// order (text, number, title, body). The unindexed columns never match, so their weight is 0. A
/// word of the title counts five times one in the body: a title names what the whole section is
/// about, while a body mentions many things in passing and is long enough that title words would
/// otherwise be drowned out. `bm25()` is lower for better matches, so ascending order is best
/// first; ties go to the row inserted first (library order).
const SEARCH_TEXT: &str = "SELECT number FROM sections WHERE sections MATCH ?1 AND text = ?2 \
     ORDER BY bm25(sections, 0.0, 0.0, 5.0, 1.0), rowid LIMIT ?3";

/// The sections of every text matching a query, best first.
const SEARCH_ANY: &str = "SELECT text, number FROM sections WHERE sections MATCH ?1 \
     ORDER BY bm25(sections, 0.0, 0.0, 5.0, 1.0), rowid LIMIT ?2";

/// A SQLite FTS5 index over every section of a library.
#[derive(Debug)]
pub struct Fts5 {
    connection: Connection,
}

impl Fts5 {
    /// Indexes every section of every text. With `path`, the database is that file (its `sections`
    /// table replaced), so its size on disk can be measured; without, it lives in memory.
    pub fn build(library: &Library, path: Option<&Path>) -> Result<Fts5, BaselineError> {
        let mut connection = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        connection.execute_batch(SCHEMA)?;
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction.prepare(
                "INSERT INTO sections (text, number, title, body) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (position, text) in library.texts.iter().enumerate() {
                for section in &text.sections {
                    insert.execute(params![
                        as_i64(position),
                        section.number,
                        section.title,
                        section.plain_text()
                    ])?;
                }
            }
        }
        transaction.commit()?;
        // Merge the index's b-trees into one, as a built-once index would be.
        connection.execute("INSERT INTO sections (sections) VALUES ('optimize')", [])?;
        Ok(Fts5 { connection })
    }

    /// Sections of text `text` (its position in `library.texts`) matching the user's words, best
    /// first. Any input is accepted; a query without words matches nothing.
    pub fn search(
        &self,
        text: usize,
        query: &str,
        limit: usize,
    ) -> Result<Vec<u32>, BaselineError> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut statement = self.connection.prepare_cached(SEARCH_TEXT)?;
        let rows = statement
            .query_map(params![expression, as_i64(text), as_i64(limit)], |row| {
                row.get::<_, u32>(0)
            })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sections of every text matching the user's words, best first, as (text position, section
    /// number).
    pub fn search_any(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Vec<(usize, u32)>, BaselineError> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut statement = self.connection.prepare_cached(SEARCH_ANY)?;
        let rows = statement.query_map(params![expression, as_i64(limit)], |row| {
            Ok((row.get::<_, usize>(0)?, row.get::<_, u32>(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn as_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes a
/// quoted string (so `AND`, `NEAR`, `*`, `-`, `^`, `:` and quotes are plain words or separators),
/// and the words are joined with OR. AND would be FTS5's default, but it would return nothing for
/// most questions, whose every word ("why", "did", "think") is rarely in one section; OR lets BM25
/// rank sections by how many of the rarer words they hold. `None` when there is no word.
fn match_expression(query: &str) -> Option<String> {
    let quoted: Vec<String> = words(query)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(" OR "))
}

#[cfg(test)]
mod tests {

    use super::*;
    use seminar_core::content::model::Block;

    fn essay() -> Library {
        crate::baseline::bundled_essay()
    }

    /// The essay, plus a second text of two sections written here.
    fn shelf() -> Library {
        let mut library = essay();
        let mut other = library.texts[0].clone();
        other.id = "other".to_string();
        other.sections.truncate(2);
        other.sections[0].title = "Of Factions".to_string();
        other.sections[0].blocks = vec![Block::Paragraph(
            "A zebra of factions grazes near the Strait of Hormuz.".to_string(),
        )];
        other.sections[1].title = "Of Courts".to_string();
        other.sections[1].blocks = vec![Block::Paragraph(
            "The judiciary is the least dangerous branch.".to_string(),
        )];
        library.texts.push(other);
        library
    }

    #[test]
    fn a_title_word_ranks_its_section_first() {
        let fts = Fts5::build(&essay(), None).unwrap();
        // "Multipolar" is in the title of §14 "The Multipolar Shadow"; §27 has "Multipolarity".
        assert_eq!(fts.search(0, "multipolar shadow", 3).unwrap()[0], 14);
        assert_eq!(fts.search(0, "economics", 1).unwrap(), vec![13]);
        assert_eq!(fts.search(0, "Israel", 1).unwrap(), vec![11]);
    }

    #[test]
    fn the_stemmer_matches_other_forms() {
        let fts = Fts5::build(&shelf(), None).unwrap();
        assert_eq!(fts.search(1, "faction", 5).unwrap(), vec![1]);
        assert_eq!(fts.search(1, "courting", 5).unwrap(), vec![2]);
    }

    #[test]
    fn results_are_limited_and_distinct() {
        let library = essay();
        let fts = Fts5::build(&library, None).unwrap();
        let all = fts.search(0, "iran", 100).unwrap();
        // Every section with the word "Iran" (or "Iran's") in its title or body, and no other.
        let mut holding: Vec<u32> = library.texts[0]
            .sections
            .iter()
            .filter(|s| {
                let text = format!("{} {}", s.title, s.plain_text());
                words(&text).any(|w| w.eq_ignore_ascii_case("iran"))
            })
            .map(|s| s.number)
            .collect();
        assert!(holding.len() > 3, "{holding:?}");
        let mut found = all.clone();
        found.sort_unstable();
        holding.sort_unstable();
        assert_eq!(found, holding);
        found.dedup();
        assert_eq!(found.len(), all.len());
        assert_eq!(fts.search(0, "iran", 3).unwrap(), all[..3]);
        assert_eq!(fts.search(0, "iran", 0).unwrap(), Vec::<u32>::new());
    }

    #[test]
    fn natural_questions_match_on_any_word() {
        let fts = Fts5::build(&essay(), None).unwrap();
        let hits = fts
            .search(0, "why would oil traders xyzzyplugh panic", 5)
            .unwrap();
        assert!(!hits.is_empty());
    }

    #[test]
    fn empty_and_wordless_queries_match_nothing() {
        let fts = Fts5::build(&essay(), None).unwrap();
        for query in ["", "   ", "\"\"", "* - ^ : ( )", "…", "\u{301}"] {
            assert_eq!(
                fts.search(0, query, 10).unwrap(),
                Vec::<u32>::new(),
                "{query:?}"
            );
            assert_eq!(fts.search_any(query, 10).unwrap(), vec![], "{query:?}");
        }
    }

    #[test]
    fn operators_and_punctuation_never_fail() {
        let fts = Fts5::build(&shelf(), None).unwrap();
        for query in [
            "NEAR",
            "NEAR(iran israel, 3)",
            "iran AND",
            "AND OR NOT",
            "OR",
            "NOT iran",
            "\"iran",
            "iran\"",
            "\"strait of\" hormuz\"",
            "iran*",
            "*",
            "-iran",
            "iran - israel",
            "title:iran",
            "body : iran",
            "^iran",
            "{title body}: iran",
            "(iran",
            "iran)",
            "iran's \"talks\" — why?",
            "don't; DROP TABLE sections; --",
            "ìrän ÎSRAËL",
            "日本語 ﷽ 🙂",
            "\0iran\u{7f}",
        ] {
            fts.search(0, query, 5)
                .unwrap_or_else(|e| panic!("{query:?}: {e}"));
            fts.search_any(query, 5)
                .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        }
        // A very long question is one flat OR, not a deep expression tree.
        let long: String = (0..5000).map(|i| format!("w{i} ")).collect();
        assert_eq!(fts.search(0, &long, 5).unwrap(), Vec::<u32>::new());
        assert_eq!(fts.search(1, &format!("{long} zebra"), 5).unwrap(), vec![1]);
        // The operator words are searched as words: "near" is in the other text's first section.
        assert_eq!(fts.search(1, "NEAR", 5).unwrap(), vec![1]);
        assert_eq!(fts.search(1, "-zebra*", 5).unwrap(), vec![1]);
        // Diacritics fold: "ìrän" is "iran".
        assert_eq!(
            fts.search(0, "ìrän", 1).unwrap(),
            fts.search(0, "iran", 1).unwrap()
        );
    }

    #[test]
    fn the_text_filter_is_respected() {
        let library = shelf();
        let fts = Fts5::build(&library, None).unwrap();
        // "zebra" is only in the second text.
        assert_eq!(fts.search(0, "zebra", 10).unwrap(), Vec::<u32>::new());
        assert_eq!(fts.search(1, "zebra", 10).unwrap(), vec![1]);
        assert_eq!(fts.search(2, "zebra", 10).unwrap(), Vec::<u32>::new());
        // "Hormuz" is in both: each text gets only its own sections.
        let essay_hits = fts.search(0, "hormuz", 100).unwrap();
        assert!(essay_hits.contains(&13), "{essay_hits:?}");
        assert_eq!(fts.search(1, "hormuz", 100).unwrap(), vec![1]);
        let any = fts.search_any("hormuz", 100).unwrap();
        assert_eq!(any.len(), essay_hits.len() + 1);
        assert!(any.contains(&(1, 1)));
        assert!(any.iter().all(|&(t, s)| t == 1 || essay_hits.contains(&s)));
        assert_eq!(fts.search_any("judiciary", 10).unwrap(), vec![(1, 2)]);
    }

    #[test]
    fn a_file_database_is_rebuilt_and_searchable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fts.db");
        let library = essay();
        let first = Fts5::build(&library, Some(&path)).unwrap();
        let expected = first.search(0, "strait of hormuz", 5).unwrap();
        drop(first);
        assert!(std::fs::metadata(&path).unwrap().len() > 0);
        // Building again over the same file replaces the table rather than adding rows twice.
        let again = Fts5::build(&library, Some(&path)).unwrap();
        assert_eq!(again.search(0, "strait of hormuz", 5).unwrap(), expected);
        assert_eq!(
            again.search(0, "iran", 100).unwrap().len(),
            Fts5::build(&library, None)
                .unwrap()
                .search(0, "iran", 100)
                .unwrap()
                .len()
        );
    }

    #[test]
    fn match_expressions_quote_every_word() {
        assert_eq!(match_expression("  "), None);
        assert_eq!(match_expression("*-\""), None);
        assert_eq!(
            match_expression("Iran AND \"Israel\"*"),
            Some("\"Iran\" OR \"AND\" OR \"Israel\"".to_string())
        );
    }
}
