//! One text of the library as a command sees it: the text, its place in the shared index, its
//! name resolver and related sections, and how its citations and buttons name it.

use crate::content::model::{Library, Section, Text};
use crate::engine::Engine;
use crate::engine::commands::CommandSpec;
use crate::engine::related;
use crate::engine::resolve::Resolver;
use crate::index::kept::{Kept, PerText};
use crate::index::{Filter, SearchIndex, UserQuery};

/// What the engine works out per text on first use, kept for the texts used most recently: a
/// large library starts without resolving names or relating sections of texts nobody has asked
/// about, and a long-running server does not keep them for every text it ever touched.
#[derive(Debug)]
pub(crate) struct Aids {
    resolvers: PerText<Resolver>,
    /// Related sections, by text and section number.
    related: PerText<Vec<u32>, (usize, u32)>,
}

impl Default for Aids {
    fn default() -> Aids {
        Aids {
            resolvers: PerText::default(),
            related: PerText::new(RELATED_KEPT),
        }
    }
}

/// How many sections keep their related sections (a few numbers each).
const RELATED_KEPT: usize = 16_384;

/// A text of the engine's library, with what answering about it needs. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Book<'a> {
    engine: &'a Engine,
    position: usize,
}

impl<'a> Book<'a> {
    pub(crate) fn new(engine: &'a Engine, position: usize) -> Book<'a> {
        Book { engine, position }
    }

    /// The text.
    pub fn text(&self) -> &'a Text {
        &self.engine.library().texts[self.position]
    }

    /// The text's position in the library (and in the index's filters).
    pub fn position(&self) -> usize {
        self.position
    }

    /// The whole library.
    pub fn library(&self) -> &'a Library {
        self.engine.library()
    }

    /// The engine this book belongs to.
    pub fn engine(&self) -> &'a Engine {
        self.engine
    }

    /// The search index (shared by every text).
    pub fn index(&self) -> &'a SearchIndex {
        self.engine.index()
    }

    /// Every command, as registered.
    pub fn commands(&self) -> &'a [CommandSpec] {
        self.engine.commands()
    }

    /// Finds this text's sections, actors and themes by name.
    pub fn resolver(&self) -> Kept<Resolver> {
        self.aids()
            .resolvers
            .get_or_init(self.position, || Resolver::new(self.text()))
    }

    /// Sections related to this one, most related first.
    pub fn related(&self, section: u32) -> Vec<u32> {
        let Some(found) = self.text().section(section) else {
            return Vec::new();
        };
        let related = self.aids().related.get_or_init((self.position, section), || {
            related::of(self.index(), self.position, found).unwrap_or_else(|e| {
                tracing::warn!(text = %self.text().id, section, error = %e, "related sections unavailable");
                Vec::new()
            })
        });
        related.to_vec()
    }

    /// Parses user words as a query against this text.
    pub fn parse(&self, input: &str) -> UserQuery {
        self.index().parse(self.position, input)
    }

    /// A search restricted to this text.
    pub fn filter(&self) -> Filter {
        Filter::text(self.position)
    }

    /// How a section is cited: `§13 The Economics…` in the library's default text, `Federalist §10 …`
    /// in any other, so that a passage pasted elsewhere still says where it comes from (and the
    /// default text's citations read as they always have).
    pub fn cite(&self, section: &Section) -> String {
        match self.label() {
            Some(label) => format!("{label} {}", section.citation()),
            None => section.citation(),
        }
    }

    /// How a section is cited beside sections of other texts: always with its text's short name
    /// (`US–Iran Talks §13 The Economics…`), the default text's too.
    pub fn cite_named(&self, section: &Section) -> String {
        format!("{} {}", self.text().short, section.citation())
    }

    /// `§13`, or `Federalist §10` when several texts are loaded.
    pub fn cite_number(&self, number: u32) -> String {
        match self.label() {
            Some(label) => format!("{label} §{number}"),
            None => format!("§{number}"),
        }
    }

    /// The text's short name when citations must name their text: it is not the default one.
    pub fn label(&self) -> Option<&'a str> {
        self.tag().map(|_| self.text().short.as_str())
    }

    /// The text's id for button ids: `None` for the library's default text, so that buttons of a
    /// one-text library (and every button made before libraries) stay as they were.
    pub fn tag(&self) -> Option<&'a str> {
        (self.position != self.library().default).then(|| self.text().id.as_str())
    }

    fn aids(&self) -> &'a Aids {
        self.engine.aids()
    }
}
