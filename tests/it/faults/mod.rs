//! Faults the state suites inject: a full disk for SQLite, and the log lines a run wrote.

pub mod full_disk;
pub mod logs;
