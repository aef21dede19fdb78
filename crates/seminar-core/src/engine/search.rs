//! `/search`: ranked passages with highlighted snippets and citations; a typo is corrected, and a
//! search that finds nothing gets suggestions instead of an empty reply. Sections past the group's
//! reading position are held back, and said to be, unless `spoilers:true` is asked for.

use crate::engine::command::{Bounds, CommandSpec, Opt, OptionSpec, ReplyTraits};
use crate::engine::commands::{Lookup, MAX_QUERY_LENGTH};
use crate::engine::custom_id::Action;
use crate::engine::guard::{self, Guard};
use crate::engine::{Book, Button, Context, EngineError, Entry, Invocation, Reply};
use crate::index::{Hit, UserQuery};
use crate::markup;

/// Results per page.
pub const PAGE_SIZE: usize = 5;
/// Most characters of each snippet.
const SNIPPET_CHARS: usize = 500;

/// Words, a question or a quoted phrase.
pub const QUERY: Opt<String> = Opt::string("query");

/// `/search`, declared.
pub const COMMAND: Lookup = Lookup { spec, run };

fn spec(_: &Bounds) -> CommandSpec {
    CommandSpec {
        name: "search",
        description: "Find the passages that speak to a question or phrase, in your own words.",
        options: vec![
            QUERY
                .spec("Words, a question, or a \"quoted phrase\".")
                .required()
                .max_length(MAX_QUERY_LENGTH),
            OptionSpec::text(),
            OptionSpec::spoilers(),
            OptionSpec::private(),
        ],
        examples: &[
            "/search strait of hormuz",
            "/search why are oil prices rising",
            "/search \"managed instability\"",
        ],
        free_text: &["query"],
        reply: ReplyTraits {
            guarded: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Answers `/search query:… [spoilers]`.
pub fn run(
    book: &Book<'_>,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
    let query = invocation.get(QUERY).unwrap_or_default();
    page(book, &query, 1, Guard::of(invocation, context))
}

/// Page `page` (1-based) of the results for `query` that the guard allows.
pub fn page(book: &Book<'_>, input: &str, page: u32, guard: Guard) -> Result<Reply, EngineError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(Reply::user_error(
            "What should I look for? e.g. `/search strait of hormuz` or `/search why would talks fail`.",
        ));
    }
    let input: String = input.chars().take(usize::from(MAX_QUERY_LENGTH)).collect();
    let index = book.index();
    let (query, mut hits, note) = search_with_corrections(book, &input)?;
    if hits.is_empty() {
        return Ok(no_results(book, &input, &query));
    }
    let before = hits.len();
    hits.retain(|hit| guard.allows(index.passages()[hit.passage].section));
    let held_back = before - hits.len();
    if hits.is_empty() {
        return Ok(Reply::user_error(format!(
            "Only later sections match “{}”: {} {}. Add `spoilers:true` to see them.",
            markup::escape(&input),
            guard::sections(held_back),
            guard.past(),
        )));
    }

    let pages = hits.len().div_ceil(PAGE_SIZE).max(1);
    let page = (page as usize).clamp(1, pages);
    let shown = &hits[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(hits.len())];
    let text = book.text();
    let entries = shown
        .iter()
        .filter_map(|hit| {
            let passage = &index.passages()[hit.passage];
            let section = text.section(passage.section)?;
            Some(
                Entry::new(
                    book.cite(section),
                    index.highlight(&query, hit.passage, SNIPPET_CHARS),
                )
                .with_button(read_button(book, section.number)),
            )
        })
        .collect();
    let first = (page - 1) * PAGE_SIZE + 1;
    let last = first + shown.len() - 1;
    let count = hits.len();
    let mut body = note.map(|n| format!("{n}\n\n")).unwrap_or_default();
    body.push_str(&match count {
        1 => "1 section speaks to this.".to_string(),
        n if pages == 1 => format!("{n} sections speak to this, best first."),
        n => format!("{n} sections speak to this, best first; showing {first}–{last}."),
    });
    let note = (held_back > 0).then(|| {
        format!(
            "{} more {} {}; {}.",
            held_back,
            if held_back == 1 {
                "section matches"
            } else {
                "sections match"
            },
            guard.past(),
            guard::HINT
        )
    });

    let buttons = buttons(book, &input, page, pages, guard.spoilers);
    Ok(Reply {
        title: Some(markup::cut(
            &format!("Search: {}", markup::escape(&input)),
            200,
        )),
        body,
        note,
        entries,
        footer: Some(format!("{} · page {page} of {pages}", text.title)),
        buttons: if buttons.is_empty() {
            Vec::new()
        } else {
            vec![buttons]
        },
        ..Reply::default()
    })
}

