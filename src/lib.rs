//! The `seminar` program: the command line, the console, the gateway bot (`seminar run`), the
//! HTTP interactions endpoint (`seminar serve`) and their settings, over the workspace's crates:
//! - `seminar-core`: content, index, engine and renderers;
//! - `seminar-store`: the database;
//! - `seminar-discord`: the REST client, the responder, study groups and the scheduler.
//!
//! Layout of this crate:
//! - [`cli`]: the subcommands, wired to the modules below;
//! - [`ask`], [`console`], [`recent`]: answering in the terminal;
//! - [`content_cmd`]: `check`, `import` and `eval`;
//! - [`bot_cmd`] and [`gateway`]: the gateway bot; [`serve_cmd`] and [`http`]: the HTTP endpoint;
//! - [`forget_cmd`]: `seminar forget`, erasing a member's or a server's data;
//! - [`bundled`]: the texts compiled into the binary;
//! - [`startup`] and [`signals`]: what both long-running frontends share;
//! - [`config`] and [`logging`]: settings from TOML and the environment, and log output.

pub mod ask;
pub mod bot_cmd;
pub mod bundled;
pub mod cli;
pub mod config;
pub mod console;
pub mod content_cmd;
pub mod forget_cmd;
pub mod gateway;
pub mod http;
pub mod logging;
pub mod recent;
pub mod serve_cmd;
pub mod signals;
pub mod startup;
