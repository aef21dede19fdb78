//! `/search`: ranked passages with highlighted snippets and citations; a typo is corrected, and a
//! search that finds nothing gets suggestions instead of an empty reply. Sections past the group's
//! reading position are held back, and said to be, unless `spoilers:true` is asked for.
//! `text:all` searches every text at once ([`Scope::Library`]).

mod library;
mod words;

use crate::content::model::Section;
use crate::engine::command::{Bounds, CommandSpec, Opt, OptionSpec, ReplyTraits};
use crate::engine::commands::{Lookup, MAX_QUERY_LENGTH};
use crate::engine::custom_id::{Action, Target};
use crate::engine::guard::{self, Guard};
use crate::engine::{Book, Button, Context, Engine, EngineError, Entry, Invocation, Reply};
use crate::index::{Filter, Hit, UserQuery};
use crate::markup;
pub use library::run_library;

/// The command's name.
pub const NAME: &str = "search";
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
        name: NAME,
        description: "Find the passages that speak to a question or phrase, in your own words.",
        options: vec![
            QUERY
                .spec("Words, a question, or a \"quoted phrase\".")
                .required()
                .max_length(MAX_QUERY_LENGTH),
            OptionSpec {
                description: "Which text (default: your server's), or \"all\" for every text. Start typing its title.",
                ..OptionSpec::text()
            },
            OptionSpec::spoilers(),
            OptionSpec::private(),
        ],
        examples: &[
            "/search strait of hormuz",
            "/search why are oil prices rising",
            "/search \"managed instability\"",
            "/search balance of power text:all",
        ],
        free_text: &["query"],
        reply: ReplyTraits {
            guarded: true,
            ..ReplyTraits::default()
        },
        ..CommandSpec::default()
    }
}

/// Where a search looks.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// One text.
    Text(Book<'a>),
    /// Every text of the library, ranked together. `group` is the text the server reads: the
    /// guard holds back its later sections only, and the query's words are read as in it
    /// (see [`library`]).
    Library { group: Book<'a> },
}

impl<'a> Scope<'a> {
    /// The text whose names and words the query is read with.
    fn reading(&self) -> Book<'a> {
        match *self {
            Scope::Text(book) | Scope::Library { group: book } => book,
        }
    }

    fn engine(&self) -> &'a Engine {
        self.reading().engine()
    }

    fn filter(&self) -> Filter {
        match self {
            Scope::Text(book) => book.filter(),
            Scope::Library { .. } => Filter::library(),
        }
    }

    /// The book a hit belongs to.
    fn book_of(&self, hit: &Hit) -> Book<'a> {
        let text = self.engine().index().passages()[hit.passage].text;
        Book::new(self.engine(), text)
    }

    /// Whether the guard may hold this hit back: it is in the text the guard's position is about.
    fn guarded(&self, hit: &Hit) -> bool {
        match self {
            Scope::Text(_) => true,
            Scope::Library { group } => self.book_of(hit).position() == group.position(),
        }
    }

    /// How a result cites its section: over every text, each names its text.
    fn cite(&self, book: &Book<'_>, section: &Section) -> String {
        match self {
            Scope::Text(_) => book.cite(section),
            Scope::Library { .. } => book.cite_named(section),
        }
    }

    /// What "More results" is about.
    fn target(&self) -> Target {
        match self {
            Scope::Text(book) => book
                .tag()
                .map_or(Target::Default, |t| Target::Text(t.into())),
            Scope::Library { .. } => Target::Library,
        }
    }
}

/// Answers `/search query:… [spoilers]`.
pub fn run(
    book: &Book<'_>,
    invocation: &Invocation,
    context: &Context,
) -> Result<Reply, EngineError> {
    let query = invocation.get(QUERY).unwrap_or_default();
    page(
        Scope::Text(*book),
        &query,
        1,
        Guard::of(invocation, context),
    )
}

