//! Seeded command mixes for `seminar-lab bench --library`: hundreds of different queries per command kind, drawn from many texts.

use std::collections::HashMap;

use seminar_core::content::model::{Library, Text};

/// The seed every run uses, so that runs time the same queries.
pub const SEED: u64 = 0x5e31_a4b1_2c0f_0001;
/// Different queries per command kind (fewer when the library cannot make that many).
pub const PER_KIND: usize = 240;

/// The kind that completes the `text` option: it looks through every title of the library.
pub const TEXT_AUTOCOMPLETE: &str = "autocomplete text:";

/// How a query reaches the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// A command line: parsed, answered, rendered as a command response.
    Answer,
    /// A half-typed line: parsed as partial, completed, rendered as an autocomplete response.
    Complete,
    /// A button's custom_id: pressed, rendered as a message update.
    Press,
}

/// One query: what the user types (or presses), and the words the baselines search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub line: String,
    pub words: String,
    /// The text's position in the library.
    pub text: usize,
}

/// A command kind and its queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    pub name: &'static str,
    pub call: Call,
    pub queries: Vec<Query>,
}

/// Words too common to make a query of.
const STOP: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "because",
    "before",
    "being",
    "below",
    "between",
    "could",
    "every",
    "first",
    "their",
    "there",
    "these",
    "those",
    "through",
    "under",
    "until",
    "where",
    "which",
    "while",
    "would",
    "other",
    "should",
    "might",
    "still",
    "since",
    "whose",
    "itself",
    "within",
    "without",
    "rather",
    "never",
    "often",
    "always",
    "another",
    "cannot",
    "something",
    "anything",
    "nothing",
    "everything",
    "though",
    "although",
    "toward",
    "towards",
    "during",
    "among",
    "having",
    "does",
    "doing",
    "shall",
    "upon",
    "that",
    "this",
    "with",
    "from",
    "what",
    "when",
    "have",
    "were",
    "will",
    "into",
    "than",
    "then",
    "them",
    "they",
    "more",
    "most",
    "much",
    "many",
    "some",
    "such",
    "only",
    "also",
    "very",
    "just",
    "even",
    "each",
    "over",
    "been",
    "must",
    "same",
    "both",
    "here",
    "less",
];

