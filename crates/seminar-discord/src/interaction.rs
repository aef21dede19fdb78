//! What an interaction asks for, read from serenity's model into engine terms: a command with its
//! options, an autocomplete, a button press. Shared by every Discord frontend.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serenity::model::application::{
    AuthorizingIntegrationOwner, CommandDataOption, CommandDataOptionValue, CommandInteraction,
    CommandType, Interaction, ResolvedTarget,
};
use serenity::model::channel::{Message, PartialChannel};

use crate::community::permissions::Caller;
use seminar_core::engine::{Invocation, Value};
use seminar_core::markup;
use seminar_core::render::modal;

/// Discord's epoch (2015-01-01), in Unix milliseconds: snowflake ids count from it.
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

/// One interaction: who to answer (id and token), who asks, where, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub id: u64,
    pub application_id: u64,
    pub token: String,
    pub guild_id: Option<u64>,
    pub channel_id: u64,
    /// The channel's type (0 text, 5 announcement, 11 public thread, 15 forum…), when Discord
    /// sent it.
    pub channel_kind: Option<u8>,
    /// The parent channel, when the interaction came from a thread.
    pub parent_id: Option<u64>,
    pub caller: Caller,
    /// Who installed the app this interaction came through: a server, or only the user.
    pub install: Install,
    pub request: Request,
}

/// Who installed the app an interaction came through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Install {
    /// The server the interaction came from (or the app's DM) has the bot.
    #[default]
    Server,
    /// Only the user installed the app ("Add to my apps"): the interaction may come from a server
    /// or a DM without the bot. It is answered from the library's default text, with no server
    /// state read or written and nothing posted.
    User,
}

/// What an interaction asks Seminar to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Discord checking that an HTTP endpoint is alive.
    Ping,
    /// A slash command, or a message command with the message's text as the option `message`.
    Command(Invocation),
    /// Suggestions for the focused option.
    Autocomplete(Invocation),
    /// A button press, by the button's custom_id.
    Press(String),
    /// A submitted modal: its custom_id and the value of each field, by the field's custom_id.
    Submit {
        custom_id: String,
        values: Vec<(String, String)>,
    },
    /// Something Seminar never asks for (a select menu on a message, say); named for the logs.
    Unsupported(&'static str),
}

impl Request {
    /// A short name for the log line: `/search`, `autocomplete /section`, `button v1:page`.
    pub fn label(&self) -> String {
        match self {
            Request::Ping => "ping".into(),
            Request::Command(invocation) => command_label(invocation),
            Request::Autocomplete(invocation) => {
                format!("autocomplete {}", command_label(invocation))
            }
            Request::Press(custom_id) => {
                let action: Vec<&str> = custom_id.splitn(3, ':').take(2).collect();
                format!("button {}", action.join(":"))
            }
            Request::Submit { custom_id, .. } => format!("modal {custom_id}"),
            Request::Unsupported(kind) => (*kind).into(),
        }
    }
}

fn command_label(invocation: &Invocation) -> String {
    let name = if invocation.command.contains(' ') {
        invocation.command.clone()
    } else {
        format!("/{}", invocation.command)
    };
    match &invocation.subcommand {
        Some(sub) => format!("{name} {sub}"),
        None => name,
    }
}

impl Incoming {
    /// Reads serenity's interaction.
    pub fn from_serenity(interaction: &Interaction) -> Incoming {
        let (caller, channel) = caller(interaction);
        let channel_kind = channel.map(|c| u8::from(c.kind));
        let parent_id = channel.and_then(|c| c.parent_id).map(|p| p.get());
        let (application_id, token, guild_id, channel_id, request) = match interaction {
            Interaction::Ping(ping) => (
                ping.application_id.get(),
                ping.token.clone(),
                None,
                0,
                Request::Ping,
            ),
            Interaction::Command(command) | Interaction::Autocomplete(command) => {
                let invocation = invocation(command);
                let request = match interaction {
                    Interaction::Autocomplete(_) => Request::Autocomplete(invocation),
                    _ => Request::Command(invocation),
                };
                (
                    command.application_id.get(),
                    command.token.clone(),
                    command.guild_id.map(|g| g.get()),
                    command.channel_id.get(),
                    request,
                )
            }
            Interaction::Component(component) => (
                component.application_id.get(),
                component.token.clone(),
                component.guild_id.map(|g| g.get()),
                component.channel_id.get(),
                // A custom id is echoed too (a search's words): it is cleaned as typed text is.
                Request::Press(markup::strip_invisible(&component.data.custom_id).into_owned()),
            ),
            Interaction::Modal(modal) => (
                modal.application_id.get(),
                modal.token.clone(),
                modal.guild_id.map(|g| g.get()),
                modal.channel_id.get(),
                // serenity reads only action rows; `with_raw` reads Labels when the raw body is
                // at hand.
                Request::Submit {
                    custom_id: modal.data.custom_id.clone(),
                    values: serde_json::to_value(&modal.data.components)
                        .map(|c| modal::submitted_values(&c))
                        .unwrap_or_default(),
                },
            ),
            _ => (0, String::new(), None, 0, Request::Unsupported("unknown")),
        };
        Incoming {
            id: interaction.id().get(),
            application_id,
            token,
            guild_id,
            channel_id,
            channel_kind,
            parent_id,
            caller,
            install: install(interaction, guild_id),
            request,
        }
    }

