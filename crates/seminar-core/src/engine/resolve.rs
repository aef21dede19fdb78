//! Finding what the user meant: sections by title, actors by any name, themes by name — forgiving
//! of case, quote style, dashes, word order, prefixes and typos.

use crate::content::fold::fold_words;
use crate::content::model::{Actor, Library, Section, Text, Theme};

/// A candidate scoring at least this is taken as meant.
const ACCEPT: f64 = 0.72;
/// Candidates scoring at least this are offered as suggestions.
const SUGGEST: f64 = 0.65;
/// Fuzzy (typo) matches are scaled below any exact or prefix match.
const FUZZY_SCALE: f64 = 0.85;

/// How well `query` names `candidate`, from 0 (not at all) to 1 (exactly).
#[cfg(test)]
fn name_score(query: &str, candidate: &str) -> f64 {
    let q = Folded::new(query);
    let c = Folded::new(candidate);
    q.literal_score(&c).unwrap_or_else(|| q.fuzzy_score(&c))
}

/// A name folded for matching, once, with its words.
#[derive(Debug)]
struct Folded {
    whole: String,
}

impl Folded {
    fn new(name: &str) -> Folded {
        Folded {
            whole: without_article(&fold_words(name)),
        }
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.whole.split(' ')
    }

    /// Scores for exact, prefix and contained matches; `None` when only a fuzzy match could help.
    fn literal_score(&self, candidate: &Folded) -> Option<f64> {
        let (q, c) = (self.whole.as_str(), candidate.whole.as_str());
        if q.is_empty() || c.is_empty() {
            return Some(0.0);
        }
        if q == c {
            return Some(1.0);
        }
        if c.starts_with(q) {
            return Some(0.95);
        }
        if c.match_indices(q).any(|(i, _)| c[..i].ends_with(' ')) {
            return Some(0.9);
        }
        if self
            .words()
            .all(|qw| candidate.words().any(|cw| cw.starts_with(qw)))
        {
            return Some(0.85);
        }
        if c.contains(q) {
            return Some(0.8);
        }
        None
    }

    /// Typo tolerance: Jaro-Winkler over the whole name and word by word, scaled below any
    /// literal match.
    fn fuzzy_score(&self, candidate: &Folded) -> f64 {
        let whole = strsim::jaro_winkler(&self.whole, &candidate.whole);
        let words: Vec<&str> = self.words().collect();
        let by_word = words
            .iter()
            .map(|qw| {
                candidate
                    .words()
                    .map(|cw| strsim::jaro_winkler(qw, cw))
                    .fold(0.0, f64::max)
            })
            .sum::<f64>()
            / words.len() as f64;
        whole.max(by_word) * FUZZY_SCALE
    }
}

/// Ranks items by their best-matching folded name, best first (stable for ties). Fuzzy scores,
/// the costly part, are computed only when no name matches literally well enough to be accepted.
fn rank_names<'a, T>(items: &'a [T], names: &[Vec<Folded>], query: &str) -> Vec<(f64, &'a T)> {
    let q = Folded::new(query);
    let literal: Vec<f64> = names
        .iter()
        .map(|names| {
            names
                .iter()
                .filter_map(|n| q.literal_score(n))
                .fold(0.0, f64::max)
        })
        .collect();
    let accepted = literal.iter().any(|&score| score >= ACCEPT);
    let mut ranked: Vec<(f64, &T)> = items
        .iter()
        .zip(names)
        .zip(literal)
        .map(|((item, names), literal)| {
            let score = if accepted || q.whole.is_empty() {
                literal
            } else {
                names
                    .iter()
                    .map(|n| q.literal_score(n).unwrap_or_else(|| q.fuzzy_score(n)))
                    .fold(0.0, f64::max)
            };
            (score, item)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// Drops a leading "the", "a" or "an": "the vice president" names what "Vice President" does.
fn without_article(folded: &str) -> String {
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = folded.strip_prefix(article)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    folded.to_string()
}

/// What resolving a name found.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a, T> {
    /// The best match, and others that matched equally well.
    Found(&'a T, Vec<&'a T>),
    /// Nothing close enough; the nearest candidates, best first.
    NotFound(Vec<&'a T>),
}

fn resolve<'a, T>(candidates: Vec<(f64, &'a T)>) -> Resolution<'a, T> {
    let mut ranked = candidates;
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    match ranked.first() {
        Some(&(best, first)) if best >= ACCEPT => {
            let ties = ranked[1..]
                .iter()
                .take_while(|(score, _)| (best - score).abs() < 1e-9)
                .map(|(_, t)| *t)
                .collect();
            Resolution::Found(first, ties)
        }
        _ => Resolution::NotFound(
            ranked
                .into_iter()
                .filter(|(score, _)| *score >= SUGGEST)
                .take(3)
                .map(|(_, t)| t)
                .collect(),
        ),
    }
}

