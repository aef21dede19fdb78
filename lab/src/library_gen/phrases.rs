//! Noun phrases, predicates and actor mentions: the pieces sentences are built from.

use super::cast::Number;
use super::prose::{Line, Prose, article};
use super::vocabulary::Noun;

/// Determiners before a plural noun; the empty one means none ("pressures").
pub(super) const PLURAL_DETERMINERS: &[(&str, f64)] = &[
    ("the", 20.0),
    ("", 52.0),
    ("their", 3.0),
    ("its", 1.0),
    ("these", 3.0),
    ("those", 2.0),
    ("some", 3.0),
    ("many", 4.0),
    ("few", 1.0),
    ("such", 1.0),
];
/// Determiners before a mass noun ("leverage").
pub(super) const MASS_DETERMINERS: &[(&str, f64)] =
    &[("the", 20.0), ("", 74.0), ("its", 2.0), ("their", 2.0)];

/// Where a noun phrase stands, which sets how often it names an actor or is a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Subject,
    Object,
    Inner,
}

impl<'a> Prose<'a> {
    pub(super) fn predicate(&mut self, s: &mut Line, number: Number) {
        let one = number == Number::One;
        let past = self.past;
        match self.rng.u32(0..100) {
            0..=7 if self.depth < 2 => {
                const SAYING: [&str; 10] = [
                    "argue",
                    "suggest",
                    "believe",
                    "know",
                    "insist",
                    "assume",
                    "fear",
                    "expect",
                    "hope",
                    "understand",
                ];
                let verb = SAYING[self.rng.usize(..SAYING.len())];
                match (past, one) {
                    (true, _) => s.w(&super::vocabulary::regular_past(verb)),
                    (false, true) => s.w(&super::vocabulary::third_person(verb)),
                    (false, false) => s.w(verb),
                }
                if self.chance(35) {
                    s.w("that");
                }
                self.depth += 1;
                self.clause(s);
                self.depth -= 1;
            }
            0..=49 => {
                if self.chance(12) {
                    let adverb = *self.vocabulary.adverbs.pick(&mut self.rng);
                    s.w(adverb);
                }
                let verb = self.vocabulary.verbs.pick(&mut self.rng);
                s.w(match (past, one) {
                    (true, _) => &verb.past,
                    (false, true) => &verb.third,
                    (false, false) => verb.base,
                });
                self.noun_phrase(s, Role::Object);
                if self.chance(45) {
                    self.prepositional(s);
                }
            }
            50..=66 => {
                let copulas: [&str; 4] = match (past, one) {
                    (true, true) => ["was", "was", "remained", "seemed"],
                    (true, false) => ["were", "were", "remained", "seemed"],
                    (false, true) => ["is", "is", "remains", "seems"],
                    (false, false) => ["are", "are", "remain", "seem"],
                };
                s.w(copulas[self.rng.usize(..4)]);
                if self.chance(30) {
                    let adverb = *self.vocabulary.adverbs.pick(&mut self.rng);
                    s.w(adverb);
                }
                let adjective = *self.vocabulary.adjectives.pick(&mut self.rng);
                s.w(adjective);
                if self.chance(25) {
                    s.w("and");
                    let other = *self.vocabulary.adjectives.pick(&mut self.rng);
                    s.w(other);
                }
                if self.chance(35) {
                    self.prepositional(s);
                }
            }
            67..=79 => {
                let modal = *self.vocabulary.modals.pick(&mut self.rng);
                s.w(modal);
                if self.chance(12) {
                    s.w("not");
                }
                if self.chance(30) {
                    s.w("be");
                    let adjective = *self.vocabulary.adjectives.pick(&mut self.rng);
                    s.w(adjective);
                } else {
                    let verb = self.vocabulary.verbs.pick(&mut self.rng);
                    s.w(verb.base);
                    self.noun_phrase(s, Role::Object);
                }
            }
            80..=96 => {
                let control = self.vocabulary.control.pick(&mut self.rng);
                s.w(match (past, one) {
                    (true, _) => &control.past,
                    (false, true) => &control.third,
                    (false, false) => control.base,
                });
                s.w("to");
                let verb = self.vocabulary.verbs.pick(&mut self.rng);
                s.w(verb.base);
                self.noun_phrase(s, Role::Object);
            }
            _ => {
                s.w(match (past, one) {
                    (true, _) => "did not",
                    (false, true) => "does not",
                    (false, false) => "do not",
                });
                let verb = self.vocabulary.verbs.pick(&mut self.rng);
                s.w(verb.base);
                self.noun_phrase(s, Role::Object);
            }
        }
    }

    /// A preposition and its noun phrase.
    pub fn prepositional(&mut self, s: &mut Line) {
        let preposition = *self.vocabulary.prepositions.pick(&mut self.rng);
        s.w(preposition);
        self.noun_phrase(s, Role::Inner);
    }

