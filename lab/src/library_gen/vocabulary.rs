//! Word classes with Zipf-like weights, English inflection, and each text's own topic words.

use fastrand::Rng;

use super::topics::Domain;
use super::words;

/// Draws positions with fixed weights: a cumulative table searched in halves.
#[derive(Debug, Clone)]
pub struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    /// Positions weighted as given; an empty or all-zero list always draws 0.
    pub fn new(weights: impl IntoIterator<Item = f64>) -> Self {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w.max(0.0);
                total
            })
            .collect();
        Weighted { cumulative }
    }

    /// Zipf–Mandelbrot weights for `n` ranks: rank `r` (from 0) weighs `1 / (r + 1 + q)^s`.
    pub fn zipf(n: usize, s: f64, q: f64) -> Self {
        Weighted::new((0..n).map(|r| 1.0 / (r as f64 + 1.0 + q).powf(s)))
    }

    /// One position, drawn with its weight.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.f64() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// A list of words ranked by weight: `pick` favours the first ones.
#[derive(Debug, Clone)]
pub struct Class<T> {
    pub words: Vec<T>,
    weights: Weighted,
}

impl<T> Class<T> {
    /// Words ranked in order on a Zipf curve of exponent `s` and offset `q`.
    pub fn zipf(words: Vec<T>, s: f64, q: f64) -> Self {
        let weights = Weighted::zipf(words.len(), s, q);
        Class { words, weights }
    }

    /// Words with explicit weights.
    pub fn weighted(pairs: &[(T, f64)]) -> Self
    where
        T: Clone,
    {
        Class {
            words: pairs.iter().map(|(w, _)| w.clone()).collect(),
            weights: Weighted::new(pairs.iter().map(|(_, w)| *w)),
        }
    }

    /// The position of one word, drawn with its weight.
    pub fn index(&self, rng: &mut Rng) -> usize {
        self.weights.sample(rng)
    }

    /// One word, drawn with its weight.
    pub fn pick(&self, rng: &mut Rng) -> &T {
        &self.words[self.index(rng)]
    }
}

/// A noun and its plural (`None` for mass nouns).
#[derive(Debug, Clone)]
pub struct Noun {
    pub one: &'static str,
    pub many: Option<String>,
}

/// A verb's base, third-person singular and past forms.
#[derive(Debug, Clone)]
pub struct Verb {
    pub base: &'static str,
    pub third: String,
    pub past: String,
}

/// The vocabulary every text shares: function words by weight, content words on Zipf curves.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub nouns: Class<Noun>,
    pub verbs: Class<Verb>,
    pub control: Class<Verb>,
    pub adjectives: Class<&'static str>,
    pub adverbs: Class<&'static str>,
    pub determiners: Class<&'static str>,
    pub prepositions: Class<&'static str>,
    pub conjunctions: Class<&'static str>,
    pub modals: Class<&'static str>,
    pub openers: Class<&'static str>,
    pub subordinators: Class<&'static str>,
}

impl Vocabulary {
    /// Builds the shared vocabulary from the word lists.
    pub fn new() -> Self {
        let simple = |list: &'static str| list.split_whitespace().collect::<Vec<_>>();
        Vocabulary {
            nouns: Class::zipf(nouns(words::NOUNS), 1.0, 6.0),
            verbs: Class::zipf(verbs(words::VERBS), 1.0, 4.0),
            control: Class::zipf(verbs(words::CONTROL_VERBS), 1.0, 1.0),
            adjectives: Class::zipf(simple(words::ADJECTIVES), 1.0, 4.0),
            adverbs: Class::zipf(simple(words::ADVERBS), 1.0, 1.0),
            determiners: Class::weighted(words::DETERMINERS),
            prepositions: Class::weighted(words::PREPOSITIONS),
            conjunctions: Class::weighted(words::CONJUNCTIONS),
            modals: Class::weighted(words::MODALS),
            openers: Class::zipf(words::OPENERS.to_vec(), 0.8, 1.0),
            subordinators: Class::zipf(words::SUBORDINATORS.to_vec(), 0.8, 1.0),
        }
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new()
    }
}

/// One text's subject: the labels of its domains and their nouns, ranked in an order of its own.
#[derive(Debug, Clone)]
pub struct Topic {
    pub labels: Vec<&'static str>,
    pub nouns: Class<Noun>,
}

