//! Sentences, paragraphs and bullet lists from a small English grammar, naming the text's actors as it goes.

use fastrand::Rng;

use super::cast::{CastMember, Number};
use super::phrases::{MASS_DETERMINERS, PLURAL_DETERMINERS, Role};
use super::vocabulary::{Topic, Vocabulary, Weighted};

/// Sentences of at least this many words may be quoted by prompts.
const QUOTABLE_WORDS: usize = 7;
/// How many quotable sentences a section keeps (a uniform sample of all of them).
const QUOTABLE_KEPT: usize = 12;

/// Paragraph lengths in sentences, 1 to 10, by weight: many short paragraphs, a few long ones.
const PARAGRAPH_SENTENCES: [f64; 10] = [14.0, 16.0, 18.0, 16.0, 12.0, 9.0, 6.0, 4.0, 3.0, 2.0];

/// A sentence being written: words separated by spaces, punctuation attached.
#[derive(Debug, Default)]
pub struct Line(pub String);

impl Line {
    /// Appends a word (or several) after a space.
    pub fn w(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        if !self.0.is_empty() && !self.0.ends_with('—') {
            self.0.push(' ');
        }
        self.0.push_str(word);
    }

    /// Appends punctuation with no space.
    pub fn p(&mut self, punct: &str) {
        self.0.push_str(punct);
    }

    /// The sentence with its first letter capitalized.
    pub fn finish(self) -> String {
        capitalize(self.0)
    }
}

/// `s` with its first letter in upper case.
pub fn capitalize(mut s: String) -> String {
    if let Some(first) = s.chars().next()
        && first.is_lowercase()
    {
        let upper: String = first.to_uppercase().collect();
        s.replace_range(..first.len_utf8(), &upper);
    }
    s
}

/// `a` or `an` before `next`.
pub fn article(next: &str) -> &'static str {
    let lower = next.to_ascii_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
    let sounds_like_you = ["use", "usu", "uni", "eu", "one"]
        .iter()
        .any(|p| lower.starts_with(p));
    if (vowel && !sounds_like_you) || lower.starts_with("hon") {
        "an"
    } else {
        "a"
    }
}

/// Writes prose for one text, section by section, counting what it names.
pub struct Prose<'a> {
    pub rng: Rng,
    pub vocabulary: &'a Vocabulary,
    pub topic: &'a Topic,
    pub cast: &'a [CastMember],
    pub(super) cast_weights: Weighted,
    pub(super) paragraph_sentences: Weighted,
    pub(super) plural_determiners: Weighted,
    pub(super) mass_determiners: Weighted,
    /// Actors this section is about: named more often.
    pub(super) focus: Vec<usize>,
    /// Topic nouns of this section's themes: used more often.
    pub(super) theme_nouns: Vec<usize>,
    pub(super) past: bool,
    /// How many clauses deep the sentence being written is.
    pub(super) depth: u32,
    /// Mentions per actor in this section.
    pub mentions: Vec<u32>,
    /// Uses per topic noun in this section.
    pub topic_counts: Vec<u32>,
    /// Uses per shared noun in this section.
    pub noun_counts: Vec<u32>,
    /// A sample of this section's sentences long enough to quote.
    pub quotable: Vec<String>,
    pub(super) seen_quotable: usize,
}

impl<'a> Prose<'a> {
    pub fn new(
        rng: Rng,
        vocabulary: &'a Vocabulary,
        topic: &'a Topic,
        cast: &'a [CastMember],
    ) -> Self {
        Prose {
            rng,
            vocabulary,
            topic,
            cast,
            cast_weights: Weighted::zipf(cast.len(), 1.1, 0.0),
            paragraph_sentences: Weighted::new(PARAGRAPH_SENTENCES),
            plural_determiners: Weighted::new(PLURAL_DETERMINERS.iter().map(|p| p.1)),
            mass_determiners: Weighted::new(MASS_DETERMINERS.iter().map(|p| p.1)),
            focus: Vec::new(),
            theme_nouns: Vec::new(),
            past: false,
            depth: 0,
            mentions: vec![0; cast.len()],
            topic_counts: vec![0; topic.nouns.words.len()],
            noun_counts: vec![0; vocabulary.nouns.words.len()],
            quotable: Vec::new(),
            seen_quotable: 0,
        }
    }

