//! Study groups: the stateful commands (discussions, reading plans, progress, suggested prompts,
//! server settings) and the scheduler that posts plans, over the store and Discord's REST API.

pub mod schedule;
