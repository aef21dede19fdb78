//! The engine: a command and its options in, a neutral reply out. Pure: no Discord, no I/O.

pub mod actor;
pub mod book;
pub mod command;
pub mod commands;
pub mod complete;
pub mod custom_id;
pub mod discussion;
pub mod find;
pub mod form;
pub mod guard;
pub mod help;
pub mod invocation;
pub mod outline;
pub mod question;
pub mod related;
pub mod reply;
pub mod resolve;
pub mod search;
pub mod section;
pub mod study_commands;
pub mod texts;
pub mod typed;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::content::model::{Library, Section, Text};
use crate::content::{ContentError, Tree, load_library, load_library_with};
use crate::index::{IndexError, SearchIndex};
use book::Aids;
pub use book::Book;
use commands::{CommandSpec, Lookup};
use custom_id::{Action, DecodeError, Target};
pub use invocation::{Context, Invocation, Value};
pub use reply::{Button, ButtonStyle, Choice, ChoiceValue, Entry, Reply};
use resolve::TextNames;

/// A failure that is not the user's doing. Frontends log it with an id and show an apology.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Stored(#[from] crate::index::stored::StoredError),
}

/// Where the engine's library comes from and how it is indexed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The content: a folder holding a library of texts or one text, or the bundled texts.
    pub content: Tree,
    /// A folder for a persistent index, reused while the content is unchanged; `None`: in RAM.
    pub index_dir: Option<PathBuf>,
    /// The id of the text commands use when a server chose none; `None`: the content's default.
    pub default_text: Option<String>,
}

/// The loaded library and its index, ready to answer commands.
#[derive(Debug)]
pub struct Engine {
    /// The index, which owns the library.
    index: SearchIndex,
    table: Vec<CommandSpec>,
    /// The lookups' handlers, by command name.
    lookups: Vec<(&'static str, Lookup)>,
    /// What is worked out per text on first use, for the texts used most recently.
    aids: Aids,
    text_names: TextNames,
    /// Where the library was loaded from, as logs and probes name it.
    content: String,
}

impl Engine {
    /// Indexes a loaded library in RAM.
    pub fn new(library: Library) -> Result<Engine, EngineError> {
        Ok(Engine::with_index(SearchIndex::build(library)?))
    }

    /// Serves a library with the index built for it (which holds it).
    pub fn with_index(index: SearchIndex) -> Engine {
        let table = commands::table(index.library());
        let engine = Engine {
            aids: Aids::default(),
            text_names: TextNames::new(index.library()),
            index,
            table,
            content: "memory".to_string(),
            lookups: commands::LOOKUPS.iter().map(|l| (l.name(), *l)).collect(),
        };
        // The default text answers the first command without a pause.
        let book = engine.book();
        book.resolver();
        book.related(1);
        engine
    }

    /// Loads and indexes the content directory at `dir`, in RAM.
    pub fn load(dir: &Path) -> Result<Engine, EngineError> {
        let mut engine = Engine::new(load_library(dir)?)?;
        engine.content = dir.display().to_string();
        Ok(engine)
    }

    /// Loads the library `source` names and indexes it (or reopens its index on disk).
    pub fn open(source: &Source) -> Result<Engine, EngineError> {
        let default_text = source.default_text.as_deref();
        let index = match &source.index_dir {
            None => SearchIndex::build(load_library_with(&source.content, default_text)?)?,
            Some(dir) => {
                let started = std::time::Instant::now();
                let (index, origin) = crate::index::stored::open(
                    &source.content,
                    dir,
                    default_text,
                )
                .map_err(|e| match e {
                    crate::index::stored::StoredError::Content(e) => EngineError::Content(e),
                    e => EngineError::Stored(e),
                })?;
                tracing::info!(
                    dir = %dir.display(), ?origin, ms = started.elapsed().as_millis() as u64,
                    "search index ready"
                );
                index
            }
        };
        let mut engine = Engine::with_index(index);
        engine.content = source.content.to_string();
        Ok(engine)
    }

