//! `/search text:all`: one query over every text of the library, its results ranked together and
//! each naming its text.
//!
//! How the words are read: a text's query parse knows its actors' names (`tehran` is Iran) and
//! its vocabulary corrects typos. Over the library the parse uses the server's text for both:
//! that is the text the group reads, so its names are the ones its members type, and building
//! every text's name matcher and vocabulary for one query would cost a large library hundreds of
//! megabytes (each is kept per text, see `index::kept`). Other texts' passages still match the
//! words as typed, and an actor's id matches wherever a text tagged it. A word is corrected only
//! when no text of the library has it, so a word that is right in some text is never "fixed".

use std::collections::HashMap;

use super::words::Correction;
use super::{Scope, page};
use crate::engine::guard::Guard;
use crate::engine::search::QUERY;
use crate::engine::{Book, Context, Engine, EngineError, Invocation, Reply, texts};
use crate::index::{Hit, UserQuery};
use crate::markup;

/// The footer's name for the scope.
pub(super) const FOOTER: &str = "All texts";

/// Answers `/search query:… text:all [spoilers]`, with the guard of the server's text.
pub fn run_library(
    engine: &Engine,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
    let query = invocation.get(QUERY).unwrap_or_default();
    let group = texts::group_text(engine, context);
    page(
        Scope::Library { group },
        &query,
        1,
        Guard::of(invocation, context),
    )
}

/// The words no text of the library has, corrected toward the words of the group's text.
pub(super) fn correct(group: &Book<'_>, words: &[String]) -> Option<Correction> {
    let index = group.index();
    let vocabulary = index.vocabulary(group.position());
    Correction::of(words, |word| {
        if index.library_knows(word) {
            None
        } else {
            vocabulary.suggest(word).map(str::to_string)
        }
    })
}

/// " From 2 texts: US–Iran Talks (4), Federalist (7)." in order of each text's best result.
pub(super) fn texts_found(scope: &Scope<'_>, hits: &[Hit]) -> String {
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut at: HashMap<usize, usize> = HashMap::new();
    for hit in hits {
        let text = scope.book_of(hit).position();
        let i = *at.entry(text).or_insert_with(|| {
            order.push((text, 0));
            order.len() - 1
        });
        order[i].1 += 1;
    }
    let library = scope.engine().library();
    let named: Vec<String> = order
        .iter()
        .map(|(text, count)| format!("{} ({count})", library.texts[*text].short))
        .collect();
    match named.len() {
        1 => format!(" All from {}.", named[0]),
        n => format!(" From {n} texts: {}.", named.join(", ")),
    }
}

/// A search of every text that found nothing.
pub(super) fn no_results(input: &str, query: &UserQuery) -> Reply {
    let mut message = format!(
        "No passage of any text matches “{}”.",
        markup::escape(input)
    );
    if query.phrases.iter().any(|p| p.len() > 1) {
        message
            .push_str(" The exact phrase in quotes does not occur; try the words without quotes.");
    }
    message.push_str(
        "\n\nYou could:\n- use fewer or more general words\n- browse a text's sections: `/outline text:…`",
    );
    Reply::user_error(message)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::OnceLock;

    use super::*;

    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            // The texts live at the workspace root, two levels above this crate.
            Engine::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"))
                .expect("bundled")
        })
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_typo_no_text_has_is_corrected_toward_the_groups_text() {
        let essay = engine().book();
        let correction = correct(&essay, &words("strait hormoz")).unwrap();
        assert_eq!(correction.words, "strait hormuz");
        assert_eq!(
            correction.changes,
            [("hormoz".to_string(), "hormuz".to_string())]
        );
    }

    #[test]
    fn a_word_another_text_has_is_never_corrected() {
        let essay = engine().book();
        // The essay alone would "correct" them to words of its own; they are the Federalist's.
        let vocabulary = engine().index().vocabulary(essay.position());
        assert_eq!(vocabulary.suggest("senate"), Some("sense"));
        assert_eq!(vocabulary.suggest("treaty"), Some("threat"));
        assert_eq!(correct(&essay, &words("senate treaty")), None);
    }

    #[test]
    fn the_library_knows_the_words_of_every_text_in_any_form() {
        let index = engine().index();
        for word in ["hormuz", "faction", "Factions", "insurance", "the"] {
            assert!(index.library_knows(word), "{word}");
        }
        assert!(!index.library_knows("hormoz"));
    }

    #[test]
    fn the_guard_of_a_search_of_every_text_is_the_group_texts() {
        let engine = engine();
        let invocation =
            crate::engine::invocation::parse_line("/search war text:all", engine.commands())
                .unwrap();
        let context = Context {
            reading: Some(1),
            text: Some("federalist".into()),
            ..Context::default()
        };
        let reply = run_library(engine, &invocation, &context).unwrap();
        let note = reply.note.unwrap();
        assert!(
            note.contains("sections of Federalist match past §1"),
            "{note}"
        );
        assert!(
            reply
                .entries
                .iter()
                .all(|e| !e.heading.starts_with("Federalist §")
                    || e.heading.starts_with("Federalist §1 ")),
            "{:?}",
            reply.entries
        );
    }
}