    /// A noun, shared or from the topic (favouring the section's themes), plural when asked and countable.
    pub fn noun(&mut self, many: bool) -> (&'a str, Number) {
        let noun = self.noun_entry();
        match (&noun.many, many) {
            (Some(plural), true) => (plural.as_str(), Number::Many),
            _ => (noun.one, Number::One),
        }
    }

    fn noun_entry(&mut self) -> &'a Noun {
        let topic = self.topic;
        let vocabulary = self.vocabulary;
        let roll = self.rng.u32(0..100);
        if roll < 7 && !self.theme_nouns.is_empty() {
            let i = self.theme_nouns[self.rng.usize(..self.theme_nouns.len())];
            self.topic_counts[i] += 1;
            &topic.nouns.words[i]
        } else if roll < 27 {
            let i = topic.nouns.index(&mut self.rng);
            self.topic_counts[i] += 1;
            &topic.nouns.words[i]
        } else {
            let i = vocabulary.nouns.index(&mut self.rng);
            self.noun_counts[i] += 1;
            &vocabulary.nouns.words[i]
        }
    }

    /// A noun phrase: an actor, a pronoun, or a determiner, adjectives, a noun and perhaps more.
    pub fn noun_phrase(&mut self, s: &mut Line, role: Role) -> Number {
        let actor_chance = match role {
            Role::Subject => 18,
            Role::Object => 7,
            Role::Inner => 8,
        };
        if self.chance(actor_chance) {
            return self.actor(s);
        }
        if role == Role::Subject && self.chance(24) {
            let (pronoun, number) = [
                ("it", Number::One),
                ("it", Number::One),
                ("it", Number::One),
                ("this", Number::One),
                ("they", Number::Many),
                ("they", Number::Many),
                ("we", Number::Many),
                ("that", Number::One),
            ][self.rng.usize(..8)];
            s.w(pronoun);
            return number;
        }
        if role == Role::Object && self.chance(12) {
            s.w(["it", "them", "this", "it"][self.rng.usize(..4)]);
            return Number::One;
        }
        let many = self.chance(28);
        let adjectives = match self.rng.u32(0..100) {
            0..=3 => 2,
            4..=29 => 1,
            _ => 0,
        };
        let mut adjectives: Vec<&str> = (0..adjectives)
            .map(|_| *self.vocabulary.adjectives.pick(&mut self.rng))
            .collect();
        adjectives.dedup();
        let entry = self.noun_entry();
        let (noun, number) = match (&entry.many, many) {
            (Some(plural), true) => (plural.as_str(), Number::Many),
            _ => (entry.one, Number::One),
        };
        let first = adjectives.first().copied().unwrap_or(noun);
        let determiner = if entry.many.is_none() {
            MASS_DETERMINERS[self.mass_determiners.sample(&mut self.rng)].0
        } else if number == Number::Many {
            PLURAL_DETERMINERS[self.plural_determiners.sample(&mut self.rng)].0
        } else {
            match *self.vocabulary.determiners.pick(&mut self.rng) {
                "a" => article(first),
                other => other,
            }
        };
        s.w(determiner);
        for adjective in adjectives {
            s.w(adjective);
        }
        s.w(noun);
        if role != Role::Inner {
            match self.rng.u32(0..100) {
                0..=7 => {
                    s.w("and");
                    self.noun_phrase(s, Role::Inner);
                    return Number::Many;
                }
                8..=21 => {
                    s.w("of");
                    self.noun_phrase(s, Role::Inner);
                }
                27..=36 if role == Role::Object => self.prepositional(s),
                22..=26 => {
                    s.w(if self.chance(60) { "that" } else { "which" });
                    let verb = self.vocabulary.verbs.pick(&mut self.rng);
                    s.w(match (self.past, number) {
                        (true, _) => &verb.past,
                        (false, Number::One) => &verb.third,
                        (false, Number::Many) => verb.base,
                    });
                    self.noun_phrase(s, Role::Inner);
                }
                _ => {}
            }
        }
        number
    }

    /// Names an actor (a focus actor more often), by one of its forms or in the possessive.
    pub fn actor(&mut self, s: &mut Line) -> Number {
        let who = if !self.focus.is_empty() && self.chance(55) {
            self.focus[self.rng.usize(..self.focus.len())]
        } else {
            self.cast_weights.sample(&mut self.rng)
        };
        self.mentions[who] += 1;
        let member = &self.cast[who];
        let total: u32 = member.forms.iter().map(|f| f.weight).sum();
        let mut roll = self.rng.u32(0..total);
        let form = member
            .forms
            .iter()
            .find(|f| {
                if roll < f.weight {
                    true
                } else {
                    roll -= f.weight;
                    false
                }
            })
            .unwrap_or(&member.forms[0]);
        if form.number == Number::One && self.chance(15) {
            let possessive = if form.phrase.ends_with('s') {
                "'"
            } else {
                "'s"
            };
            s.w(&form.phrase);
            s.p(possessive);
            let many = self.chance(25);
            let (noun, number) = self.noun(many);
            s.w(noun);
            return number;
        }
        s.w(&form.phrase);
        form.number
    }
}