/// The command mix for `library`: `per_kind` queries of each kind, spread over up to `per_kind`
/// texts picked with `seed`. The same library and seed always give the same queries.
pub fn mix(library: &Library, per_kind: usize, seed: u64) -> Vec<Kind> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut order: Vec<usize> = (0..library.texts.len())
        .filter(|&t| !library.texts[t].sections.is_empty())
        .collect();
    rng.shuffle(&mut order);
    order.truncate(per_kind.max(1));
    let with_actors: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&t| !library.texts[t].actors.is_empty())
        .collect();
    let mut topics = Topics::default();
    let mut kinds = Vec::new();
    let mut kind = |name, call, texts: &[usize], make: &mut dyn FnMut(&mut Draw<'_>) -> Query| {
        if texts.is_empty() {
            return;
        }
        let queries = (0..per_kind)
            .map(|i| {
                let position = texts[i % texts.len()];
                make(&mut Draw {
                    rng: &mut rng,
                    text: &library.texts[position],
                    position,
                    topics: &mut topics,
                })
            })
            .collect();
        kinds.push(Kind {
            name,
            call,
            queries,
        });
    };
    kind("section N", Call::Answer, &order, &mut |d| {
        let number = d.rng.u32(1..=d.text.last_section().max(1));
        let title = d.section_title(number);
        d.query(format!("/section {number} text:{}", d.text.id), title)
    });
    kind("section title:", Call::Answer, &order, &mut |d| {
        let words = d.title_words(2);
        d.query(format!("/section title:{words} text:{}", d.text.id), words)
    });
    kind("actor", Call::Answer, &with_actors, &mut |d| {
        let name = d.actor_name();
        d.query(format!("/actor {name} text:{}", d.text.id), name)
    });
    kind("question", Call::Answer, &order, &mut |d| {
        let topic = d.topic();
        d.query(format!("/question text:{}", d.text.id), topic)
    });
    kind("search: title words", Call::Answer, &order, &mut |d| {
        let words = d.title_words(2);
        d.search(words)
    });
    kind(
        "search: actor + topic",
        Call::Answer,
        &with_actors,
        &mut |d| {
            let words = format!("{} {}", d.actor_name(), d.topic());
            d.search(words)
        },
    );
    kind("search: question", Call::Answer, &with_actors, &mut |d| {
        let (actor, topic, other) = (d.actor_name(), d.topic(), d.topic());
        let words = match d.rng.u8(0..4) {
            0 => format!("why does {actor} care about {topic}"),
            1 => format!("what did {actor} say about {topic} and {other}"),
            2 => format!("how is {topic} connected to {other}"),
            _ => format!("what happens to {topic} if {actor} gives way"),
        };
        d.search(words)
    });
    kind("outline", Call::Answer, &order, &mut |d| {
        let title = d.text.title.clone();
        d.query(format!("/outline text:{}", d.text.id), title)
    });
    kind("autocomplete title:", Call::Complete, &order, &mut |d| {
        let word = d.title_words(1);
        let prefix = prefix(&word, d.rng.usize(3..=6));
        d.query(
            format!("/section text:{} title:{prefix}", d.text.id),
            prefix,
        )
    });
    kind(TEXT_AUTOCOMPLETE, Call::Complete, &order, &mut |d| {
        let cut = d.rng.usize(3..=9);
        let prefix = prefix(&d.text.title, cut).trim_end().to_string();
        d.query(format!("/search text:{prefix}"), prefix)
    });
    kind("button (page 2)", Call::Press, &order, &mut |d| {
        let number = d.rng.u32(1..=d.text.last_section().max(1));
        let title = d.section_title(number);
        d.query(format!("v1:page@{}:{number}:2", d.text.id), title)
    });
    kinds
}

/// The first `chars` characters of `word`.
fn prefix(word: &str, chars: usize) -> String {
    word.chars().take(chars).collect()
}

/// What one query is drawn from.
struct Draw<'a> {
    rng: &'a mut fastrand::Rng,
    text: &'a Text,
    position: usize,
    topics: &'a mut Topics,
}

impl Draw<'_> {
    fn query(&self, line: String, words: String) -> Query {
        Query {
            line,
            words,
            text: self.position,
        }
    }

    fn search(&self, words: String) -> Query {
        self.query(format!("/search {words} text:{}", self.text.id), words)
    }

    fn section_title(&self, number: u32) -> String {
        self.text
            .section(number)
            .map_or_else(String::new, |s| s.title.clone())
    }

    /// Up to `n` consecutive significant words of a random section title (the title itself when
    /// it has none).
    fn title_words(&mut self, n: usize) -> String {
        let section = &self.text.sections[self.rng.usize(..self.text.sections.len())];
        let words: Vec<&str> = significant(&section.title).collect();
        if words.is_empty() {
            return section.title.clone();
        }
        let start = self.rng.usize(..words.len());
        words[start..(start + n).min(words.len())].join(" ")
    }

    /// An actor's name or, one time in three, one of its aliases.
    fn actor_name(&mut self) -> String {
        let actor = &self.text.actors[self.rng.usize(..self.text.actors.len())];
        if !actor.aliases.is_empty() && self.rng.u8(0..3) == 0 {
            return actor.aliases[self.rng.usize(..actor.aliases.len())].clone();
        }
        actor.name.clone()
    }

    /// One of the text's most frequent significant words.
    fn topic(&mut self) -> String {
        let words = self.topics.of(self.position, self.text);
        if words.is_empty() {
            return self.text.title.clone();
        }
        words[self.rng.usize(..words.len())].clone()
    }
}

/// The most frequent significant words of each text, worked out when first asked for.
#[derive(Default)]
struct Topics {
    by_text: HashMap<usize, Vec<String>>,
}

