//! The command registry: every command Seminar answers, listed once. `seminar commands`,
//! registration, parsing, autocomplete, `/help`, the permission check and the responder all read
//! the declarations built from it.
//!
//! Adding a lookup means one new file in `engine/` that declares `pub const COMMAND: Lookup` (its
//! [`CommandSpec`], typed [`Opt`](crate::engine::command::Opt) keys and handler) plus one line in
//! [`LOOKUPS`]. Study-group commands are declared in `engine/study_commands.rs` and run by the
//! registry in `community/commands.rs`.

use crate::content::model::Library;
pub use crate::engine::command::{
    Access, Bounds, CommandKind, CommandSpec, OptionKind, OptionSpec, Reach, ReplyTraits,
    SubcommandSpec, Suggest, permission,
};
use crate::engine::{Book, Context, EngineError, Invocation, Reply};
use crate::engine::{actor, find, help, outline, question, search, section, study_commands};

/// A command the engine answers: its declaration and its handler.
#[derive(Debug, Clone, Copy)]
pub struct Lookup {
    pub spec: fn(&Bounds) -> CommandSpec,
    /// Answers in `book`: the text its `text` option names, else the group's.
    pub run: fn(&Book<'_>, &Invocation, &Context) -> Result<Reply, EngineError>,
}

impl Lookup {
    /// The command's name.
    pub fn name(&self) -> &'static str {
        (self.spec)(&Bounds::default()).name
    }
}

/// The lookups, in the order `/help` lists them; the message command comes last, after the
/// study-group commands.
pub const LOOKUPS: [Lookup; 7] = [
    section::COMMAND,
    actor::COMMAND,
    question::COMMAND,
    search::COMMAND,
    outline::COMMAND,
    help::COMMAND,
    find::COMMAND,
];

/// The message command that looks a chat message's claims up in the text.
pub const FIND_IN_TEXT: &str = "Find in essay";

/// Longest search query accepted, in characters.
pub const MAX_QUERY_LENGTH: u16 = 200;

/// Every command, with limits taken from the library (the highest section number of any text).
pub fn table(library: &Library) -> Vec<CommandSpec> {
    let last_section = i64::from(
        library
            .texts
            .iter()
            .map(|t| t.last_section())
            .max()
            .unwrap_or(1)
            .max(1),
    );
    let bounds = Bounds {
        last_section,
        slash_names: Vec::new(),
    };
    // `/help command:` offers every slash command's name, its own included.
    let slash_names = specs(&bounds)
        .iter()
        .filter(|c| c.kind == CommandKind::Slash)
        .map(|c| c.name)
        .collect();
    specs(&Bounds {
        slash_names,
        ..bounds
    })
}

fn specs(bounds: &Bounds) -> Vec<CommandSpec> {
    let mut table: Vec<CommandSpec> = LOOKUPS.iter().map(|l| (l.spec)(bounds)).collect();
    // Study-group commands go before the message command, which is reached from a menu.
    let message_command = table.pop();
    table.extend(study_commands::SPECS.iter().map(|spec| spec(bounds)));
    table.extend(message_command);
    table
}

/// The slash command with this name (case-insensitive, with or without the slash).
pub fn find<'a>(table: &'a [CommandSpec], name: &str) -> Option<&'a CommandSpec> {
    let name = name.trim_start_matches('/');
    table
        .iter()
        .find(|c| c.kind == CommandKind::Slash && c.name.eq_ignore_ascii_case(name))
}

/// The command an invocation names, of any kind (its name as registered).
pub fn named<'a>(table: &'a [CommandSpec], name: &str) -> Option<&'a CommandSpec> {
    table.iter().find(|c| c.name == name)
}

