//! The plain substring baseline: sections ranked by how many of the query's words they contain.

use super::words;
use seminar_core::content::model::Text;

/// Words too common to tell sections apart; words under three letters are dropped as well.
const STOP_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "because", "been", "before", "being",
    "but", "can", "could", "did", "does", "doing", "for", "from", "had", "has", "have", "her",
    "his", "how", "into", "its", "may", "more", "most", "not", "now", "one", "only", "other",
    "our", "out", "over", "say", "says", "she", "should", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "too", "under", "upon",
    "very", "was", "way", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your",
];

/// A text's sections, lowercased once, ready to be ranked for many queries.
#[derive(Debug, Clone)]
pub struct Substring {
    /// Each section's number and its lowercased title and body.
    sections: Vec<(u32, String)>,
}

impl Substring {
    /// Lowercases every section of the text.
    pub fn new(text: &Text) -> Substring {
        Substring {
            sections: text
                .sections
                .iter()
                .map(|s| {
                    let haystack = format!("{}\n{}", s.title, s.plain_text()).to_lowercase();
                    (s.number, haystack)
                })
                .collect(),
        }
    }

    /// Sections containing any of the query's words, best first: most distinct words found, then
    /// most occurrences in all, then section order. At most `limit`.
    pub fn rank(&self, query: &str, limit: usize) -> Vec<u32> {
        let words = query_words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, usize, u32)> = self
            .sections
            .iter()
            .filter_map(|(number, haystack)| {
                let mut distinct = 0;
                let mut total = 0;
                for word in &words {
                    let count = haystack.matches(word.as_str()).count();
                    distinct += usize::from(count > 0);
                    total += count;
                }
                (distinct > 0).then_some((distinct, total, *number))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        scored.into_iter().take(limit).map(|(_, _, n)| n).collect()
    }
}

/// Ranks the sections of `text` for `query` (see [`Substring::rank`]), lowercasing the text on
/// every call.
pub fn rank(text: &Text, query: &str, limit: usize) -> Vec<u32> {
    Substring::new(text).rank(query, limit)
}

/// The query's distinct lowercased words of three letters or more that are not stop words, in order.
fn query_words(query: &str) -> Vec<String> {
    let lower = query.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for word in words(&lower) {
        if word.chars().count() >= 3
            && !STOP_WORDS.contains(&word)
            && !out.iter().any(|w| w == word)
        {
            out.push(word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {

    use super::*;
    use seminar_core::content::model::{Block, Library};

    fn essay() -> Library {
        crate::baseline::bundled_essay()
    }

    /// Four sections written here, on the essay's skeleton.
    fn tiny() -> Text {
        let mut text = essay().texts.remove(0);
        text.sections.truncate(4);
        let bodies = [
            (
                "Of Factions",
                "A faction is a number of citizens. Factions, factions.",
            ),
            (
                "Of Courts",
                "The judiciary is the least dangerous branch of power.",
            ),
            (
                "Of Taxes",
                "Taxes and a faction; the courts and the power to tax.",
            ),
            ("Of Nothing", "Nothing to see here."),
        ];
        for (section, (title, body)) in text.sections.iter_mut().zip(bodies) {
            section.title = title.to_string();
            section.blocks = vec![Block::Paragraph(body.to_string())];
        }
        text
    }

    #[test]
    fn distinct_words_count_first_then_occurrences_then_order() {
        let text = tiny();
        // §3 has both words; §1 has "faction" four times but not "courts"; §2 has "courts" once.
        assert_eq!(rank(&text, "faction courts", 10), vec![3, 1, 2]);
        // One word each: more occurrences first (§1: 4, §3: 1).
        assert_eq!(rank(&text, "faction", 10), vec![1, 3]);
        // A tie on both counts keeps section order.
        assert_eq!(rank(&text, "power", 10), vec![2, 3]);
    }

    #[test]
    fn a_title_word_counts() {
        let text = tiny();
        assert_eq!(rank(&text, "NOTHING", 10), vec![4]);
        let essay = essay();
        assert_eq!(rank(&essay.texts[0], "multipolarity", 1), vec![27]);
    }

    #[test]
    fn short_words_and_stop_words_are_ignored() {
        let text = tiny();
        // "is", "a", "of" and "the" are in every section; none of these words count.
        assert_eq!(rank(&text, "is a of the what why", 10), Vec::<u32>::new());
        assert_eq!(rank(&text, "what is the judiciary?", 10), vec![2]);
        assert_eq!(
            query_words("Why do the COURTS, courts matter?"),
            ["courts", "matter"]
        );
    }

    #[test]
    fn sections_without_any_word_are_left_out_and_limit_holds() {
        let text = tiny();
        assert_eq!(rank(&text, "zebra", 10), Vec::<u32>::new());
        assert_eq!(rank(&text, "faction courts", 2), vec![3, 1]);
        assert_eq!(rank(&text, "faction courts", 0), Vec::<u32>::new());
    }

    #[test]
    fn any_input_is_accepted() {
        let text = tiny();
        for query in ["", "   ", "\"", "* - NEAR AND", "…", "日本語 🙂", "\0"] {
            assert_eq!(rank(&text, query, 10), Vec::<u32>::new(), "{query:?}");
        }
        assert_eq!(rank(&text, "\"judiciary\"*", 10), vec![2]);
    }

    #[test]
    fn prepared_and_one_off_ranking_agree() {
        let essay = essay();
        let prepared = Substring::new(&essay.texts[0]);
        for query in ["strait of hormuz", "why would oil prices spike", "israel"] {
            assert_eq!(prepared.rank(query, 5), rank(&essay.texts[0], query, 5));
        }
    }
}