impl Topics {
    const KEEP: usize = 25;

    fn of(&mut self, position: usize, text: &Text) -> &[String] {
        self.by_text.entry(position).or_insert_with(|| {
            let mut counts: HashMap<String, usize> = HashMap::new();
            for section in &text.sections {
                for word in significant(&section.plain_text()) {
                    *counts.entry(word.to_lowercase()).or_default() += 1;
                }
            }
            let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
            // By count, then alphabetically: never in a hash map's order.
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            ranked.truncate(Self::KEEP);
            ranked.into_iter().map(|(w, _)| w).collect()
        })
    }
}

/// The words of `text` worth searching for: letters only, at least four, not a stop word.
fn significant(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && !STOP.iter().any(|s| s.eq_ignore_ascii_case(w)))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// The bundled essay four times over, under different ids and titles.
    fn shelf() -> Library {
        let dir = crate::bundled_content().join("us-iran-talks");
        let mut library =
            seminar_core::content::load_library(&dir).expect("the bundled essay loads");
        let first = library.texts[0].clone();
        for i in 1..4 {
            let mut text = first.clone();
            text.id = format!("copy-{i}");
            text.title = format!("Copy {i} of {}", first.title);
            library.texts.push(text);
        }
        library
    }

    #[test]
    fn the_mix_is_the_same_for_the_same_seed_and_differs_for_another() {
        let library = shelf();
        assert_eq!(mix(&library, 40, 7), mix(&library, 40, 7));
        assert_ne!(mix(&library, 40, 7), mix(&library, 40, 8));
    }

    #[test]
    fn every_kind_draws_many_different_queries_from_several_texts() {
        let library = shelf();
        let kinds = mix(&library, 60, SEED);
        assert_eq!(kinds.len(), 11);
        for kind in &kinds {
            assert_eq!(kind.queries.len(), 60, "{}", kind.name);
            let texts: HashSet<usize> = kind.queries.iter().map(|q| q.text).collect();
            assert!(texts.len() >= 3, "{}: {texts:?}", kind.name);
            let lines: HashSet<&str> = kind.queries.iter().map(|q| q.line.as_str()).collect();
            // `/question` and `/outline` take nothing but the text: one line per text.
            assert!(lines.len() >= texts.len(), "{}: {lines:?}", kind.name);
            if !matches!(kind.name, "question" | "outline") {
                assert!(lines.len() >= 10, "{}: {lines:?}", kind.name);
            }
            assert!(
                kind.queries.iter().all(|q| !q.words.trim().is_empty()),
                "{}",
                kind.name
            );
        }
    }

    #[test]
    fn queries_name_their_text_and_parse() {
        let library = shelf();
        let table = seminar_core::engine::commands::table(&library);
        for kind in mix(&library, 30, SEED) {
            for query in &kind.queries {
                let id = &library.texts[query.text].id;
                match kind.call {
                    Call::Press => assert!(query.line.starts_with(&format!("v1:page@{id}:"))),
                    Call::Answer => {
                        let invocation =
                            seminar_core::engine::invocation::parse_line(&query.line, &table)
                                .unwrap();
                        assert_eq!(invocation.string("text").as_deref(), Some(id.as_str()));
                    }
                    Call::Complete => {
                        let invocation =
                            seminar_core::engine::invocation::parse_partial(&query.line, &table)
                                .unwrap();
                        assert!(invocation.focused.is_some(), "{}", query.line);
                    }
                }
            }
        }
    }

    #[test]
    fn topics_are_frequent_content_words_in_a_stable_order() {
        let library = shelf();
        let mut topics = Topics::default();
        let words = topics.of(0, &library.texts[0]).to_vec();
        assert_eq!(words.len(), Topics::KEEP);
        assert!(words.iter().any(|w| w == "iran"), "{words:?}");
        assert!(words.iter().all(|w| !STOP.contains(&w.as_str())));
        assert_eq!(Topics::default().of(0, &library.texts[0]), words);
    }
}
