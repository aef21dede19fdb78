//! Finds where a text names its actors, by any of their names, so that aliases meet in the index.

use regex_automata::meta::{Config, Regex};
use regex_automata::{Input, util::captures::Captures};

use crate::content::model::Actor;

/// Words that are also acronyms of actors ("US"): in running text they name an actor only in capitals.
const COMMON_WORDS: &[&str] = &[
    "us", "it", "is", "am", "an", "as", "at", "be", "by", "do", "go", "he", "in", "me", "my", "no",
    "of", "on", "or", "so", "to", "up", "we",
];

/// The regex crate's own default for its lazy DFA's cache, for matchers that scan whole texts.
const DEFAULT_CACHE_BYTES: usize = 2 * (1 << 20);

/// Recognizes actor names in text: longest name first, whole words only.
#[derive(Debug, Clone)]
pub struct ActorMatcher {
    regex: Option<Regex>,
    /// The actor id for each capture group, in group order.
    owners: Vec<String>,
}

impl ActorMatcher {
    /// A matcher for every name and alias of `actors`, quick over whole texts.
    pub fn new(actors: &[Actor]) -> Self {
        Self::with_config(
            actors,
            Config::new().hybrid_cache_capacity(DEFAULT_CACHE_BYTES),
        )
    }

    /// A matcher kept for looking at short texts (queries, titles): it runs on the NFA alone,
    /// without the lazy DFA (and the reverse NFA it needs), one-pass or full DFA, which are
    /// worth their memory only over long texts. Less than half the size, so that many texts
    /// can keep one; it finds exactly what [`ActorMatcher::new`] finds.
    pub fn compact(actors: &[Actor]) -> Self {
        Self::with_config(
            actors,
            Config::new().hybrid(false).onepass(false).dfa(false),
        )
    }

    fn with_config(actors: &[Actor], config: Config) -> Self {
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
            Regex::builder()
                .configure(config.nfa_size_limit(Some(1 << 24)))
                .build(&format!(
                    r"(?:^|[^\p{{L}}\p{{N}}])(?:{})(?:$|[^\p{{L}}\p{{N}}])",
                    alternatives.join("|")
                ))
                .ok()
        };
        ActorMatcher { regex, owners }
    }

    /// Every actor named in `text`, once per mention, in order.
    pub fn mentions<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let mut at = 0;
        let mut caps: Option<Captures> = self.regex.as_ref().map(Regex::create_captures);
        std::iter::from_fn(move || {
            let regex = self.regex.as_ref()?;
            let caps = caps.as_mut()?;
            regex.search_captures(&Input::new(text).span(at..text.len()), caps);
            let group = (1..caps.group_len()).find(|&i| caps.get_group(i).is_some())?;
            let m = caps.get_group(group)?;
            // Resume right after the name so that adjacent names ("US–Iran") are both found.
            at = m.end;
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

    #[test]
    fn the_compact_matcher_finds_exactly_what_the_full_one_finds() {
        let actors = [
            actor("iran", "Iran", &["Tehran", "Iranian", "IRGC"]),
            actor("united-states", "United States", &["US", "America"]),
            actor("jd-vance", "JD Vance", &["Vance"]),
        ];
        let (full, compact) = (ActorMatcher::new(&actors), ActorMatcher::compact(&actors));
        for text in [
            "While Washington and Tehran sit across the table",
            "any shift in US–Iran relations, said JD  Vance; the IRGC—and Iranians",
            "it tells us something Iranistan",
            "",
        ] {
            let one: Vec<&str> = full.mentions(text).collect();
            let other: Vec<&str> = compact.mentions(text).collect();
            assert_eq!(one, other, "{text}");
        }
    }
}
