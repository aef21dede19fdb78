//! `/help`: what each command does, with examples, read from the command table.

use crate::engine::command::{Bounds, Opt};
use crate::engine::commands::{self, CommandSpec, Lookup, OptionSpec};
use crate::engine::{Book, Entry, Invocation, Reply};

/// The command to explain in detail.
pub const COMMAND_NAME: Opt<String> = Opt::string("command");

/// `/help`, declared.
pub const COMMAND: Lookup = Lookup {
    spec,
    run: |book, invocation, _| Ok(run(book, invocation)),
};

fn spec(bounds: &Bounds) -> CommandSpec {
    let names: Vec<(String, String)> = bounds
        .slash_names
        .iter()
        .map(|n| (format!("/{n}"), (*n).to_string()))
        .collect();
    CommandSpec {
        name: "help",
        description: "What each command does, with examples.",
        options: vec![OptionSpec {
            choices: names,
            ..COMMAND_NAME.spec("Explain one command in detail.")
        }],
        examples: &["/help", "/help command:search"],
        free_text: &["command"],
        ..CommandSpec::default()
    }
}

/// Help for every command, or one in detail.
pub fn run(book: &Book<'_>, invocation: &Invocation) -> Reply {
    let table = book.commands();
    if let Some(name) = invocation
        .get(COMMAND_NAME)
        .filter(|n| !n.trim().is_empty())
    {
        return match commands::find(table, name.trim()) {
            Some(spec) => detail(spec),
            None => Reply::user_error(format!(
                "There is no command /{}. `/help` lists them all.",
                crate::markup::escape(name.trim().trim_start_matches('/'))
            )),
        };
    }
    Reply {
        title: Some("Seminar: commands".into()),
        body: format!(
            "Seminar helps your group read and discuss *{}*. Every passage is cited as §N with its section's title, so you can point to it.{}",
            book.text().title,
            others(book)
        ),
        entries: table
            .iter()
            .map(|spec| Entry {
                heading: spec.display_name(),
                text: format!("{}\n{}", spec.description, examples(spec))
                    .trim_end()
                    .to_string(),
                button: None,
            })
            .collect(),
        footer: Some(
            "Buttons under a reply turn pages, open related sections and fetch another prompt. Add private:true to a lookup to keep its reply to yourself."
                .into(),
        ),
        ..Reply::default()
    }
}

/// The library's other texts, when there are any, and how to read them.
fn others(book: &Book<'_>) -> String {
    let others: Vec<String> = book
        .library()
        .texts
        .iter()
        .filter(|t| t.id != book.text().id)
        .take(10)
        .map(|t| format!("*{}*", t.title))
        .collect();
    if others.is_empty() {
        return String::new();
    }
    let more = book.library().texts.len() - 1 - others.len();
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "\n\nAlso here: {}{more}. Add `text:` to a lookup (`/search`, `/section`, `/actor`, `/question`, `/outline`) to read another; citations then name their text.",
        others.join(", ")
    )
}

fn detail(spec: &CommandSpec) -> Reply {
    let mut body = spec.description.to_string();
    if !spec.options.is_empty() {
        body.push_str("\n\n**Options**");
        body.push_str(&options(&spec.options));
    }
    for sub in &spec.subcommands {
        body.push_str(&format!(
            "\n\n**/{} {}**: {}",
            spec.name, sub.name, sub.description
        ));
        body.push_str(&options(&sub.options));
    }
    Reply {
        title: Some(format!("/{}", spec.name)),
        body,
        entries: vec![Entry {
            heading: "Examples".into(),
            text: examples(spec),
            button: None,
        }],
        ..Reply::default()
    }
}

/// One line per option: its name, whether it is required, what it is for.
fn options(options: &[OptionSpec]) -> String {
    options
        .iter()
        .map(|option| {
            let required = if option.required { " (required)" } else { "" };
            format!("\n- `{}`{required}: {}", option.name, option.description)
        })
        .collect()
}

fn examples(spec: &CommandSpec) -> String {
    spec.examples
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(" · ")
}
