//! Curated texts: the model, the on-disk format, loading, checking and importing raw text.

pub mod check;
pub mod files;
pub mod fold;
mod folders;
pub mod import;
pub mod library;
pub mod load;
pub mod markdown;
pub mod model;
pub mod problem;
pub mod regular;
pub mod scan;
pub mod tree;

pub use check::{Problem, Severity};
pub use library::{ContentError, load_library, load_library_with};
pub use model::{Actor, Block, Library, Part, Prompt, PromptId, Section, Text, Theme};
pub use tree::{Bundle, Tree};
