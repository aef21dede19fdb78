//! The command table, declared once: `seminar commands`, registration, parsing, autocomplete and
//! `/help` all read it.

use crate::content::model::Library;

/// The type of an option's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    String,
    Integer,
    Boolean,
    /// A text, announcement or forum channel of the server.
    Channel,
    /// A role of the server.
    Role,
}

/// One option of a slash command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    pub autocomplete: bool,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub max_length: Option<u16>,
    /// Fixed choices (name, value); empty when free or autocompleted.
    pub choices: Vec<(String, String)>,
}

impl OptionSpec {
    /// An optional option without limits.
    pub fn new(name: &'static str, kind: OptionKind, description: &'static str) -> Self {
        OptionSpec {
            name,
            description,
            kind,
            required: false,
            autocomplete: false,
            min: None,
            max: None,
            max_length: None,
            choices: Vec::new(),
        }
    }

    /// `private`: the option every lookup command has, making its reply visible only to the caller.
    pub fn private() -> Self {
        OptionSpec::new("private", OptionKind::Boolean, "Only you see the reply.")
    }

    /// `text`: the option every lookup command has for choosing a text of the library.
    pub fn text() -> Self {
        OptionSpec::new(
            crate::engine::texts::TEXT_OPTION,
            OptionKind::String,
            "Which text (default: the one your server reads). Start typing its title.",
        )
        .autocomplete()
        .max_length(100)
    }

    /// `spoilers`: the option that lifts the group's reading guard for one lookup.
    pub fn spoilers() -> Self {
        OptionSpec::new(
            "spoilers",
            OptionKind::Boolean,
            "Include sections past your group's reading position.",
        )
    }

    /// The same option, required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The same option, with suggestions as the user types.
    pub fn autocomplete(mut self) -> Self {
        self.autocomplete = true;
        self
    }

    /// The same integer option, limited to `min..=max`.
    pub fn range(mut self, min: i64, max: i64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }

    /// The same string option, at most `max` characters.
    pub fn max_length(mut self, max: u16) -> Self {
        self.max_length = Some(max);
        self
    }

    /// The same option with fixed choices (name, value).
    pub fn choices(mut self, choices: &[(&str, &str)]) -> Self {
        self.choices = choices
            .iter()
            .map(|(n, v)| ((*n).to_string(), (*v).to_string()))
            .collect();
        self
    }
}

/// Discord permission bits Seminar asks of members.
pub mod permission {
    /// Administrator: every permission.
    pub const ADMINISTRATOR: u64 = 1 << 3;
    /// Manage Server.
    pub const MANAGE_GUILD: u64 = 1 << 5;
    /// Manage Threads.
    pub const MANAGE_THREADS: u64 = 1 << 34;
}

/// One subcommand of a slash command (`/plan start`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubcommandSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub options: Vec<OptionSpec>,
}

/// How a command is invoked in Discord.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CommandKind {
    /// Typed as `/name` with options.
    #[default]
    Slash,
    /// Picked from a message's menu (Apps); receives the message's text as the option `message`.
    Message,
}

/// One command: its name, what it does, its options, and examples for `/help`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    pub kind: CommandKind,
    pub description: &'static str,
    pub options: Vec<OptionSpec>,
    /// Command lines that show the command off, for `/help`.
    pub examples: &'static [&'static str],
    /// Options that receive the rest of a typed line when no `key:value` is given: a whole number
    /// goes to the first if it is an integer option, anything else to the last.
    pub free_text: &'static [&'static str],
    /// Subcommands, each with its own options (then `options` is empty).
    pub subcommands: Vec<SubcommandSpec>,
    /// Permissions a member needs, registered as `default_member_permissions` and checked again
    /// when the command runs.
    pub permissions: Option<u64>,
    /// Whether the command only makes sense in a server (study-group commands).
    pub guild_only: bool,
}

impl CommandSpec {
    /// How people find it: `/search`, or `Find in essay (a message's menu › Apps)`.
    pub fn display_name(&self) -> String {
        match self.kind {
            CommandKind::Slash => format!("/{}", self.name),
            CommandKind::Message => format!("{} (a message's menu › Apps)", self.name),
        }
    }

    /// The option with this name.
    pub fn option(&self, name: &str) -> Option<&OptionSpec> {
        self.options.iter().find(|o| o.name == name)
    }

