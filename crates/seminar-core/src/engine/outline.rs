//! `/outline`: the table of contents, part by part.

use crate::engine::command::{Bounds, CommandSpec, OptionSpec};
use crate::engine::commands::Lookup;
use crate::engine::{Book, Entry, Reply};

/// `/outline`, declared.
pub const COMMAND: Lookup = Lookup {
    spec,
    run: |book, _, _| Ok(run(book)),
};

fn spec(_: &Bounds) -> CommandSpec {
    CommandSpec {
        name: "outline",
        description: "The table of contents, part by part.",
        options: vec![OptionSpec::text(), OptionSpec::private()],
        examples: &["/outline"],
        free_text: &[],
        ..CommandSpec::default()
    }
}

/// The table of contents of the text.
pub fn run(book: &Book<'_>) -> Reply {
    let text = book.text();
    let mut body = String::new();
    if let Some(subtitle) = &text.subtitle {
        body.push_str(&format!("*{subtitle}*\n\n"));
    }
    body.push_str(&format!(
        "{} sections{}. Read one with `/section 13` or `/section title:…`.",
        text.sections.len(),
        if text.parts.is_empty() {
            String::new()
        } else {
            format!(" in {} parts", text.parts.len())
        }
    ));
    let list = |first: u32, last: u32| -> String {
        text.sections
            .iter()
            .filter(|s| (first..=last).contains(&s.number))
            .map(|s| s.citation())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let entries = if text.parts.is_empty() {
        vec![Entry {
            heading: "Sections".into(),
            text: list(1, text.last_section()),
            button: None,
        }]
    } else {
        text.parts
            .iter()
            .map(|part| Entry {
                heading: format!(
                    "Part {}: {} (§{}–{})",
                    part.roman(),
                    part.title,
                    part.first,
                    part.last
                ),
                text: list(part.first, part.last),
                button: None,
            })
            .collect()
    };
    Reply {
        title: Some(text.title.clone()),
        body,
        entries,
        footer: text.source.clone(),
        ..Reply::default()
    }
}
