//! Faults the state suites inject: a full disk for SQLite, and the log lines a run wrote.
#![allow(dead_code)] // each suite uses part of it

pub mod full_disk;
pub mod logs;
