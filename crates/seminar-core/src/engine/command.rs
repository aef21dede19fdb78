//! The vocabulary commands are declared in: typed option keys, options, who may run a command,
//! where it can be used and how its reply goes out. Registration, parsing, `/help`, autocomplete,
//! the permission check and the responder all read these declarations.

use std::marker::PhantomData;

use crate::engine::{Invocation, Value};

/// A typed option key: the one name a command's declaration and its handler share, so that a
/// handler reads `invocation.get(SECTION)` and a misspelt key does not compile.
#[derive(Debug)]
pub struct Opt<T> {
    pub name: &'static str,
    pub kind: OptionKind,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Opt<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Opt<T> {}

impl<T> Opt<T> {
    const fn new(name: &'static str, kind: OptionKind) -> Self {
        Opt {
            name,
            kind,
            value: PhantomData,
        }
    }

    /// The option's declaration, optional and without limits.
    pub fn spec(self, description: &'static str) -> OptionSpec {
        OptionSpec::new(self.name, self.kind, description)
    }
}

impl Opt<String> {
    pub const fn string(name: &'static str) -> Self {
        Opt::new(name, OptionKind::String)
    }
}

impl Opt<i64> {
    pub const fn integer(name: &'static str) -> Self {
        Opt::new(name, OptionKind::Integer)
    }
}

impl Opt<bool> {
    pub const fn boolean(name: &'static str) -> Self {
        Opt::new(name, OptionKind::Boolean)
    }
}

impl Opt<u64> {
    pub const fn channel(name: &'static str) -> Self {
        Opt::new(name, OptionKind::Channel)
    }

    pub const fn role(name: &'static str) -> Self {
        Opt::new(name, OptionKind::Role)
    }
}

/// `private`: every lookup's option for a reply only the caller sees.
pub const PRIVATE: Opt<bool> = Opt::boolean("private");
/// `text`: every lookup's option for another text of the library.
pub const TEXT: Opt<String> = Opt::string("text");
/// `spoilers`: lifts the group's reading guard for one lookup.
pub const SPOILERS: Opt<bool> = Opt::boolean("spoilers");

/// What autocomplete suggests for an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggest {
    /// The library's texts, by title.
    Text,
    /// Section citations, by title.
    SectionTitle,
    /// Section numbers, by the digits typed.
    SectionNumber,
    /// Actors, under any of their names.
    Actor,
    /// Themes.
    Theme,
    /// IANA time zones.
    TimeZone,
}

/// Who may run a command, or give an option.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Access {
    #[default]
    Everyone,
    /// Manage Threads, or the server's moderator role; refused as "Only moderators can {to}".
    Moderators { to: &'static str },
    /// Manage Server (the moderator role is not enough, or it could grant itself).
    ServerManagers { to: &'static str },
}

impl Access {
    /// The permissions registered as `default_member_permissions`: Discord hides the command from
    /// members without them.
    pub fn default_member_permissions(self) -> Option<u64> {
        match self {
            Access::Everyone => None,
            Access::Moderators { .. } => Some(permission::MANAGE_THREADS),
            Access::ServerManagers { .. } => Some(permission::MANAGE_GUILD),
        }
    }
}

/// Where a command can be used, once the app is installed in a server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Reach {
    /// Servers, DMs with the bot and, through a user's own install, any DM or server.
    #[default]
    Anywhere,
    /// Servers only: the study-group commands keep a server's state.
    Servers,
}

/// How a command's reply goes out, for the responder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReplyTraits {
    /// Always private, whatever `private` or the server's settings say.
    pub always_private: bool,
    /// Acknowledged ("thinking…") before the work starts: it calls Discord itself, or is slow.
    pub defer_first: bool,
    /// May hold later sections back for the group's reading position (unless `spoilers:true`).
    pub guarded: bool,
    /// May show a prompt, so the recent prompts are looked up first.
    pub shows_prompts: bool,
    /// Answered by the study groups, with their state, rather than by the engine.
    pub study_group: bool,
}

