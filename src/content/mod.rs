//! Curated texts: the model, the on-disk format, loading, checking and importing raw text.

pub mod check;
pub mod files;
pub mod fold;
pub mod import;
pub mod load;
pub mod markdown;
pub mod model;
pub mod problem;

pub use check::{Problem, Severity};
pub use load::{ContentError, load_library};
pub use model::{Actor, Block, Library, Part, Prompt, PromptId, Section, Text, Theme};
