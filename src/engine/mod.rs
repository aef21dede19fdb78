//! The engine: a command and its options in, a neutral reply out. Pure: no Discord, no I/O.

pub mod actor;
pub mod commands;
pub mod complete;
pub mod custom_id;
pub mod discussion;
pub mod find;
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

use std::path::Path;

use crate::content::model::{Library, Section, Text};
use crate::content::{ContentError, load_library};
use crate::index::{IndexError, SearchIndex};
use commands::CommandSpec;
use custom_id::{Action, DecodeError};
pub use invocation::{Context, Invocation, Value};
pub use reply::{Button, ButtonStyle, Choice, ChoiceValue, Entry, Reply};
use resolve::Resolver;

/// A failure that is not the user's doing. Frontends log it with an id and show an apology.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// The loaded library and its index, ready to answer commands.
#[derive(Debug)]
pub struct Engine {
    library: Library,
    index: SearchIndex,
    table: Vec<CommandSpec>,
    resolver: Resolver,
    /// Related sections of the default text, by section number (index 0 unused).
    related: Vec<Vec<u32>>,
}

impl Engine {
    /// Indexes a loaded library.
    pub fn new(library: Library) -> Result<Engine, EngineError> {
        let index = SearchIndex::build(&library)?;
        let table = commands::table(library.default_text());
        let related = related::all(&library, &index, 0)?;
        let resolver = Resolver::new(library.default_text());
        Ok(Engine {
            library,
            index,
            table,
            resolver,
            related,
        })
    }

    /// Loads and indexes the content directory at `dir`.
    pub fn load(dir: &Path) -> Result<Engine, EngineError> {
        Engine::new(load_library(dir)?)
    }

    /// The library being served.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The text commands answer about.
    pub fn text(&self) -> &Text {
        self.library.default_text()
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Finds sections, actors and themes by name.
    pub fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    /// Every command, as registered and as `/help` lists them.
    pub fn commands(&self) -> &[CommandSpec] {
        &self.table
    }

    /// Sections related to this one, most related first.
    pub fn related(&self, section: u32) -> &[u32] {
        self.related
            .get(section as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Answers a command; `private:true` makes any reply private.
    pub fn answer(&self, invocation: &Invocation, context: &Context) -> Result<Reply, EngineError> {
        let mut reply = self.dispatch(invocation, context)?;
        if invocation.boolean("private") == Some(true) {
            reply.private = true;
        }
        Ok(reply)
    }

    fn dispatch(&self, invocation: &Invocation, context: &Context) -> Result<Reply, EngineError> {
        match invocation.command.as_str() {
            commands::FIND_IN_TEXT => find::run(self, invocation),
            "section" => section::run(self, invocation),
            "actor" => actor::run(self, invocation, context),
            "question" => question::run(self, invocation, context),
            "search" => search::run(self, invocation, context),
            "outline" => Ok(outline::run(self)),
            "help" => Ok(help::run(self, invocation)),
            name if commands::find(&self.table, name).is_some_and(|c| c.guild_only) => {
                Ok(Reply::user_error(format!(
                    "/{name} works in a Discord server, where Seminar keeps your group's discussions, plans and settings."
                )))
            }
            other => Ok(Reply::user_error(format!(
                "There is no command /{}. See /help.",
                crate::markup::escape(other)
            ))),
        }
    }

    /// Answers a button press; the reply replaces the message the button was on.
    pub fn press(&self, custom_id: &str, context: &Context) -> Result<Reply, EngineError> {
        match Action::decode(custom_id) {
            Ok(Action::Page { section, page }) => {
                Ok(self.section_or_gone(section, |s| section::page(self, s, page)))
            }
            Ok(Action::Open { section }) => {
                Ok(self.section_or_gone(section, |s| section::page(self, s, 1)))
            }
            Ok(Action::Prompt { scope, after }) => question::another(self, &scope, after, context),
            Ok(Action::Search {
                page,
                query,
                spoilers,
            }) => search::page(self, &query, page, guard::Guard::new(spoilers, context)),
            Err(DecodeError::Version) => Ok(Reply::user_error(
                "This button is from an older version of Seminar. Run the command again for a fresh one.",
            )),
            Err(DecodeError::Malformed) => Ok(Reply::user_error(
                "This button is not one Seminar understands.",
            )),
        }
    }

    /// Whether answering this command may show a prompt, so that the caller should look up the
    /// recent prompts for its `Context` (they cost a database read).
    pub fn command_shows_prompts(&self, invocation: &Invocation) -> bool {
        matches!(invocation.command.as_str(), "question" | "actor")
    }

    /// Whether this button press may show a prompt (see [`Engine::command_shows_prompts`]).
    pub fn press_shows_prompts(&self, custom_id: &str) -> bool {
        matches!(Action::decode(custom_id), Ok(Action::Prompt { .. }))
    }

    /// Whether this command may hold sections back for the group's reading position, so that the
    /// caller should look the position up (a database read).
    pub fn command_is_guarded(&self, invocation: &Invocation) -> bool {
        matches!(invocation.command.as_str(), "search" | "actor" | "question")
            && invocation.boolean("spoilers") != Some(true)
    }

    /// Whether this button press may be guarded (see [`Engine::command_is_guarded`]).
    pub fn press_is_guarded(&self, custom_id: &str) -> bool {
        matches!(
            Action::decode(custom_id),
            Ok(Action::Search { .. } | Action::Prompt { .. })
        )
    }

    /// Suggestions for the option being typed (at most 25).
    pub fn complete(&self, invocation: &Invocation) -> Vec<Choice> {
        complete::run(self, invocation)
    }

    fn section_or_gone(&self, number: u32, show: impl FnOnce(&Section) -> Reply) -> Reply {
        match self.text().section(number) {
            Some(section) => show(section),
            None => Reply::user_error(format!(
                "§{number} no longer exists: the text now has {} sections. Try /outline.",
                self.text().last_section()
            )),
        }
    }
}
