//! Actor candidates: the proper names a text uses most, with their variants grouped, for a
//! curator to review (`[[actors]]` with `draft = true` in the generated `text.toml`).
//!
//! A name is a capitalised word or run of them ("Great Britain", "House of Representatives")
//! that is not capitalised only for starting a sentence: it must be capitalised somewhere in
//! mid-sentence, and a single word at least as often as the text writes it lowercase ("State"
//! is a name in a text that says "the State" more than "a state of war"). Words in capitals
//! ("the UNION") count toward a name the text also writes normally; an all-capitals word the
//! text never writes otherwise ("NATO") is a name of its own.
//!
//! Variants are grouped: plural and singular ("States", "State"), a word and the longer name it
//! mostly appears in ("Britain" in "Great Britain"), and adjectives of a place ("British",
//! "American").

mod grouping;
mod words;

use std::collections::{BTreeMap, HashMap, HashSet};

use super::case::is_small_word;
use grouping::{group, is_adjective_of_any};
use words::{Kind, Token, kind, kind_of, title_word, tokens};

use crate::content::fold::fold_words;
use crate::content::model::Block;

/// How many candidates the importer proposes at most.
pub(crate) const MAX_CANDIDATES: usize = 16;
/// The fewest mentions a candidate needs.
const MIN_MENTIONS: usize = 3;
/// A paragraph repeated word for word in this many sections is furniture ("To the People of the
/// State of New York:"), not text: its names are not counted.
const FURNITURE_SECTIONS: usize = 3;
/// The most words a furniture paragraph has.
const FURNITURE_WORDS: usize = 20;

/// Capitalised words that are not names.
const NOT_NAMES: &[&str] = &[
    "i",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "sir",
    "no",
    "nos",
    "vol",
    "vols",
    "ibid",
    "idem",
    "vide",
    "viz",
    "esq",
    "messrs",
    "etc",
    "sec",
    "art",
    "ch",
    "cf",
    "pp",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Articles that open a run of capitals without being part of the name.
const ARTICLES: &[&str] = &["The", "A", "An"];

/// A name the text uses often: a proposed actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCandidate {
    /// A slug of the name, unique among the candidates.
    pub id: String,
    /// The variant the text uses most.
    pub name: String,
    /// The other variants, most used first.
    pub aliases: Vec<String>,
    /// How often the text names it, under any variant.
    pub mentions: usize,
}

/// The most named candidates in `sections` (each a section's blocks), best first.
pub(crate) fn find(sections: &[&[Block]], max: usize) -> Vec<ActorCandidate> {
    let texts = texts(sections);
    let counts = Counts::of(&texts);
    let forms = counts.names();
    let groups = group(&forms);
    let mut candidates: Vec<ActorCandidate> = groups
        .into_iter()
        .map(|members| {
            let mentions = members.iter().map(|m| forms[m]).sum();
            // The name is the variant used most; adjectives only name a place through it.
            let name = members
                .iter()
                .filter(|m| !is_adjective_of_any(m, &members))
                .max_by(|a, b| {
                    forms[*a]
                        .cmp(&forms[*b])
                        .then(a.split(' ').count().cmp(&b.split(' ').count()))
                        .then(b.cmp(a))
                })
                .or_else(|| members.first())
                .cloned()
                .unwrap_or_default();
            let mut aliases: Vec<String> = members.into_iter().filter(|m| *m != name).collect();
            aliases.sort_by(|a, b| forms[b].cmp(&forms[a]).then(a.cmp(b)));
            ActorCandidate {
                id: String::new(),
                name,
                aliases,
                mentions,
            }
        })
        .filter(|c| c.mentions >= MIN_MENTIONS && !c.name.is_empty())
        .collect();
    candidates.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    candidates.truncate(max);
    assign_ids(&mut candidates);
    candidates
}

/// The paragraphs and list items to count names in: not furniture, not the notes.
fn texts<'a>(sections: &[&'a [Block]]) -> Vec<&'a str> {
    let mut seen_in: HashMap<&str, HashSet<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (i, &blocks) in sections.iter().enumerate() {
        let mut in_notes = false;
        for block in blocks {
            match block {
                Block::Paragraph(p) if p == super::footnotes::NOTES_HEADING => in_notes = true,
                Block::Paragraph(p) => {
                    in_notes = false;
                    if p.split_whitespace().count() <= FURNITURE_WORDS {
                        seen_in.entry(p).or_default().insert(i);
                    }
                    out.push(p.as_str());
                }
                Block::List(items) if !in_notes => out.extend(items.iter().map(String::as_str)),
                Block::List(_) => in_notes = false,
            }
        }
    }
    out.retain(|p| seen_in.get(p).is_none_or(|s| s.len() < FURNITURE_SECTIONS));
    out
}

/// How the text writes each word and run of capitalised words.
#[derive(Debug, Default)]
struct Counts {
    /// Runs of capitalised words not starting a sentence.
    mid: HashMap<String, usize>,
    /// Runs of capitalised words starting a sentence (the first word may be capitalised only for that).
    start: HashMap<String, usize>,
    /// Lowercase words.
    lower: HashMap<String, usize>,
    /// Words in capitals, title-cased ("UNION" → "Union").
    caps: HashMap<String, usize>,
    /// Words in capitals as written, by title-cased form.
    caps_written: HashMap<String, String>,
    /// Every word as written with its letter case folded, to tell acronyms the text never writes otherwise.
    any_case: HashMap<String, usize>,
}

impl Counts {
    fn of(texts: &[&str]) -> Counts {
        let mut counts = Counts::default();
        for text in texts {
            counts.add(&tokens(text));
        }
        counts
    }

