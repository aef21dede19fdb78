//! The front matter before the first heading: the text's title, subtitle and author, or a preamble.

use std::sync::LazyLock;

use regex::Regex;

use super::case::{self, ends_sentence, is_roman_numeral, shape};
use super::headings::is_title_line;
use super::reflow::{Kind, Unit};

/// "By Thomas Paine" on a title page.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\.?$")
        .unwrap_or_else(|e| unreachable!("the byline pattern is valid: {e}"))
});

/// What the front matter gave.
#[derive(Debug, Clone, Default)]
pub(crate) struct Front {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// Units that are text, not a title page: they become a section of their own.
    pub body: Vec<Unit>,
    /// Title-page lines that went into no section (only their title, subtitle and author were kept).
    pub dropped: Vec<Unit>,
}

/// Whether a unit is running prose rather than a title-page fragment.
pub(crate) fn is_prose(unit: &Unit) -> bool {
    unit.kind != Kind::Prose
        || unit.lines.len() >= 3
        || unit.words() >= 40
        || (unit.words() >= 12 && ends_sentence(&unit.text()))
}

/// Reads the units before the first heading.
///
/// A first unit written like a title is the text's title. What follows it is a title page
/// (subtitle, author, imprint: dropped and reported) when it is mostly short fragments, and
/// an introduction otherwise. Front matter that does not open with a title is a preamble.
/// With `keep_all`, nothing is dropped: the text has no headings, so this is all there is.
pub(crate) fn read(units: &[Unit], keep_all: bool) -> Front {
    let Some(first) = units.first() else {
        return Front::default();
    };
    let first_text = first.text();
    if first.kind != Kind::Prose || first.lines.len() > 3 || !is_title_line(&first_text) {
        return Front {
            body: units.to_vec(),
            ..Front::default()
        };
    }
    let mut front = Front::default();
    let rest = &units[1..];
    let (title, dash_subtitle) = split_title(&tidy(first_text.trim_end_matches([';', ',', ':'])));
    front.title = Some(title);
    let prose = rest.iter().filter(|u| is_prose(u)).count();
    if keep_all || prose * 3 > rest.len() {
        front.body = rest.to_vec();
        front.subtitle = dash_subtitle;
        return front;
    }
    let (subtitle, used) = match subtitle(rest) {
        Some((subtitle, used)) if dash_subtitle.is_none() => (Some(subtitle), used),
        _ => (dash_subtitle, 0),
    };
    front.subtitle = subtitle;
    front.author = rest.iter().flat_map(|u| u.lines.iter()).find_map(|l| {
        BYLINE
            .captures(l)
            .and_then(|c| c.name("name"))
            .map(|m| tidy(m.as_str()))
    });
    front.dropped = rest[used..].to_vec();
    front
}

/// Splits "Title—Subtitle" at its first dash.
fn split_title(title: &str) -> (String, Option<String>) {
    for sep in ["—", " – ", " -- "] {
        if let Some((head, tail)) = title.split_once(sep) {
            let (head, tail) = (head.trim(), tail.trim());
            if !head.is_empty() && !tail.is_empty() {
                return (head.to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.to_string(), None)
}

/// The subtitle under a title: "[Adopted in Congress 4 July 1776]", or fragments up to a comma
/// or stop ("addressed to the" + "INHABITANTS" + "of" + "AMERICA,"); also how many units it took.
fn subtitle(rest: &[Unit]) -> Option<(String, usize)> {
    let first = rest.first()?;
    let text = first.text();
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return Some((tidy(inner.trim()), 1)).filter(|(s, _)| !s.is_empty());
    }
    let mut parts = Vec::new();
    for unit in rest.iter().take(6) {
        if is_prose(unit) || unit.lines.len() > 1 || BYLINE.is_match(&unit.text()) {
            break;
        }
        let text = unit.text();
        let done = text.ends_with([',', ';', '.', ':']);
        parts.push(text);
        if done {
            let joined = parts.join(" ");
            let joined = joined.trim_end_matches([',', ';', '.', ':']);
            let words = joined.split_whitespace().count();
            return (words <= 20).then(|| (case::title_case(&tidy_words(joined)), parts.len()));
        }
    }
    None
}

/// Tidies a title written all in capitals ("COMMON SENSE" → "Common Sense"); others stay as written.
pub(crate) fn tidy(text: &str) -> String {
    if shape(text).all_caps {
        case::title_case(text)
    } else {
        text.to_string()
    }
}

/// Tidies title-page fragments set in mixed capitals ("addressed to the INHABITANTS of AMERICA"):
/// words of four or more capitals are capitalised words; shorter ones may be acronyms and stay.
fn tidy_words(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 4
                && shape(w).all_caps
                && !is_roman_numeral(w.trim_matches(|c: char| !c.is_alphabetic()))
            {
                case::title_case(w)
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::import::clean::lines;
    use crate::content::import::reflow::units;

    #[test]
    fn a_title_page_gives_title_subtitle_and_author() {
        let raw = "COMMON SENSE;\n\naddressed to the\n\nINHABITANTS\n\nof\n\nAMERICA,\n\nPHILADELPHIA\n\nCommon Sense\nBy Thomas Paine";
        let front = read(&units(&lines(raw), None), false);
        assert_eq!(front.title.as_deref(), Some("Common Sense"));
        assert_eq!(
            front.subtitle.as_deref(),
            Some("Addressed to the Inhabitants of America")
        );
        assert_eq!(front.author.as_deref(), Some("Thomas Paine"));
        assert!(front.body.is_empty());
    }

    #[test]
    fn a_title_with_a_dash_is_split() {
        assert_eq!(
            split_title("Why Now—And What It Reveals"),
            (
                "Why Now".to_string(),
                Some("And What It Reveals".to_string())
            )
        );
    }
}