/// What command declarations depend on in the library being served.
#[derive(Debug, Clone, Default)]
pub struct Bounds {
    /// The highest section number of any text (at least 1).
    pub last_section: i64,
    /// Every slash command's name, for `/help command:`.
    pub slash_names: Vec<&'static str>,
}

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
    /// What autocomplete suggests while the option is typed, if anything.
    pub suggests: Option<Suggest>,
    /// Who may give the option (beyond who may run the command).
    pub access: Access,
    /// Given as true, the command acts on the caller's own data (`/progress mine:true`): the
    /// other options' access does not apply.
    pub personal: bool,
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
            suggests: None,
            access: Access::Everyone,
            personal: false,
        }
    }

    /// `private`: the option every lookup command has, making its reply visible only to the caller.
    pub fn private() -> Self {
        PRIVATE.spec("Only you see the reply.")
    }

    /// `text`: the option every lookup command has for choosing a text of the library.
    pub fn text() -> Self {
        TEXT.spec("Which text (default: the one your server reads). Start typing its title.")
            .autocomplete(Suggest::Text)
            .max_length(100)
    }

    /// `spoilers`: the option that lifts the group's reading guard for one lookup.
    pub fn spoilers() -> Self {
        SPOILERS.spec("Include sections past your group's reading position.")
    }

    /// The same option, required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// The same option, with these suggestions as the user types (on Discord and the console).
    pub fn autocomplete(mut self, suggests: Suggest) -> Self {
        self.autocomplete = true;
        self.suggests = Some(suggests);
        self
    }

    /// The same option, with these suggestions on the console only: Discord shows its range.
    pub fn console_suggests(mut self, suggests: Suggest) -> Self {
        self.suggests = Some(suggests);
        self
    }

    /// The same boolean option, which when true makes the command act on the caller's own data,
    /// so that anyone may give the other options with it.
    pub fn personal(mut self) -> Self {
        self.personal = true;
        self
    }

    /// The same option, given only by callers `access` admits.
    pub fn access(mut self, access: Access) -> Self {
        self.access = access;
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
    /// Whether it calls Discord itself, so that its reply is deferred before it starts.
    pub defer_first: bool,
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
    /// Who may run it: registered as `default_member_permissions` and checked again when it runs.
    pub access: Access,
    /// Where it can be used.
    pub reach: Reach,
    /// How its reply goes out.
    pub reply: ReplyTraits,
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

    /// The option with this name, in the command or the invocation's subcommand.
    pub fn option_of(&self, subcommand: Option<&str>, name: &str) -> Option<&OptionSpec> {
        match subcommand.and_then(|s| self.subcommand(s)) {
            Some(sub) => sub.options.iter().find(|o| o.name == name),
            None => self.option(name),
        }
    }

    /// What a caller needs for `invocation` of this command: the command's access, else anyone's
    /// when a personal option is true (the caller acts on their own data), else that of
    /// the first guarded option it gives (a `false` boolean gives nothing).
    pub fn access_for(&self, invocation: &Invocation) -> Access {
        if self.access != Access::Everyone {
            return self.access;
        }
        let personal = invocation.options.iter().any(|(name, value)| {
            *value == Value::Boolean(true)
                && self
                    .option_of(invocation.subcommand.as_deref(), name)
                    .is_some_and(|option| option.personal)
        });
        if personal {
            return Access::Everyone;
        }
        invocation
            .options
            .iter()
            .filter(|(_, value)| *value != Value::Boolean(false))
            .filter_map(|(name, _)| self.option_of(invocation.subcommand.as_deref(), name))
            .map(|option| option.access)
            .find(|access| *access != Access::Everyone)
            .unwrap_or(Access::Everyone)
    }

    /// Whether its reply is acknowledged before the work starts (see [`ReplyTraits::defer_first`]).
    pub fn defer_first(&self, invocation: &Invocation) -> bool {
        self.reply.defer_first
            || invocation
                .subcommand
                .as_deref()
                .and_then(|s| self.subcommand(s))
                .is_some_and(|s| s.defer_first)
    }

    /// The subcommand with this name (case-insensitive).
    pub fn subcommand(&self, name: &str) -> Option<&SubcommandSpec> {
        self.subcommands
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}
