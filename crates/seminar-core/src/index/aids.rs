//! What the index knows about each text's actors, worked out on first use so that a large library
//! starts without matching every name in every passage: the name matcher, each passage's
//! mentions, the actors each title names, and the analyzed names highlighting looks for.

use std::collections::HashMap;

use crate::content::model::{Actor, Text};
use crate::index::kept::Kept;
use crate::index::mentions::ActorMatcher;
use crate::index::schema;

/// A text's actors, as the index needs them.
#[derive(Debug)]
pub(crate) struct TextAids {
    pub matcher: ActorMatcher,
    /// For each passage of the text (from its first), the actors named (by position in the text's
    /// actor list) and how often.
    pub mentions: Vec<Box<[(u16, u32)]>>,
    /// The actors each section's title names (by position in the text's actor list), by section.
    pub title_actors: HashMap<u32, Vec<u16>>,
    /// The analyzed terms of every name of each actor, by actor id.
    pub actor_terms: HashMap<String, Vec<String>>,
}

impl TextAids {
    /// The aids of `text`, whose passages' Markdown `passages` gives in order.
    pub fn of(text: &Text, passages: impl Iterator<Item = String>) -> TextAids {
        // Scanning every passage fills a regex's caches: a matcher used once and dropped
        // keeps that memory from staying with the text while it is kept.
        let scan = ActorMatcher::new(&text.actors);
        let mentions = passages
            .map(|p| compact(&text.actors, &count_mentions(&scan, &p)))
            .collect();
        drop(scan);
        let matcher = ActorMatcher::compact(&text.actors);
        let title_actors = text
            .sections
            .iter()
            .map(|s| {
                let named = matcher
                    .actors_in(&s.title)
                    .iter()
                    .filter_map(|id| position(&text.actors, id))
                    .collect();
                (s.number, named)
            })
            .collect();
        let actor_terms = text
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

/// Where one actor of a text is named: how often in each passage, and in which titles.
#[derive(Debug, Clone)]
pub struct ActorMentions {
    aids: Kept<TextAids>,
    actor: Option<u16>,
    /// The position of the text's first passage in the index.
    first: usize,
}

impl ActorMentions {
    pub(crate) fn new(aids: Kept<TextAids>, text: &Text, actor: &str, first: usize) -> Self {
        ActorMentions {
            aids,
            actor: position(&text.actors, actor),
            first,
        }
    }

    /// How often the passage at this position (in the index) names the actor.
    pub fn in_passage(&self, passage: usize) -> u32 {
        let Some(actor) = self.actor else { return 0 };
        passage
            .checked_sub(self.first)
            .and_then(|i| self.aids.mentions.get(i))
            .and_then(|named| named.iter().find(|(a, _)| *a == actor))
            .map_or(0, |(_, n)| *n)
    }

    /// Whether the section's title names the actor.
    pub fn in_title(&self, section: u32) -> bool {
        self.actor.is_some_and(|actor| {
            self.aids
                .title_actors
                .get(&section)
                .is_some_and(|named| named.contains(&actor))
        })
    }
}

/// The position of the actor with this id in a text's actor list.
fn position(actors: &[Actor], id: &str) -> Option<u16> {
    actors
        .iter()
        .position(|a| a.id == id)
        .and_then(|p| u16::try_from(p).ok())
}

fn compact(actors: &[Actor], named: &[(String, u32)]) -> Box<[(u16, u32)]> {
    named
        .iter()
        .filter_map(|(id, n)| Some((position(actors, id)?, *n)))
        .collect()
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
