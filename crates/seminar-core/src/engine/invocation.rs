//! What a frontend hands the engine: a command with typed options and the caller's context; and
//! the typed-line syntax (`/question actor:iran section:13`, `/actor jd vance`) that produces one.

use std::borrow::Cow;

use crate::content::model::{Prompt, PromptId};
use crate::engine::commands::{self, CommandKind, CommandSpec, OptionKind};
use crate::markup;

/// An option's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    String(String),
    Integer(i64),
    Boolean(bool),
    /// A Discord channel or role, by id.
    Id(u64),
}

/// A command to answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invocation {
    /// The command's name, without the slash.
    pub command: String,
    /// The subcommand, for commands that have them (`/plan start`).
    pub subcommand: Option<String>,
    /// Options in the order given.
    pub options: Vec<(String, Value)>,
    /// For autocomplete: the option being typed.
    pub focused: Option<String>,
}

impl Invocation {
    /// A command without options.
    pub fn new(command: &str) -> Self {
        Invocation {
            command: command.to_string(),
            ..Invocation::default()
        }
    }

    /// The same invocation with one more option.
    pub fn with(mut self, name: &str, value: Value) -> Self {
        self.push(name, value);
        self
    }

    /// Adds an option. Every frontend builds its invocations through here (and typed lines through
    /// [`parse_line`]), so this is where text a user typed enters the engine: it loses its
    /// invisible controls here, once for every command ([`markup::strip_invisible`]).
    pub fn push(&mut self, name: &str, value: Value) {
        let value = match value {
            Value::String(text) => Value::String(match markup::strip_invisible(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(clean) => clean,
            }),
            other => other,
        };
        self.options.push((name.to_string(), value));
    }

    /// A string option's value (integers are given as text).
    pub fn string(&self, name: &str) -> Option<String> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| match v {
                Value::String(s) => s.clone(),
                Value::Integer(i) => i.to_string(),
                Value::Boolean(b) => b.to_string(),
                Value::Id(id) => id.to_string(),
            })
    }

    /// A true/false option's value.
    pub fn boolean(&self, name: &str) -> Option<bool> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| match v {
                Value::Boolean(b) => Some(*b),
                _ => None,
            })
    }

    /// An integer option's value.
    pub fn integer(&self, name: &str) -> Option<i64> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| match v {
                Value::Integer(i) => Some(*i),
                Value::String(s) => s.trim().parse().ok(),
                Value::Boolean(_) | Value::Id(_) => None,
            })
    }

    /// A channel or role option's id.
    pub fn id(&self, name: &str) -> Option<u64> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| match v {
                Value::Id(id) => Some(*id),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
    }
}

/// What the caller knows that the engine may use: a seed for variety, recently shown prompts, and
/// the group's reading position and own prompts.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Varies from call to call (an interaction id, the time); picks among equal candidates.
    pub seed: u64,
    /// Prompts shown recently in this place, most recent last; not repeated while others remain.
    pub recent_prompts: Vec<PromptId>,
    /// The last section the group has reached: `/search`, `/actor` and `/question` hold later
    /// sections back unless asked for `spoilers:true`. `None`: no guard.
    pub reading: Option<u32>,
    /// Whether `reading` is the asking member's own position (`/progress mine:true`, "I've read
    /// it") rather than their group's: replies then say "where you are reading".
    pub reading_is_own: bool,
    /// Prompts the server approved (from `/suggest`), drawn on beside the text's own.
    pub server_prompts: Vec<Prompt>,
    /// The id of the text the server (or its group) reads: commands without a `text` option answer
    /// about it, and the reading position and server prompts belong to it. `None`: the library's
    /// default text.
    pub text: Option<String>,
}

impl Context {
    /// The context for a lookup in a text other than the group's: no reading guard and none of the
    /// server's prompts, which belong to the group's text.
    pub fn elsewhere(&self) -> Context {
        Context {
            seed: self.seed,
            recent_prompts: self.recent_prompts.clone(),
            ..Context::default()
        }
    }
}

