//! The words a text uses, for "did you mean" suggestions when a search finds nothing.

use std::collections::HashMap;

/// Surface words (lowercased) with how often they occur, by their length in characters: a word
/// more than two characters longer or shorter than a typo cannot be within a suggestion's
/// distance, so it is never compared. Each length's words are sorted, to be found by bisection,
/// and held in one string: a text's vocabulary is kept while the text is used, for hundreds of
/// texts at once.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    by_length: HashMap<usize, Words>,
}

/// Words of one length, sorted, end to end in one string.
#[derive(Debug, Clone, Default)]
struct Words {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    counts: Vec<u32>,
}

impl Words {
    fn word(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.text[start..self.ends[i] as usize]
    }

    fn contains(&self, word: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = (low + high) / 2;
            match self.word(middle).cmp(word) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        (0..self.ends.len()).map(|i| (self.word(i), self.counts[i]))
    }
}

/// Words being counted for a [`Vocabulary`].
#[derive(Debug, Default)]
pub struct WordCounts(HashMap<String, u32>);

impl WordCounts {
    /// Counts every word of `text`.
    pub fn add(&mut self, text: &str) {
        for word in words(text) {
            *self.0.entry(word).or_default() += 1;
        }
    }

    /// The vocabulary of the words counted.
    pub fn vocabulary(self) -> Vocabulary {
        let mut sorted: Vec<(String, u32)> = self.0.into_iter().collect();
        sorted.sort_unstable();
        let mut by_length: HashMap<usize, Words> = HashMap::new();
        for (word, count) in sorted {
            let words = by_length.entry(word.chars().count()).or_default();
            words.text.push_str(&word);
            words
                .ends
                .push(u32::try_from(words.text.len()).unwrap_or(u32::MAX));
            words.counts.push(count);
        }
        for words in by_length.values_mut() {
            words.text.shrink_to_fit();
            words.ends.shrink_to_fit();
            words.counts.shrink_to_fit();
        }
        Vocabulary { by_length }
    }
}

impl Vocabulary {
    fn contains(&self, word: &str) -> bool {
        self.by_length
            .get(&word.chars().count())
            .is_some_and(|known| known.contains(word))
    }

    /// The closest known word to an unknown one, if one is close enough to be a typo.
    pub fn suggest(&self, word: &str) -> Option<&str> {
        let word = word.to_lowercase();
        if word.chars().count() < 3 || self.contains(&word) {
            return None;
        }
        let length = word.chars().count();
        let allowed = if length <= 5 { 1 } else { 2 };
        (length.saturating_sub(allowed)..=length + allowed)
            .filter_map(|l| self.by_length.get(&l))
            .flat_map(Words::iter)
            .map(|(known, count)| (strsim::damerau_levenshtein(&word, known), count, known))
            .filter(|(distance, _, _)| *distance <= allowed)
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)))
            .map(|(_, _, known)| known)
    }

    /// `words` with each unknown word that looks like a typo replaced by its suggestion, and the
    /// replacements made; `None` when nothing needs correcting.
    pub fn correct<'a>(&'a self, words: &'a [String]) -> Option<Correction<'a>> {
        let changes: Vec<(&str, &str)> = words
            .iter()
            .filter_map(|w| self.suggest(w).map(|s| (w.as_str(), s)))
            .collect();
        if changes.is_empty() {
            return None;
        }
        let words = words
            .iter()
            .map(|w| {
                changes
                    .iter()
                    .find(|(from, _)| from == w)
                    .map_or(w.as_str(), |(_, to)| to)
            })
            .collect::<Vec<_>>()
            .join(" ");
        Some(Correction { words, changes })
    }
}

/// A corrected query: its words, and which typed word became which known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction<'a> {
    pub words: String,
    pub changes: Vec<(&'a str, &'a str)>,
}

/// Lowercased words of three or more letters.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let mut counts = WordCounts::default();
        counts.add("The Strait of Hormuz is not symbolic. Insurance premiums rise. Hormuz.");
        counts.vocabulary()
    }

    #[test]
    fn a_typo_is_corrected_to_the_nearest_known_word() {
        assert_eq!(vocabulary().suggest("hormoz"), Some("hormuz"));
        assert_eq!(vocabulary().suggest("insurnace"), Some("insurance"));
    }

    #[test]
    fn known_and_far_away_words_get_no_suggestion() {
        assert_eq!(vocabulary().suggest("Hormuz"), None);
        assert_eq!(vocabulary().suggest("zebra"), None);
    }

    #[test]
    fn of_two_words_as_near_the_more_frequent_is_suggested() {
        let mut counts = WordCounts::default();
        counts.add("tanker tanker banker");
        assert_eq!(counts.vocabulary().suggest("canker"), Some("tanker"));
    }

    #[test]
    fn correct_rewrites_only_unknown_words() {
        let words = vec!["strait".to_string(), "hormoz".to_string()];
        assert_eq!(
            vocabulary().correct(&words).map(|c| c.words),
            Some("strait hormuz".to_string())
        );
        assert_eq!(vocabulary().correct(&["strait".to_string()]), None);
    }
}
