//! Discord's size limits, in one place for the renderer and the tests.

/// Message `content`.
pub const CONTENT: usize = 2000;
/// Embed title.
pub const EMBED_TITLE: usize = 256;
/// Embed description.
pub const EMBED_DESCRIPTION: usize = 4096;
/// Fields per embed.
pub const EMBED_FIELDS: usize = 25;
/// Field name.
pub const FIELD_NAME: usize = 256;
/// Field value.
pub const FIELD_VALUE: usize = 1024;
/// Embed footer text.
pub const FOOTER: usize = 2048;
/// All text of all embeds of one message together.
pub const EMBEDS_TOTAL: usize = 6000;
/// Action rows per message.
pub const ACTION_ROWS: usize = 5;
/// Buttons per action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// Button label.
pub const BUTTON_LABEL: usize = 80;
/// Button `custom_id`.
pub const CUSTOM_ID: usize = 100;
/// Autocomplete choices.
pub const CHOICES: usize = 25;
/// Choice name and string value.
pub const CHOICE_NAME: usize = 100;
/// Command and option names.
pub const COMMAND_NAME: usize = 32;
/// Command and option descriptions.
pub const COMMAND_DESCRIPTION: usize = 100;
/// Thread name.
pub const THREAD_NAME: usize = 100;
/// Message `nonce` (as a string).
pub const NONCE: usize = 25;