impl Topic {
    /// The union of the domains' nouns, shuffled so that each text leans on different ones.
    pub fn new(domains: &[&Domain], rng: &mut Rng) -> Self {
        let mut all: Vec<Noun> = Vec::new();
        for domain in domains {
            for noun in nouns(domain.words) {
                if !all.iter().any(|n| n.one == noun.one) {
                    all.push(noun);
                }
            }
        }
        rng.shuffle(&mut all);
        Topic {
            labels: domains.iter().map(|d| d.label).collect(),
            nouns: Class::zipf(all, 0.9, 1.0),
        }
    }
}

/// Parses a noun list: `word`, `word/plural` or `word/-` (no plural).
pub fn nouns(list: &'static str) -> Vec<Noun> {
    list.split_whitespace()
        .map(|entry| match entry.split_once('/') {
            Some((one, "-")) => Noun { one, many: None },
            Some((one, many)) => Noun {
                one,
                many: Some(many.to_string()),
            },
            None => Noun {
                one: entry,
                many: Some(plural(entry)),
            },
        })
        .collect()
}

/// Parses a verb list: `base` or `base/past`.
pub fn verbs(list: &'static str) -> Vec<Verb> {
    list.split_whitespace()
        .map(|entry| {
            let (base, past) = match entry.split_once('/') {
                Some((base, past)) => (base, past.to_string()),
                None => (entry, regular_past(entry)),
            };
            Verb {
                base,
                third: third_person(base),
                past,
            }
        })
        .collect()
}

fn consonant_y(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2])
}

fn sibilant(word: &str) -> bool {
    ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
}

/// The regular plural: crisis → crises, policy → policies, tax → taxes, state → states.
pub fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("is") {
        format!("{stem}es")
    } else if consonant_y(word) {
        format!("{}ies", &word[..word.len() - 1])
    } else if sibilant(word) {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// The third-person singular: carry → carries, push → pushes, echo → echoes, keep → keeps.
pub fn third_person(verb: &str) -> String {
    if consonant_y(verb) {
        format!("{}ies", &verb[..verb.len() - 1])
    } else if sibilant(verb) || verb.ends_with('o') {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    }
}

/// The regular past: carry → carried, shape → shaped, test → tested.
pub fn regular_past(verb: &str) -> String {
    if consonant_y(verb) {
        format!("{}ied", &verb[..verb.len() - 1])
    } else if verb.ends_with('e') {
        format!("{verb}d")
    } else {
        format!("{verb}ed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library_gen::topics::DOMAINS;

    #[test]
    fn inflection_follows_english_spelling() {
        assert_eq!(plural("crisis"), "crises");
        assert_eq!(plural("policy"), "policies");
        assert_eq!(plural("valley"), "valleys");
        assert_eq!(plural("approach"), "approaches");
        assert_eq!(third_person("carry"), "carries");
        assert_eq!(third_person("push"), "pushes");
        assert_eq!(third_person("echo"), "echoes");
        assert_eq!(regular_past("carry"), "carried");
        assert_eq!(regular_past("shape"), "shaped");
        let vocabulary = Vocabulary::new();
        let past = |base: &str| {
            let verb = vocabulary.verbs.words.iter().find(|v| v.base == base);
            verb.map(|v| v.past.clone())
        };
        assert_eq!(past("plan").as_deref(), Some("planned"));
        assert_eq!(past("bring").as_deref(), Some("brought"));
        let child = vocabulary.nouns.words.iter().find(|n| n.one == "child");
        assert_eq!(child.and_then(|n| n.many.as_deref()), Some("children"));
    }

    #[test]
    fn word_lists_have_no_duplicates() {
        let vocabulary = Vocabulary::new();
        fn unique(list: Vec<&str>, what: &str) {
            let mut sorted = list.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), list.len(), "duplicate {what}");
        }
        unique(
            vocabulary.nouns.words.iter().map(|n| n.one).collect(),
            "noun",
        );
        unique(
            vocabulary.verbs.words.iter().map(|v| v.base).collect(),
            "verb",
        );
        unique(vocabulary.adjectives.words.clone(), "adjective");
        unique(vocabulary.adverbs.words.clone(), "adverb");
        for domain in DOMAINS {
            unique(
                nouns(domain.words).iter().map(|n| n.one).collect(),
                domain.label,
            );
        }
    }

    #[test]
    fn zipf_draws_favour_the_first_ranks() {
        let weights = Weighted::zipf(100, 1.0, 0.0);
        let mut rng = Rng::with_seed(1);
        let mut counts = [0u32; 100];
        for _ in 0..20_000 {
            counts[weights.sample(&mut rng)] += 1;
        }
        // Rank 1 weighs twice rank 2 and ten times rank 10.
        assert!(counts[0] > counts[1] && counts[1] > counts[9] * 3);
    }
}
