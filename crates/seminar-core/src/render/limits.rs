//! Discord's size limits, in one place for the renderer and the tests.

/// Components in one message, nested ones included (Components V2).
pub const COMPONENTS: usize = 40;
/// Characters across every Text Display of one message (Components V2).
pub const TEXT_TOTAL: usize = 4000;
/// Text Displays in one Section, beside its accessory.
pub const SECTION_TEXTS: usize = 3;
/// A reply's title, drawn as a heading.
pub const TITLE: usize = 256;
/// The spoiler guard's note.
pub const NOTE: usize = 1000;
/// An entry's heading.
pub const ENTRY_HEADING: usize = 256;
/// An entry's text.
pub const ENTRY_TEXT: usize = 1024;
/// A reply's footer line.
pub const FOOTER: usize = 300;
/// Action rows per message.
pub const ACTION_ROWS: usize = 5;
/// Buttons per action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// Button label.
pub const BUTTON_LABEL: usize = 80;
/// Button, select, text input and modal `custom_id`.
pub const CUSTOM_ID: usize = 100;
/// Autocomplete choices, and the options of a select.
pub const CHOICES: usize = 25;
/// Choice name and string value; a select option's label and value.
pub const CHOICE_NAME: usize = 100;
/// Command and option names.
pub const COMMAND_NAME: usize = 32;
/// Command and option descriptions.
pub const COMMAND_DESCRIPTION: usize = 100;
/// Thread name.
pub const THREAD_NAME: usize = 100;
/// Message `nonce` (as a string).
pub const NONCE: usize = 25;
/// A modal's title, and a Label's label.
pub const MODAL_TITLE: usize = 45;
/// A Label's description, and a text input's placeholder.
pub const LABEL_DESCRIPTION: usize = 100;
