//! The Markdown Seminar writes: cleaning and escaping echoed user text, and cutting long text at a
//! boundary (paragraph, then sentence, then word) without leaving bold markers unbalanced.

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};

/// The mark appended where text was cut.
pub const ELLIPSIS: char = '…';

/// Text a user typed without the invisible characters that change how the text around them is
/// shown: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks
/// (U+200E, U+200F, U+061C), and every other control (Cc) or format (Cf) character. Kept: tab and
/// line ends; the joiners (U+200C, U+200D) that emoji sequences and scripts such as Persian need;
/// and the tag characters of a subdivision flag, right after its black flag (U+1F3F4).
pub fn strip_invisible(typed: &str) -> Cow<'_, str> {
    // Copied only from the first character that goes: most text has none.
    let mut cleaned: Option<String> = None;
    let mut previous = None;
    for (i, c) in typed.char_indices() {
        if kept(c, previous) {
            if let Some(cleaned) = &mut cleaned {
                cleaned.push(c);
            }
            previous = Some(c);
        } else if cleaned.is_none() {
            let mut start = String::with_capacity(typed.len());
            start.push_str(&typed[..i]);
            cleaned = Some(start);
        }
    }
    cleaned.map_or(Cow::Borrowed(typed), Cow::Owned)
}

/// Whether `c` stays in typed text, given the character kept before it.
fn kept(c: char, previous: Option<char>) -> bool {
    const BLACK_FLAG: char = '\u{1f3f4}';
    let is_tag = |c: char| ('\u{e0020}'..='\u{e007f}').contains(&c);
    match c {
        '\t' | '\n' | '\r' | '\u{200c}' | '\u{200d}' => true,
        // Anywhere but in a flag, a tag is as invisible as any format character.
        c if is_tag(c) => previous.is_some_and(|p| p == BLACK_FLAG || is_tag(p)),
        c if c.is_control() => false,
        c => get_general_category(c) != GeneralCategory::Format,
    }
}

/// Escapes Markdown and mention syntax in text a user typed, so that it is shown as typed.
pub fn escape(user_text: &str) -> String {
    let mut out = String::with_capacity(user_text.len() + 8);
    // A leading dash or plus would start a list; elsewhere they are plain text.
    if user_text.starts_with(['-', '+']) {
        out.push('\\');
    }
    for c in user_text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Cuts `text` to at most `max` characters (counting the ellipsis it adds), preferring a paragraph
/// break, then a sentence end, then a space; never inside a word or a `**bold**` run.
/// Returns the text unchanged when it fits.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let limit = byte_index(text, max.saturating_sub(1));
    let head = &text[..limit];
    let at = boundary(head, "\n\n", max / 2)
        .or_else(|| sentence_end(head, max / 3))
        .or_else(|| head.rfind(char::is_whitespace).filter(|&i| i > 0))
        .unwrap_or(limit);
    let mut kept = text[..at].trim_end().to_string();
    // An odd number of "**" means a bold run was cut open: drop back to before it opened.
    if kept.matches("**").count() % 2 == 1
        && let Some(open) = kept.rfind("**")
    {
        kept.truncate(open);
        kept = kept.trim_end().to_string();
    }
    let kept = kept
        .trim_end_matches(['-', ',', ';', ':', '—', '–'])
        .trim_end();
    format!("{kept}{ELLIPSIS}")
}

/// The byte index of the `chars`-th character (or the end).
fn byte_index(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// The last occurrence of `sep` in `head` at or after `min_chars` characters, as a cut point.
fn boundary(head: &str, sep: &str, min_chars: usize) -> Option<usize> {
    head.rfind(sep)
        .filter(|&i| head[..i].chars().count() >= min_chars)
}

/// The end of the last complete sentence in `head`, at or after `min_chars` characters.
fn sentence_end(head: &str, min_chars: usize) -> Option<usize> {
    let mut best = None;
    let mut chars = head.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut end = i + c.len_utf8();
            // Closing quotes and bold markers belong to the sentence they close.
            while let Some(&(j, next)) = chars.peek() {
                if matches!(next, '"' | '\'' | '”' | '’' | '*' | ')') {
                    end = j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let followed_by_space = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
            if followed_by_space && head[..end].chars().count() >= min_chars {
                best = Some(end);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_fits_is_unchanged() {
        assert_eq!(cut("Short.", 10), "Short.");
    }

    #[test]
    fn cuts_prefer_a_sentence_end() {
        let text = "Oil does not need to stop flowing. It only needs to become unpredictable.";
        assert_eq!(cut(text, 50), "Oil does not need to stop flowing.…");
    }

    #[test]
    fn cuts_never_split_a_word() {
        let cut = cut("alpha beta gamma delta epsilon", 14);
        assert_eq!(cut, "alpha beta…");
    }

    #[test]
    fn cuts_never_leave_bold_open() {
        let cut = cut("one two three **four five six seven** eight", 26);
        assert_eq!(cut, "one two three…");
        assert_eq!(cut.matches("**").count() % 2, 0);
    }

    #[test]
    fn cut_text_never_exceeds_the_limit() {
        let text = "word ".repeat(500);
        for max in [1, 2, 5, 17, 100, 2000] {
            assert!(cut(&text, max).chars().count() <= max, "max {max}");
        }
    }

    #[test]
    fn bidi_controls_and_direction_marks_are_stripped() {
        let typed = "a\u{202a}b\u{202b}c\u{202c}d\u{202d}e\u{202e}f\u{2066}g\u{2067}h\u{2068}i\u{2069}j\u{200e}k\u{200f}l\u{61c}m";
        assert_eq!(strip_invisible(typed), "abcdefghijklm");
    }

    #[test]
    fn other_controls_and_format_characters_are_stripped() {
        assert_eq!(
            strip_invisible("a\u{0}b\u{7}c\u{1b}[31md\u{7f}e\u{200b}f\u{feff}g\u{ad}h\u{2060}i"),
            "abc[31mdefghi"
        );
    }

    #[test]
    fn whitespace_joiners_and_accents_are_kept() {
        for typed in [
            "tabs\tand\nline ends\r\n",
            // A family emoji is joined with ZWJ; Persian writes می‌خواهم with a ZWNJ.
            "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
            "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
            "caf\u{e9} cafe\u{301} \u{2764}\u{fe0f}",
        ] {
            assert!(
                matches!(strip_invisible(typed), Cow::Borrowed(_)),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn tags_are_kept_only_in_a_subdivision_flag() {
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(
            strip_invisible(&format!("{scotland}\u{202e}!")),
            format!("{scotland}!")
        );
        assert_eq!(
            strip_invisible("hidden\u{e0068}\u{e0069} text"),
            "hidden text"
        );
    }

    #[test]
    fn escaped_mentions_and_markdown_show_as_typed() {
        assert_eq!(
            escape("@everyone **hi** <@123>"),
            "\\@everyone \\*\\*hi\\*\\* \\<\\@123\\>"
        );
    }
}
