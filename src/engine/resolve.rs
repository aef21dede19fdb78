//! Finding what the user meant: sections by title, actors by any name, themes by name — forgiving
//! of case, quote style, dashes, word order, prefixes and typos.

use crate::content::fold::fold_words;
use crate::content::model::{Actor, Section, Text, Theme};

/// A candidate scoring at least this is taken as meant.
const ACCEPT: f64 = 0.72;
/// Candidates scoring at least this are offered as suggestions.
const SUGGEST: f64 = 0.65;
/// Fuzzy (typo) matches are scaled below any exact or prefix match.
const FUZZY_SCALE: f64 = 0.85;

/// How well `query` names `candidate`, from 0 (not at all) to 1 (exactly).
pub fn name_score(query: &str, candidate: &str) -> f64 {
    let q = without_article(&fold_words(query));
    let c = without_article(&fold_words(candidate));
    if q.is_empty() || c.is_empty() {
        return 0.0;
    }
    if q == c {
        return 1.0;
    }
    if c.starts_with(&q) {
        return 0.95;
    }
    if c.contains(&format!(" {q}")) {
        return 0.9;
    }
    let q_words: Vec<&str> = q.split(' ').collect();
    let c_words: Vec<&str> = c.split(' ').collect();
    if q_words
        .iter()
        .all(|qw| c_words.iter().any(|cw| cw.starts_with(qw)))
    {
        return 0.85;
    }
    if c.contains(&q) {
        return 0.8;
    }
    let whole = strsim::jaro_winkler(&q, &c);
    let by_word = q_words
        .iter()
        .map(|qw| {
            c_words
                .iter()
                .map(|cw| strsim::jaro_winkler(qw, cw))
                .fold(0.0, f64::max)
        })
        .sum::<f64>()
        / q_words.len() as f64;
    whole.max(by_word) * FUZZY_SCALE
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

/// Sections ranked by how well `query` names them, best first (stable for ties).
pub fn rank_sections<'a>(text: &'a Text, query: &str) -> Vec<(f64, &'a Section)> {
    let mut ranked: Vec<(f64, &Section)> = text
        .sections
        .iter()
        .map(|s| (name_score(query, &s.title), s))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// The section a title (or `§N`, or a number) names.
pub fn section<'a>(text: &'a Text, query: &str) -> Resolution<'a, Section> {
    let trimmed = query.trim().trim_start_matches('§').trim();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty()
        && let Some(section) = digits.parse().ok().and_then(|n| text.section(n))
    {
        return Resolution::Found(section, Vec::new());
    }
    resolve(rank_sections(text, query))
}

/// An actor's best score over its name, id and aliases.
pub fn actor_score(query: &str, actor: &Actor) -> f64 {
    actor
        .names()
        .chain(std::iter::once(actor.id.as_str()))
        .map(|name| name_score(query, name))
        .fold(0.0, f64::max)
}

/// Actors ranked by how well `query` names them, best first.
pub fn rank_actors<'a>(text: &'a Text, query: &str) -> Vec<(f64, &'a Actor)> {
    let mut ranked: Vec<(f64, &Actor)> = text
        .actors
        .iter()
        .map(|a| (actor_score(query, a), a))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// The actor any of whose names `query` is, or nearly is.
pub fn actor<'a>(text: &'a Text, query: &str) -> Resolution<'a, Actor> {
    resolve(rank_actors(text, query))
}

/// Themes ranked by how well `query` names them, best first.
pub fn rank_themes<'a>(text: &'a Text, query: &str) -> Vec<(f64, &'a Theme)> {
    let mut ranked: Vec<(f64, &Theme)> = text
        .themes
        .iter()
        .map(|t| (name_score(query, &t.name).max(name_score(query, &t.id)), t))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// The theme `query` names.
pub fn theme<'a>(text: &'a Text, query: &str) -> Resolution<'a, Theme> {
    resolve(rank_themes(text, query))
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