/// Page `page` (1-based) of the results for `query` that the guard allows.
pub fn page(scope: Scope<'_>, input: &str, page: u32, guard: Guard) -> Result<Reply, EngineError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(Reply::user_error(
            "What should I look for? e.g. `/search strait of hormuz` or `/search why would talks fail`.",
        ));
    }
    let input: String = input.chars().take(usize::from(MAX_QUERY_LENGTH)).collect();
    let index = scope.engine().index();
    let (query, mut hits, note) = search_with_corrections(&scope, &input)?;
    if hits.is_empty() {
        return Ok(match scope {
            Scope::Text(book) => no_results(&book, &input, &query),
            Scope::Library { .. } => library::no_results(&input, &query),
        });
    }
    let before = hits.len();
    hits.retain(|hit| !scope.guarded(hit) || guard.allows(index.passages()[hit.passage].section));
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
    let entries = shown
        .iter()
        .filter_map(|hit| {
            let book = scope.book_of(hit);
            let section = book.text().section(index.passages()[hit.passage].section)?;
            Some(
                Entry::new(
                    scope.cite(&book, section),
                    index.highlight(&query, hit.passage, SNIPPET_CHARS),
                )
                .with_button(read_button(&book, section.number)),
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
    if let Scope::Library { .. } = scope {
        body.push_str(&library::texts_found(&scope, &hits));
    }
    let note = (held_back > 0).then(|| {
        let of_text = match scope {
            Scope::Text(_) => String::new(),
            Scope::Library { group } => format!(" of {}", group.text().short),
        };
        format!(
            "{} more {}{of_text} {} {}; {}.",
            held_back,
            if held_back == 1 {
                "section"
            } else {
                "sections"
            },
            if held_back == 1 { "matches" } else { "match" },
            guard.past(),
            guard::HINT
        )
    });

    let buttons = buttons(&scope.target(), &input, page, pages, guard.spoilers);
    let (title, footer) = match scope {
        Scope::Text(book) => ("Search", book.text().title.clone()),
        Scope::Library { .. } => ("Search all texts", library::FOOTER.to_string()),
    };
    Ok(Reply {
        title: Some(markup::cut(
            &format!("{title}: {}", markup::escape(&input)),
            200,
        )),
        body,
        note,
        entries,
        footer: Some(format!("{footer} · page {page} of {pages}")),
        buttons: if buttons.is_empty() {
            Vec::new()
        } else {
            vec![buttons]
        },
        ..Reply::default()
    })
}

/// Searches `input`; when some of its words are unknown but close to known words, searches the
/// corrected words instead and says so in the returned note.
fn search_with_corrections(
    scope: &Scope<'_>,
    input: &str,
) -> Result<(UserQuery, Vec<Hit>, Option<String>), EngineError> {
    let reading = scope.reading();
    let query = reading.parse(input);
    // The corrected query is tried first: the unknown words cannot match anything anyway.
    let correction = match scope {
        Scope::Text(book) => words::correct_in_text(book, &query.words),
        Scope::Library { group } => library::correct(group, &query.words),
    };
    if let Some(correction) = correction {
        let retry = reading.parse(&correction.words);
        let retry_hits = best_sections(scope.engine(), &retry, &scope.filter())?;
        if !retry_hits.is_empty() {
            let note = format!(
                "Showing results for “{}”.",
                markup::escape(&words::respell(input, &correction.changes))
            );
            return Ok((retry, retry_hits, Some(note)));
        }
    }
    let hits = best_sections(scope.engine(), &query, &scope.filter())?;
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
fn buttons(target: &Target, input: &str, page: usize, pages: usize, spoilers: bool) -> Vec<Button> {
    let mut buttons = Vec::new();
    let to_page = |page: usize| {
        Action::Search {
            page: u32::try_from(page).unwrap_or(u32::MAX),
            query: input.to_string(),
            spoilers,
        }
        .encode_in(target)
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

/// The best passage of each matching section, best section first.
pub fn best_per_section(book: &Book<'_>, query: &UserQuery) -> Result<Vec<Hit>, EngineError> {
    best_sections(book.engine(), query, &book.filter())
}

/// The best passage of each matching section within `filter`, best section first.
fn best_sections(
    engine: &Engine,
    query: &UserQuery,
    filter: &Filter,
) -> Result<Vec<Hit>, EngineError> {
    Ok(engine
        .index()
        .search_sections(query, filter)?
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