    /// Where the library was loaded from: a folder's path, `bundled` for the texts compiled into
    /// the binary, or `memory` for a library given as it is.
    pub fn content(&self) -> &str {
        &self.content
    }

    /// The library being served.
    pub fn library(&self) -> &Library {
        self.index.library()
    }

    /// The library's default text.
    pub fn text(&self) -> &Text {
        self.library().default_text()
    }

    /// The library's default text, ready for commands.
    pub fn book(&self) -> Book<'_> {
        Book::new(self, self.library().default)
    }

    /// The text with this id, ready for commands.
    pub fn book_of(&self, id: &str) -> Option<Book<'_>> {
        self.library().position(id).map(|p| Book::new(self, p))
    }

    /// The text with this id, else the library's default (a text removed since it was chosen).
    pub fn book_or_default(&self, id: Option<&str>) -> Book<'_> {
        id.and_then(|id| self.book_of(id))
            .unwrap_or_else(|| self.book())
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub(crate) fn aids(&self) -> &Aids {
        &self.aids
    }

    /// Finds texts by id, short name or title.
    pub fn text_names(&self) -> &TextNames {
        &self.text_names
    }

    /// Every command, as registered and as `/help` lists them.
    pub fn commands(&self) -> &[CommandSpec] {
        &self.table
    }

    /// Answers a command; `private:true` makes any reply private.
    pub fn answer(&self, invocation: &Invocation, context: &Context) -> Result<Reply, EngineError> {
        let mut reply = self.dispatch(invocation, context)?;
        let takes_private = self
            .spec_of(invocation)
            .is_some_and(|spec| spec.option(command::PRIVATE.name).is_some());
        if takes_private && invocation.get(command::PRIVATE) == Some(true) {
            reply.private = true;
        }
        Ok(reply)
    }

    /// Runs the command's handler from the registry, in the text it asks about (if it takes
    /// `text:`) or else the group's.
    fn dispatch(&self, invocation: &Invocation, context: &Context) -> Result<Reply, EngineError> {
        let name = invocation.command.as_str();
        let Some(spec) = self.spec_of(invocation) else {
            return Ok(Reply::user_error(format!(
                "There is no command /{}. See /help.",
                crate::markup::escape(name)
            )));
        };
        let Some((_, lookup)) = self.lookups.iter().find(|(n, _)| *n == spec.name) else {
            return Ok(Reply::user_error(format!(
                "/{name} works in a Discord server, where Seminar keeps your group's discussions, plans and settings."
            )));
        };
        if spec.option(command::TEXT.name).is_none() {
            return (lookup.run)(&texts::group_text(self, context), invocation, context);
        }
        // Every text at once is a scope of its own, not a text: only `/search` has it.
        if texts::takes_all(spec.name) && texts::asks_for_all(invocation) {
            return search::run_library(self, invocation, context);
        }
        let book = match texts::choose(self, invocation, context) {
            Ok(book) => book,
            Err(reply) => return Ok(*reply),
        };
        (lookup.run)(&book, invocation, &self.context_in(&book, context))
    }

    /// The form `invocation` opens instead of an answer (`/suggest` without text), in the
    /// group's text, if it opens one.
    pub fn form(&self, invocation: &Invocation, context: &Context) -> Option<form::Form> {
        let book = self.book_or_default(context.text.as_deref());
        form::suggest_form(&book, invocation, context)
    }

    /// The declaration of the command `invocation` names.
    pub fn spec_of(&self, invocation: &Invocation) -> Option<&CommandSpec> {
        commands::named(&self.table, &invocation.command)
    }

    /// The caller's context for a lookup in `book`: as it is for the text the group reads, else
    /// without the group's reading position and prompts, which belong to that text.
    fn context_in<'c>(&self, book: &Book<'_>, context: &'c Context) -> Cow<'c, Context> {
        if texts::group_text(self, context).position() == book.position() {
            Cow::Borrowed(context)
        } else {
            Cow::Owned(context.elsewhere())
        }
    }

    /// Answers a button press; the reply replaces the message the button was on.
    pub fn press(&self, custom_id: &str, context: &Context) -> Result<Reply, EngineError> {
        let (target, action) = match Action::decode_target(custom_id) {
            Ok(decoded) => decoded,
            Err(e) => return Ok(Self::undecodable(e)),
        };
        let book = match target {
            Target::Default => self.book(),
            Target::Text(id) => match self.book_of(&id) {
                Some(book) => book,
                None => {
                    return Ok(Reply::user_error(
                        "The text this button belongs to is no longer in the library. See /outline for what is.",
                    ));
                }
            },
            // Only a search decodes as about every text; the guard is the group text's.
            Target::Library => {
                let Action::Search {
                    page,
                    query,
                    spoilers,
                } = action
                else {
                    return Ok(Self::undecodable(DecodeError::Malformed));
                };
                let scope = search::Scope::Library {
                    group: texts::group_text(self, context),
                };
                return search::page(scope, &query, page, guard::Guard::new(spoilers, context));
            }
        };
        let context = &*self.context_in(&book, context);
        match action {
            Action::Page { section, page } => Ok(section_or_gone(&book, section, |s| {
                section::page(&book, s, page)
            })),
            Action::Open { section } => Ok(section_or_gone(&book, section, |s| {
                section::page(&book, s, 1)
            })),
            Action::Prompt { scope, after } => question::another(&book, &scope, after, context),
            Action::Search {
                page,
                query,
                spoilers,
            } => search::page(
                search::Scope::Text(book),
                &query,
                page,
                guard::Guard::new(spoilers, context),
            ),
            Action::Find { passages, words } => Ok(find::again(&book, &passages, &words)),
        }
    }

    fn undecodable(error: DecodeError) -> Reply {
        match error {
            DecodeError::Version => Reply::user_error(
                "This button is from an older version of Seminar. Run the command again for a fresh one.",
            ),
            DecodeError::Malformed => {
                Reply::user_error("This button is not one Seminar understands.")
            }
        }
    }

    /// Whether answering this command may show a prompt, so that the caller should look up the
    /// recent prompts for its `Context` (they cost a database read).
    pub fn command_shows_prompts(&self, invocation: &Invocation) -> bool {
        self.spec_of(invocation)
            .is_some_and(|spec| spec.reply.shows_prompts)
    }

    /// Whether this button press may show a prompt (see [`Engine::command_shows_prompts`]).
    pub fn press_shows_prompts(&self, custom_id: &str) -> bool {
        matches!(
            Action::decode_target(custom_id),
            Ok((_, Action::Prompt { .. }))
        )
    }

    /// Whether this command may hold sections back for the group's reading position, so that the
    /// caller should look the position up (a database read).
    pub fn command_is_guarded(&self, invocation: &Invocation) -> bool {
        self.spec_of(invocation)
            .is_some_and(|spec| spec.reply.guarded)
            && invocation.get(command::SPOILERS) != Some(true)
    }

    /// Whether this button press may be guarded (see [`Engine::command_is_guarded`]): whatever
    /// text it names, since the group may read that one.
    pub fn press_is_guarded(&self, custom_id: &str) -> bool {
        matches!(
            Action::decode_target(custom_id),
            Ok((_, Action::Search { .. } | Action::Prompt { .. }))
        )
    }

    /// Suggestions for the option being typed (at most 25), about the text the invocation names or
    /// else the caller's group reads.
    pub fn complete(&self, invocation: &Invocation, context: &Context) -> Vec<Choice> {
        complete::run(self, invocation, context)
    }
}

/// Shows a section of `book`, or says it no longer exists (a button from before an edit).
fn section_or_gone(book: &Book<'_>, number: u32, show: impl FnOnce(&Section) -> Reply) -> Reply {
    match book.text().section(number) {
        Some(section) => show(section),
        None => Reply::user_error(format!(
            "{} no longer exists: {} now has {} sections. Try /outline.",
            book.cite_number(number),
            book.text().title,
            book.text().last_section()
        )),
    }
}