/// The lookup with this name (as registered).
pub fn lookup(name: &str) -> Option<&'static Lookup> {
    LOOKUPS.iter().find(|l| l.name() == name)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::Path;

    use super::*;
    use crate::engine::invocation::parse_line;
    use crate::engine::typed::reads;
    use crate::engine::{Engine, Value};
    use crate::render::limits;

    fn engine() -> Engine {
        // The texts live at the workspace root, two levels above this crate.
        Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")).expect("bundled")
    }

    fn option_lists(spec: &CommandSpec) -> Vec<&[OptionSpec]> {
        let mut lists = vec![spec.options.as_slice()];
        lists.extend(spec.subcommands.iter().map(|s| s.options.as_slice()));
        lists
    }

    #[test]
    fn names_are_unique_and_within_discords_limits() {
        let engine = engine();
        let mut names = HashSet::new();
        for spec in engine.commands() {
            assert!(
                names.insert((spec.kind == CommandKind::Slash, spec.name.to_lowercase())),
                "{}",
                spec.name
            );
            assert!(
                spec.name.chars().count() <= limits::COMMAND_NAME,
                "{}",
                spec.name
            );
            if spec.kind == CommandKind::Slash {
                assert!(
                    spec.description.chars().count() <= limits::COMMAND_DESCRIPTION,
                    "{}",
                    spec.name
                );
            }
            let subs: HashSet<_> = spec.subcommands.iter().map(|s| s.name).collect();
            assert_eq!(subs.len(), spec.subcommands.len(), "{}", spec.name);
            for sub in &spec.subcommands {
                assert!(sub.description.chars().count() <= limits::COMMAND_DESCRIPTION);
            }
            for options in option_lists(spec) {
                let unique: HashSet<_> = options.iter().map(|o| o.name).collect();
                assert_eq!(unique.len(), options.len(), "/{}", spec.name);
                for option in options {
                    let name = format!("/{} {}", spec.name, option.name);
                    assert!(option.name.len() <= limits::COMMAND_NAME, "{name}");
                    assert_eq!(option.name, option.name.to_lowercase(), "{name}");
                    assert!(
                        option.description.chars().count() <= limits::COMMAND_DESCRIPTION,
                        "{name}"
                    );
                    assert!(option.choices.len() <= limits::CHOICES, "{name}");
                }
            }
            for free in spec.free_text {
                assert!(
                    spec.option(free).is_some(),
                    "/{} free text {free}",
                    spec.name
                );
            }
        }
    }

    #[test]
    fn only_study_group_commands_ask_for_permissions_or_stay_in_servers() {
        for spec in engine().commands() {
            let study = spec.reply.study_group;
            assert_eq!(spec.reach == Reach::Servers, study, "{}", spec.name);
            if !study {
                assert_eq!(spec.access, Access::Everyone, "{}", spec.name);
            }
        }
    }

    /// A value of the option's type that handlers accept.
    fn sample(option: &OptionSpec) -> Value {
        match option.kind {
            OptionKind::String => Value::String("iran".into()),
            OptionKind::Integer => Value::Integer(3),
            OptionKind::Boolean => Value::Boolean(true),
            OptionKind::Channel | OptionKind::Role => Value::Id(1),
        }
    }

    #[test]
    fn every_option_a_lookup_reads_is_declared_in_its_spec() {
        let engine = engine();
        for lookup in &LOOKUPS {
            let spec = named(engine.commands(), lookup.name()).expect("in the table");
            let mut invocations = vec![Invocation::new(spec.name)];
            invocations.extend(
                spec.examples
                    .iter()
                    .map(|e| parse_line(e, engine.commands()).unwrap()),
            );
            for option in &spec.options {
                invocations.push(Invocation::new(spec.name).with(option.name, sample(option)));
            }
            let mut all = Invocation::new(spec.name);
            for option in &spec.options {
                all.push(option.name, sample(option));
            }
            invocations.push(all);
            reads::take();
            for invocation in &invocations {
                engine
                    .answer(invocation, &Context::default())
                    .expect("answers");
                for name in reads::take() {
                    assert!(
                        spec.option(name).is_some(),
                        "{} reads `{name}`, undeclared",
                        spec.name
                    );
                }
            }
        }
    }

    #[test]
    fn registration_derives_member_permissions_from_access() {
        let permission_of = |name: &str| {
            let table = engine().commands().to_vec();
            find(&table, name).and_then(|c| c.access.default_member_permissions())
        };
        assert_eq!(permission_of("discuss"), Some(permission::MANAGE_THREADS));
        assert_eq!(permission_of("settings"), Some(permission::MANAGE_GUILD));
        assert_eq!(permission_of("progress"), None);
    }

    #[test]
    fn setting_progress_needs_a_moderator_but_reading_it_does_not() {
        let table = engine().commands().to_vec();
        let progress = find(&table, "progress").unwrap();
        let moderators = Access::Moderators {
            to: "set the reading position",
        };
        let with = |name: &str, value| Invocation::new("progress").with(name, value);
        assert_eq!(
            progress.access_for(&Invocation::new("progress")),
            Access::Everyone
        );
        assert_eq!(
            progress.access_for(&with("this_channel", Value::Boolean(true))),
            Access::Everyone
        );
        assert_eq!(
            progress.access_for(&with("clear", Value::Boolean(false))),
            Access::Everyone
        );
        assert_eq!(
            progress.access_for(&with("clear", Value::Boolean(true))),
            moderators
        );
        assert_eq!(
            progress.access_for(&with("section", Value::Integer(3))),
            moderators
        );
    }
}
