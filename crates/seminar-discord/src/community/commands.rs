//! The study-group command registry: each command's declaration (from
//! `engine/study_commands.rs`) with its handler. `Community::command` dispatches through it.
//!
//! Adding a study-group command means its declaration in `engine/study_commands.rs`, a new file
//! here with its handler, and one line in [`COMMANDS`].

use std::future::Future;
use std::pin::Pin;

use crate::community::{Community, CommunityError, Request};
use seminar_core::engine::Reply;
use seminar_core::engine::commands::{Bounds, CommandSpec};
use seminar_core::engine::study_commands::{discuss, plan, progress, review, settings, suggest};
use seminar_store::GuildSettings;

/// What a handler returns: its reply, later.
pub type Answering<'a> = Pin<Box<dyn Future<Output = Result<Reply, CommunityError>> + Send + 'a>>;

/// A study-group command: its declaration and its handler, which runs in `guild` once the
/// caller's access was checked against the declaration.
#[derive(Clone, Copy)]
pub struct StudyCommand {
    pub spec: fn(&Bounds) -> CommandSpec,
    pub run: for<'a> fn(&'a Community, u64, &'a Request<'a>, &'a GuildSettings) -> Answering<'a>,
}

impl StudyCommand {
    /// The command's name.
    pub fn name(&self) -> &'static str {
        (self.spec)(&Bounds::default()).name
    }
}

/// Every study-group command, in the order of
/// [`SPECS`](seminar_core::engine::study_commands::SPECS).
pub const COMMANDS: [StudyCommand; 6] = [
    StudyCommand {
        spec: discuss::spec,
        run: |c, guild, request, settings| {
            Box::pin(crate::community::discuss::run(c, guild, request, settings))
        },
    },
    StudyCommand {
        spec: plan::spec,
        run: |c, guild, request, settings| {
            Box::pin(crate::community::plan::run(c, guild, request, settings))
        },
    },
    StudyCommand {
        spec: progress::spec,
        run: |c, guild, request, settings| {
            Box::pin(crate::community::progress::run(c, guild, request, settings))
        },
    },
    StudyCommand {
        spec: suggest::spec,
        run: |c, guild, request, settings| {
            Box::pin(crate::community::suggest::run(c, guild, request, settings))
        },
    },
    StudyCommand {
        spec: review::spec,
        run: |c, guild, _, settings| Box::pin(crate::community::review::run(c, guild, settings)),
    },
    StudyCommand {
        spec: settings::spec,
        run: |c, guild, request, settings| {
            Box::pin(crate::community::settings::run(c, guild, request, settings))
        },
    },
];

/// The study-group command with this name (as registered).
pub fn find(name: &str) -> Option<&'static StudyCommand> {
    COMMANDS.iter().find(|c| c.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_study_command_has_one_handler_in_the_same_order() {
        let bounds = Bounds::default();
        let declared: Vec<&str> = seminar_core::engine::study_commands::SPECS
            .iter()
            .map(|spec| spec(&bounds).name)
            .collect();
        let handled: Vec<&str> = COMMANDS.iter().map(StudyCommand::name).collect();
        assert_eq!(handled, declared);
    }
}