/// Parses a typed command line. The error is a message for the user.
pub fn parse_line(line: &str, table: &[CommandSpec]) -> Result<Invocation, String> {
    parse(line, table, false)
}

/// Parses a line still being typed, for autocomplete: a value that does not fit its option's type
/// yet (an empty number) is kept as text instead of failing.
pub fn parse_partial(line: &str, table: &[CommandSpec]) -> Result<Invocation, String> {
    parse(line, table, true)
}

fn parse(line: &str, table: &[CommandSpec], partial: bool) -> Result<Invocation, String> {
    let typed = |spec: &CommandSpec, key: &str, value: &str| match typed(spec, key, value) {
        Err(_) if partial => Ok(Value::String(value.to_string())),
        other => other,
    };
    // The command's name is echoed too when it is unknown: clean the whole line.
    let line = markup::strip_invisible(line);
    let line = line.trim();
    let (name, rest) = match line.find(char::is_whitespace) {
        Some(i) => (&line[..i], line[i..].trim()),
        None => (line, ""),
    };
    if name.is_empty() || name == "/" {
        return Err(format!(
            "Type a command, e.g. `/search strait of hormuz`. Commands: {}.",
            command_list(table)
        ));
    }
    let Some(spec) = commands::find(table, name) else {
        return Err(unknown_command(name, table));
    };
    let mut invocation = Invocation::new(spec.name);
    // A command with subcommands reads its first word as one, then that subcommand's options.
    let subcommand_view;
    let (spec, rest) = if spec.subcommands.is_empty() {
        (spec, rest)
    } else {
        let (word, rest) = rest
            .split_once(char::is_whitespace)
            .map_or((rest, ""), |(w, r)| (w, r.trim()));
        let Some(sub) = spec.subcommand(word) else {
            let names: Vec<&str> = spec.subcommands.iter().map(|s| s.name).collect();
            return Err(format!(
                "/{} needs one of: {}.",
                spec.name,
                names.join(", ")
            ));
        };
        invocation.subcommand = Some(sub.name.to_string());
        subcommand_view = CommandSpec {
            name: spec.name,
            options: sub.options.clone(),
            ..CommandSpec::default()
        };
        (&subcommand_view, rest)
    };
    let (free, pairs) = split_options(rest, spec);
    let free = free.trim();
    if !free.is_empty() {
        let target = free_text_option(spec, free).ok_or_else(|| {
            format!(
                "/{} takes options as key:value, e.g. `{}`.",
                spec.name,
                spec.examples.last().copied().unwrap_or_default()
            )
        })?;
        invocation.push(target, typed(spec, target, free)?);
        invocation.focused = Some(target.to_string());
    }
    for (key, value) in pairs {
        if invocation.options.iter().any(|(n, _)| n == key) {
            return Err(format!("The option `{key}` is given twice."));
        }
        let value = value.trim();
        invocation.push(key, typed(spec, key, value)?);
        invocation.focused = Some(key.to_string());
    }
    Ok(invocation)
}

