//! Finds where a text names its actors, by any of their names, so that aliases meet in the index.

use regex::{Regex, RegexBuilder};

use crate::content::model::Actor;

/// Words that are also acronyms of actors ("US"): in running text they name an actor only in capitals.
const COMMON_WORDS: &[&str] = &[
    "us", "it", "is", "am", "an", "as", "at", "be", "by", "do", "go", "he", "in", "me", "my", "no",
    "of", "on", "or", "so", "to", "up", "we",
];

/// The regex crate's own default for its lazy DFA's cache, for matchers that scan whole texts.
const DEFAULT_CACHE_BYTES: usize = 2 * (1 << 20);
/// The cache of a matcher kept for short texts.
const COMPACT_CACHE_BYTES: usize = 1 << 16;

/// Recognizes actor names in text: longest name first, whole words only.
#[derive(Debug, Clone)]
pub struct ActorMatcher {
    regex: Option<Regex>,
    /// The actor id for each capture group, in group order.
    owners: Vec<String>,
}

impl ActorMatcher {
    /// A matcher for every name and alias of `actors`.
    pub fn new(actors: &[Actor]) -> Self {
        Self::with_cache(actors, DEFAULT_CACHE_BYTES)
    }

    /// A matcher kept for looking at short texts (queries, titles): its search caches stay small,
    /// so that many texts can keep one.
    pub fn compact(actors: &[Actor]) -> Self {
        Self::with_cache(actors, COMPACT_CACHE_BYTES)
    }

    fn with_cache(actors: &[Actor], cache_bytes: usize) -> Self {
        let mut names: Vec<(&str, &str)> = actors
            .iter()
            .flat_map(|a| a.names().map(move |n| (n.trim(), a.id.as_str())))
            .filter(|(n, _)| !n.is_empty())
            .collect();
        // Longest first so "Islamic Revolutionary Guard Corps" wins over any shorter name inside it.
        names.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then(a.0.cmp(b.0))
        });
        let mut alternatives = Vec::with_capacity(names.len());
        let mut owners = Vec::with_capacity(names.len());
        for (name, owner) in names {
            let pattern = name_pattern(name);
            let case_sensitive = COMMON_WORDS.contains(&name.to_lowercase().as_str());
            alternatives.push(if case_sensitive {
                format!("({pattern})")
            } else {
                format!("((?i:{pattern}))")
            });
            owners.push(owner.to_string());
        }
        let regex = if alternatives.is_empty() {
            None
        } else {
            RegexBuilder::new(&format!(
                r"(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:$|[^\p{{L}}\p{{N}}])",
                alternatives.join("|")
            ))
            .size_limit(1 << 24)
            .dfa_size_limit(cache_bytes)
            .build()
            .ok()
        };
        ActorMatcher { regex, owners }
    }

    /// Every actor named in `text`, once per mention, in order.
    pub fn mentions<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let regex = self.regex.as_ref()?;
            let caps = regex.captures_at(text, at)?;
            let group = (1..caps.len()).find(|&i| caps.get(i).is_some())?;
            let m = caps.get(group)?;
            // Resume right after the name so that adjacent names ("US–Iran") are both found.
            at = m.end();
            self.owners.get(group - 1).map(String::as_str)
        })
    }

    /// The distinct actors named in `text`, in order of first mention.
    pub fn actors_in(&self, text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in self.mentions(text) {
            if !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        out
    }
}

/// A name as a regex: escaped, with any run of spaces, dots or dashes matching flexibly and
/// straight and curly apostrophes matching each other.
fn name_pattern(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            ' ' => out.push_str(r"[\s\-]+"),
            '\'' | '\u{2019}' => out.push_str("['\u{2019}]"),
            '.' => out.push_str(r"\.?"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            description: String::new(),
        }
    }

    fn matcher() -> ActorMatcher {
        ActorMatcher::new(&[
            actor(
                "iran",
                "Iran",
                &[
                    "Tehran",
                    "Iranian",
                    "IRGC",
                    "Islamic Revolutionary Guard Corps",
                ],
            ),
            actor(
                "united-states",
                "United States",
                &["US", "America", "American", "Washington"],
            ),
            actor("jd-vance", "JD Vance", &["Vance"]),
        ])
    }

    #[test]
    fn aliases_name_their_actor() {
        let m = matcher();
        let found: Vec<&str> = m
            .mentions("While Washington and Tehran sit across the table")
            .collect();
        assert_eq!(found, vec!["united-states", "iran"]);
    }

    #[test]
    fn adjacent_names_joined_by_a_dash_are_both_found() {
        let m = matcher();
        let found: Vec<&str> = m.mentions("any shift in US–Iran relations").collect();
        assert_eq!(found, vec!["united-states", "iran"]);
    }

    #[test]
    fn a_common_word_alias_counts_only_in_capitals() {
        let m = matcher();
        assert_eq!(m.mentions("it tells us something").count(), 0);
        assert_eq!(m.mentions("it tells US something").count(), 1);
    }

    #[test]
    fn the_longest_name_wins_and_parts_of_words_do_not_count() {
        let m = matcher();
        assert_eq!(m.actors_in("JD Vance enters"), vec!["jd-vance"]);
        assert_eq!(
            m.mentions("the Islamic Revolutionary Guard Corps—not")
                .count(),
            1
        );
        assert_eq!(m.mentions("Iranistan and Americana").count(), 0);
        assert_eq!(m.actors_in("the American-led order"), vec!["united-states"]);
    }
}
