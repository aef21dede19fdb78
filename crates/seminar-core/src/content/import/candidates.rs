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

use std::collections::{BTreeMap, HashMap, HashSet};

use super::case::is_small_word;
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

/// Abbreviations whose stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "viz", "vs", "etc", "cf", "sec", "art",
    "gen", "col", "gov", "rev", "hon", "messrs", "jr", "sr", "esq",
];

/// Articles that open a run of capitals without being part of the name.
const ARTICLES: &[&str] = &["The", "A", "An"];

/// Endings of adjectives formed from place names ("British", "American", "Roman", "Chinese").
const ADJECTIVE_ENDS: &[&str] = &["ian", "ean", "an", "ish", "ese", "ic"];
/// How many first letters an adjective shares with its place at least ("Bri" in "British", "Britain").
const ADJECTIVE_PREFIX: usize = 3;

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

/// One word of the text, with what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    word: String,
    /// The first word of a sentence or of a quotation.
    starts: bool,
    /// Punctuation after it: a run of names stops here.
    breaks: bool,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// "Union", "McKinley", "JD" (short capitals, as initials and acronyms are written in names).
    Capitalized,
    /// "UNION": capitals for emphasis, or an acronym.
    Capitals,
    Lower,
    Other,
}

fn kind_of(token: &Token) -> Kind {
    kind(&token.word)
}

fn kind(word: &str) -> Kind {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let Some(first) = word.chars().next() else {
        return Kind::Other;
    };
    if first.is_lowercase() {
        return Kind::Lower;
    }
    // "American-led", "Iran-backed": a word about a name, not a name.
    if word
        .rsplit('-')
        .next()
        .and_then(|last| last.chars().next())
        .is_some_and(char::is_lowercase)
    {
        return Kind::Other;
    }
    if !first.is_uppercase() {
        return Kind::Other;
    }
    if word.chars().any(char::is_lowercase) {
        return Kind::Capitalized;
    }
    if letters == 2 && !is_small_word(&word.to_lowercase()) {
        // "JD", "UK": initials and short acronyms read as part of a name.
        return Kind::Capitalized;
    }
    if letters >= 2 {
        Kind::Capitals
    } else {
        // A lone capital: an initial ("J.") or the pronoun "I".
        Kind::Other
    }
}

/// "UNION" → "Union", "ANTI-FEDERALIST" → "Anti-Federalist".
fn title_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper = true;
    for c in word.chars() {
        if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        upper = !c.is_alphabetic();
    }
    out
}

/// Cuts a paragraph into words, marking sentence starts and punctuation.
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut starts = true;
    for raw in text.split_whitespace() {
        // Dashes join words without spaces in older texts: "respectable--the".
        let pieces: Vec<&str> = raw
            .split(['—', '–'])
            .flat_map(|p| p.split("--"))
            .filter(|p| !p.is_empty())
            .collect();
        let last = pieces.len().saturating_sub(1);
        for (i, piece) in pieces.iter().enumerate() {
            let opened = piece.starts_with(['"', '“', '‘', '\'', '(', '[']);
            let core = piece.trim_start_matches(['"', '“', '‘', '\'', '(', '[', '¿', '¡']);
            let trimmed = core.trim_end_matches([
                '"', '”', '’', '\'', ')', ']', '.', ',', ';', ':', '!', '?', '…', '*',
            ]);
            let tail = &core[trimmed.len()..];
            let word = trimmed
                .strip_suffix("'s")
                .or_else(|| trimmed.strip_suffix("’s"))
                .unwrap_or(trimmed);
            let word = word.trim_end_matches(['\'', '’']);
            let abbreviation = tail.starts_with('.')
                && (ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                    || word.chars().count() == 1);
            let ends = !abbreviation && tail.contains(['.', '!', '?', '…']);
            if word.chars().any(char::is_alphabetic) {
                out.push(Token {
                    word: word.to_string(),
                    starts: starts || opened,
                    breaks: !tail.is_empty() || i < last || word.len() < trimmed.len(),
                });
            } else if let Some(prev) = out.last_mut() {
                prev.breaks = true;
            }
            starts = ends;
        }
    }
    out
}