    /// Completes what serenity's model leaves out, from the interaction's raw JSON: the fields of
    /// a submitted modal held in Labels.
    pub fn with_raw(mut self, raw: &serde_json::Value) -> Incoming {
        if let Request::Submit { values, .. } = &mut self.request {
            let read = modal::submitted_values(&raw["data"]["components"]);
            if !read.is_empty() {
                *values = read;
            }
        }
        self
    }

    /// Whether the app came through a user's own install, so that no server state may be used.
    pub fn is_user_install(&self) -> bool {
        self.install == Install::User
    }

    /// How long ago Discord created the interaction, by its id's timestamp (zero if it seems to
    /// be from the future: clocks differ).
    pub fn age(&self, now: SystemTime) -> Duration {
        let created = Duration::from_millis((self.id >> 22) + DISCORD_EPOCH_MS);
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
        now.saturating_sub(created)
    }
}

/// A user install when there is no server, or when only the user (key "1") authorized the app.
fn install(interaction: &Interaction, guild: Option<u64>) -> Install {
    let owners = match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => {
            &c.authorizing_integration_owners.0
        }
        Interaction::Component(c) => &c.authorizing_integration_owners.0,
        // Modals come from `/suggest`, which only a server install registers.
        _ => return Install::Server,
    };
    let by_user_only = !owners.is_empty()
        && owners
            .iter()
            .all(|o| matches!(o, AuthorizingIntegrationOwner::UserInstall(_)));
    if guild.is_none() || by_user_only {
        Install::User
    } else {
        Install::Server
    }
}

/// The caller and the channel, from a command or a button press.
fn caller(interaction: &Interaction) -> (Caller, Option<&PartialChannel>) {
    let (user, member, channel) = match interaction {
        Interaction::Command(c) | Interaction::Autocomplete(c) => {
            (&c.user, c.member.as_deref(), c.channel.as_ref())
        }
        Interaction::Component(c) => (&c.user, c.member.as_ref(), c.channel.as_ref()),
        _ => return (Caller::default(), None),
    };
    let caller = Caller {
        user: user.id.get(),
        permissions: member.and_then(|m| m.permissions).map(|p| p.bits()),
        roles: member
            .map(|m| m.roles.iter().map(|r| r.get()).collect())
            .unwrap_or_default(),
    };
    (caller, channel)
}

/// A command interaction as an invocation: its name and options; for a message command, the
/// target message's text as `message`.
fn invocation(command: &CommandInteraction) -> Invocation {
    let mut invocation = Invocation::new(&command.data.name);
    if command.data.kind == CommandType::Message {
        let text = match command.data.target() {
            Some(ResolvedTarget::Message(message)) => message_text(message),
            _ => String::new(),
        };
        return invocation.with(
            seminar_core::engine::find::MESSAGE.name,
            Value::String(text),
        );
    }
    for option in &command.data.options {
        match &option.value {
            CommandDataOptionValue::SubCommand(options) => {
                invocation.subcommand = Some(option.name.clone());
                for option in options {
                    add_option(&mut invocation, option);
                }
            }
            _ => add_option(&mut invocation, option),
        }
    }
    invocation
}

fn add_option(invocation: &mut Invocation, option: &CommandDataOption) {
    let value = match &option.value {
        CommandDataOptionValue::String(s) => Value::String(s.clone()),
        CommandDataOptionValue::Integer(i) => Value::Integer(*i),
        CommandDataOptionValue::Boolean(b) => Value::Boolean(*b),
        CommandDataOptionValue::Number(n) => Value::String(n.to_string()),
        CommandDataOptionValue::Channel(id) => Value::Id(id.get()),
        CommandDataOptionValue::Role(id) => Value::Id(id.get()),
        CommandDataOptionValue::Autocomplete { value, .. } => {
            invocation.focused = Some(option.name.clone());
            Value::String(value.clone())
        }
        // Seminar's commands have no subcommand groups, user or attachment options.
        _ => return,
    };
    invocation.push(&option.name, value);
}

/// Everything readable in a message: its content, then its embeds' titles, descriptions and fields
/// (so a bot's embed can be looked up too).
fn message_text(message: &Message) -> String {
    let mut parts = vec![message.content.clone()];
    for embed in &message.embeds {
        parts.extend(embed.title.clone());
        parts.extend(embed.description.clone());
        for field in &embed.fields {
            parts.push(field.name.clone());
            parts.push(field.value.clone());
        }
    }
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_is_read_from_the_snowflake() {
        let created_ms = 1_700_000_000_000u64;
        let id = (created_ms - DISCORD_EPOCH_MS) << 22;
        let incoming = Incoming {
            id,
            application_id: 1,
            token: "t".into(),
            guild_id: None,
            channel_id: 2,
            channel_kind: None,
            parent_id: None,
            caller: Caller::default(),
            install: Install::Server,
            request: Request::Ping,
        };
        let now = UNIX_EPOCH + Duration::from_millis(created_ms + 2500);
        assert_eq!(incoming.age(now), Duration::from_millis(2500));
        assert_eq!(
            incoming.age(UNIX_EPOCH + Duration::from_millis(created_ms - 10)),
            Duration::ZERO
        );
    }

    #[test]
    fn labels_name_the_command_without_the_query() {
        let press = Request::Press("v1:search:2:strait of hormuz".into());
        assert_eq!(press.label(), "button v1:search");
        let find = Request::Command(Invocation::new("Find in essay"));
        assert_eq!(find.label(), "Find in essay");
        assert_eq!(
            Request::Autocomplete(Invocation::new("section")).label(),
            "autocomplete /section"
        );
    }
}
