//! Seminar's core: the curated texts, their search index, the engine that answers a command with
//! a neutral reply, and the renderers that turn a reply into Discord JSON or terminal text. Pure
//! and synchronous: no async runtime, no Discord client, no database.
//!
//! The layers, each depending only on those before it:
//! - [`content`]: the curated texts (Markdown + TOML), their model, checking and importing;
//! - [`index`]: a tantivy index of passages, with queries that never fail;
//! - [`engine`]: one plain function per command, from an invocation to a neutral reply;
//! - [`render`] (with [`markup`]): replies as Discord JSON or terminal text;
//! - [`answer`] and [`errors`]: one answer for any frontend, internal failures logged with an id;
//! - [`eval`]: answer quality on judged queries.

pub mod answer;
pub mod content;
pub mod engine;
pub mod errors;
pub mod eval;
pub mod index;
pub mod markup;
pub mod render;
