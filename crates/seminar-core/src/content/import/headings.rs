//! Heading detection: numbered labels, capitals and title-case lines, and which style a text uses.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use super::case::{
    self, ends_sentence, ends_with_punctuation, shape, starts_lowercase, starts_uppercase,
};
use super::reflow::{Kind, Unit};

/// A numbered label line: `FEDERALIST. No. 1`, `Article 1.`, `Section 2`, `CHAPTER IV`, `Chapter 10000`.
/// Numbers of up to nine digits count: any text that fits in memory has fewer sections.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<word>[A-Za-z]{2,20})\.?\s+(?P<no>(?:No|NO|Nr|Number)\.?\s*)?(?P<num>\d{1,9}|[IVXLCDM]{1,8})\.?$")
        .unwrap_or_else(|e| unreachable!("the label pattern is valid: {e}"))
});

/// Words that can stand alone as a heading, in any case, with or without a full stop.
const KNOWN_HEADINGS: &[&str] = &[
    "introduction",
    "preface",
    "foreword",
    "prologue",
    "epilogue",
    "afterword",
    "conclusion",
    "appendix",
    "postscript",
    "acknowledgments",
    "acknowledgements",
    "notes",
    "summary",
    "abstract",
];

/// Label words that are not headings even when followed by a number ("and I", "page 3").
const NOT_LABELS: &[&str] = &[
    "no", "page", "pages", "vol", "see", "fig", "figure", "table", "line", "verse", "footnote",
];

/// The most words a title-case line may have to count as a heading.
const MAX_HEADING_WORDS: usize = 20;

/// A numbered label, as a heading shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The label word, lowercased: `federalist`, `article`, `section`.
    pub kind: String,
    /// The number as written: `1`, `IV`.
    pub number: String,
    /// The label tidied for a title: `Federalist No. 1`, `Article 1`.
    pub display: String,
}

/// Reads a numbered label line.
pub(crate) fn parse_label(text: &str) -> Option<Label> {
    let caps = LABEL.captures(text)?;
    let word = caps.name("word")?.as_str();
    let kind = word.to_lowercase();
    if NOT_LABELS.contains(&kind.as_str()) || case::is_small_word(&kind) {
        return None;
    }
    let number = caps.name("num")?.as_str().to_string();
    let word = if shape(word).all_caps {
        case::title_case(word)
    } else {
        word.to_string()
    };
    let display = if caps.name("no").is_some() {
        format!("{word} No. {number}")
    } else {
        format!("{word} {number}")
    };
    Some(Label {
        kind,
        number,
        display,
    })
}

/// Whether `text` is a word that is a heading on its own ("INTRODUCTION.", "Appendix").
pub(crate) fn is_known_heading(text: &str) -> bool {
    let word = text.trim_end_matches('.').to_lowercase();
    KNOWN_HEADINGS.contains(&word.as_str())
}

/// Whether `text` reads as a heading written in capitals.
fn is_caps_heading(text: &str) -> bool {
    let s = shape(text);
    s.all_caps
        && s.words <= 30
        && !text.trim_end().ends_with([',', ';', ':', '—', '–', '-'])
        && !text.starts_with(['[', '('])
        && (s.words >= 2
            && text
                .split_whitespace()
                .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            || is_known_heading(text)
            || (text.ends_with('.') && text.chars().filter(|c| c.is_alphabetic()).count() >= 3))
}

/// Whether `text` reads as a heading in title case: 3 to 20 words, no closing punctuation, not a date.
pub(crate) fn is_title_case_heading(text: &str) -> bool {
    let words = shape(text).words;
    let last_is_number = text
        .split_whitespace()
        .last()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == ','));
    ((3..=MAX_HEADING_WORDS).contains(&words) || is_known_heading(text))
        && case::is_title_case(text)
        && !ends_with_punctuation(text)
        && !text.starts_with(['[', '(', '-', '*'])
        && !last_is_number
}

/// Whether one line could be a heading by its shape alone (used to cut it out of a paragraph).
pub(crate) fn is_heading_line(text: &str) -> bool {
    parse_label(text).is_some() || is_caps_heading(text) || is_title_case_heading(text)
}

/// Whether `text` could be a text's title: short, no full stop, written like a title.
pub(crate) fn is_title_line(text: &str) -> bool {
    let s = shape(text);
    (1..=30).contains(&s.words)
        && !text
            .trim_end_matches(['"', '”', '’', ')'])
            .ends_with(['.', '?', '!', ',', ':'])
        && (s.all_caps || case::is_mostly_title_case(text))
        && parse_label(text).is_none()
}

/// What a unit could be as a heading.
#[derive(Debug, Clone, Default)]
pub(crate) struct Candidate {
    pub label: Option<Label>,
    pub caps: bool,
    pub title_case: bool,
    /// A one-sentence address opening a part: "To the Representatives of … Quakers, …".
    pub address: bool,
}

/// Classifies one unit.
pub(crate) fn classify(unit: &Unit) -> Candidate {
    if unit.kind != Kind::Prose || unit.lines.is_empty() {
        return Candidate::default();
    }
    let text = unit.text();
    let lines = unit.lines.len();
    Candidate {
        label: if lines == 1 { parse_label(&text) } else { None },
        caps: lines <= 3 && is_caps_heading(&text),
        title_case: (lines == 1 || (lines == 2 && starts_lowercase(&unit.lines[1])))
            && is_title_case_heading(&text),
        address: lines <= 8 && is_address(&text),
    }
}