/// Searches `input`; when some of its words are unknown to the text but close to words it uses,
/// searches the corrected words instead and says so in the returned note.
fn search_with_corrections(
    book: &Book<'_>,
    input: &str,
) -> Result<(UserQuery, Vec<Hit>, Option<String>), EngineError> {
    let index = book.index();
    let query = index.parse(book.position(), input);
    // The corrected query is tried first: the unknown words cannot match anything anyway.
    if let Some(correction) = index.vocabulary(book.position()).correct(&query.words) {
        let retry = index.parse(book.position(), &correction.words);
        let retry_hits = best_per_section(book, &retry)?;
        if !retry_hits.is_empty() {
            let note = format!(
                "Showing results for “{}”.",
                markup::escape(&respell(input, &correction.changes))
            );
            return Ok((retry, retry_hits, Some(note)));
        }
    }
    let hits = best_per_section(book, &query)?;
    Ok((query, hits, None))
}

/// "Read §N": opens the section a result cites; it sits beside the result.
fn read_button(book: &Book<'_>, number: u32) -> Button {
    Button::new(
        format!("Read §{number}"),
        Action::Open { section: number }.encode_for(book.tag()),
    )
}

/// Previous/More buttons when there are several pages.
fn buttons(book: &Book<'_>, input: &str, page: usize, pages: usize, spoilers: bool) -> Vec<Button> {
    let mut buttons = Vec::new();
    let to_page = |page: usize| {
        Action::Search {
            page: u32::try_from(page).unwrap_or(u32::MAX),
            query: input.to_string(),
            spoilers,
        }
        .encode_for(book.tag())
    };
    if pages > 1 {
        buttons.push(
            Button::new("◀ Previous", to_page(page.saturating_sub(1).max(1))).disabled(page == 1),
        );
        buttons.push(
            Button::new("More results ▶", to_page((page + 1).min(pages)))
                .primary()
                .disabled(page == pages),
        );
    }
    buttons
}

/// `input` with each corrected word replaced, keeping everything else as typed.
fn respell(input: &str, corrections: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let replacement = corrections
            .iter()
            .find(|(from, _)| from.eq_ignore_ascii_case(word) || *from == word.to_lowercase())
            .map(|(_, to)| *to);
        out.push_str(replacement.unwrap_or(word));
        word.clear();
    };
    for c in input.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The best passage of each matching section, best section first.
pub fn best_per_section(book: &Book<'_>, query: &UserQuery) -> Result<Vec<Hit>, EngineError> {
    Ok(book
        .index()
        .search_sections(query, &book.filter())?
        .into_iter()
        .map(|h| Hit {
            passage: h.passage,
            score: h.score,
        })
        .collect())
}

fn no_results(book: &Book<'_>, input: &str, query: &UserQuery) -> Reply {
    let text = book.text();
    let mut message = format!("No passage matches “{}”.", markup::escape(input));
    if query.phrases.iter().any(|p| p.len() > 1) {
        message
            .push_str(" The exact phrase in quotes does not occur; try the words without quotes.");
    }
    message.push_str("\n\nYou could:\n- use fewer or more general words");
    if !text.actors.is_empty() {
        let names: Vec<&str> = text
            .actors
            .iter()
            .take(6)
            .map(|a| a.name.as_str())
            .collect();
        message.push_str(&format!(
            "\n- look up an actor: `/actor {}` ({})",
            names[0].to_lowercase(),
            names.join(", ")
        ));
    }
    if !text.themes.is_empty() {
        let themes: Vec<&str> = text.themes.iter().map(|t| t.name.as_str()).collect();
        message.push_str(&format!(
            "\n- ask for a prompt on a theme: `/question theme:…` ({})",
            themes.join(", ")
        ));
    }
    message.push_str("\n- browse the sections: `/outline`");
    Reply::user_error(message)
}
