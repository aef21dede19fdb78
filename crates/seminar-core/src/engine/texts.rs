//! Which text a command is about: its `text` option (an id, short name or title; near misses are
//! fine), else the text the server reads, else the library's default; `all` (every text) for
//! `/search`; and autocomplete over titles.

use crate::engine::book::Book;
use crate::engine::complete::MAX_CHOICES;
use crate::engine::resolve::Resolution;
use crate::engine::{Choice, ChoiceValue, Context, Engine, Invocation, Reply};
use crate::markup;

/// The option every lookup command has for choosing a text.
pub const TEXT_OPTION: &str = crate::engine::command::TEXT.name;
/// The `text` value that searches every text: the value of the "All texts" choice. It is never a
/// text's name, even where a text's id or short name is `all` (its title still reaches it).
pub const ALL: &str = "all";
/// The name of the choice whose value is [`ALL`]; typed out, it means the same.
pub const ALL_NAME: &str = "All texts";

/// Whether a command may be about every text at once (`text:all`): `/search` only.
pub fn takes_all(command: &str) -> bool {
    command == crate::engine::search::NAME
}

/// Whether `invocation`'s `text` asks for every text (`all`, or "All texts").
pub fn asks_for_all(invocation: &Invocation) -> bool {
    invocation
        .get(crate::engine::command::TEXT)
        .is_some_and(|t| {
            t.trim().eq_ignore_ascii_case(ALL) || t.trim().eq_ignore_ascii_case(ALL_NAME)
        })
}

/// The text `invocation` asks about, or a reply for the user when its `text` names none.
pub fn choose<'a>(
    engine: &'a Engine,
    invocation: &Invocation,
    context: &Context,
) -> Result<Book<'a>, Box<Reply>> {
    let library = engine.library();
    let Some(asked) = invocation
        .get(crate::engine::command::TEXT)
        .filter(|t| !t.trim().is_empty())
    else {
        return Ok(group_text(engine, context));
    };
    if asks_for_all(invocation) {
        return Err(Box::new(Reply::user_error(format!(
            "`text:all` searches every text, and only `/search` takes it. Name one text for /{}, e.g. `text:{}`, or leave `text` out for your server's.",
            markup::escape(&invocation.command),
            library.default_text().id
        ))));
    }
    let asked_exactly = |t: &&crate::content::model::Text| {
        t.id.eq_ignore_ascii_case(asked.trim()) || t.short.eq_ignore_ascii_case(asked.trim())
    };
    // An id (what autocomplete fills in) or a short name needs no fuzzy ranking of every title.
    if let Some(position) = library.texts.iter().position(|t| asked_exactly(&t)) {
        return Ok(Book::new(engine, position));
    }
    match engine.text_names().text(library, asked.trim()) {
        Resolution::Found(text, _) => Ok(engine.book_of(&text.id).unwrap_or_else(|| engine.book())),
        Resolution::NotFound(near) => {
            let near: Vec<String> = if near.is_empty() {
                library
                    .texts
                    .iter()
                    .map(|t| format!("*{}*", t.title))
                    .collect()
            } else {
                near.iter().map(|t| format!("*{}*", t.title)).collect()
            };
            Err(Box::new(Reply::user_error(format!(
                "There is no text called “{}” here. Try {}.",
                markup::escape(asked.trim()),
                or_list(&near)
            ))))
        }
    }
}

/// The text the caller's server reads: its chosen text while the library still has it, else the
/// library's default.
pub fn group_text<'a>(engine: &'a Engine, context: &Context) -> Book<'a> {
    context
        .text
        .as_deref()
        .and_then(|id| engine.book_of(id))
        .unwrap_or_else(|| engine.book())
}

/// Titles matching what the user typed, best first (every text while nothing is typed); "All
/// texts" first where `all` is offered and it matches what was typed.
pub fn complete(engine: &Engine, typed: &str, offer_all: bool) -> Vec<Choice> {
    let library = engine.library();
    let typed = typed.trim();
    let all = (offer_all && all_matches(typed)).then(|| Choice {
        name: ALL_NAME.to_string(),
        value: ChoiceValue::String(ALL.to_string()),
    });
    let texts: Vec<_> = if typed.is_empty() {
        library.texts.iter().collect()
    } else {
        engine
            .text_names()
            .rank(library, typed)
            .into_iter()
            .filter(|(score, _)| *score >= 0.45)
            .map(|(_, t)| t)
            .collect()
    };
    all.into_iter()
        .chain(texts.into_iter().map(|t| Choice {
            name: markup::cut(&t.title, crate::engine::complete::MAX_CHOICE_CHARS),
            value: ChoiceValue::String(t.id.clone()),
        }))
        .take(MAX_CHOICES)
        .collect()
}

/// Whether what was typed may be the start of "All texts" (or nothing yet).
fn all_matches(typed: &str) -> bool {
    let typed = typed.to_lowercase();
    ALL_NAME.to_lowercase().starts_with(&typed) || typed == ALL
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
