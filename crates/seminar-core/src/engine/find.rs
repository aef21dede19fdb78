//! "Find in essay": the passages closest to what a chat message says, so that a moderator can
//! check a claim against the text. Passages past the invoker's reading position are held back,
//! and a button ("Show later sections too") answers again with them.

use std::sync::OnceLock;

use regex::Regex;

use crate::content::model::Section;
use crate::engine::command::{Bounds, CommandKind, CommandSpec, Opt, ReplyTraits};
use crate::engine::commands::{FIND_IN_TEXT, Lookup};
use crate::engine::custom_id::{Action, PassageRef};
use crate::engine::guard::{self, Guard};
use crate::engine::search::best_per_section;
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::index::{Hit, UserQuery};
use crate::markup;

/// Passages shown, best first.
const SHOWN: usize = 3;
/// Most characters of the message that are searched: enough for any claim, bounded cost.
const MAX_CHARS: usize = 1500;
/// Most characters of the message quoted back.
const QUOTED_CHARS: usize = 200;
/// Most characters of each snippet.
const SNIPPET_CHARS: usize = 400;
/// The button that answers again with the passages the guard held back.
pub const SHOW_LATER: &str = "Show later sections too";
/// What the answer says about its passages, after the quoted message.
const CLOSENESS: &str = "Closeness is not agreement: read them before you cite them.";

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
            guarded: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Answers the message command; the option `message` holds the message's text. Message
/// commands take no options: the guard is lifted by the answer's button, not `spoilers:true`.
pub fn run(
    book: &Book<'_>,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
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
    let guard = Guard::new(false, context);
    let section_of = |hit: &Hit| index.passages()[hit.passage].section;
    let closest = &hits[..hits.len().min(SHOWN)];
    let held_back = closest
        .iter()
        .filter(|hit| !guard.allows(section_of(hit)))
        .count();
    let allowed: Vec<usize> = hits
        .iter()
        .filter(|hit| guard.allows(section_of(hit)))
        .take(SHOWN)
        .map(|hit| hit.passage)
        .collect();
    let explained = if allowed.is_empty() {
        format!(
            "Only later sections are close to this message: {} {}.",
            guard::sections(hits.len()),
            guard.past()
        )
    } else {
        format!("The passages closest to this message, best first. {CLOSENESS}")
    };
    let (note, buttons) = if held_back == 0 {
        (None, Vec::new())
    } else {
        let again = Action::Find {
            passages: closest
                .iter()
                .filter_map(|hit| passage_ref(book, hit.passage))
                .collect(),
            words: distinct(&query.words),
        };
        let button = Button::new(SHOW_LATER, again.encode_for(book.tag())).primary();
        (Some(held_back_note(held_back, guard)), vec![vec![button]])
    };
    Ok(Reply {
        private: true,
        title: Some(format!("In {}", markup::cut(&text.title, 200))),
        body: format!("{}\n\n{explained}", quote(&message)),
        note,
        entries: entries(book, &query, &allowed),
        footer: Some(footer(book)),
        buttons,
        ..Reply::default()
    })
}

/// The press of "Show later sections too": the closest passages the first answer found, later
/// sections included, with the message's words in bold.
pub fn again(book: &Book<'_>, passages: &[PassageRef], words: &str) -> Reply {
    let index = book.index();
    let found: Vec<usize> = passages
        .iter()
        .filter_map(|p| {
            let range = index.section_range(book.position(), p.section);
            let at = range.start + usize::try_from(p.ordinal).ok()?.checked_sub(1)?;
            range.contains(&at).then_some(at)
        })
        .collect();
    if found.is_empty() {
        return Reply::user_error(
            "Those passages are no longer in the text. Run Find in essay on the message again.",
        );
    }
    let query = index.parse(book.position(), words);
    Reply {
        // Not marked private, so that the press updates the answer it is on in place: that
        // answer was private, and an update keeps it so.
        private: false,
        title: Some(format!("In {}", markup::cut(&book.text().title, 200))),
        body: format!(
            "The passages closest to the message, best first, later sections included. {CLOSENESS}"
        ),
        entries: entries(book, &query, &found),
        footer: Some(footer(book)),
        ..Reply::default()
    }
}

/// "2 closer passages are held back, past §5, where …; press “Show later sections too” …".
fn held_back_note(count: usize, guard: Guard) -> String {
    let (passages, are, them) = match count {
        1 => ("1 closer passage".to_string(), "is", "it"),
        n => (format!("{n} closer passages"), "are", "them"),
    };
    format!(
        "{passages} {are} held back, {}; press “{SHOW_LATER}” to include {them}.",
        guard.past()
    )
}

/// Each passage cited, its words in bold, with a button to read its section.
fn entries(book: &Book<'_>, query: &UserQuery, passages: &[usize]) -> Vec<Entry> {
    let index = book.index();
    let text = book.text();
    let top: Vec<(&Section, usize)> = passages
        .iter()
        .filter_map(|&passage| Some((text.section(index.passages()[passage].section)?, passage)))
        .collect();
    top.iter()
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
                index.highlight(query, *passage, SNIPPET_CHARS),
            )
            .with_button(read)
        })
        .collect()
}

fn footer(book: &Book<'_>) -> String {
    let text = book.text();
    format!("{} · {} sections searched", text.title, text.sections.len())
}

/// A passage by section and place in it, for a button.
fn passage_ref(book: &Book<'_>, passage: usize) -> Option<PassageRef> {
    let p = book.index().passages().get(passage)?;
    Some(PassageRef {
        section: p.section,
        ordinal: p.ordinal,
    })
}

/// The words once each, in the order first typed.
fn distinct(words: &[String]) -> String {
    let mut seen = std::collections::HashSet::new();
    words
        .iter()
        .filter(|w| seen.insert(w.as_str()))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
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
