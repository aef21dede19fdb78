//! The words of a text as the candidate finder sees them: each with its case and whether it
//! starts a sentence or ends a run of names.

use crate::content::import::case::is_small_word;

/// Abbreviations whose stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "nos", "vol", "viz", "vs", "etc", "cf", "sec", "art",
    "gen", "col", "gov", "rev", "hon", "messrs", "jr", "sr", "esq",
];

/// One word of the text, with what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) word: String,
    /// The first word of a sentence or of a quotation.
    pub(super) starts: bool,
    /// Punctuation after it: a run of names stops here.
    pub(super) breaks: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// "Union", "McKinley", "JD" (short capitals, as initials and acronyms are written in names).
    Capitalized,
    /// "UNION": capitals for emphasis, or an acronym.
    Capitals,
    Lower,
    Other,
}

pub(super) fn kind_of(token: &Token) -> Kind {
    kind(&token.word)
}

pub(super) fn kind(word: &str) -> Kind {
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
pub(super) fn title_word(word: &str) -> String {
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
pub(super) fn tokens(text: &str) -> Vec<Token> {
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
