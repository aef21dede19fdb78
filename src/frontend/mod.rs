//! Frontends: the ways people reach the engine. For now the command line and the console.

pub mod ask;
pub mod cli;
pub mod console;
pub mod content_cmd;
pub mod errors;
pub mod recent;
