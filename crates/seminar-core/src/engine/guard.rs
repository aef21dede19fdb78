//! What a lookup may draw on: the spoiler guard, which holds back sections past the asking
//! member's own reading position (else their group's) unless `spoilers:true` was asked for, and the pool of prompts (the text's own
//! and those the server approved) that `/question`, `/actor` and "Another prompt" pick from.

use crate::content::model::{Prompt, Text};
use crate::engine::command::SPOILERS;
use crate::engine::custom_id::PromptScope;
use crate::engine::{Context, Invocation};

/// How to lift the guard, for the end of a sentence about what it held back.
pub const HINT: &str = "add `spoilers:true` to include them";

/// Which sections a lookup may show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Guard {
    /// The last section that may be shown; `None`: every section.
    pub limit: Option<u32>,
    /// Whether the lookup asked for spoilers, so that its buttons ask for them too.
    pub spoilers: bool,
    /// Whether the limit is the member's own position, not their group's.
    pub own: bool,
}

impl Guard {
    /// The guard for a lookup that did (`spoilers`) or did not ask for spoilers, in a group
    /// reading where `context` says.
    pub fn new(spoilers: bool, context: &Context) -> Guard {
        Guard {
            limit: if spoilers { None } else { context.reading },
            spoilers,
            own: context.reading_is_own,
        }
    }

    /// The guard for a command: lifted by its `spoilers:true`.
    pub fn of(invocation: &Invocation, context: &Context) -> Guard {
        Guard::new(invocation.get(SPOILERS) == Some(true), context)
    }

    /// Whether the section with this number may be shown.
    pub fn allows(self, section: u32) -> bool {
        self.limit.is_none_or(|limit| section <= limit)
    }

    /// "past §5, where your group is reading" ("where you are reading" for the member's own
    /// position; "past your group's reading position" when the guard holds nothing back, which
    /// callers avoid).
    pub fn past(self) -> String {
        match self.limit {
            Some(limit) => format!("past §{limit}, {}", self.where_reading()),
            None => "past your group's reading position".to_string(),
        }
    }

    /// "where you are reading" for the member's own position, else "where your group is reading".
    pub fn where_reading(self) -> &'static str {
        match self.own {
            true => "where you are reading",
            false => "where your group is reading",
        }
    }
}

/// "1 section" or "3 sections".
pub fn sections(count: usize) -> String {
    match count {
        1 => "1 section".to_string(),
        n => format!("{n} sections"),
    }
}

/// The prompts in scope and allowed by the guard, the text's own first (in section order), then
/// the server's: tagged with the actor or theme themselves, or grown from a section that is.
pub fn candidates<'a>(
    text: &'a Text,
    server: &'a [Prompt],
    scope: &PromptScope,
    guard: Guard,
) -> Vec<&'a Prompt> {
    in_scope(text, server, scope)
        .into_iter()
        .filter(|p| guard.allows(p.id.section))
        .collect()
}

/// The prompts in scope, whatever the guard.
pub fn in_scope<'a>(text: &'a Text, server: &'a [Prompt], scope: &PromptScope) -> Vec<&'a Prompt> {
    let tagged = |own: &[String], section: Option<&[String]>, wanted: &str| {
        own.iter().any(|t| t == wanted) || section.is_some_and(|s| s.iter().any(|t| t == wanted))
    };
    text.prompts()
        .chain(server.iter().filter(|p| p.id.is_server()))
        .filter(|p| {
            let section = text.section(p.id.section);
            section.is_some()
                && scope.section.is_none_or(|n| p.id.section == n)
                && scope
                    .actor
                    .as_deref()
                    .is_none_or(|a| tagged(&p.actors, section.map(|s| s.actors.as_slice()), a))
                && scope
                    .theme
                    .as_deref()
                    .is_none_or(|t| tagged(&p.themes, section.map(|s| s.themes.as_slice()), t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(reading: Option<u32>) -> Context {
        Context {
            reading,
            ..Context::default()
        }
    }

    #[test]
    fn without_a_reading_position_everything_is_allowed() {
        let guard = Guard::new(false, &context(None));
        assert!(guard.allows(1) && guard.allows(u32::MAX));
    }

    #[test]
    fn the_reading_position_is_the_last_section_allowed() {
        let guard = Guard::new(false, &context(Some(5)));
        assert!(guard.allows(5));
        assert!(!guard.allows(6));
        assert_eq!(guard.past(), "past §5, where your group is reading");
    }

    #[test]
    fn the_members_own_position_is_named_as_theirs() {
        let context = Context {
            reading_is_own: true,
            ..context(Some(5))
        };
        assert_eq!(
            Guard::new(false, &context).past(),
            "past §5, where you are reading"
        );
    }

    #[test]
    fn asking_for_spoilers_lifts_the_guard() {
        let guard = Guard::new(true, &context(Some(5)));
        assert!(guard.allows(28));
        assert!(guard.spoilers);
    }
}
