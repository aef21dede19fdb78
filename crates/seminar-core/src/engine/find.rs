//! "Find in essay": the passages closest to what a chat message says, so that a moderator can
//! check a claim against the text.

use std::sync::OnceLock;

use regex::Regex;

use crate::content::model::Section;
use crate::engine::command::{Bounds, CommandKind, CommandSpec, Opt, ReplyTraits};
use crate::engine::commands::{FIND_IN_TEXT, Lookup};
use crate::engine::custom_id::Action;
use crate::engine::search::best_per_section;
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::markup;

/// Passages shown, best first.
const SHOWN: usize = 3;
/// Most characters of the message that are searched: enough for any claim, bounded cost.
const MAX_CHARS: usize = 1500;
/// Most characters of the message quoted back.
const QUOTED_CHARS: usize = 200;
/// Most characters of each snippet.
const SNIPPET_CHARS: usize = 400;

/// The chat message's text. Discord gives a message command no options: frontends pass the
/// message's text as this one.
pub const MESSAGE: Opt<String> = Opt::string("message");

/// "Find in essay", declared.
pub const COMMAND: Lookup = Lookup { spec, run };

fn spec(_: &Bounds) -> CommandSpec {
    CommandSpec {
        kind: CommandKind::Message,
        name: FIND_IN_TEXT,
        description: "Right-click a message, then Apps: the passages closest to what it says, to check a claim against the text. Only you see the answer.",
        options: vec![MESSAGE.spec("The message's text.")],
        examples: &[],
        free_text: &[],
        reply: ReplyTraits {
            always_private: true,
            defer_first: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Answers the message command; the option `message` holds the message's text.
pub fn run(book: &Book<'_>, invocation: &Invocation, _: &Context) -> Result<Reply, EngineError> {
    let message = invocation.get(MESSAGE).unwrap_or_default();
    let words = searchable(&message);
    if words.trim().is_empty() {
        return Ok(Reply::user_error(
            "That message has no words to look up: only links, mentions, emoji or attachments.",
        ));
    }
    let index = book.index();
    let query = index.parse(book.position(), &words);
    let hits = best_per_section(book, &query)?;
    let text = book.text();
    if hits.is_empty() {
        return Ok(Reply::user_error(format!(
            "Nothing in *{}* is close to that message. Try `/search` with a few words of your own.",
            markup::escape(&text.title)
        )));
    }
    let top: Vec<(&Section, usize)> = hits
        .iter()
        .take(SHOWN)
        .filter_map(|hit| {
            Some((
                text.section(index.passages()[hit.passage].section)?,
                hit.passage,
            ))
        })
        .collect();
    let entries = top
        .iter()
        .map(|(section, passage)| {
            let read = Button::new(
                format!("Read §{}", section.number),
                Action::Open {
                    section: section.number,
                }
                .encode_for(book.tag()),
            );
            Entry::new(
                book.cite(section),
                index.highlight(&query, *passage, SNIPPET_CHARS),
            )
            .with_button(read)
        })
        .collect();
    Ok(Reply {
        private: true,
        title: Some(format!("In {}", markup::cut(&text.title, 200))),
        body: format!(
            "{}\n\nThe passages closest to this message, best first. Closeness is not agreement: read them before you cite them.",
            quote(&message)
        ),
        entries,
        footer: Some(format!(
            "{} · {} sections searched",
            text.title,
            text.sections.len()
        )),
        ..Reply::default()
    })
}

/// The message's words without Discord markup (mentions, custom emoji, timestamps) or links,
/// quotes turned into plain words so that a message is never read as an exact phrase.
fn searchable(message: &str) -> String {
    static MARKUP: OnceLock<Regex> = OnceLock::new();
    let markup = MARKUP.get_or_init(|| {
        Regex::new(r"<a?:\w+:\d+>|<[@#][!&]?\d+>|<t:-?\d+(:\w)?>|<id:\w+>|https?://\S+")
            .expect("the markup pattern compiles")
    });
    let bounded: String = message.chars().take(MAX_CHARS).collect();
    markup
        .replace_all(&bounded, " ")
        .chars()
        .map(|c| {
            if matches!(c, '"' | '“' | '”') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The message as a Markdown quote, cut short.
fn quote(message: &str) -> String {
    let flat = message.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("> {}", markup::escape(&markup::cut(&flat, QUOTED_CHARS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_markup_and_links_are_not_searched() {
        let words = searchable("<@123> says <:iran:456> https://x.y/z sanctions <t:1700000000:R>");
        assert_eq!(
            words.split_whitespace().collect::<Vec<_>>(),
            ["says", "sanctions"]
        );
    }

    #[test]
    fn quotes_do_not_make_a_phrase() {
        assert_eq!(searchable("“oil prices”"), " oil prices ");
    }
}
