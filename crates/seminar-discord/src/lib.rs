//! Seminar on Discord, for every frontend: the token, reading interactions, the REST client,
//! registration, answering an interaction (the responder), study groups and the plan scheduler.
//!
//! Layout:
//! - [`interaction`]: what Discord sent, read into the engine's terms;
//! - [`respond`]: routing an interaction, the deferral policy and delivery of the answer;
//! - [`rest`]: the REST client, bounded by timeouts, with tokens cut out of every error;
//! - [`register`]: the command registration, sent once;
//! - [`community`]: study groups (discussions, plans, progress, suggestions, settings) and the
//!   scheduler that posts plans;
//! - [`api`]: which Discord API host to talk to;
//! - [`shards`] and [`in_flight`]: what the gateway bot and the HTTP endpoint share.

pub mod api;
pub mod community;
pub mod in_flight;
pub mod interaction;
pub mod register;
pub mod respond;
pub mod rest;
pub mod shards;
pub mod token;