/// "To the Representatives of …": one sentence addressed to someone, opening a part of the text.
fn is_address(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("To the ") else {
        return false;
    };
    if !starts_uppercase(rest) || !ends_sentence(text) {
        return false;
    }
    // One sentence only: no stop followed by a capital outside quotes.
    let mut in_quote = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '"' => in_quote = !in_quote,
            '“' => in_quote = true,
            '”' => in_quote = false,
            '.' | '?' | '!'
                if !in_quote
                    && chars.get(i + 1) == Some(&' ')
                    && chars.get(i + 2).is_some_and(|c| c.is_uppercase()) =>
            {
                return false;
            }
            _ => {}
        }
    }
    true
}

/// How a text marks its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Lines matching the caller's pattern.
    Pattern,
    /// Numbered labels (`Article 1.`, `FEDERALIST No. 2`), perhaps on two levels.
    Labels,
    /// Headings in capitals.
    Caps,
    /// Title-case lines.
    TitleCase,
    /// No headings at all.
    None,
}

/// The headings found: the style and the indices of heading units, in order.
#[derive(Debug, Clone)]
pub(crate) struct Headings {
    pub style: Style,
    pub indices: Vec<usize>,
}

/// Picks the style the text uses and its heading units.
///
/// Numbered labels win over capitals, which win over title case: a text with labels also has
/// author lines in capitals, and a text with capitals also has short title-case lines.
pub(crate) fn find(units: &[Unit], candidates: &[Candidate], pattern: bool) -> Headings {
    if pattern {
        let indices = units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.forced)
            .map(|(i, _)| i)
            .collect();
        return Headings {
            style: Style::Pattern,
            indices,
        };
    }
    let kinds = frequent_label_kinds(candidates);
    if !kinds.is_empty() {
        let indices = indices_where(candidates, |c| {
            c.label.as_ref().is_some_and(|l| kinds.contains(&l.kind))
        });
        return Headings {
            style: Style::Labels,
            indices,
        };
    }
    if candidates.iter().filter(|c| c.caps).count() >= 2 {
        let indices = indices_where(candidates, |c| c.caps || c.address);
        return Headings {
            style: Style::Caps,
            indices,
        };
    }
    let indices = indices_where(candidates, |c| c.title_case);
    if indices.is_empty() {
        Headings {
            style: Style::None,
            indices,
        }
    } else {
        Headings {
            style: Style::TitleCase,
            indices,
        }
    }
}

fn indices_where(candidates: &[Candidate], keep: impl Fn(&Candidate) -> bool) -> Vec<usize> {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| keep(c))
        .map(|(i, _)| i)
        .collect()
}

/// Label words used at least twice with different numbers: those mark sections.
fn frequent_label_kinds(candidates: &[Candidate]) -> BTreeSet<String> {
    let mut numbers: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for label in candidates.iter().filter_map(|c| c.label.as_ref()) {
        numbers
            .entry(&label.kind)
            .or_default()
            .insert(&label.number);
    }
    numbers
        .into_iter()
        .filter(|(_, n)| n.len() >= 2)
        .map(|(k, _)| k.to_string())
        .collect()
}

/// Whether a unit may be the title line under a numbered label ("General Introduction",
/// "(Concerning Dangers From Foreign Force and Influence)", "and Sustained").
pub(crate) fn is_label_title(unit: &Unit, first: bool) -> bool {
    if unit.kind != Kind::Prose || unit.lines.len() > 3 {
        return false;
    }
    let text = unit.text();
    let s = shape(&text);
    let closed = text.trim_end_matches([')', ']']);
    s.words <= 30
        && !ends_sentence(closed)
        && !closed.ends_with([';', ','])
        && parse_label(&text).is_none()
        && (!s.all_caps || first)
        && (case::is_mostly_title_case(&text)
            || (starts_lowercase(&text) && case::continues_title(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_in_both_spellings() {
        let a = parse_label("FEDERALIST. No. 1").map(|l| l.display);
        let b = parse_label("FEDERALIST No. 2").map(|l| l.display);
        assert_eq!(a.as_deref(), Some("Federalist No. 1"));
        assert_eq!(b.as_deref(), Some("Federalist No. 2"));
        assert_eq!(
            parse_label("Article 1.").map(|l| l.display).as_deref(),
            Some("Article 1")
        );
        assert_eq!(
            parse_label("Chapter 100000").map(|l| l.display).as_deref(),
            Some("Chapter 100000")
        );
        assert_eq!(parse_label("and I"), None);
        assert_eq!(parse_label("Section"), None);
    }

    #[test]
    fn capitals_need_more_than_a_name() {
        assert!(is_caps_heading("OF MONARCHY AND HEREDITARY SUCCESSION."));
        assert!(is_caps_heading("APPENDIX."));
        assert!(!is_caps_heading("AUTHOR"));
        assert!(!is_caps_heading("AMERICA,"));
    }

    #[test]
    fn title_case_headings_have_three_words() {
        assert!(is_title_case_heading("The Deepest Shift"));
        assert!(!is_title_case_heading("JD Vance"));
        assert!(!is_title_case_heading("Control"));
        assert!(!is_title_case_heading("Philadelphia, February 14, 1776"));
        assert!(is_title_case_heading("Conclusion"));
    }
}