/// Groups a text's names into actors: plurals, a word inside the longer name it mostly
/// appears in, and adjectives of places.
fn group(forms: &BTreeMap<String, usize>) -> Vec<Vec<String>> {
    let names: Vec<&String> = forms.keys().collect();
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut join = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[rb] = ra;
        }
    };
    // Spellings of one name: "Vice President", "Vice-President".
    let mut spellings: HashMap<String, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let key = name.replace('-', " ").to_lowercase();
        match spellings.get(&key) {
            Some(&j) => join(j, i),
            None => {
                spellings.insert(key, i);
            }
        }
    }
    // Singular and plural.
    for (i, name) in names.iter().enumerate() {
        for plural in plurals(name) {
            if let Some(&j) = index.get(plural.as_str()) {
                join(i, j);
            }
        }
    }
    // Looking names up by their last word, rather than scanning every name for each word, keeps
    // grouping linear: a text (or binary noise) can have hundreds of thousands of names.
    let mut phrases_ending: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, name) in names.iter().enumerate() {
        let last = last_word(name);
        if name.contains([' ', '-']) {
            phrases_ending.entry(last).or_default().push(j);
        }
        if let Some(prefix) = adjective_prefix(last) {
            by_prefix.entry(prefix).or_default().push(j);
        }
    }
    // A word and the longer name it mostly appears in ("Britain" in "Great Britain").
    for (i, word) in names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.contains([' ', '-']))
    {
        let best = phrases_ending
            .get(word.as_str())
            .into_iter()
            .flatten()
            .max_by_key(|&&j| forms[names[j].as_str()]);
        if let Some(&j) = best
            && forms[names[j].as_str()] >= forms[word.as_str()]
        {
            join(j, i);
        }
    }
    // Adjectives of places ("British" → "Britain", "Americans" → "America"). An adjective shares
    // its first letters with its place, so only names with the same opening are compared.
    for (i, adjective) in names.iter().enumerate().filter(|(_, n)| !n.contains(' ')) {
        let singular = singular(adjective);
        let Some(prefix) = adjective_prefix(&singular) else {
            continue;
        };
        let base = by_prefix.get(&prefix).into_iter().flatten().find(|&&j| {
            let last = last_word(names[j]);
            j != i && is_adjective_of(&singular, last) && !is_adjective_of(last, &singular)
        });
        if let Some(&j) = base {
            join(j, i);
        }
    }
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push((*name).clone());
    }
    groups.into_values().collect()
}

/// The last word of a name: "Britain" in "Great Britain" and in "Great-Britain".
fn last_word(name: &str) -> &str {
    name.rsplit([' ', '-']).next().unwrap_or(name)
}

/// The opening an adjective shares with its place: [`is_adjective_of`] needs three letters in common.
fn adjective_prefix(word: &str) -> Option<String> {
    let prefix: String = word.chars().take(ADJECTIVE_PREFIX).collect();
    (prefix.chars().count() == ADJECTIVE_PREFIX).then_some(prefix)
}

/// The plural spellings of a name ("State" → "States"; "Colony" → "Colonies").
fn plurals(name: &str) -> Vec<String> {
    let mut out = vec![format!("{name}s"), format!("{name}es")];
    if let Some(stem) = name.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out
}

/// "Americans" → "American"; other words unchanged.
fn singular(word: &str) -> String {
    word.strip_suffix('s')
        .filter(|s| ADJECTIVE_ENDS.iter().any(|e| s.ends_with(e)))
        .unwrap_or(word)
        .to_string()
}

