//! User search text → a structured query that never fails: quoted phrases, free terms, named actors.
//!
//! Nothing a user types reaches tantivy's query parser. Quotes (straight or curly) make phrases, a lone
//! quote is ignored, and operators and punctuation (`AND`, `:`, `(`, `*`, `~`) are just separators.

use crate::index::mentions::ActorMatcher;
use crate::index::schema::analyze;

/// Longest query, in characters, that is looked at; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 300;

/// Words that say how a student asks rather than what about; dropped from free terms.
const QUESTION_WORDS: &[&str] = &[
    "a",
    "about",
    "according",
    "actually",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anything",
    "are",
    "argue",
    "argued",
    "argues",
    "argument",
    "article",
    "as",
    "at",
    "author",
    "be",
    "been",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "each",
    "essay",
    "even",
    "explain",
    "for",
    "from",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "mean",
    "means",
    "mention",
    "mentioned",
    "mentions",
    "much",
    "my",
    "not",
    "of",
    "on",
    "or",
    "our",
    "part",
    "passage",
    "please",
    "quite",
    "really",
    "said",
    "say",
    "says",
    "section",
    "she",
    "should",
    "show",
    "so",
    "some",
    "something",
    "still",
    "tell",
    "text",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "to",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "whats",
    "when",
    "where",
    "whether",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "writer",
    "you",
    "your",
];

/// A query ready to run: analyzed terms and phrases, the words typed, and the actors named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserQuery {
    /// What the user typed (trimmed to `MAX_QUERY_CHARS`).
    pub original: String,
    /// Analyzed (lowercased, stemmed) free terms with their positions, without question words.
    pub terms: Vec<(usize, String)>,
    /// Analyzed terms of each quoted phrase, with positions.
    pub phrases: Vec<Vec<(usize, String)>>,
    /// The free words as typed (lowercased), for spelling suggestions.
    pub words: Vec<String>,
    /// Ids of actors the query names by any of their names.
    pub actors: Vec<String>,
}

impl UserQuery {
    /// Parses user text. Any input is accepted.
    pub fn parse(input: &str, actors: &ActorMatcher) -> UserQuery {
        let original: String = input
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .take(MAX_QUERY_CHARS)
            .collect::<String>()
            .trim()
            .to_string();
        let normalized = original.replace(['“', '”', '„', '«', '»'], "\"");
        let (free, quoted) = split_quotes(&normalized);
        let words: Vec<String> = free
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .map(|w| w.trim_matches(['\'', '’']).to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let content_words: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !QUESTION_WORDS.contains(w))
            .collect();
        let mut terms = analyze(&content_words.join(" "));
        if terms.is_empty() && quoted.is_empty() {
            // Only question words: better to search for them than for nothing.
            terms = analyze(&words.join(" "));
        }
        dedup_terms(&mut terms);
        let phrases = quoted
            .iter()
            .map(|q| analyze(q))
            .filter(|p| !p.is_empty())
            .collect();
        UserQuery {
            actors: actors.actors_in(&normalized),
            original,
            terms,
            phrases,
            words: content_words.into_iter().map(str::to_string).collect(),
        }
    }

    /// True when nothing searchable is left.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.actors.is_empty()
    }

    /// Every analyzed term, free or quoted.
    pub fn all_terms(&self) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .chain(self.phrases.iter().flatten())
            .map(|(_, t)| t.as_str())
    }
}

/// Splits text into what lies outside double quotes and the quoted phrases. An unmatched quote is dropped.
fn split_quotes(text: &str) -> (String, Vec<String>) {
    let mut free = String::new();
    let mut phrases = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        free.push_str(&rest[..open]);
        free.push(' ');
        let after = &rest[open + 1..];
        match after.find('"') {
            Some(close) => {
                phrases.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => {
                rest = after;
                break;
            }
        }
    }
    free.push_str(rest);
    (free, phrases)
}

/// Keeps the first occurrence of each term.
fn dedup_terms(terms: &mut Vec<(usize, String)>) {
    let mut seen = std::collections::HashSet::new();
    terms.retain(|(_, t)| seen.insert(t.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> UserQuery {
        UserQuery::parse(s, &ActorMatcher::new(&[]))
    }

    fn terms(q: &UserQuery) -> Vec<&str> {
        q.terms.iter().map(|(_, t)| t.as_str()).collect()
    }

    #[test]
    fn question_words_are_dropped_and_terms_stemmed() {
        assert_eq!(
            terms(&parse("What does the essay say about oil prices?")),
            vec!["oil", "price"]
        );
    }

    #[test]
    fn quotes_make_phrases_and_a_lone_quote_is_ignored() {
        let q = parse("\"strait of hormuz\" insurance");
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(terms(&q), vec!["insur"]);
        let lone = parse("\"hormuz");
        assert!(lone.phrases.is_empty());
        assert_eq!(terms(&lone), vec!["hormuz"]);
    }

    #[test]
    fn curly_quotes_work_like_straight_ones() {
        assert_eq!(parse("“managed instability”").phrases.len(), 1);
    }

    #[test]
    fn operators_and_punctuation_are_separators() {
        assert_eq!(
            terms(&parse("iran AND (hormuz OR oil*) title:~x")),
            vec!["iran", "hormuz", "oil", "titl", "x"]
        );
    }

    #[test]
    fn a_query_of_only_question_words_still_searches() {
        assert_eq!(terms(&parse("what is this")), vec!["what"]);
        assert_eq!(terms(&parse("why")), vec!["whi"]);
    }
}