    fn add(&mut self, tokens: &[Token]) {
        let mut run: Vec<&str> = Vec::new();
        let mut run_starts = false;
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            let word = token.word.as_str();
            *self.any_case.entry(word.to_lowercase()).or_insert(0) += 1;
            let kind = kind(word);
            let is_of_link = word == "of"
                && !run.is_empty()
                && !tokens[i - 1].breaks
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| !n.starts && kind_of(n) == Kind::Capitalized);
            match kind {
                Kind::Capitalized if !NOT_NAMES.contains(&word.to_lowercase().as_str()) => {
                    if run.is_empty() || token.starts {
                        self.flush(&mut run, run_starts);
                        run_starts = token.starts;
                    }
                    run.push(word);
                }
                _ if is_of_link => run.push(word),
                _ => {
                    self.flush(&mut run, run_starts);
                    match kind {
                        Kind::Lower => *self.lower.entry(word.to_string()).or_insert(0) += 1,
                        Kind::Capitals => {
                            let title = title_word(word);
                            *self.caps.entry(title.clone()).or_insert(0) += 1;
                            self.caps_written
                                .entry(title)
                                .or_insert_with(|| word.to_string());
                        }
                        _ => {}
                    }
                }
            }
            if token.breaks {
                self.flush(&mut run, run_starts);
            }
            i += 1;
        }
        self.flush(&mut run, run_starts);
    }

    fn flush(&mut self, run: &mut Vec<&str>, starts: bool) {
        while run.last() == Some(&"of") {
            run.pop();
        }
        // "The Congress" in mid-sentence is still the Congress.
        if run.len() > 1 && ARTICLES.contains(&run[0]) {
            run.remove(0);
        }
        if !run.is_empty() {
            let phrase = run.join(" ");
            let map = if starts {
                &mut self.start
            } else {
                &mut self.mid
            };
            *map.entry(phrase).or_insert(0) += 1;
        }
        run.clear();
    }

    /// Every name the text uses, with how often.
    fn names(&self) -> BTreeMap<String, usize> {
        let mut totals: BTreeMap<String, usize> = BTreeMap::new();
        for (phrase, &n) in &self.mid {
            if self.is_name(phrase) {
                *totals.entry(phrase.clone()).or_insert(0) += n;
            }
        }
        // A run opening a sentence is the name when the text also uses it mid-sentence;
        // otherwise its first word may be capitalised only for the sentence ("The Union").
        for (phrase, &n) in &self.start {
            if self.mid.contains_key(phrase) {
                if self.is_name(phrase) {
                    *totals.entry(phrase.clone()).or_insert(0) += n;
                }
                continue;
            }
            let words: Vec<&str> = phrase.split(' ').collect();
            let mut rest = &words[1..];
            while rest.first() == Some(&"of") {
                rest = &rest[1..];
            }
            let rest = rest.join(" ");
            if !rest.is_empty()
                && (rest.contains(' ') || self.mid.contains_key(&rest))
                && self.is_name(&rest)
            {
                *totals.entry(rest).or_insert(0) += n;
            }
        }
        for (word, &n) in &self.caps {
            if let Some(total) = totals.get_mut(word) {
                *total += n;
            } else if self.is_acronym(word)
                && let Some(written) = self.caps_written.get(word)
            {
                *totals.entry(written.clone()).or_insert(0) += n;
            }
        }
        totals.retain(|_, n| *n > 0);
        totals
    }

    /// Whether a run of capitalised words is a name: several words, or one word the text
    /// capitalises in mid-sentence at least as often as it writes it lowercase.
    fn is_name(&self, phrase: &str) -> bool {
        if phrase.contains(' ') {
            return true;
        }
        let mid = self.mid.get(phrase).copied().unwrap_or(0);
        let lower = self.lower.get(&phrase.to_lowercase()).copied().unwrap_or(0);
        mid > 0 && mid >= lower && phrase.chars().filter(|c| c.is_alphabetic()).count() >= 2
    }

    /// Whether a word in capitals is a name of its own: never written otherwise, not a small word.
    fn is_acronym(&self, title: &str) -> bool {
        let lower = title.to_lowercase();
        let caps = self.caps.get(title).copied().unwrap_or(0);
        caps >= MIN_MENTIONS
            && self.any_case.get(&lower).copied().unwrap_or(0) == caps
            && !is_small_word(&lower)
            && !NOT_NAMES.contains(&lower.as_str())
            && !super::case::is_roman_numeral(&lower.to_uppercase())
    }
}

/// Gives each candidate a slug id, unique and at most 40 characters, and drops variants that
/// fold to a name another candidate already has.
fn assign_ids(candidates: &mut [ActorCandidate]) {
    let mut ids: HashSet<String> = HashSet::new();
    let mut names: HashSet<String> = HashSet::new();
    for candidate in candidates.iter_mut() {
        let base = slug(&candidate.name);
        let base = if base.is_empty() {
            "actor".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while ids.contains(&id) {
            let suffix = format!("-{n}");
            id = format!("{}{suffix}", &base[..base.len().min(40 - suffix.len())]);
            n += 1;
        }
        ids.insert(id.clone());
        candidate.id = id;
        names.insert(fold_words(&candidate.name));
        candidate.aliases.retain(|a| names.insert(fold_words(a)));
    }
}

/// "House of Representatives" → "house-of-representatives" (ASCII letters and digits, at most 40).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out = out.trim_end_matches('-').to_string();
    if out.len() > 40 {
        let cut = out[..=40].rfind('-').unwrap_or(40);
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests;
