//! Seminar turns a long text into a discussion partner for a Discord community.
//!
//! The layers, each depending only on those before it:
//! - [`content`]: the curated texts (Markdown + TOML) and their model;
//! - [`index`]: a tantivy index of passages, with queries that never fail;
//! - [`engine`]: one pure function per command, from an invocation to a neutral reply;
//! - [`render`]: replies as Discord JSON or terminal text;
//! - [`store`]: state that outlives a process (SQLite), such as the prompts each server has seen;
//! - [`frontend`]: the CLI and console, and the Discord gateway bot.

pub mod community;
pub mod config;
pub mod content;
pub mod engine;
pub mod eval;
pub mod frontend;
pub mod index;
pub mod markup;
pub mod render;
pub mod store;
