//! Text folding for matching: case, curly and straight quotes, the dash family and spacing all compare equal.

/// Folds `s` for comparison: lowercase, `’‘` → `'`, `“”` → `"`, every dash → `-`, `…` → `...`,
/// runs of whitespace → one space, trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let mapped: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                "'"
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{00A0}' | '\u{202F}' | '\u{2009}' => " ",
            _ => {
                if c.is_whitespace() {
                    " "
                } else {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.extend(c.to_lowercase());
                    continue;
                }
            }
        };
        if mapped == " " {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(mapped);
        }
    }
    out
}

/// Folds and keeps only letters, digits and single spaces: for matching titles and names loosely.
pub fn fold_words(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '\'' {
            // "Iran's" and "Irans" should meet: drop the apostrophe rather than split the word.
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_quotes_and_dashes_fold_together() {
        assert_eq!(fold("Iran’s  “Order” — now"), "iran's \"order\" - now");
        assert_eq!(fold("Iran's \"Order\" - now"), "iran's \"order\" - now");
    }

    #[test]
    fn fold_words_keeps_letters_digits_and_single_spaces() {
        assert_eq!(
            fold_words("The System Does Not Collapse—It Fragments"),
            "the system does not collapse it fragments"
        );
        assert_eq!(
            fold_words("Iran’s Parallel Strategy:"),
            "irans parallel strategy"
        );
    }
}
