//! Frontends: the ways people reach the engine: the command line and console, and the Discord bot.

pub mod answer;
pub mod ask;
pub mod bot_cmd;
pub mod cli;
pub mod console;
pub mod content_cmd;
pub mod discord;
pub mod errors;
pub mod gateway;
pub mod http;
pub mod recent;
pub mod serve_cmd;