/// Splits `rest` into free text and `key:value` pairs, where `key` is one of the command's options.
fn split_options<'a>(rest: &'a str, spec: &CommandSpec) -> (&'a str, Vec<(&'static str, &'a str)>) {
    let mut markers: Vec<(usize, usize, &'static str)> = Vec::new();
    for (i, _) in rest.char_indices() {
        if i > 0 && !rest[..i].ends_with(char::is_whitespace) {
            continue;
        }
        for option in &spec.options {
            let key_len = option.name.len();
            if rest.len() > i + key_len
                && rest[i..].is_char_boundary(key_len)
                && rest[i..i + key_len].eq_ignore_ascii_case(option.name)
                && rest[i + key_len..].starts_with(':')
            {
                markers.push((i, i + key_len + 1, option.name));
            }
        }
    }
    let free_end = markers.first().map_or(rest.len(), |m| m.0);
    let pairs = markers
        .iter()
        .enumerate()
        .map(|(k, &(_, value_start, name))| {
            let value_end = markers.get(k + 1).map_or(rest.len(), |next| next.0);
            (name, &rest[value_start..value_end])
        })
        .collect();
    (&rest[..free_end], pairs)
}

/// Which option free text goes to: a whole number to a leading integer option, anything else to the last.
fn free_text_option(spec: &CommandSpec, text: &str) -> Option<&'static str> {
    let first = spec.free_text.first()?;
    let first_is_integer = spec
        .option(first)
        .is_some_and(|o| o.kind == OptionKind::Integer);
    if first_is_integer && text.parse::<i64>().is_ok() {
        return Some(first);
    }
    spec.free_text
        .iter()
        .rev()
        .find(|n| {
            spec.option(n)
                .is_some_and(|o| o.kind != OptionKind::Integer)
        })
        .or(Some(first))
        .copied()
}

fn typed(spec: &CommandSpec, key: &str, value: &str) -> Result<Value, String> {
    let kind = spec.option(key).map_or(OptionKind::String, |o| o.kind);
    match kind {
        OptionKind::String => Ok(Value::String(value.to_string())),
        OptionKind::Integer => value
            .trim_matches(['"', '“', '”', '\''])
            .trim_start_matches('§')
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| {
                format!(
                    "`{key}` takes a whole number, e.g. `/{} {key}:13`.",
                    spec.name
                )
            }),
        OptionKind::Boolean => match value.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(Value::Boolean(true)),
            "false" | "no" | "off" | "0" => Ok(Value::Boolean(false)),
            _ => Err(format!("`{key}` takes true or false.")),
        },
        // `<#123>`, `<@&123>` or the bare id, as pasted from Discord.
        OptionKind::Channel | OptionKind::Role => value
            .trim()
            .trim_start_matches(['<', '#', '@', '&'])
            .trim_end_matches('>')
            .parse::<u64>()
            .map(Value::Id)
            .map_err(|_| format!("`{key}` takes a channel or role mention, e.g. `<#123>`.")),
    }
}

fn command_list(table: &[CommandSpec]) -> String {
    table
        .iter()
        .filter(|c| c.kind == CommandKind::Slash)
        .map(|c| format!("/{}", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown_command(name: &str, table: &[CommandSpec]) -> String {
    let typed = name.trim_start_matches('/').to_lowercase();
    let closest = table
        .iter()
        .filter(|c| c.kind == CommandKind::Slash)
        .map(|c| (strsim::jaro_winkler(&typed, c.name), c.name))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let shown = crate::markup::escape(name.trim_start_matches('/'));
    match closest {
        Some((_, suggestion)) => {
            format!("There is no command /{shown}. Did you mean /{suggestion}? See /help.")
        }
        None => format!(
            "There is no command /{shown}. Commands: {}.",
            command_list(table)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_lose_invisible_controls_however_they_are_added() {
        let invocation = Invocation::new("search")
            .with("query", Value::String("\u{202e}power\u{200f}".into()))
            .with("spoilers", Value::Boolean(true));
        assert_eq!(invocation.string("query").as_deref(), Some("power"));
        let mut pushed = Invocation::new("find");
        pushed.push("message", Value::String("a\u{2067}b\u{2069}".into()));
        assert_eq!(pushed.string("message").as_deref(), Some("ab"));
    }

    #[test]
    fn a_typed_line_loses_invisible_controls_in_its_name_too() {
        let table = commands::table(&crate::content::model::Library {
            texts: Vec::new(),
            default: 0,
        });
        let error = parse_line("/sea\u{202e}rchx power", &table).unwrap_err();
        assert!(
            error.starts_with("There is no command /searchx."),
            "{error}"
        );
        let search = parse_line("/search strait\u{202e} of hormuz", &table).unwrap();
        assert_eq!(search.string("query").as_deref(), Some("strait of hormuz"));
    }
}