    /// The subcommand with this name (case-insensitive).
    pub fn subcommand(&self, name: &str) -> Option<&SubcommandSpec> {
        self.subcommands
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// The message command that looks a chat message's claims up in the text.
pub const FIND_IN_TEXT: &str = "Find in essay";

/// Longest search query accepted, in characters.
pub const MAX_QUERY_LENGTH: u16 = 200;

/// Every command, with limits taken from the library (the highest section number of any text).
pub fn table(library: &Library) -> Vec<CommandSpec> {
    let last = i64::from(
        library
            .texts
            .iter()
            .map(|t| t.last_section())
            .max()
            .unwrap_or(1)
            .max(1),
    );
    let command_names: Vec<(String, String)> = [
        "section", "actor", "question", "search", "outline", "help", "discuss", "plan", "progress",
        "suggest", "review", "settings",
    ]
    .iter()
    .map(|n| (format!("/{n}"), (*n).to_string()))
    .collect();
    let mut table = vec![
        CommandSpec {
            kind: CommandKind::Slash,
            name: "section",
            description: "Read a section of the text, by number or by (part of) its title.",
            options: vec![
                OptionSpec::new("number", OptionKind::Integer, "The section's number.")
                    .range(1, last),
                OptionSpec::new(
                    "title",
                    OptionKind::String,
                    "Words from the section's title; near misses are fine.",
                )
                .autocomplete()
                .max_length(100),
                OptionSpec::text(),
                OptionSpec::private(),
            ],
            examples: &[
                "/section 13",
                "/section title:economics",
                "/section title:misreading",
            ],
            free_text: &["number", "title"],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Slash,
            name: "actor",
            description: "Who an actor is, where the text discusses them most, and a prompt about them.",
            options: vec![
                OptionSpec::new(
                    "name",
                    OptionKind::String,
                    "An actor or another name for them: Tehran, Vance, Islamabad…",
                )
                .required()
                .autocomplete()
                .max_length(100),
                OptionSpec::text(),
                OptionSpec::spoilers(),
                OptionSpec::private(),
            ],
            examples: &["/actor iran", "/actor tehran", "/actor vance"],
            free_text: &["name"],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Slash,
            name: "question",
            description: "A discussion prompt for your group, with the passage it grows from.",
            options: vec![
                OptionSpec::new(
                    "section",
                    OptionKind::Integer,
                    "Only prompts about this section.",
                )
                .range(1, last),
                OptionSpec::new(
                    "actor",
                    OptionKind::String,
                    "Only prompts about this actor.",
                )
                .autocomplete()
                .max_length(100),
                OptionSpec::new("theme", OptionKind::String, "Only prompts on this theme.")
                    .autocomplete()
                    .max_length(100),
                OptionSpec::text(),
                OptionSpec::spoilers(),
                OptionSpec::private(),
            ],
            examples: &[
                "/question",
                "/question section:13",
                "/question actor:israel",
                "/question theme:multipolarity",
            ],
            free_text: &["section", "actor"],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Slash,
            name: "search",
            description: "Find the passages that speak to a question or phrase, in your own words.",
            options: vec![
                OptionSpec::new(
                    "query",
                    OptionKind::String,
                    "Words, a question, or a \"quoted phrase\".",
                )
                .required()
                .max_length(MAX_QUERY_LENGTH),
                OptionSpec::text(),
                OptionSpec::spoilers(),
                OptionSpec::private(),
            ],
            examples: &[
                "/search strait of hormuz",
                "/search why are oil prices rising",
                "/search \"managed instability\"",
            ],
            free_text: &["query"],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Slash,
            name: "outline",
            description: "The table of contents, part by part.",
            options: vec![OptionSpec::text(), OptionSpec::private()],
            examples: &["/outline"],
            free_text: &[],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Slash,
            name: "help",
            description: "What each command does, with examples.",
            options: vec![OptionSpec {
                choices: command_names,
                ..OptionSpec::new(
                    "command",
                    OptionKind::String,
                    "Explain one command in detail.",
                )
            }],
            examples: &["/help", "/help command:search"],
            free_text: &["command"],
            ..CommandSpec::default()
        },
        CommandSpec {
            kind: CommandKind::Message,
            name: FIND_IN_TEXT,
            description: "Right-click a message, then Apps: the passages closest to what it says, to check a claim against the text. Only you see the answer.",
            options: vec![],
            examples: &[],
            free_text: &[],
            ..CommandSpec::default()
        },
    ];
    // Study-group commands go before the message command, which is reached from a menu.
    let message_command = table.pop();
    table.extend(crate::engine::study_commands::table(last));
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
