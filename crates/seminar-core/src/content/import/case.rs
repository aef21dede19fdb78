//! Letter case and punctuation tests on lines and words: title case, all caps, sentence ends, title-casing.

/// Words a title leaves lowercase ("The Risk of Misreading the Moment").
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of",
    "on", "or", "over", "than", "that", "the", "to", "upon", "via", "vs", "with", "without",
];

/// Quotes and brackets that may open a word or line.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '¿', '¡'];
/// Quotes and brackets that may close a word or line.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Whether `word` (already lowercase) is one a title leaves lowercase.
pub(crate) fn is_small_word(word: &str) -> bool {
    SMALL_WORDS.contains(&word)
}

/// The word without quotes, brackets and trailing punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_start_matches(OPENERS)
        .trim_end_matches(|c: char| {
            CLOSERS.contains(&c) || matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '…')
        })
}

/// The first letter or digit of `text`, skipping opening quotes and brackets.
fn first_char(text: &str) -> Option<char> {
    text.trim_start_matches(OPENERS).chars().next()
}

/// Whether the line starts with a lowercase letter: it continues the sentence before it.
pub(crate) fn starts_lowercase(text: &str) -> bool {
    first_char(text).is_some_and(char::is_lowercase)
}

/// Whether the line starts with an uppercase letter.
pub(crate) fn starts_uppercase(text: &str) -> bool {
    first_char(text).is_some_and(char::is_uppercase)
}

/// Whether the line ends a sentence: `. ? ! … :`, also before a closing quote or bracket.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS)
        .ends_with(['.', '?', '!', '…', ':'])
}

/// Whether the line ends with punctuation a title never ends with (sentence ends, commas, dashes).
pub(crate) fn ends_with_punctuation(text: &str) -> bool {
    text.trim_end_matches(CLOSERS)
        .ends_with(['.', '?', '!', '…', ':', ';', ',', '—', '–', '-'])
}

/// How the words of a line are capitalised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Words with at least one letter.
    pub words: usize,
    /// Words starting with an uppercase letter (or a digit).
    pub capitalized: usize,
    /// Lowercase words a title allows lowercase.
    pub small: usize,
    /// Lowercase words a title would capitalise.
    pub lower: usize,
    /// Whether the last word is capitalised.
    pub last_capitalized: bool,
    /// Whether no letter of the line is lowercase.
    pub all_caps: bool,
}

/// Counts how the words of `text` are capitalised.
pub(crate) fn shape(text: &str) -> Shape {
    let mut s = Shape {
        all_caps: text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase),
        ..Shape::default()
    };
    for word in text.split_whitespace() {
        let word = bare(word);
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        s.words += 1;
        let capitalized = first.is_uppercase() || first.is_ascii_digit();
        if capitalized {
            s.capitalized += 1;
        } else if is_small_word(&word.to_lowercase()) {
            s.small += 1;
        } else {
            s.lower += 1;
        }
        s.last_capitalized = capitalized;
    }
    s
}

/// Whether `text` is written like a title: every word capitalised except small words, the last capitalised.
pub(crate) fn is_title_case(text: &str) -> bool {
    let s = shape(text);
    s.words > 0 && s.lower == 0 && s.capitalized >= 2.min(s.words) && s.last_capitalized
}

/// Whether `text` could continue a title on the next line ("at the Same Time").
pub(crate) fn continues_title(text: &str) -> bool {
    let s = shape(text);
    s.words > 0
        && s.lower == 0
        && s.capitalized >= 1
        && s.last_capitalized
        && !ends_with_punctuation(text)
}

/// Whether `text` is mostly title-cased: loose enough for the title lines under a numbered heading.
pub(crate) fn is_mostly_title_case(text: &str) -> bool {
    let s = shape(text);
    s.words > 0 && s.capitalized >= 1 && s.lower * 4 <= s.capitalized
}

/// Title-cases `text`: all-caps words are lowered first; small words stay lowercase except the first.
pub(crate) fn title_case(text: &str) -> String {
    let all_caps = shape(text).all_caps;
    let mut out = Vec::new();
    for (i, word) in text.split_whitespace().enumerate() {
        let lowered = if all_caps && !is_roman_numeral(bare(word)) {
            word.to_lowercase()
        } else {
            word.to_string()
        };
        let small = is_small_word(&bare(&lowered).to_lowercase());
        out.push(if i > 0 && small {
            lowered.to_lowercase()
        } else {
            capitalize(&lowered)
        });
    }
    out.join(" ")
}

/// Uppercases the first letter of `word` (after any opening quote), and the letter after a hyphen.
fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for c in word.chars() {
        if upper_next && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
            if c.is_alphanumeric() {
                upper_next = false;
            }
        }
        if c == '-' {
            upper_next = true;
        }
    }
    out
}

/// Whether `word` is a Roman numeral of the kind chapter numbers use (I to XXXIX, L, C…).
pub(crate) fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 8
        && word.chars().all(|c| {
            matches!(
                c.to_ascii_uppercase(),
                'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'
            )
        })
        && word.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_lines_are_recognised() {
        assert!(is_title_case("The Risk of Misreading the Moment"));
        assert!(is_title_case("What the “Order” Actually Was"));
        assert!(is_title_case(
            "Iran’s Parallel Strategy: Negotiation and Leverage"
        ));
        assert!(!is_title_case("If the talks"));
        assert!(!is_title_case("It is a"));
        assert!(continues_title("at the Same Time"));
        assert!(!continues_title("or are they sometimes designed"));
    }

    #[test]
    fn sentence_ends_include_closing_quotes() {
        assert!(ends_sentence("stepping back.”"));
        assert!(ends_sentence("succeed…"));
        assert!(!ends_sentence("Guard Corps—"));
    }

    #[test]
    fn capitals_are_title_cased() {
        assert_eq!(
            title_case("OF THE ORIGIN AND DESIGN OF GOVERNMENT IN GENERAL, WITH CONCISE REMARKS."),
            "Of the Origin and Design of Government in General, with Concise Remarks."
        );
        assert_eq!(title_case("CHAPTER IV"), "Chapter IV");
        assert_eq!(
            title_case("to the People called Quakers"),
            "To the People Called Quakers"
        );
    }
}
