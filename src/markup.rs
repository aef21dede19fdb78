//! The Markdown Seminar writes: escaping echoed user text, and cutting long text at a boundary
//! (paragraph, then sentence, then word) without leaving bold markers unbalanced.

/// The mark appended where text was cut.
pub const ELLIPSIS: char = '…';

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
    fn escaped_mentions_and_markdown_show_as_typed() {
        assert_eq!(
            escape("@everyone **hi** <@123>"),
            "\\@everyone \\*\\*hi\\*\\* \\<\\@123\\>"
        );
    }
}
