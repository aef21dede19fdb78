//! The content model: texts, parts, sections, blocks, actors, themes and prompts as the rest of Seminar sees them.

use std::fmt;

/// Every text Seminar serves, in load order (never empty).
#[derive(Debug, Clone)]
pub struct Library {
    pub texts: Vec<Text>,
    /// Position in `texts` of the text commands use when none is named.
    pub default: usize,
}

impl Library {
    /// The text commands use when none is named.
    pub fn default_text(&self) -> &Text {
        &self.texts[self.default]
    }

    /// The position of the text with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.texts.iter().position(|t| t.id == id)
    }
}

/// One curated text: its metadata and its numbered sections.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub id: String,
    pub title: String,
    /// The name citations use when several texts are loaded; the title when not curated.
    pub short: String,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub parts: Vec<Part>,
    pub sections: Vec<Section>,
    pub actors: Vec<Actor>,
    pub themes: Vec<Theme>,
}

impl Text {
    /// The section with this number, if there is one.
    pub fn section(&self, number: u32) -> Option<&Section> {
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        self.sections.get(index).filter(|s| s.number == number)
    }

    /// The part a section belongs to.
    pub fn part_of(&self, number: u32) -> Option<&Part> {
        self.parts.iter().find(|p| p.contains(number))
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// Every prompt of the text, in section order.
    pub fn prompts(&self) -> impl Iterator<Item = &Prompt> {
        self.sections.iter().flat_map(|s| s.prompts.iter())
    }

    /// The prompt with this id.
    pub fn prompt(&self, id: PromptId) -> Option<&Prompt> {
        self.section(id.section)?
            .prompts
            .get(usize::try_from(id.ordinal).ok()?.checked_sub(1)?)
    }

    /// The highest section number (sections are numbered 1..=len).
    pub fn last_section(&self) -> u32 {
        self.sections.last().map_or(0, |s| s.number)
    }
}

/// A run of consecutive sections with a title of its own.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Part {
    pub number: u32,
    pub title: String,
    pub first: u32,
    pub last: u32,
}

impl Part {
    /// Whether the section with this number lies in the part.
    pub fn contains(&self, section: u32) -> bool {
        (self.first..=self.last).contains(&section)
    }

    /// The part's number as a Roman numeral, as the outline shows it.
    pub fn roman(&self) -> String {
        roman(self.number)
    }
}

/// One numbered section of a text.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub number: u32,
    pub title: String,
    /// Who wrote the section, when the text names an author per section.
    pub author: Option<String>,
    /// A neutral sentence or two on what the section says, written by the curator.
    pub summary: String,
    /// Words and phrases a reader might use for what the section discusses, beyond its own words.
    pub keywords: Vec<String>,
    /// Ids of the actors the section is about.
    pub actors: Vec<String>,
    /// Ids of the themes the section belongs to.
    pub themes: Vec<String>,
    /// Curated related sections; empty means "let the index decide".
    pub related: Vec<u32>,
    pub blocks: Vec<Block>,
    pub prompts: Vec<Prompt>,
}

impl Section {
    /// How the section is cited: `§13 The Economics Beneath the Diplomacy`.
    pub fn citation(&self) -> String {
        format!("§{} {}", self.number, self.title)
    }

    /// The section's text as Markdown.
    pub fn markdown(&self) -> String {
        crate::content::markdown::render(&self.blocks)
    }

    /// The section's text without Markdown list markers, for matching.
    pub fn plain_text(&self) -> String {
        self.blocks
            .iter()
            .map(Block::plain_text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A paragraph or a bullet list inside a section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

impl Block {
    /// The block's words without list markers.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph(text) => text.clone(),
            Block::List(items) => items.join("\n"),
        }
    }

    /// The block as Markdown.
    pub fn markdown(&self) -> String {
        match self {
            Block::Paragraph(text) => text.clone(),
            Block::List(items) => items
                .iter()
                .map(|item| format!("- {item}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// A person, state or group the text discusses.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// Other names readers use: places, adjectives, abbreviations.
    pub aliases: Vec<String>,
    /// One neutral line on who the actor is.
    pub description: String,
}

impl Actor {
    /// The name followed by every alias.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A strand of argument that runs through several sections.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Theme {
    pub id: String,
    pub name: String,
    pub description: String,
    pub keywords: Vec<String>,
}

/// Identifies a prompt: its section and its 1-based position there. Shown as `13.2`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct PromptId {
    pub section: u32,
    pub ordinal: u32,
}

/// Ordinals from here on name prompts a server approved (`/suggest`), not the text's own.
pub const SERVER_PROMPT_BASE: u32 = 1_000_000;

impl PromptId {
    /// The id of the prompt a server approved from suggestion `suggestion`, about `section`.
    pub fn server(section: u32, suggestion: u32) -> PromptId {
        PromptId {
            section,
            ordinal: SERVER_PROMPT_BASE.saturating_add(suggestion),
        }
    }

    /// Whether this prompt is a server's own rather than the text's.
    pub fn is_server(self) -> bool {
        self.ordinal >= SERVER_PROMPT_BASE
    }
}

impl fmt::Display for PromptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.section, self.ordinal)
    }
}

impl std::str::FromStr for PromptId {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (section, ordinal) = s.split_once('.').ok_or(())?;
        Ok(PromptId {
            section: section.parse().map_err(|_| ())?,
            ordinal: ordinal.parse().map_err(|_| ())?,
        })
    }
}

/// A discussion prompt for a study group, grown from one section.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Prompt {
    pub id: PromptId,
    pub text: String,
    pub actors: Vec<String>,
    pub themes: Vec<String>,
    /// Words from the section the prompt grows from; the passage holding them is shown with it.
    pub quote: Option<String>,
    /// True when the prompt is one of the text's own questions, quoted.
    pub from_text: bool,
}

/// Writes a number as a Roman numeral (1..=3999; others as digits).
pub fn roman(mut n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digit) in DIGITS {
        while n >= value {
            out.push_str(digit);
            n -= value;
        }
    }
    out
}
