//! Highlighted snippets: a passage with the searched words in bold, cut around the best match.

use std::collections::HashSet;

use crate::index::schema::english;
use crate::markup;

/// `markdown` with every word whose analyzed form is in `terms` wrapped in `**`, cut to `max_chars`
/// characters so that the first highlighted word is shown. Without highlights, the passage's start.
pub fn highlight(markdown: &str, terms: &[String], max_chars: usize) -> String {
    let wanted: HashSet<&str> = terms.iter().map(String::as_str).collect();
    let mut ranges = Vec::new();
    let mut analyzer = english();
    let mut stream = analyzer.token_stream(markdown);
    while stream.advance() {
        let token = stream.token();
        if wanted.contains(token.text.as_str()) {
            ranges.push(token.offset_from..token.offset_to);
        }
    }
    let start = window_start(markdown, ranges.first().map(|r| r.start), max_chars);
    let mut out = String::with_capacity(markdown.len() + ranges.len() * 4);
    if start > 0 {
        out.push(markup::ELLIPSIS);
    }
    let mut at = start;
    for range in ranges.iter().filter(|r| r.start >= start) {
        out.push_str(&markdown[at..range.start]);
        out.push_str("**");
        out.push_str(&markdown[range.clone()]);
        out.push_str("**");
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    // Adjacent highlights read better as one bold run.
    let out = out.replace("** **", " ");
    markup::cut(&out, max_chars)
}

/// Where to start showing text so the first match is visible: the start of its paragraph or
/// sentence, unless the match lies within the first `max_chars / 2` characters anyway.
fn window_start(text: &str, first_match: Option<usize>, max_chars: usize) -> usize {
    let Some(first) = first_match else { return 0 };
    if text[..first].chars().count() < max_chars / 2 {
        return 0;
    }
    let before = &text[..first];
    let paragraph = before.rfind("\n\n").map(|i| i + 2);
    let sentence = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '?' | '!' | '…')
                && text[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map(|(i, c)| i + c.len_utf8());
    let start = match (paragraph, sentence) {
        (Some(p), Some(s)) => p.max(s),
        (p, s) => p.or(s).unwrap_or(0),
    };
    let start = if text[start..first].chars().count() > max_chars / 2 {
        first
    } else {
        start
    };
    start + text[start..].len() - text[start..].trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn matching_words_are_bold_whatever_their_form() {
        assert_eq!(
            highlight(
                "Insurance premiums rise before ships even move.",
                &terms(&["insur", "ship"]),
                200
            ),
            "**Insurance** premiums rise before **ships** even move."
        );
    }

    #[test]
    fn neighbouring_matches_merge_into_one_bold_run() {
        assert_eq!(
            highlight(
                "The Strait of Hormuz is not symbolic.",
                &terms(&["strait", "hormuz"]),
                200
            ),
            "The **Strait** of **Hormuz** is not symbolic."
        );
    }

    #[test]
    fn a_late_match_starts_the_window_at_its_sentence() {
        let text = format!(
            "{} Oil does not need to stop flowing.",
            "Filler sentence here.".repeat(10)
        );
        let shown = highlight(&text, &terms(&["oil"]), 60);
        assert!(shown.starts_with("…**Oil** does not need"), "{shown}");
    }

    #[test]
    fn without_matches_the_passage_start_is_shown() {
        assert_eq!(highlight("One. Two. Three.", &[], 10), "One. Two.…");
    }
}