/// Every name of a text folded once, for the program's life, so that resolving a name only
/// folds the query.
#[derive(Debug, Default)]
pub struct Resolver {
    sections: Vec<Vec<Folded>>,
    actors: Vec<Vec<Folded>>,
    themes: Vec<Vec<Folded>>,
}

impl Resolver {
    /// Folds the section titles, actor names, aliases and ids, and theme names and ids of `text`.
    pub fn new(text: &Text) -> Resolver {
        let fold_all = |names: Vec<&str>| names.into_iter().map(Folded::new).collect();
        Resolver {
            sections: text
                .sections
                .iter()
                .map(|s| fold_all(vec![&s.title]))
                .collect(),
            actors: text
                .actors
                .iter()
                .map(|a| fold_all(a.names().chain(std::iter::once(a.id.as_str())).collect()))
                .collect(),
            themes: text
                .themes
                .iter()
                .map(|t| fold_all(vec![&t.name, &t.id]))
                .collect(),
        }
    }

    /// Sections ranked by how well `query` names them, best first.
    pub fn rank_sections<'a>(&self, text: &'a Text, query: &str) -> Vec<(f64, &'a Section)> {
        rank_names(&text.sections, &self.sections, query)
    }

    /// The section a title (or `§N`, or a number) names.
    pub fn section<'a>(&self, text: &'a Text, query: &str) -> Resolution<'a, Section> {
        let trimmed = query.trim().trim_start_matches('§').trim();
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty()
            && let Some(section) = digits.parse().ok().and_then(|n| text.section(n))
        {
            return Resolution::Found(section, Vec::new());
        }
        resolve(self.rank_sections(text, query))
    }

    /// Actors ranked by how well `query` names them (by name, alias or id), best first.
    pub fn rank_actors<'a>(&self, text: &'a Text, query: &str) -> Vec<(f64, &'a Actor)> {
        rank_names(&text.actors, &self.actors, query)
    }

    /// The actor any of whose names `query` is, or nearly is.
    pub fn actor<'a>(&self, text: &'a Text, query: &str) -> Resolution<'a, Actor> {
        resolve(self.rank_actors(text, query))
    }

    /// Themes ranked by how well `query` names them, best first.
    pub fn rank_themes<'a>(&self, text: &'a Text, query: &str) -> Vec<(f64, &'a Theme)> {
        rank_names(&text.themes, &self.themes, query)
    }

    /// The theme `query` names.
    pub fn theme<'a>(&self, text: &'a Text, query: &str) -> Resolution<'a, Theme> {
        resolve(self.rank_themes(text, query))
    }
}

/// The names of every text of a library (id, short name, title), folded once.
#[derive(Debug, Default)]
pub struct TextNames {
    texts: Vec<Vec<Folded>>,
}

impl TextNames {
    /// Folds the names of every text of `library`.
    pub fn new(library: &Library) -> TextNames {
        TextNames {
            texts: library
                .texts
                .iter()
                .map(|t| {
                    [t.id.as_str(), t.short.as_str(), t.title.as_str()]
                        .into_iter()
                        .map(Folded::new)
                        .collect()
                })
                .collect(),
        }
    }

    /// Texts ranked by how well `query` names them, best first.
    pub fn rank<'a>(&self, library: &'a Library, query: &str) -> Vec<(f64, &'a Text)> {
        rank_names(&library.texts, &self.texts, query)
    }

    /// The text `query` names.
    pub fn text<'a>(&self, library: &'a Library, query: &str) -> Resolution<'a, Text> {
        resolve(self.rank(library, query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_names_score_one_whatever_the_typography() {
        assert_eq!(
            name_score(
                "the system does not collapse - it fragments",
                "The System Does Not Collapse—It Fragments"
            ),
            1.0
        );
        assert_eq!(
            name_score("Iran's parallel strategy", "Iran’s Parallel Strategy"),
            1.0
        );
    }

    #[test]
    fn prefixes_and_inner_words_beat_typos() {
        let prefix = name_score("misr", "The Risk of Misreading the Moment");
        let typo = name_score("economcs", "The Economics Beneath the Diplomacy");
        assert!(prefix > typo, "{prefix} vs {typo}");
        assert!(typo >= ACCEPT, "{typo}");
    }

    #[test]
    fn a_dropped_letter_still_names_a_short_name() {
        assert!(name_score("irn", "Iran") >= ACCEPT);
    }

    #[test]
    fn a_leading_article_does_not_matter() {
        assert_eq!(name_score("the americans", "Americans"), 1.0);
        assert_eq!(name_score("The Deepest Shift", "deepest shift"), 1.0);
    }

    #[test]
    fn unrelated_words_are_not_accepted() {
        assert!(name_score("banana", "Iran") < ACCEPT);
        assert!(name_score("zzz", "The Deepest Shift") < SUGGEST);
    }
}
