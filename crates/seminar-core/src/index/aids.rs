//! What the index knows about each text's actors, worked out on first use so that a large library
//! starts without matching every name in every passage: the name matcher, each passage's
//! mentions, the actors each title names, and the analyzed names highlighting looks for.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::content::model::{Actor, Text};
use crate::index::mentions::ActorMatcher;
use crate::index::passage::Passage;
use crate::index::schema;

/// A text's actors, as the index needs them.
#[derive(Debug)]
pub(crate) struct TextAids {
    pub matcher: ActorMatcher,
    /// For each passage of the text (from its first), the actors named (by position in the text's
    /// actor list) and how often.
    pub mentions: Vec<Box<[(u16, u32)]>>,
    /// The actors each section's title names, by section number.
    pub title_actors: HashMap<u32, Vec<String>>,
    /// The analyzed terms of every name of each actor, by actor id.
    pub actor_terms: HashMap<String, Vec<String>>,
}

/// What a text's aids are made from, kept (small) beside the index.
#[derive(Debug)]
pub(crate) struct Cast {
    actors: Vec<Actor>,
    titles: Vec<(u32, String)>,
    /// The text's passages, as positions in the index's passage list.
    pub passages: Range<usize>,
    aids: OnceLock<TextAids>,
}

impl Cast {
    /// The cast of `text`, whose passages are `passages`.
    pub fn new(text: &Text, passages: Range<usize>) -> Cast {
        Cast {
            actors: text.actors.clone(),
            titles: text
                .sections
                .iter()
                .map(|s| (s.number, s.title.clone()))
                .collect(),
            passages,
            aids: OnceLock::new(),
        }
    }

    /// The matcher alone, made now (building the index needs it before the passages exist).
    pub fn matcher_of(text: &Text) -> ActorMatcher {
        ActorMatcher::new(&text.actors)
    }

    /// Records aids already worked out (while building the index).
    pub fn settle(&self, matcher: ActorMatcher, mentions: &[Vec<(String, u32)>]) {
        let mentions = mentions.iter().map(|m| self.compact(m)).collect();
        let _ = self.aids.set(self.finish(matcher, mentions));
    }

    /// The aids, worked out from `all` (every passage of the index) on first use.
    pub fn aids(&self, all: &[Passage]) -> &TextAids {
        self.aids.get_or_init(|| {
            // Scanning every passage fills a regex's caches: a matcher used once and dropped
            // keeps that memory from staying with the text for the program's life.
            let scan = ActorMatcher::new(&self.actors);
            let mentions = all[self.passages.clone()]
                .iter()
                .map(|p| self.compact(&count_mentions(&scan, &p.markdown)))
                .collect();
            drop(scan);
            self.finish(ActorMatcher::new(&self.actors), mentions)
        })
    }

    /// The position of the actor with this id in the text's actor list.
    pub fn actor_position(&self, id: &str) -> Option<u16> {
        self.actors
            .iter()
            .position(|a| a.id == id)
            .and_then(|p| u16::try_from(p).ok())
    }

    fn compact(&self, named: &[(String, u32)]) -> Box<[(u16, u32)]> {
        named
            .iter()
            .filter_map(|(id, n)| Some((self.actor_position(id)?, *n)))
            .collect()
    }

    fn finish(&self, matcher: ActorMatcher, mentions: Vec<Box<[(u16, u32)]>>) -> TextAids {
        let title_actors = self
            .titles
            .iter()
            .map(|(number, title)| (*number, matcher.actors_in(title)))
            .collect();
        let actor_terms = self
            .actors
            .iter()
            .map(|a| {
                let terms = a
                    .names()
                    .flat_map(schema::analyze)
                    .map(|(_, t)| t)
                    .collect();
                (a.id.clone(), terms)
            })
            .collect();
        TextAids {
            matcher,
            mentions,
            title_actors,
            actor_terms,
        }
    }
}

/// Each actor named in `text`, with how often.
pub(crate) fn count_mentions(matcher: &ActorMatcher, text: &str) -> Vec<(String, u32)> {
    let mut counts: Vec<(String, u32)> = Vec::new();
    for id in matcher.mentions(text) {
        match counts.iter_mut().find(|(a, _)| a == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id.to_string(), 1)),
        }
    }
    counts
}
