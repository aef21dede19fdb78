//! Bylines: a line near the top of a section that only names its author in capitals
//! (`MADISON`, `HAMILTON OR MADISON`, `BY JOHN JAY`) becomes the section's author.
//!
//! A text has bylines when at least half of its sections (and two) open with one; a single
//! line of capitals in one section is more likely a heading or a shout than an author.

use super::case::{self, shape};
use super::headings::{is_known_heading, parse_label};
use super::sections::Draft;
use crate::content::model::Block;

/// How many blocks from a section's start a byline may stand at (after a publication line, a date…).
const BYLINE_DEPTH: usize = 4;
/// The most words a byline may have ("JOHN QUINCY ADAMS AND JAMES MADISON").
const MAX_WORDS: usize = 7;

/// Words that join authors' names.
const JOINERS: &[&str] = &["AND", "OR", "WITH", "&"];

/// The authors found: per section, and for the whole text when every section names the same one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Authors {
    /// One entry per draft, in order.
    pub sections: Vec<Option<String>>,
    /// Set instead of the per-section authors when all sections share one.
    pub text: Option<String>,
}

/// Takes the bylines out of the sections' text and returns the authors they name.
pub(crate) fn extract(drafts: &mut [Draft]) -> Authors {
    let found: Vec<Option<(usize, String)>> = drafts.iter().map(|d| byline(&d.blocks)).collect();
    let count = found.iter().filter(|f| f.is_some()).count();
    if count < 2 || count * 2 < drafts.len() {
        return Authors {
            sections: vec![None; drafts.len()],
            text: None,
        };
    }
    let mut sections = Vec::with_capacity(drafts.len());
    for (draft, found) in drafts.iter_mut().zip(found) {
        match found {
            Some((at, name)) => {
                draft.blocks.remove(at);
                sections.push(Some(name));
            }
            None => sections.push(None),
        }
    }
    let first = sections.first().cloned().flatten();
    if first.is_some() && sections.iter().all(|s| *s == first) {
        return Authors {
            sections: vec![None; drafts.len()],
            text: first,
        };
    }
    Authors {
        sections,
        text: None,
    }
}

/// The byline among a section's first blocks: its index and the author, title-cased.
fn byline(blocks: &[Block]) -> Option<(usize, String)> {
    // A byline sits over text: a section that is only a byline keeps it.
    if blocks.len() < 2 {
        return None;
    }
    blocks
        .iter()
        .take(BYLINE_DEPTH.min(blocks.len() - 1))
        .enumerate()
        .find_map(|(i, b)| match b {
            Block::Paragraph(text) => author_of(text).map(|name| (i, name)),
            Block::List(_) => None,
        })
}

/// The author a byline names: "HAMILTON OR MADISON" → "Hamilton or Madison".
fn author_of(text: &str) -> Option<String> {
    let text = text.trim();
    let name = text
        .strip_prefix("BY ")
        .or_else(|| text.strip_prefix("By "))
        .unwrap_or(text)
        .trim_end_matches('.')
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = words.iter().filter(|w| !JOINERS.contains(w)).count();
    let is_byline = shape(name).all_caps
        && (1..=MAX_WORDS).contains(&words.len())
        && named >= 1
        && !JOINERS.contains(&words[0])
        && !words.last().is_some_and(|w| JOINERS.contains(w))
        && words.iter().all(|w| JOINERS.contains(w) || is_name_word(w))
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        && !is_known_heading(name)
        && parse_label(name).is_none();
    is_byline.then(|| case::title_case(name))
}

/// A word of a name in capitals: letters, perhaps with initials' stops, apostrophes or hyphens;
/// not a word titles keep small ("THE", "OF").
fn is_name_word(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        && !case::is_small_word(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(texts: &[&str]) -> Draft {
        Draft::of_paragraphs(texts)
    }

    #[test]
    fn bylines_become_section_authors_and_leave_the_text() {
        let mut drafts = vec![
            draft(&["For the Journal.", "HAMILTON", "To the People:", "Text."]),
            draft(&["MADISON", "Text."]),
            draft(&["HAMILTON OR MADISON", "Text."]),
            draft(&["Text without a byline.", "More."]),
        ];
        let authors = extract(&mut drafts);
        assert_eq!(
            authors.sections,
            [
                Some("Hamilton".to_string()),
                Some("Madison".to_string()),
                Some("Hamilton or Madison".to_string()),
                None
            ]
        );
        assert_eq!(authors.text, None);
        assert_eq!(
            drafts[0].blocks,
            draft(&["For the Journal.", "To the People:", "Text."]).blocks
        );
        assert_eq!(drafts[1].blocks, draft(&["Text."]).blocks);
    }

    #[test]
    fn one_author_everywhere_is_the_texts_author() {
        let mut drafts = vec![
            draft(&["BY JOHN JAY", "One."]),
            draft(&["JOHN JAY", "Two."]),
        ];
        let authors = extract(&mut drafts);
        assert_eq!(authors.text.as_deref(), Some("John Jay"));
        assert_eq!(authors.sections, [None, None]);
    }

    #[test]
    fn capitals_that_are_not_names_or_too_rare_are_left_alone() {
        assert_eq!(author_of("THE END"), None);
        assert_eq!(author_of("INTRODUCTION"), None);
        assert_eq!(author_of("CHAPTER IV"), None);
        assert_eq!(author_of("Hamilton"), None);
        assert_eq!(author_of("NO. 10"), None);
        let mut drafts = vec![
            draft(&["APPENDIX", "Text."]),
            draft(&["Text."]),
            draft(&["More text."]),
        ];
        let before = drafts.clone();
        assert_eq!(extract(&mut drafts).sections, [None, None, None]);
        assert_eq!(drafts, before);
    }
}
