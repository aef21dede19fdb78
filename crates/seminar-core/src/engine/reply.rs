//! The neutral reply every command produces: Markdown text, titled entries and buttons, with no
//! knowledge of Discord or terminals.

use crate::content::model::PromptId;

/// What a command answers. Renderers decide how it looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    /// Shown only to the person who asked (Discord: ephemeral).
    pub private: bool,
    /// A heading, e.g. `§13 The Economics Beneath the Diplomacy`.
    pub title: Option<String>,
    /// The main text, in Markdown.
    pub body: String,
    /// A note set apart from the body: what the spoiler guard held back.
    pub note: Option<String>,
    /// Titled pieces below the body: passages with their citations, related sections, prompts.
    pub entries: Vec<Entry>,
    /// A quiet line at the end: part, page, source.
    pub footer: Option<String>,
    /// Rows of buttons; each row holds at most five.
    pub buttons: Vec<Vec<Button>>,
    /// The prompt this reply shows, so that the caller can avoid repeating it.
    pub prompt: Option<PromptId>,
}

/// A titled piece of a reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// e.g. the citation `§13 The Economics Beneath the Diplomacy`.
    pub heading: String,
    /// Markdown.
    pub text: String,
    /// The button that belongs beside this entry ("Read §N" next to a search result).
    pub button: Option<Button>,
}

impl Entry {
    /// An entry with no button of its own.
    pub fn new(heading: impl Into<String>, text: impl Into<String>) -> Self {
        Entry {
            heading: heading.into(),
            text: text.into(),
            button: None,
        }
    }

    /// The same entry, with `button` beside it.
    pub fn with_button(mut self, button: Button) -> Self {
        self.button = Some(button);
        self
    }
}

/// A button whose press comes back to the engine as its `custom_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub label: String,
    pub custom_id: String,
    pub style: ButtonStyle,
    pub disabled: bool,
}

/// How prominent a button is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ButtonStyle {
    Primary,
    Secondary,
}

impl Button {
    /// An enabled secondary button.
    pub fn new(label: impl Into<String>, custom_id: impl Into<String>) -> Self {
        Button {
            label: label.into(),
            custom_id: custom_id.into(),
            style: ButtonStyle::Secondary,
            disabled: false,
        }
    }

    /// The same button, styled as the main action.
    pub fn primary(mut self) -> Self {
        self.style = ButtonStyle::Primary;
        self
    }

    /// The same button, greyed out.
    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

impl Reply {
    /// A private reply telling the user what went wrong and what to do instead.
    pub fn user_error(message: impl Into<String>) -> Self {
        Reply {
            private: true,
            body: message.into(),
            ..Reply::default()
        }
    }

    /// The short private apology shown for an internal failure; the detail goes to the logs under `error_id`.
    pub fn apology(error_id: &str) -> Self {
        Reply::user_error(format!(
            "Sorry, something went wrong on our side. If it keeps happening, tell the server's moderators (error id `{error_id}`)."
        ))
    }

    /// Every button: the rows first, row by row, then the entries' own buttons in order (so a
    /// row button keeps its number in the console whether or not entries carry buttons).
    pub fn all_buttons(&self) -> impl Iterator<Item = &Button> {
        self.buttons
            .iter()
            .flatten()
            .chain(self.entries.iter().filter_map(|e| e.button.as_ref()))
    }
}

/// One autocomplete suggestion: what the user sees and what the option receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: ChoiceValue,
}

/// The value an autocomplete choice fills in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChoiceValue {
    String(String),
    Integer(i64),
}
