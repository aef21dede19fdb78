//! Frontends: the ways people reach the engine (command line and console for now).

pub mod cli;