    /// Starts a section about `focus` actors and the topic nouns `theme_nouns`, clearing the counts.
    pub fn begin_section(&mut self, focus: Vec<usize>, theme_nouns: Vec<usize>) {
        self.focus = focus;
        self.theme_nouns = theme_nouns;
        self.mentions.iter_mut().for_each(|c| *c = 0);
        self.topic_counts.iter_mut().for_each(|c| *c = 0);
        self.noun_counts.iter_mut().for_each(|c| *c = 0);
        self.quotable.clear();
        self.seen_quotable = 0;
    }

    pub(super) fn chance(&mut self, percent: u32) -> bool {
        self.rng.u32(0..100) < percent
    }

    /// A paragraph of one to ten sentences, in the present or (a quarter of the time) the past.
    pub fn paragraph(&mut self) -> String {
        self.past = self.chance(25);
        let sentences = self.paragraph_sentences.sample(&mut self.rng) + 1;
        let mut out = String::new();
        for _ in 0..sentences {
            let sentence = self.sentence();
            self.keep_quotable(&sentence);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&sentence);
        }
        out
    }

    fn keep_quotable(&mut self, sentence: &str) {
        if sentence.split(' ').count() < QUOTABLE_WORDS {
            return;
        }
        self.seen_quotable += 1;
        if self.quotable.len() < QUOTABLE_KEPT {
            self.quotable.push(sentence.to_string());
        } else {
            let slot = self.rng.usize(..self.seen_quotable);
            if slot < QUOTABLE_KEPT {
                self.quotable[slot] = sentence.to_string();
            }
        }
    }

    /// A bullet list: the line that introduces it (ending in a colon) and three to six items.
    pub fn list(&mut self) -> (String, Vec<String>) {
        self.past = false;
        let mut lead = Line::default();
        match self.rng.u32(0..4) {
            0 | 1 => self.clause(&mut lead),
            2 => {
                lead.w("consider");
                self.noun_phrase(&mut lead, Role::Object);
            }
            _ => {
                lead.w("this shows in");
                let (noun, _) = self.noun(true);
                lead.w(noun);
            }
        }
        lead.p(":");
        let items = (0..self.rng.usize(3..=6))
            .map(|_| {
                let mut item = Line::default();
                if self.chance(60) {
                    self.noun_phrase(&mut item, Role::Object);
                } else {
                    self.clause(&mut item);
                }
                item.0
            })
            .collect();
        (lead.finish(), items)
    }

    /// One sentence, capitalized and punctuated.
    pub fn sentence(&mut self) -> String {
        let mut s = Line::default();
        let mut end = ".";
        match self.rng.u32(0..100) {
            0..=29 => {
                self.clause(&mut s);
                if self.chance(55) {
                    self.prepositional(&mut s);
                }
            }
            30..=39 => {
                let opener = *self.vocabulary.openers.pick(&mut self.rng);
                s.w(opener);
                s.p(",");
                self.clause(&mut s);
            }
            40..=50 => {
                let sub = *self.vocabulary.subordinators.pick(&mut self.rng);
                s.w(sub);
                self.clause(&mut s);
                s.p(",");
                self.clause(&mut s);
            }
            51..=59 => {
                self.clause(&mut s);
                s.p(",");
                let conj = *self.vocabulary.conjunctions.pick(&mut self.rng);
                s.w(conj);
                self.clause(&mut s);
            }
            60..=64 => {
                self.clause(&mut s);
                if self.chance(50) {
                    s.p("—not");
                    self.noun_phrase(&mut s, Role::Object);
                } else {
                    s.p(";");
                    self.clause(&mut s);
                }
            }
            65..=69 => self.fragment(&mut s),
            70..=73 => end = self.question(&mut s),
            74..=80 => {
                if self.chance(50) {
                    s.w(if self.past { "it was" } else { "it is" });
                    let adjective = *self.vocabulary.adjectives.pick(&mut self.rng);
                    s.w(adjective);
                    s.w("that");
                    self.clause(&mut s);
                } else {
                    let mut rest = Line::default();
                    let number = self.noun_phrase(&mut rest, Role::Object);
                    s.w(match (number, self.past) {
                        (Number::One, false) => "there is",
                        (Number::Many, false) => "there are",
                        (Number::One, true) => "there was",
                        (Number::Many, true) => "there were",
                    });
                    s.w(&rest.0);
                    self.prepositional(&mut s);
                }
            }
            81..=87 => {
                self.clause(&mut s);
                s.p(", which");
                let verb = self.vocabulary.verbs.pick(&mut self.rng);
                s.w(if self.past { &verb.past } else { &verb.third });
                self.noun_phrase(&mut s, Role::Object);
            }
            88..=93 => {
                let lead = [
                    "that is why",
                    "this is where",
                    "what matters is that",
                    "the point is that",
                ];
                s.w(lead[self.rng.usize(..lead.len())]);
                self.clause(&mut s);
            }
            _ => {
                s.w("for");
                self.actor(&mut s);
                s.p(",");
                self.clause(&mut s);
            }
        }
        s.p(end);
        s.finish()
    }

    /// A short sentence without a verb, as essays use for emphasis.
    fn fragment(&mut self, s: &mut Line) {
        match self.rng.u32(0..6) {
            0 => {
                s.w("not");
                self.noun_phrase(s, Role::Object);
            }
            1 => self.prepositional(s),
            2 => {
                s.w("only");
                self.noun_phrase(s, Role::Object);
            }
            3 => {
                let a = *self.vocabulary.adjectives.pick(&mut self.rng);
                let b = *self.vocabulary.adjectives.pick(&mut self.rng);
                let c = *self.vocabulary.adjectives.pick(&mut self.rng);
                s.w(a);
                s.p(",");
                s.w(b);
                s.w("and");
                s.w(c);
            }
            4 => {
                s.w(if self.chance(50) { "and" } else { "but" });
                self.clause(s);
            }
            _ => {
                self.noun_phrase(s, Role::Subject);
            }
        }
    }

    /// A question; returns its end mark.
    fn question(&mut self, s: &mut Line) -> &'static str {
        let verb = self.vocabulary.verbs.pick(&mut self.rng);
        match self.rng.u32(0..4) {
            0 => {
                s.w("what does");
                self.singular_subject(s);
                s.w(verb.base);
            }
            1 => {
                let modal = *self.vocabulary.modals.pick(&mut self.rng);
                s.w("why");
                s.w(modal);
                self.noun_phrase(s, Role::Subject);
                s.w(verb.base);
                self.noun_phrase(s, Role::Object);
            }
            2 => {
                s.w("who");
                s.w(&verb.third);
                self.noun_phrase(s, Role::Object);
            }
            _ => {
                s.w("how long can");
                self.noun_phrase(s, Role::Subject);
                s.w(verb.base);
                self.noun_phrase(s, Role::Object);
            }
        }
        "?"
    }

    fn singular_subject(&mut self, s: &mut Line) {
        loop {
            let mut candidate = Line::default();
            if self.noun_phrase(&mut candidate, Role::Subject) == Number::One {
                s.w(&candidate.0);
                return;
            }
        }
    }

    /// Subject and predicate, agreeing in number.
    pub fn clause(&mut self, s: &mut Line) {
        let number = self.noun_phrase(s, Role::Subject);
        self.predicate(s, number);
    }
}
