//! Replies as terminal text: headings, plain paragraphs, numbered buttons with their ids.

use crate::engine::form::{Form, Input};
use crate::engine::{Choice, ChoiceValue, Reply};

/// How to draw emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI bold, for an interactive terminal.
    Ansi,
    /// No escape codes, for pipes and files.
    Plain,
}

impl Style {
    /// ANSI when stdout is an interactive terminal, plain otherwise.
    pub fn for_stdout() -> Style {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            Style::Ansi
        } else {
            Style::Plain
        }
    }
}

/// A reply as text for a terminal. Buttons are numbered so the console can press them.
pub fn reply(reply: &Reply, style: Style) -> String {
    let mut out = String::new();
    if reply.private {
        out.push_str("(only you would see this reply)\n");
    }
    if let Some(title) = &reply.title {
        out.push_str(&bold(&unmark(title, style), style));
        out.push('\n');
        out.push_str(&"─".repeat(title.chars().count().clamp(8, 72)));
        out.push('\n');
    }
    if !reply.body.is_empty() {
        out.push_str(&unmark(&reply.body, style));
        out.push('\n');
    }
    if let Some(note) = &reply.note {
        out.push('\n');
        out.push_str(&unmark(note, style));
        out.push('\n');
    }
    for entry in &reply.entries {
        out.push('\n');
        out.push_str(&bold(&unmark(&entry.heading, style), style));
        out.push('\n');
        for line in unmark(&entry.text, style).lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    if let Some(footer) = &reply.footer {
        out.push('\n');
        out.push_str(&unmark(footer, style));
        out.push('\n');
    }
    let buttons: Vec<String> = reply
        .all_buttons()
        .enumerate()
        .map(|(i, b)| {
            let state = if b.disabled { " (disabled)" } else { "" };
            format!("  [{}] {}{state}  → {}", i + 1, b.label, b.custom_id)
        })
        .collect();
    if !buttons.is_empty() {
        out.push_str("\nButtons:\n");
        out.push_str(&buttons.join("\n"));
        out.push('\n');
    }
    out
}

/// A form as text: its title, then each field with what it takes; a choice's options one per
/// line, the preselected one marked.
pub fn form(form: &Form, style: Style) -> String {
    let mut out = String::from("(a form opens; only you see it)\n");
    out.push_str(&bold(&form.title, style));
    out.push('\n');
    out.push_str(&"─".repeat(form.title.chars().count().clamp(8, 72)));
    out.push('\n');
    for field in &form.fields {
        out.push('\n');
        out.push_str(&bold(&field.label, style));
        out.push_str(&format!("  ({})\n", field.id));
        if let Some(description) = &field.description {
            out.push_str(&format!("  {description}\n"));
        }
        match &field.input {
            Input::Paragraph {
                placeholder,
                min,
                max,
            } => out.push_str(&format!("  [ {placeholder} ]  {min}–{max} characters\n")),
            Input::Choice(options) => {
                for option in options {
                    let mark = if option.selected { "(•)" } else { "( )" };
                    out.push_str(&format!("  {mark} {}  → {}\n", option.label, option.value));
                }
            }
        }
    }
    out
}

/// Autocomplete choices, one per line: the name, then the value it fills in when it differs.
pub fn choices(choices: &[Choice]) -> String {
    if choices.is_empty() {
        return "(no suggestions)\n".to_string();
    }
    choices
        .iter()
        .map(|c| match &c.value {
            ChoiceValue::String(v) if v == &c.name => format!("{}\n", c.name),
            ChoiceValue::String(v) => format!("{}  → {v}\n", c.name),
            ChoiceValue::Integer(i) => format!("{}  → {i}\n", c.name),
        })
        .collect()
}

fn bold(text: &str, style: Style) -> String {
    match style {
        Style::Ansi => format!("\x1b[1m{text}\x1b[0m"),
        Style::Plain => text.to_string(),
    }
}

/// Markdown as terminal text: `**bold**` drawn per style, `*italic*` markers dropped, escapes undone.
fn unmark(markdown: &str, style: Style) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    let mut bold_open = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                bold_open = !bold_open;
                if style == Style::Ansi {
                    out.push_str(if bold_open { "\x1b[1m" } else { "\x1b[0m" });
                }
            }
            '*' => {}
            c => out.push(c),
        }
    }
    if bold_open && style == Style::Ansi {
        out.push_str("\x1b[0m");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_style_drops_markdown_and_escapes() {
        assert_eq!(
            unmark("**Oil** does \\*not\\* *stop*", Style::Plain),
            "Oil does *not* stop"
        );
    }

    #[test]
    fn ansi_style_draws_bold() {
        assert_eq!(unmark("a **b** c", Style::Ansi), "a \x1b[1mb\x1b[0m c");
    }
}