/// Whether `adjective` is formed from the place name `base` ("British" from "Britain").
fn is_adjective_of(adjective: &str, base: &str) -> bool {
    if adjective == base || adjective.contains(' ') {
        return false;
    }
    let Some(end) = ADJECTIVE_ENDS.iter().find(|e| adjective.ends_with(*e)) else {
        return false;
    };
    let common = adjective
        .chars()
        .zip(base.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let base_len = base.chars().count();
    let tail = adjective.chars().count() - common;
    common >= ADJECTIVE_PREFIX
        && common + 3 >= base_len
        && tail <= end.len() + 2
        && !adjective.ends_with("man")
}

fn is_adjective_of_any(form: &str, members: &[String]) -> bool {
    let singular = singular(form);
    members.iter().any(|m| {
        let last = last_word(m);
        m != form && is_adjective_of(&singular, last)
    })
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
mod tests {
    use super::*;

    fn find_in(paragraphs: &[&str]) -> Vec<ActorCandidate> {
        let blocks: Vec<Block> = paragraphs
            .iter()
            .map(|p| Block::Paragraph((*p).into()))
            .collect();
        find(&[&blocks], MAX_CANDIDATES)
    }

    fn summary(candidates: &[ActorCandidate]) -> Vec<(String, Vec<String>, usize)> {
        candidates
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    [vec![c.name.clone()], c.aliases.clone()].concat(),
                    c.mentions,
                )
            })
            .collect()
    }

    #[test]
    fn names_are_counted_beyond_sentence_starts_and_variants_grouped() {
        let found = find_in(&[
            "The Union matters. Great Britain watches the States; each State has its say.",
            "A British fleet and Great Britain again, and Britain is an island. Then Great Britain.",
            "The States and the UNION: the Union holds. States differ.",
            "It was a state of war.",
        ]);
        assert_eq!(
            summary(&found),
            [
                (
                    "great-britain".to_string(),
                    vec![
                        "Great Britain".to_string(),
                        "Britain".to_string(),
                        "British".to_string()
                    ],
                    5
                ),
                (
                    "states".to_string(),
                    vec!["States".to_string(), "State".to_string()],
                    4
                ),
                ("union".to_string(), vec!["Union".to_string()], 3),
            ]
        );
    }

    #[test]
    fn sentence_start_words_alone_are_not_names() {
        // "Rivers" and "Tides" only ever open a sentence; "Rivers" is also written lowercase.
        let found = find_in(&[
            "Rivers run. Rivers fall. Tides rise. Tides ebb. Tides turn.",
            "The rivers of Spain; the Spanish rivers; Spain again, and Spain.",
        ]);
        assert_eq!(
            summary(&found),
            [(
                "spain".to_string(),
                vec!["Spain".to_string(), "Spanish".to_string()],
                4
            )]
        );
    }

    #[test]
    fn runs_with_of_and_acronyms_are_names() {
        let found = find_in(&[
            "He sat in the House of Representatives, not the Senate. NATO met. The House of Representatives voted.",
            "Both the House of Representatives and NATO, and NATO again.",
            "A lone Senate vote.",
        ]);
        assert_eq!(
            summary(&found),
            [
                (
                    "house-of-representatives".to_string(),
                    vec!["House of Representatives".to_string()],
                    3
                ),
                ("nato".to_string(), vec!["NATO".to_string()], 3),
            ]
        );
    }

    #[test]
    fn spellings_of_one_name_meet_and_words_about_names_are_not_names() {
        let found = find_in(&[
            "The Vice President spoke; the Vice-President listened, and the Vice President left.",
            "An American-led plan, an American-led force, an American-led talk.",
        ]);
        // "Vice-President" folds to the name itself, so it is no separate alias.
        assert_eq!(
            summary(&found),
            [(
                "vice-president".to_string(),
                vec!["Vice President".to_string()],
                3
            )]
        );
    }

    #[test]
    fn furniture_repeated_in_sections_is_not_counted() {
        let section = |text: &str| {
            vec![
                Block::Paragraph("To the People of New York:".into()),
                Block::Paragraph(text.into()),
            ]
        };
        let sections = [
            section("One."),
            section("Two."),
            section("Three, and New York."),
        ];
        let found = find(
            &sections.iter().map(Vec::as_slice).collect::<Vec<_>>(),
            MAX_CANDIDATES,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn slugs_are_short_ascii_ids() {
        assert_eq!(slug("House of Representatives"), "house-of-representatives");
        assert_eq!(slug("Québec City"), "qu-bec-city");
        assert_eq!(
            slug("The Very Long Name of a Society for the Promotion of Things"),
            "the-very-long-name-of-a-society-for-the"
        );
    }
}
